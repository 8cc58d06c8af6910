// The terminal app: routes input (keypad, camera, scanner gun, host calls) to the
// terminal, and renders AppState. Money decisions are the core's (through the
// runner); hardware lives in controllers; this file only routes and renders.
import { beep } from '../sdk/beep';
import { CameraScanner, type CameraProblem } from '../sdk/camera';
import type { Core } from '../sdk/core';
import { QrposError } from '../sdk/errors';
import type { Heartbeat, HeartbeatSnapshot } from '../sdk/heartbeat';
import { AcquirerWatch } from '../sdk/reachability';
import type { SessionRun } from '../sdk/runner';
import { failureText, type SessionState } from '../sdk/session-state';
import type { AcquirerConfig, Terminal } from '../sdk/terminal';
import { APP_VERSION } from '../sdk/version';
import { DEFAULT_WEDGE, listenForWedge } from '../sdk/wedge';
import type {
  FailedDetail,
  PaidDetail,
  PayOptions,
  RefundOptions,
  RefundedDetail,
  Diagnostics,
  TerminalMode,
} from './api';
import { cameraHealth, errorCode, printerHealth } from './health';
import { saveLocale, t, tAny, type Locale } from './i18n';
import { betweenPayments, idleResets } from './kiosk-policy';
import { recoveryFor } from './recovery';
import { BackOffice } from './back-office';
import { PrintController, type PrintOutcome } from './printing';
import { render, screenName } from './screens';
import { Scenarios, paidExtras, type HostLookup } from './scenarios/controller';
import type { ScenarioOverrides } from './scenarios/settings';
import { switchToCode } from './scenarios/self-service';
import type { AppState } from './state';

const KEYPAD = new Set(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '.']);
const SCAN_WINDOW_MS = 60_000; // a customer finds the code in well under a minute; "more time" extends
const DEMO_PIN = '123456';

export interface AppOptions {
  mode: TerminalMode;
  locale: Locale;
  config: AcquirerConfig;
  /** the host's currency (the element's `currency` attribute): pay() refuses any other */
  currency?: string;
  /** the element dispatches these as composed CustomEvents */
  emit(type: string, detail: unknown): void;
  /** kiosk: back to the start screen after this long untouched (kiosk-policy.ts); 0 never */
  idleMs?: number;
  /** between heartbeats to the acquirer (sdk/heartbeat.ts); its default when unset */
  heartbeatMs?: number;
  /** member/lookup patterns set by the page (element attributes), over the saved ones */
  scenarios?: ScenarioOverrides;
  /** the element's `lookup` property, read when a code is looked up */
  hostLookup?: () => HostLookup | undefined;
}

interface HostCall {
  resolve(detail: PaidDetail | RefundedDetail): void;
  reject(error: QrposError): void;
}

export class App {
  private s: AppState;
  private readonly camera: CameraScanner;
  private run?: SessionRun;
  private host?: HostCall;
  private readonly qrCache = new Map<string, SVGSVGElement>();
  private readonly stopWedge: () => void;
  private readonly ticker: ReturnType<typeof setInterval>;
  private cameraFailed = false;
  private readonly printing?: PrintController;
  private readonly acquirer: AcquirerWatch;
  private lastInput = Date.now();
  // What the heartbeat reports (ui/health.ts).
  private heartbeat?: Heartbeat;
  private cameraProblem?: CameraProblem;
  private printProblem?: string;
  private lastError = '';
  private readonly scenarios?: Scenarios;
  private readonly backOffice?: BackOffice;
  /** self-service: the order being closed because the customer showed a code instead */
  private switching?: SessionRun;

  constructor(
    private readonly root: HTMLElement,
    private readonly video: HTMLVideoElement,
    private readonly core: Core | undefined,
    private readonly terminal: Terminal | undefined,
    private readonly options: AppOptions,
  ) {
    this.s = {
      view: 'loading',
      mode: options.mode,
      locale: options.locale,
      currency: terminal?.profile?.currency ?? 'CNY',
      amountText: '',
      profile: terminal?.profile,
      demo: options.config.demo,
    };
    if (terminal) {
      const area = document.createElement('div');
      area.className = 'print-area';
      root.after(area);
      this.printing = new PrintController(terminal, area);
    }
    this.camera = new CameraScanner(video, {
      onCode: (text) => this.onScanned(text, 'camera'),
      onProblem: (problem: CameraProblem) => {
        // Not retried on every paint: the cashier retries, or the next scan screen does.
        this.cameraFailed = true;
        this.cameraProblem = problem;
        this.update({ notice: `camera.${problem}` });
      },
    });
    root.addEventListener('click', (e) => this.onClick(e));
    root.addEventListener('submit', (e) => this.onSubmit(e));
    root.addEventListener('change', (e) => this.onChange(e));
    this.stopWedge = listenForWedge((text) => this.onScanned(text, 'gun'), {
      ...DEFAULT_WEDGE,
      // Guns set up without an Enter suffix: a whole payment, member or lookup code is a scan on its own.
      isComplete: (text) => Boolean((this.scenarios?.classify(text) ?? this.core?.classifyScan(text))?.code),
    });
    document.addEventListener('visibilitychange', this.syncCamera);
    navigator.mediaDevices?.addEventListener('devicechange', this.cameraReturned);
    // Any touch, key or scan anywhere on the page counts as someone being there.
    for (const type of ['pointerdown', 'keydown']) document.addEventListener(type, this.touched, true);
    this.acquirer = new AcquirerWatch(
      () => this.terminal?.profile?.acquirerUrl ?? options.config.acquirerUrl,
      (reachable) => this.onReachable(reachable),
    );
    this.ticker = setInterval(() => this.tick(), 1000);
    if (core && terminal)
      this.backOffice = new BackOffice({
        state: () => this.s,
        update: (patch) => this.update(patch),
        core,
        terminal,
        root,
        printing: this.printing,
        startSession: (start) => this.startSession(start),
        printed: (outcome) => this.printed(outcome),
        listCameras: () => this.camera.listCameras(),
      });
    if (core && terminal)
      this.scenarios = new Scenarios(
        {
          state: () => this.s,
          update: (patch) => this.update(patch),
          core,
          terminal,
          printing: this.printing,
          emit: options.emit,
          hostLookup: () => options.hostLookup?.(),
          startSession: (start) => this.startSession(start),
          printed: (outcome) => this.printed(outcome),
          scanScreen: (patch) =>
            this.update({
              view: 'scan',
              notice: undefined,
              codeRead: false,
              scanDeadline: Date.now() + SCAN_WINDOW_MS,
              ...patch,
            }),
        },
        options.scenarios ?? {},
      );
  }

  /** A camera was plugged in (or back): a failed camera is tried again by itself. */
  private cameraReturned = (): void => {
    if (!this.cameraFailed) return;
    this.cameraFailed = false;
    this.cameraProblem = undefined;
    this.update({ notice: this.s.notice?.startsWith('camera.') ? undefined : this.s.notice });
  };

  private touched = (): void => {
    this.lastInput = Date.now();
  };

  /** Activation if needed, then resume unfinished sessions before taking new ones. */
  async start(): Promise<void> {
    if (!this.core || !this.terminal) {
      return this.update({
        view: 'error',
        notice: this.core ? 'error.storage_unavailable' : 'error.core_failed',
      });
    }
    this.acquirer.start();
    const cameraId = await this.terminal.preference<string>('camera');
    this.s.cameraId = cameraId;
    if (cameraId) void this.camera.selectCamera(cameraId);
    if (!this.terminal.profile) {
      // Not activated and no deployment config (offline at first start): nothing to activate with.
      if (!this.options.config.acquirerPublicKey)
        return this.update({ view: 'error', notice: 'error.no_config' });
      this.update({ view: 'activate' });
      if (this.options.config.demo) await this.activateDemo();
      return;
    }
    await this.ready();
  }

  dispose(): void {
    this.camera.stop();
    this.stopWedge();
    clearInterval(this.ticker);
    this.acquirer.stop();
    navigator.mediaDevices?.removeEventListener('devicechange', this.cameraReturned);
    document.removeEventListener('visibilitychange', this.syncCamera);
    for (const type of ['pointerdown', 'keydown']) document.removeEventListener(type, this.touched, true);
    this.terminal?.stop();
  }

  diagnostics(): Diagnostics {
    const stats = this.camera.stats;
    return {
      wasmBytes: this.core?.memoryBytes ?? 0,
      cameraFrames: stats.frames,
      cameraDecodeMs: stats.decodeMsTotal,
      decoderWasmBytes: stats.decoderBytes,
      openSessions: this.terminal?.running.length ?? 0,
      screen: screenName(this.s),
    };
  }

  setLocale(locale: Locale): void {
    this.update({ locale });
  }

  private async ready(): Promise<void> {
    const profile = this.terminal!.profile!;
    this.s.profile = profile;
    this.s.currency = profile.currency;
    const printer = await this.printing?.start();
    this.s.printer = printer;
    this.s.usbSupported = this.printing?.printer.supported;
    this.s.printSettings = this.printing?.settings;
    if (this.printing) {
      this.printing.printer.onChange = () => this.update({ printer: this.printing!.printer.info });
    }
    this.heartbeat = this.terminal!.startHeartbeat({
      snapshot: () => this.health(),
      // Kept only while off: the banner shows exactly as long as there is something to fix.
      onClock: (skewMs, off) => {
        if (off || this.s.clockSkewMs !== undefined) this.update({ clockSkewMs: off ? skewMs : undefined });
      },
      intervalMs: this.options.heartbeatMs,
    });
    await this.scenarios?.load().catch(() => undefined);
    const runs = await this.terminal!.resume();
    // A sale the page was in the middle of comes back on screen; refunds finish quietly.
    const current = runs.filter((r) => r.state?.kind !== 'refund').pop();
    if (current) return this.follow(current);
    this.home();
  }

  private home(patch: Partial<AppState> = {}): void {
    this.run = undefined;
    this.update({
      view: this.s.mode === 'kiosk' ? 'amount' : 'idle',
      amountText: '',
      notice: undefined,
      session: undefined,
      orderId: undefined,
      refund: undefined,
      codeRead: false,
      scanDeadline: undefined,
      print: undefined,
      member: undefined,
      lookup: undefined,
      selfService: undefined,
      ...patch,
    });
  }

  private update(patch: Partial<AppState>): void {
    this.lastError = errorCode(patch.notice) ?? this.lastError;
    const before = screenName(this.s);
    this.s = { ...this.s, ...patch };
    this.paint();
    const now = screenName(this.s);
    if (now !== before) {
      // A screen that appears by itself ("paid" after the customer confirmed) gets the
      // whole idle time before the idle reset, however long nobody touched the kiosk.
      this.lastInput = Date.now();
      this.options.emit('qrpos-state', { screen: now, outTradeNo: this.s.session?.out_trade_no });
    }
  }

  private paint(): void {
    // A repaint (a countdown, a camera list, a language switch) must not eat what the
    // cashier is typing: keep the text fields' values and focus across it.
    const key = (el: HTMLInputElement) => `${el.form?.dataset.form}:${el.name}`;
    const typed = new Map<string, string>();
    for (const el of this.root.querySelectorAll<HTMLInputElement>('form input[name]:not([type=password])'))
      typed.set(key(el), el.value);
    const focused = (this.root.getRootNode() as Document | ShadowRoot)
      .activeElement as HTMLInputElement | null;
    const focusKey = focused?.tagName === 'INPUT' ? key(focused) : undefined;
    render(this.root, this.s, this.core, this.video);
    for (const el of this.root.querySelectorAll<HTMLInputElement>('form input[name]')) {
      const value = typed.get(key(el));
      if (value !== undefined) el.value = value;
      if (key(el) === focusKey) el.focus();
    }
    this.tick();
    void this.drawQrCodes();
    this.syncCamera();
  }

  private syncCamera = (): void => {
    const selfService =
      this.s.selfService && this.s.view === 'session' && this.s.session?.screen === 'show_qr';
    const wanted =
      (this.s.view === 'scan' || (this.s.view === 'refund' && !this.s.refund) || selfService) &&
      !document.hidden;
    if (!wanted) this.cameraFailed = false;
    this.video.hidden = !wanted || this.cameraFailed;
    if (wanted && !this.cameraFailed) {
      void this.camera.start().then(() => this.refreshCameraTools());
    } else this.camera.stop();
  };

  private async refreshCameraTools(): Promise<void> {
    const cameras = await this.camera.listCameras().catch(() => []);
    const torch = { supported: this.camera.torchSupported, on: this.s.torch?.on ?? false };
    if (cameras.length !== (this.s.cameras?.length ?? 0) || torch.supported !== this.s.torch?.supported) {
      this.update({ cameras, torch });
    }
  }

  /** Countdowns update in place, so a half-typed code survives the tick. */
  private tick(): void {
    const now = Date.now();
    for (const el of this.root.querySelectorAll<HTMLElement>('[data-deadline]')) {
      const s = Math.max(0, Math.ceil((Number(el.dataset.deadline) - now) / 1000));
      el.textContent = t(el.dataset.key as 'scan.time_left', this.s.locale, { s });
    }
    if (this.s.view === 'scan' && this.s.scanDeadline && now > this.s.scanDeadline) {
      this.settleHost({ outcome: 'cancelled', reason: 'scan_timeout' });
      this.home();
    }
    this.idleCheck(now);
  }

  /** A kiosk left alone goes back to the start screen; a broken start tries again. */
  private idleCheck(now: number): void {
    const idleMs = this.options.idleMs ?? 0;
    if (idleMs <= 0 || now - this.lastInput < idleMs) return;
    this.lastInput = now;
    if (this.s.mode === 'kiosk' && this.s.view === 'error') {
      // The same way out as the error screen's button (recovery.ts).
      if (recoveryFor(this.s.notice, Boolean(this.s.profile)).action === 'reload') return location.reload();
      return this.home();
    }
    if (idleResets(this.s)) this.home();
  }

  private async drawQrCodes(): Promise<void> {
    const slots = [...this.root.querySelectorAll<HTMLElement>('[data-qr]')];
    // Only the codes on screen are kept: every sale's receipt code would pile up all day.
    const shown = new Set(slots.map((slot) => slot.dataset.qr));
    for (const text of this.qrCache.keys()) if (!shown.has(text)) this.qrCache.delete(text);
    for (const slot of slots) {
      const text = slot.dataset.qr!;
      let svg = this.qrCache.get(text);
      if (!svg) {
        const { renderQr } = await import('./qr-image');
        svg = await renderQr(text, slot.dataset.label ?? '');
        this.qrCache.set(text, svg);
      }
      if (slot.isConnected && !slot.firstChild) slot.append(svg.cloneNode(true));
    }
  }

  // ---- input -------------------------------------------------------------

  private onClick(e: Event): void {
    const target = (e.target as HTMLElement).closest<HTMLElement>('[data-action]');
    if (!target || target.tagName === 'SELECT') return;
    const action = target.dataset.action!;
    const s = this.s;
    switch (action) {
      case 'lang': {
        const locale: Locale = s.locale === 'zh-CN' ? 'en' : 'zh-CN';
        saveLocale(locale);
        return this.update({ locale });
      }
      case 'key':
        if (KEYPAD.has(target.dataset.key!) && s.amountText.length < 12)
          this.update({ amountText: s.amountText + target.dataset.key, notice: undefined });
        return;
      case 'delete':
        return this.update({ amountText: s.amountText.slice(0, -1), notice: undefined });
      case 'clear':
        return this.update({ amountText: '', notice: undefined });
      case 'collect':
        return this.collect('scan');
      case 'show-qr':
        return this.collect('qr');
      case 'more-time':
        return this.update({ scanDeadline: Date.now() + SCAN_WINDOW_MS });
      case 'cancel':
        this.settleHost({ outcome: 'cancelled', reason: 'cancelled_by_cashier' });
        return this.home();
      case 'cancel-session':
        void this.run?.cancel();
        return;
      case 'new-sale':
      case 'home':
        return this.home();
      case 'scan-again':
        return this.update({
          view: 'scan',
          session: undefined,
          notice: undefined,
          codeRead: false,
          scanDeadline: Date.now() + SCAN_WINDOW_MS,
        });
      case 'print':
        if (s.session) void this.printSession(s.session, s.print !== undefined);
        return;
      case 'pair-printer':
        // requestDevice needs this click's user activation: call it before any await.
        void this.printing?.printer
          .pair()
          .then((printer) => this.update({ printer, notice: undefined }))
          .catch((e: { problem?: string }) => this.update({ notice: `printer.${e.problem ?? 'failed'}` }));
        return;
      case 'forget-printer':
        void this.printing?.printer.forget().then(() => this.update({ printer: undefined }));
        return;
      case 'torch':
        void this.camera
          .setTorch(!s.torch?.on)
          .then((on) => this.update({ torch: { supported: true, on: on && !s.torch?.on } }));
        return;
      case 'camera-retry':
        this.camera.stop();
        this.cameraFailed = false;
        return this.update({ notice: undefined });
      case 'reload':
        return location.reload();
      case 'retry-acquirer':
        return this.acquirer.probeNow();
      default:
        if (!this.backOffice?.onClick(action, target)) this.scenarios?.onClick(action);
    }
  }

  private onChange(e: Event): void {
    const select = e.target as HTMLSelectElement;
    if (select.dataset.action === 'camera') {
      const id = select.value || undefined;
      void this.terminal?.setPreference('camera', id);
      void this.camera.selectCamera(id);
      this.s.cameraId = id;
    } else if (select.dataset.action?.startsWith('print-') && this.printing) {
      const key = select.dataset.action.slice('print-'.length);
      const value = select.value;
      const patch =
        key === 'dots'
          ? { dots: Number(value) as 384 | 576 }
          : key === 'mode'
            ? { textMode: value as 'gb18030' | 'raster' }
            : { [key === 'auto' ? 'autoPrint' : 'drawerKick']: value === 'on' };
      void this.printing.save(patch).then(() => this.update({ printSettings: this.printing!.settings }));
    } else if (select.dataset.action === 'locale') {
      saveLocale(select.value as Locale);
      this.update({ locale: select.value as Locale });
    }
  }

  private onSubmit(e: Event): void {
    e.preventDefault();
    const form = e.target as HTMLFormElement;
    const data = new FormData(form);
    const field = (name: string) => String(data.get(name) ?? '').trim();
    switch (form.dataset.form) {
      case 'code':
        if (field('code')) this.onScanned(field('code'), 'typed');
        // A member id typed in is taken: the field is for the payment code next.
        if (this.s.member === field('code')) form.reset();
        return;
      case 'activate':
        return void this.activate(field('code'), field('pin'), field('pin2'));
      default:
        if (!this.backOffice?.onSubmit(form.dataset.form ?? '', field))
          this.scenarios?.onSubmit(form.dataset.form ?? '', field);
    }
  }

  /** The amount in minor units, or the core's error code for what was typed. */
  private amount(): { minor: number } | { error: string } {
    try {
      return { minor: this.core!.parseAmount(this.s.amountText, this.s.currency) };
    } catch (e) {
      return { error: (e as QrposError).code ?? 'invalid_amount' };
    }
  }

  private collect(method: 'scan' | 'qr' | 'any'): void {
    // A sale that cannot be sent is not taken: the customer would wait for nothing.
    if (this.s.acquirer === 'unreachable') {
      this.settleHost({ outcome: 'error', reason: 'unreachable' });
      return this.update({ notice: 'offline.cannot_sell' });
    }
    const amount = this.amount();
    if ('error' in amount) return this.update({ notice: `error.${amount.error}` });
    if (method !== 'scan') {
      this.s.selfService = method === 'any';
      const extras = this.scenarios?.extras();
      return void this.startSession(() =>
        this.terminal!.order(amount.minor, this.s.currency, this.s.orderId, extras),
      );
    }
    this.update({
      view: 'scan',
      notice: undefined,
      codeRead: false,
      scanDeadline: Date.now() + SCAN_WINDOW_MS,
      shellVersion: undefined,
    });
  }

  /** Camera, scanner gun and typed codes all arrive here. */
  private onScanned(text: string, source: 'camera' | 'gun' | 'typed'): void {
    const s = this.s;
    if (!this.core || !this.terminal) return;
    const scan = this.scenarios?.classify(text) ?? this.core.classifyScan(text);
    if (s.view === 'activate') {
      const input = this.root.querySelector<HTMLInputElement>('input[name=code]');
      if (input) input.value = text.trim();
      return;
    }
    if (scan.kind === 'receipt' && (s.view === 'refund' || s.view === 'amount')) {
      return this.backOffice?.onReceipt({
        outTradeNo: scan.receiptOutTradeNo,
        terminalId: scan.receiptTerminalId,
      });
    }
    if (this.scenarios?.onScan(scan, Boolean(this.host))) return beep('ok');
    if (this.selfServiceCode(scan.code)) return;
    if (s.view !== 'scan' && !(s.view === 'amount' && source === 'gun')) return; // a sale is under way or shown
    if (s.acquirer === 'unreachable') {
      beep('error');
      return this.update({ notice: 'offline.cannot_sell' });
    }
    const amount = this.amount();
    if ('error' in amount) return this.update({ notice: 'scan.enter_amount_first' });
    if (!scan.code) {
      beep('error');
      return this.update({ view: 'scan', notice: scan.messageKey });
    }
    beep('ok');
    this.update({ codeRead: true });
    const extras = this.scenarios?.extras();
    void this.startSession(() => this.terminal!.pay(amount.minor, this.s.currency, scan.code, extras));
  }

  /**
   * Self-service: a code read while the order QR is up. The order is closed first and
   * the code pays only if the order ended unpaid, so the customer is never charged twice.
   */
  private selfServiceCode(code: string): boolean {
    const run = this.run;
    if (!this.s.selfService || this.s.view !== 'session' || !run || this.switching) return false;
    if (!code || this.s.session?.screen !== 'show_qr') return true;
    beep('ok');
    this.switching = run;
    this.update({ codeRead: true });
    void switchToCode(run).then((unpaid) => {
      this.switching = undefined;
      if (!unpaid) return; // paid by the QR meanwhile: finished() showed it, the code is ignored
      const amount = run.state!.amount;
      const extras = this.scenarios?.extras();
      this.s.selfService = false;
      void this.startSession(() => this.terminal!.pay(amount, this.s.currency, code, extras));
    });
    return true;
  }

  // ---- sessions ----------------------------------------------------------

  private async startSession(start: () => Promise<SessionRun>): Promise<void> {
    try {
      this.follow(await start());
    } catch (e) {
      const error = e instanceof QrposError ? e : new QrposError('core', 'other', String(e));
      this.settleHost({ outcome: 'error', reason: error.code });
      this.update({ notice: `error.${error.code}` });
    }
  }

  /** Shows `run` and reports its end to the host page. */
  private follow(run: SessionRun): void {
    this.run = run;
    this.update({ view: 'session', session: run.state, notice: undefined, codeRead: false });
    run.done.then(
      (final) => this.finished(run, final),
      (e: QrposError) => {
        this.settleHost({ outcome: 'error', reason: e.code });
        if (this.run === run) this.update({ view: 'error', notice: `error.${e.code}` });
      },
    );
  }

  /** Runner hook: the core said to show a new screen. */
  onShow(state: SessionState): void {
    if (
      this.run &&
      this.run !== this.switching && // an order closing for a code: the QR stays until the code pays
      this.run.state?.out_trade_no === state.out_trade_no &&
      this.run.state?.kind === state.kind
    ) {
      this.update({ session: state });
    }
  }

  /** Runner hook: the core says this outcome deserves paper. Never awaited by the sale. */
  onPrint(state: SessionState): void {
    if (this.printing?.settings.autoPrint) void this.printSession(state, false);
  }

  private async printSession(state: SessionState, reprint: boolean): Promise<void> {
    this.update({ print: { state: 'busy' } });
    this.printed(
      await this.printing!.printSession(state, this.s.locale, reprint, this.s.lookup?.description),
    );
  }

  private printed(outcome: PrintOutcome): void {
    this.printProblem = outcome.ok ? undefined : outcome.problem;
    this.update({ print: outcome.ok ? { state: 'done' } : { state: 'failed', message: outcome.message } });
  }

  onFailure(error: QrposError): void {
    if (error.kind === 'network') this.acquirer.probeNow();
    this.update({ notice: `error.${error.code}` });
  }

  private onReachable(reachable: boolean): void {
    const wasOff = this.s.acquirer === 'unreachable';
    this.update({ acquirer: reachable ? 'reachable' : 'unreachable' });
    if (!reachable || !wasOff) return;
    // Back: clear what the outage left on screen, and finish a demo activation it stopped.
    if (this.s.notice === 'offline.cannot_sell' || this.s.notice === 'error.unreachable')
      this.update({ notice: undefined });
    if (this.s.view === 'activate' && this.options.config.demo && !this.s.busy) void this.activateDemo();
  }

  /** The heartbeat's view of this terminal (sdk/heartbeat.ts). */
  private health(): HeartbeatSnapshot {
    return {
      version: APP_VERSION,
      camera: cameraHealth(this.cameraProblem, this.camera.stats.frames),
      printer: printerHealth(Boolean(this.s.printer), this.printProblem),
      lastError: this.lastError,
    };
  }

  // ---- the kiosk page's offline shell (main.ts, sdk/shell-update.ts) ------

  /**
   * Stops taking sales so a new app version can take over, when the terminal is
   * between payments: the start screen, nothing typed, no session and no unfinished
   * journal record. False (and nothing changes) otherwise.
   */
  async holdForUpdate(): Promise<boolean> {
    const quiet = () => !this.host && betweenPayments(this.s, this.terminal?.running.length ?? 0);
    if (!this.terminal || !quiet()) return false;
    const open = await this.terminal.journal.unfinished().catch(() => [undefined]);
    if (open.length || !quiet()) return false; // a sale began while the journal was read
    this.update({ view: 'loading', notice: 'update.applying' });
    return true;
  }

  releaseHold(): void {
    if (this.s.view === 'loading' && this.s.notice === 'update.applying') this.home();
  }

  showUpdated(version: string): void {
    this.update({ shellVersion: version });
  }

  private finished(run: SessionRun, final: SessionState): void {
    // An order closed for a customer's code: the pay that follows reports to the host.
    if (this.switching === run && final.outcome !== 'paid') return;
    if (this.run === run) this.update({ session: final });
    if (final.reason) this.lastError = final.reason;
    // Refused for its time: measure the clock now, so the start screen can say why.
    if (final.reason === 'stale_timestamp') void this.heartbeat?.beat();
    const base = { outTradeNo: final.out_trade_no, orderId: this.s.orderId };
    if (final.outcome === 'paid') {
      const detail: PaidDetail = {
        ...base,
        transactionId: final.transaction_id,
        amount: final.amount,
        currency: final.currency,
        scheme: final.scheme,
        authCodeMasked: final.auth_code_masked,
        paidAt: final.paid_at,
        ...paidExtras(final),
      };
      this.options.emit('qrpos-paid', detail);
      this.host?.resolve(detail);
      this.host = undefined;
    } else if (final.outcome === 'refunded' || final.outcome === 'refund_pending') {
      const detail: RefundedDetail = {
        outTradeNo: final.out_trade_no,
        outRefundNo: final.out_refund_no,
        amount: final.amount,
        currency: final.currency,
        outcome: final.outcome,
      };
      this.options.emit('qrpos-refunded', detail);
      this.host?.resolve(detail);
      this.host = undefined;
    } else {
      this.settleHost({
        outcome: final.outcome as FailedDetail['outcome'],
        reason: final.reason || final.outcome,
      });
    }
  }

  private settleHost(failure: Pick<FailedDetail, 'outcome' | 'reason'>): void {
    const detail: FailedDetail = {
      ...failure,
      message: tAny(
        `error.${failureText({ reason: failure.reason, reference: this.s.session?.reference })}`,
        this.s.locale,
        failure.outcome === 'cancelled' ? 'cancelled.title' : 'error.other',
      ),
      outTradeNo: this.s.session?.out_trade_no,
      orderId: this.s.orderId,
    };
    this.options.emit('qrpos-failed', detail);
    this.host?.reject(new QrposError('acquirer', failure.reason, detail.message));
    this.host = undefined;
  }

  // ---- host page calls (the element's methods) ---------------------------

  pay(options: PayOptions): Promise<PaidDetail> {
    return this.hostCall(() => {
      const currency = options.currency ?? this.options.currency;
      if (currency && currency !== this.s.currency)
        throw new QrposError('config', 'unknown_currency', `this terminal takes ${this.s.currency}`);
      if (!Number.isSafeInteger(options.amount) || options.amount <= 0)
        throw new QrposError('core', 'invalid_amount', 'amount must be a positive integer of minor units');
      this.update({
        amountText: this.core!.formatAmount(options.amount, this.s.currency),
        orderId: options.orderId,
      });
      this.collect(options.method ?? 'scan');
    }) as Promise<PaidDetail>;
  }

  refund(options: RefundOptions): Promise<RefundedDetail> {
    return this.hostCall(() => {
      void this.startSession(() =>
        this.terminal!.refund(
          options.outTradeNo,
          options.amount,
          options.currency ?? this.s.currency,
          options.reason,
        ),
      );
    }) as Promise<RefundedDetail>;
  }

  private hostCall(begin: () => void): Promise<PaidDetail | RefundedDetail> {
    return new Promise((resolve, reject) => {
      if (!this.terminal?.profile)
        return reject(new QrposError('config', 'not_activated', t('error.not_activated', this.s.locale)));
      if (this.host || (this.s.view !== 'idle' && this.s.view !== 'amount'))
        return reject(new QrposError('config', 'busy', 'a sale is under way on this terminal'));
      this.host = { resolve, reject };
      try {
        begin();
      } catch (e) {
        this.host = undefined;
        reject(e);
      }
    });
  }

  // ---- activation -------------------------------------------------------

  private async activateDemo(): Promise<void> {
    this.update({ busy: true });
    try {
      const res = await fetch(`${this.options.config.acquirerUrl}/demo/activation-code`, { method: 'POST' });
      const { activation_code: code } = (await res.json()) as { activation_code: string };
      await this.activate(code, DEMO_PIN, DEMO_PIN);
    } catch {
      this.update({ busy: false, notice: 'error.unreachable' });
    }
  }

  private async activate(code: string, pin: string, pin2: string): Promise<void> {
    if (pin !== pin2) return this.update({ notice: 'activate.pin_mismatch' });
    if (!/^\d{4,8}$/.test(pin)) return this.update({ notice: 'activate.pin_invalid' });
    this.update({ busy: true, notice: undefined });
    try {
      await this.terminal!.activate(this.options.config, code, pin);
      this.s.busy = false;
      await this.ready();
    } catch (e) {
      this.update({ busy: false, notice: `error.${(e as QrposError).code ?? 'other'}` });
    }
  }
}
