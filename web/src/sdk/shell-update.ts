// The kiosk's offline shell (sw.js) and its updates. A new version installs in the
// background and waits; it takes over only when the terminal is between payments
// (start screen, nothing typed, no session open, no unfinished journal record): the
// page then stops taking sales, lets the new worker activate and reloads. A payment
// is never interrupted by an update.

export interface ShellUpdateHooks {
  /** Stops new sales for the reload when the terminal is between payments; false otherwise. */
  hold(): Promise<boolean>;
  /** The update did not happen after all: take sales again. */
  release(): void;
}

const UPDATED_FLAG = 'qrpos.shell-updated';
const ACTIVATE_TIMEOUT_MS = 10_000;

export class ShellUpdater {
  private registration?: ServiceWorkerRegistration;
  private applying = false;

  constructor(
    private readonly hooks: ShellUpdateHooks,
    /** how often to ask the server for a new sw.js (the browser also does on each start) */
    private readonly checkEveryMs = 15 * 60_000,
  ) {}

  /** Registers sw.js beside the page; resolves once registered (or at once where unsupported). */
  async start(scriptUrl = './sw.js'): Promise<void> {
    if (!('serviceWorker' in navigator)) return;
    // updateViaCache 'none': the server's no-cache on sw.js is honoured by every browser.
    const reg = await navigator.serviceWorker.register(scriptUrl, { scope: './', updateViaCache: 'none' });
    this.registration = reg;
    reg.addEventListener('updatefound', () => {
      const next = reg.installing;
      next?.addEventListener('statechange', () => next.state === 'installed' && void this.poke());
    });
    setInterval(() => void this.check().then(() => this.poke()), this.checkEveryMs);
    void this.poke();
  }

  /** Asks the server for a new version now (it installs, then waits for poke()). */
  async check(): Promise<void> {
    await this.registration?.update().catch(() => undefined); // offline: try again later
  }

  /** Call when the terminal may be between payments: applies a waiting version if it is. */
  async poke(): Promise<void> {
    const waiting = this.registration?.waiting;
    if (!waiting || !navigator.serviceWorker.controller || this.applying) return;
    this.applying = true;
    if (!(await this.hooks.hold())) {
      this.applying = false;
      return;
    }
    sessionStorage.setItem(UPDATED_FLAG, '1');
    navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
    waiting.postMessage({ type: 'skip-waiting' });
    setTimeout(() => {
      // Still here: the new version did not activate. Keep working on this one.
      sessionStorage.removeItem(UPDATED_FLAG);
      this.applying = false;
      this.hooks.release();
    }, ACTIVATE_TIMEOUT_MS);
  }

  /** The version this page runs, when it was just updated to it (for a small note), else undefined. */
  async justUpdatedTo(): Promise<string | undefined> {
    if (sessionStorage.getItem(UPDATED_FLAG) !== '1') return undefined;
    sessionStorage.removeItem(UPDATED_FLAG);
    return this.version();
  }

  /** The version of the worker controlling this page. */
  version(): Promise<string | undefined> {
    const controller = navigator.serviceWorker?.controller;
    if (!controller) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = (e) => resolve((e.data as { version?: string }).version);
      setTimeout(() => resolve(undefined), 2_000);
      controller.postMessage({ type: 'version' }, [channel.port2]);
    });
  }
}
