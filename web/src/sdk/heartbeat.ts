// The terminal's heartbeat (docs/protocol.md "Heartbeat"): its health, signed, to the
// acquirer at start and then on a timer, and from the signed answer the clock skew,
// sent with the next one and reported so the start screen can warn before payments
// are refused. A heartbeat that gets no trusted answer is dropped quietly: the
// reachability banner already tells the cashier, and the next tick tries again.
// No DOM: unit-tested in Node with the real core and sandbox acquirer.
import type {
  HeartbeatAnswer,
  HeartbeatBody,
  HeartbeatFunctions,
  HeartbeatRequest,
} from './core-module-heartbeat';
import type { ChainHead } from './journal-chain';
import type { RunnerIdentity } from './runner';

/** The protocol says "about once a minute"; the sandbox flags a terminal silent after 5 min. */
export const HEARTBEAT_INTERVAL_MS = 60_000;
const TIMEOUT_MS = 10_000;

/** What the UI knows about the hardware and what it last showed. */
export interface HeartbeatSnapshot {
  version: string;
  camera: HeartbeatBody['camera'];
  printer: HeartbeatBody['printer'];
  /** the last error code shown ("" for none) */
  lastError: string;
}

/** The journal facts a heartbeat reports. */
export interface HeartbeatJournal {
  unfinished(): Promise<unknown[]>;
  chainHead(): Promise<ChainHead | undefined>;
}

export interface HeartbeatOptions {
  identity: RunnerIdentity;
  journal: HeartbeatJournal;
  snapshot(): HeartbeatSnapshot;
  /** every verified answer: the measured skew (terminal minus acquirer) and whether it is past ±2 min */
  onClock?(skewMs: number, clockOff: boolean): void;
  intervalMs?: number;
  fetch?: typeof fetch;
  now?: () => number;
}

/** Printable ASCII only, at most `max` characters: what the protocol accepts. */
function printable(text: string, max: number): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, max);
}

/** The body to sign: the snapshot made to fit the protocol's bounds. Pure. */
export function heartbeatBody(
  snapshot: HeartbeatSnapshot,
  clockSkewMs: number,
  unfinished: number,
  head: ChainHead | undefined,
): HeartbeatBody {
  const body: HeartbeatBody = {
    version: printable(snapshot.version, 32) || 'unknown',
    camera: snapshot.camera,
    printer: snapshot.printer,
    clock_skew_ms: Math.round(clockSkewMs),
    unfinished,
    last_error: printable(snapshot.lastError, 64),
  };
  if (head && head.seq > 0) body.journal_head = { seq: head.seq, hash: head.hash };
  return body;
}

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

export class Heartbeat {
  private skewMs = 0;
  private timer?: ReturnType<typeof setTimeout>;
  private sending?: Promise<HeartbeatAnswer | undefined>;
  private stopped = false;
  private readonly fetch: typeof fetch;
  private readonly now: () => number;

  constructor(
    private readonly core: Pick<HeartbeatFunctions, 'buildHeartbeatRequest' | 'readHeartbeatAnswer'>,
    private readonly options: HeartbeatOptions,
  ) {
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.now = options.now ?? Date.now;
  }

  /** The skew the last trusted answer showed (0 before one). */
  get clockSkewMs(): number {
    return this.skewMs;
  }

  /** Sends one now, then every interval until stop(). */
  start(): void {
    this.stopped = false;
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
  }

  private async tick(): Promise<void> {
    await this.beat();
    if (this.stopped) return;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), this.options.intervalMs ?? HEARTBEAT_INTERVAL_MS);
  }

  /**
   * Sends a heartbeat now (a payment was refused for its timestamp, say) unless one is
   * on its way, whose answer it then shares. Resolves with the verified answer, or
   * undefined when none came or it could not be trusted. Never rejects.
   */
  beat(): Promise<HeartbeatAnswer | undefined> {
    this.sending ??= this.send()
      .catch(() => undefined)
      .finally(() => (this.sending = undefined));
    return this.sending;
  }

  private async send(): Promise<HeartbeatAnswer | undefined> {
    const { identity, journal } = this.options;
    const [open, head] = await Promise.all([journal.unfinished(), journal.chainHead()]);
    const body = heartbeatBody(this.options.snapshot(), this.skewMs, open.length, head);
    const built = this.core.buildHeartbeatRequest(
      identity.terminalId,
      identity.seedHex,
      JSON.stringify(body),
      this.now(),
      randomHex(16),
    );
    if (!built.ok) return undefined; // the body broke a bound: nothing to send that the acquirer would keep
    const req = JSON.parse(built.value) as HeartbeatRequest;
    const res = await this.fetch(identity.acquirerUrl + req.path, {
      method: req.method,
      headers: { 'Content-Type': 'application/json', ...req.headers },
      body: req.body,
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const text = await res.text();
    const read = this.core.readHeartbeatAnswer(
      identity.acquirerPublicKeyHex,
      req.nonce,
      res.status,
      Number(res.headers.get('Qrpos-Timestamp') ?? 0) || 0,
      res.headers.get('Qrpos-Signature') ?? '',
      text,
      this.now(),
    );
    // An unsigned or forged answer says nothing about the clock.
    if (!read.ok) return undefined;
    const answer = JSON.parse(read.value) as HeartbeatAnswer;
    this.skewMs = answer.clockSkewMs;
    if (!this.stopped) this.options.onClock?.(answer.clockSkewMs, answer.clockOff);
    return answer;
  }
}
