// <qrpos-terminal>: the whole terminal as one custom element, for the kiosk page and
// for merchant portals. It only wires: configuration from attributes (or the
// deployment's qrpos-config.json), the core, storage, and the App inside its shadow
// root; the App renders and the core decides.
import { loadCore, type Core } from '../sdk/core';
import { QrposError } from '../sdk/errors';
import { Terminal, type AcquirerConfig } from '../sdk/terminal';
import type {
  LookupResult,
  PaidDetail,
  PayOptions,
  QrposTerminalEventMap,
  RefundOptions,
  RefundedDetail,
  Diagnostics,
  TerminalMode,
} from './api';
import { App } from './app';
import { savedLocale, type Locale } from './i18n';
import { DEFAULT_IDLE_MS } from './kiosk-policy';
import css from './styles.css?inline';

let sheet: CSSStyleSheet | undefined;

async function configFrom(el: HTMLElement): Promise<AcquirerConfig> {
  const key = el.getAttribute('acquirer-key');
  if (key)
    return {
      acquirerUrl: el.getAttribute('acquirer-url') ?? '',
      acquirerPublicKey: key,
      demo: el.hasAttribute('demo'),
    };
  const url = el.getAttribute('config-url') ?? './qrpos-config.json';
  const res = await fetch(url, { cache: 'no-store' });
  if (!res.ok) throw new QrposError('config', 'no_config', `${url}: HTTP ${res.status}`);
  const c = (await res.json()) as { acquirer_url: string; acquirer_public_key: string; demo?: boolean };
  return {
    acquirerUrl: el.getAttribute('acquirer-url') ?? c.acquirer_url,
    acquirerPublicKey: c.acquirer_public_key,
    demo: c.demo,
  };
}

export class QrposTerminalElement extends HTMLElement {
  static observedAttributes = ['locale'];
  private app?: App;
  private booting?: Promise<App>;

  /**
   * Prices a scanned ticket/room/bill code when `lookup-source="host"`: resolve with
   * { amount (minor units), description, currency? , paid? }, or null for no such code.
   */
  lookup?: (code: string) => Promise<LookupResult | null>;

  /** Resolves when the terminal is activated and ready for pay(). */
  get ready(): Promise<void> {
    return (
      this.booting ??
      Promise.reject(new QrposError('config', 'not_connected', 'add the element to the page first'))
    ).then(() => undefined);
  }

  get mode(): TerminalMode {
    return this.getAttribute('mode') === 'embedded' ? 'embedded' : 'kiosk';
  }

  /** acquirer-url attribute ("" = this page's origin) */
  get acquirerUrl(): string {
    return this.getAttribute('acquirer-url') ?? '';
  }

  /** the currency the host charges in; pay() refuses a terminal activated for another */
  get currency(): string | undefined {
    return this.getAttribute('currency') ?? undefined;
  }

  /** kiosk: seconds untouched before it returns to the start screen (`idle-timeout`; 0 never) */
  get idleTimeoutMs(): number {
    if (this.mode !== 'kiosk') return 0;
    const seconds = Number(this.getAttribute('idle-timeout') ?? NaN);
    return Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : DEFAULT_IDLE_MS;
  }

  /** seconds between heartbeats to the acquirer (`heartbeat-interval`; sdk/heartbeat.ts's default when unset) */
  get heartbeatMs(): number | undefined {
    const seconds = Number(this.getAttribute('heartbeat-interval') ?? NaN);
    return Number.isFinite(seconds) && seconds > 0 ? seconds * 1000 : undefined;
  }

  get locale(): Locale {
    const attr = this.getAttribute('locale') ?? savedLocale();
    return attr === 'en' ? 'en' : 'zh-CN';
  }
  set locale(value: Locale) {
    this.setAttribute('locale', value);
  }

  connectedCallback(): void {
    if (this.booting) return;
    const shadow = this.shadowRoot ?? this.attachShadow({ mode: 'open' });
    // Constructable stylesheets: no inline <style>, so a strict CSP needs no 'unsafe-inline'.
    sheet ??= new CSSStyleSheet();
    sheet.replaceSync(css);
    shadow.adoptedStyleSheets = [sheet];
    const container = document.createElement('main');
    container.id = 'app';
    container.dataset.screen = 'loading';
    const video = document.createElement('video');
    video.className = 'preview';
    video.muted = video.playsInline = video.autoplay = true;
    video.hidden = true;
    shadow.replaceChildren(container, video);
    this.booting = this.boot(container, video);
    this.booting.catch(() => undefined);
  }

  disconnectedCallback(): void {
    this.app?.dispose();
    this.app = undefined;
    this.booting = undefined;
  }

  attributeChangedCallback(name: string): void {
    if (name === 'locale') this.app?.setLocale(this.locale);
  }

  private async boot(container: HTMLElement, video: HTMLVideoElement): Promise<App> {
    const core = await loadCore().catch((): Core | undefined => undefined);
    let config: AcquirerConfig = { acquirerUrl: '', acquirerPublicKey: '' };
    let terminal: Terminal | undefined;
    const hooks = {
      onShow: (s: Parameters<App['onShow']>[0]) => this.app?.onShow(s),
      onFailure: (e: QrposError) => this.app?.onFailure(e),
      onPrint: (s: Parameters<App['onPrint']>[0]) => this.app?.onPrint(s),
    };
    // An activated terminal needs no config to start (its profile has the acquirer):
    // a kiosk starting offline gets here with none, and must not blame its storage.
    let configError: QrposError | undefined;
    try {
      config = await configFrom(this);
    } catch (e) {
      configError = e instanceof QrposError ? e : new QrposError('config', 'no_config', String(e));
    }
    try {
      if (core) terminal = await Terminal.open(core, hooks, this.getAttribute('db-name') ?? undefined);
    } catch {
      terminal = undefined;
    }
    const emit = (type: string, detail: unknown) =>
      this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
    this.app = new App(container, video, core, terminal, {
      mode: this.mode,
      locale: this.locale,
      config,
      emit,
      currency: this.currency,
      idleMs: this.idleTimeoutMs,
      heartbeatMs: this.heartbeatMs,
      // Read at boot: set these attributes before adding the element to the page.
      scenarios: {
        memberPattern: this.getAttribute('member-pattern') ?? undefined,
        lookupPatterns: this.getAttribute('lookup-pattern') ?? undefined,
        lookupSource: this.getAttribute('lookup-source') ?? undefined,
      },
      hostLookup: () => this.lookup,
    });
    await this.app.start();
    // The element shows what is wrong either way; `ready` tells the host page too.
    if (!core) throw new QrposError('core', 'core_failed', 'the payment core did not load');
    if (!terminal)
      throw new QrposError('storage', 'storage_unavailable', 'this browser denies the terminal storage');
    if (!terminal.profile && configError) throw configError;
    this.toggleAttribute('ready', true);
    return this.app;
  }

  /** Takes a payment of `amount` minor units; resolves when paid, rejects (QrposError) when not. */
  async pay(options: PayOptions): Promise<PaidDetail> {
    return (await this.booting!).pay(options);
  }

  /** @internal the kiosk page's updater: stops sales for a reload when between payments (App.holdForUpdate) */
  async holdForUpdate(): Promise<boolean> {
    return (await this.app?.holdForUpdate()) ?? false;
  }

  /** @internal the update did not happen: take sales again */
  releaseHold(): void {
    this.app?.releaseHold();
  }

  /** @internal the kiosk page was just updated to `version`: a small note on the start screen */
  showUpdated(version: string): void {
    this.app?.showUpdated(version);
  }

  /** Memory, camera and session counters, for health checks (undefined before boot). */
  diagnostics(): Diagnostics | undefined {
    return this.app?.diagnostics();
  }

  /** Refunds (part of) a payment this terminal took. */
  async refund(options: RefundOptions): Promise<RefundedDetail> {
    return (await this.booting!).refund(options);
  }

  addEventListener<K extends keyof QrposTerminalEventMap>(
    type: K,
    listener: (this: QrposTerminalElement, ev: QrposTerminalEventMap[K]) => unknown,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void;
  addEventListener(
    type: string,
    listener: EventListenerOrEventListenerObject,
    options?: boolean | AddEventListenerOptions,
  ): void {
    super.addEventListener(type, listener, options);
  }
}

if (!customElements.get('qrpos-terminal')) customElements.define('qrpos-terminal', QrposTerminalElement);

declare global {
  interface HTMLElementTagNameMap {
    'qrpos-terminal': QrposTerminalElement;
  }
}
