// The kiosk app: state in, screens out. Hardware lives in controllers (camera,
// scanner gun); money decisions in the core; this file only routes and renders.
import { CameraScanner, type CameraProblem } from '../sdk/camera';
import type { Core } from '../sdk/core';
import type { Sale, SaleOutcome, Terminal } from '../sdk/terminal';
import { listenForWedge } from '../sdk/wedge';
import { render, type Screen } from './screens';
import { t, type Locale } from './i18n';

export interface AppState {
  screen: Screen;
  locale: Locale;
  currency: string;
  amountText: string;
  /** a message on the current screen: an i18n key or a core/acquirer code */
  notice?: string;
  sale?: Sale;
  outcome?: SaleOutcome;
}

const KEYPAD = new Set(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.']);

export class App {
  private state: AppState;
  private readonly camera: CameraScanner;

  constructor(
    private readonly root: HTMLElement,
    private readonly video: HTMLVideoElement,
    private readonly core: Core | undefined,
    private readonly terminal: Terminal | undefined,
  ) {
    const saved = localStorage.getItem('qrpos.locale');
    this.state = {
      screen: terminal ? 'amount' : 'setup',
      locale: saved === 'en' ? 'en' : 'zh-CN',
      currency: terminal?.config.currency ?? 'CNY',
      amountText: '',
    };
    this.camera = new CameraScanner(video, {
      onCode: (text) => this.onScanned(text),
      onProblem: (problem: CameraProblem) => this.update({ notice: `camera.${problem}` }),
    });
    root.addEventListener('click', (e) => this.onClick(e));
    root.addEventListener('submit', (e) => this.onSubmit(e));
    listenForWedge((text) => this.onScanned(text));
    document.addEventListener('visibilitychange', () => this.syncCamera());
    this.paint();
  }

  private update(patch: Partial<AppState>): void {
    this.state = { ...this.state, ...patch };
    this.paint();
  }

  private paint(): void {
    document.documentElement.lang = this.state.locale;
    document.title = t('app.title', this.state.locale);
    render(this.root, this.state, this.core);
    this.syncCamera();
  }

  /** The camera runs only while the scan screen is visible. */
  private syncCamera(): void {
    const wanted = this.state.screen === 'scan' && !document.hidden;
    this.video.hidden = !wanted;
    if (wanted) void this.camera.start();
    else this.camera.stop();
  }

  /** The amount in minor units, or the core's error code for what was typed. */
  private amount(): { minor: number } | { error: string } {
    if (!this.core || !this.terminal) return { error: 'invalid_amount' };
    try {
      return { minor: this.core.parseAmount(this.state.amountText, this.terminal.config.currency) };
    } catch (e) {
      return { error: (e as { code?: string }).code ?? 'invalid_amount' };
    }
  }

  private onClick(e: Event): void {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-action]');
    if (!target) return;
    const action = target.dataset.action!;
    const s = this.state;
    if (action === 'lang') {
      const locale: Locale = s.locale === 'zh-CN' ? 'en' : 'zh-CN';
      localStorage.setItem('qrpos.locale', locale);
      this.update({ locale });
    } else if (action === 'key' && s.screen === 'amount') {
      const key = target.dataset.key!;
      if (KEYPAD.has(key) && s.amountText.length < 12)
        this.update({ amountText: s.amountText + key, notice: undefined });
    } else if (action === 'delete') {
      this.update({ amountText: s.amountText.slice(0, -1), notice: undefined });
    } else if (action === 'clear') {
      this.update({ amountText: '', notice: undefined });
    } else if (action === 'collect') {
      this.collect();
    } else if (action === 'cancel' || action === 'new-sale') {
      this.update({
        screen: 'amount',
        amountText: '',
        notice: undefined,
        sale: undefined,
        outcome: undefined,
      });
    } else if (action === 'scan-again') {
      this.update({ screen: 'scan', notice: undefined, sale: undefined, outcome: undefined });
    } else if (action === 'check-again' && s.sale) {
      void this.submit(s.sale);
    }
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const input = (e.target as HTMLElement).querySelector<HTMLInputElement>('input[name=code]');
    if (input?.value) this.onScanned(input.value);
  }

  private collect(): void {
    const amount = this.amount();
    if ('error' in amount) this.update({ notice: `error.${amount.error}` });
    else this.update({ screen: 'scan', notice: undefined });
  }

  /** Camera, scanner gun and typed codes all arrive here. */
  private onScanned(text: string): void {
    const s = this.state;
    if (!this.core || !this.terminal) return;
    if (s.screen !== 'scan' && s.screen !== 'amount') return; // a sale is under way or shown
    const amount = this.amount();
    if ('error' in amount) {
      this.update({ notice: 'scan.enter_amount_first' });
      return;
    }
    const scan = this.core.classifyScan(text);
    if (!scan.code) {
      this.update({ screen: 'scan', notice: scan.messageKey });
      return;
    }
    void this.submit(this.terminal.newSale(amount.minor, scan.code));
  }

  private async submit(sale: Sale): Promise<void> {
    this.update({ screen: 'processing', sale, notice: undefined, outcome: undefined });
    const outcome = await this.terminal!.submit(sale);
    const screen: Screen =
      outcome.kind === 'paid' ? 'paid' : outcome.kind === 'declined' ? 'declined' : 'unknown';
    this.update({ screen, outcome });
  }
}
