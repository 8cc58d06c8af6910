// Whether the acquirer answers at all, so the start screen can say truthfully that
// no sale can be sent, before a customer shows a code. It decides nothing about a
// payment: a sale under way learns its own fate from its signed answers (runner.ts).

export interface ReachabilityOptions {
  /** between probes while the acquirer does not answer */
  retryMs: number;
  /** between probes while it does (a failed request also probes at once) */
  recheckMs: number;
  timeoutMs: number;
}

export const DEFAULT_REACHABILITY: ReachabilityOptions = {
  retryMs: 5_000,
  recheckMs: 60_000,
  timeoutMs: 5_000,
};

/**
 * Probes `GET <acquirer>/v1/acquirer` (public, unsigned, cheap: the acquirer's key
 * and protocol) on a timer and whenever the browser says it is back online; reports
 * each change. Never served from a cache (sw/shell-routes.ts, `cache: 'no-store'`).
 */
export class AcquirerWatch {
  private state?: boolean;
  private timer?: ReturnType<typeof setTimeout>;
  private stopped = false;

  constructor(
    private readonly acquirerUrl: () => string,
    private readonly onChange: (reachable: boolean) => void,
    private readonly options: ReachabilityOptions = DEFAULT_REACHABILITY,
  ) {}

  /** undefined until the first probe answered */
  get reachable(): boolean | undefined {
    return this.state;
  }

  start(): void {
    window.addEventListener('online', this.probeNow);
    window.addEventListener('offline', this.probeNow);
    this.probeNow();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    window.removeEventListener('online', this.probeNow);
    window.removeEventListener('offline', this.probeNow);
  }

  /** Probes now (the network changed, or a request just failed). */
  probeNow = (): void => {
    clearTimeout(this.timer);
    void this.probe();
  };

  private async probe(): Promise<void> {
    const ok = navigator.onLine && (await this.ping());
    if (this.stopped) return;
    if (ok !== this.state) {
      this.state = ok;
      this.onChange(ok);
    }
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.probe(), ok ? this.options.recheckMs : this.options.retryMs);
  }

  private async ping(): Promise<boolean> {
    try {
      // no-cors: an acquirer on another origin need not allow this probe; an opaque
      // answer is still an answer. Any answer, even an error, means a sale can be sent:
      // what comes of it is the protocol's business (a 5xx is "checking", not "offline").
      await fetch(`${this.acquirerUrl()}/v1/acquirer`, {
        mode: 'no-cors',
        cache: 'no-store',
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      return true;
    } catch {
      return false;
    }
  }
}
