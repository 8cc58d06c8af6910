// Runs the core's transaction sessions: the core decides (sessionStep), this file
// does what it is told, in order — journal writes (awaited, so nothing leaves before
// it is durable), HTTP sends with a timeout, timers, screens, receipts — and feeds
// every result back as the next event. On start the terminal resumes every
// unfinished journal record before it takes a new sale (docs/protocol.md).
import type { SessionCommand, SessionFunctions } from './core-module-session';
import type { TextResult } from './core-module';
import { QrposError } from './errors';
import type { JournalEntry, JournalStore } from './journal-store';
import { isFinal, parseState, sessionId, type SessionState } from './session-state';

/** The two core functions the runner needs (a slice of the wasm module). */
export type SessionCore = Pick<SessionFunctions, 'sessionStep' | 'journalRestore'>;

/** Who the terminal is and where its acquirer lives. */
export interface RunnerIdentity {
  terminalId: string;
  seedHex: string;
  acquirerPublicKeyHex: string;
  /** base URL; "" for the page's own origin */
  acquirerUrl: string;
}

/** What a sale is for besides its amount (merchant scenarios); "" or absent for none. */
export interface SaleExtras {
  /** the loyalty member's id as scanned or typed */
  memberId?: string;
  /** the ticket, room or bill code paid for */
  reference?: string;
}

/** An order's extras: a restaurant table and how long its bill stays open (0: the core's default). */
export interface OrderExtras extends SaleExtras {
  table?: string;
  expiresInMs?: number;
}

export type StartEvent =
  | ({ type: 'start_pay'; amount: number; currency: string; authCode: string } & SaleExtras)
  | { type: 'start_refund'; outTradeNo: string; amount: number; currency: string; description?: string }
  | ({ type: 'start_order'; amount: number; currency: string; description?: string } & OrderExtras);

export interface RunnerHooks {
  /** the screen changed (a `show` command), or the session was resumed */
  onShow?(state: SessionState): void;
  /** a `print_receipt` command: the session reached an outcome worth paper */
  onPrint?(state: SessionState): void;
  /** the session could not go on (its journal could not be written) */
  onFailure?(error: QrposError, state: SessionState | undefined): void;
}

export interface RunnerOptions {
  fetch?: typeof fetch;
  now?: () => number;
  hooks?: RunnerHooks;
}

// Each step may draw entropy for a nonce, an out_trade_no and a sealed box; 256
// bytes is several times what any one step uses.
const STEP_ENTROPY_BYTES = 256;

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/** One session, from its start (or resume) until the core says it is done. */
export class SessionRun {
  /** resolves with the final state; rejects with QrposError if the journal failed */
  readonly done: Promise<SessionState>;
  private record: string;
  private queue: Promise<void> = Promise.resolve();
  private timer?: ReturnType<typeof setTimeout>;
  private readonly inFlight = new Set<AbortController>();
  private stopped = false;
  private settle!: { resolve(s: SessionState): void; reject(e: QrposError): void };

  constructor(
    private readonly runner: TerminalRunner,
    record: string,
  ) {
    this.record = record;
    this.done = new Promise((resolve, reject) => (this.settle = { resolve, reject }));
    this.done.catch(() => undefined); // callers that only watch hooks must not see an unhandled rejection
  }

  /** The state now (undefined before the first step). */
  get state(): SessionState | undefined {
    return this.record ? parseState(this.record) : undefined;
  }

  /** Asks the core to cancel (reverse a payment, close an order); a refund runs on. */
  cancel(): Promise<void> {
    return this.dispatch({ type: 'cancel' });
  }

  /** Stops timers and in-flight requests without touching the journal (page going away). */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    for (const abort of this.inFlight) abort.abort();
  }

  /** Queues an event; events are stepped one at a time, in order. */
  dispatch(event: object): Promise<void> {
    this.queue = this.queue.then(() => this.step(event));
    return this.queue;
  }

  private async step(event: object): Promise<void> {
    if (this.stopped) return;
    const r = this.runner.stepCore(this.record, event);
    if (!r.ok) {
      // The core refuses only what the shell built wrongly (a corrupt record, bad keys).
      return this.fail(new QrposError('core', r.error.code, r.error.detail));
    }
    const { state, commands } = JSON.parse(r.value) as { state: string; commands: SessionCommand[] };
    this.record = state;
    const parsed = parseState(state);
    for (const command of commands) {
      if (this.stopped) return;
      switch (command.type) {
        case 'write_journal':
          try {
            await this.runner.store.put(entryFor(command.record!, command.final === true, this.runner.now()));
          } catch (e) {
            // Nothing after this may run: a request the journal does not know could charge twice.
            return this.fail(new QrposError('storage', 'journal_write_failed', String(e)));
          }
          break;
        case 'send':
          void this.send(command);
          break;
        case 'wait_until':
          this.arm(command.atMs!);
          break;
        case 'show':
          this.runner.hooks.onShow?.(parsed);
          break;
        case 'print_receipt':
          this.runner.hooks.onPrint?.(parsed);
          break;
      }
    }
    if (isFinal(parsed)) {
      clearTimeout(this.timer);
      this.runner.forget(this);
      this.settle.resolve(parsed);
    }
  }

  private fail(error: QrposError): void {
    this.stop();
    this.runner.forget(this);
    this.runner.hooks.onFailure?.(error, this.state);
    this.settle.reject(error);
  }

  private arm(atMs: number): void {
    clearTimeout(this.timer);
    // Timers may fire a little early by the wall clock; the core ignores an early
    // tick, so re-arm for the remainder instead of sending it.
    const delay = atMs - this.runner.now();
    if (delay > 0) this.timer = setTimeout(() => this.arm(atMs), delay + 1);
    else void this.dispatch({ type: 'timer' });
  }

  private async send(command: SessionCommand): Promise<void> {
    const abort = new AbortController();
    this.inFlight.add(abort);
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.abort();
    }, command.timeoutMs ?? 10_000);
    let event: object;
    try {
      const res = await this.runner.fetch(this.runner.identity.acquirerUrl + command.path!, {
        method: command.method,
        headers: { 'Content-Type': 'application/json', ...command.headers },
        body: command.method === 'GET' ? undefined : command.body,
        signal: abort.signal,
        cache: 'no-store',
      });
      const body = await res.text();
      // Whatever came back goes to the core: an unsigned 502 page reads there as "no answer".
      event = {
        type: 'answer',
        requestId: command.requestId,
        httpStatus: res.status,
        timestampMs: Number(res.headers.get('Qrpos-Timestamp') ?? 0) || 0,
        signature: res.headers.get('Qrpos-Signature') ?? '',
        body,
      };
    } catch {
      if (this.stopped) return; // aborted because the page is going away: resume will re-send
      event = {
        type: 'transport_error',
        requestId: command.requestId,
        transportError: timedOut ? 'timeout' : 'network',
      };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(abort);
    }
    await this.dispatch(event);
  }
}

function entryFor(record: string, final: boolean, now: number): JournalEntry {
  const state = parseState(record);
  return {
    id: sessionId(state),
    record,
    final,
    kind: state.kind,
    startedAt: state.started_at,
    updatedAt: now,
  };
}

/** Starts and resumes sessions for one activated terminal. */
export class TerminalRunner {
  readonly hooks: RunnerHooks;
  readonly fetch: typeof fetch;
  readonly now: () => number;
  private readonly runs = new Set<SessionRun>();

  constructor(
    private readonly core: SessionCore,
    readonly identity: RunnerIdentity,
    readonly store: JournalStore,
    options: RunnerOptions = {},
  ) {
    this.hooks = options.hooks ?? {};
    this.fetch = options.fetch ?? ((input, init) => fetch(input, init));
    this.now = options.now ?? Date.now;
  }

  /** Sessions not yet done, in start order. */
  get active(): SessionRun[] {
    return [...this.runs];
  }

  /**
   * Starts a sale, refund or order. Resolves once its first journal record is
   * written, so the caller knows it will survive a reload; `run.done` gives the end.
   */
  async start(event: StartEvent): Promise<SessionRun> {
    const run = new SessionRun(this, '');
    this.runs.add(run);
    await run.dispatch(event);
    return run;
  }

  /**
   * Resumes every unfinished journal record (call first on every start). A record
   * the core cannot read is reported through onFailure and left in the store.
   */
  async resumeUnfinished(): Promise<SessionRun[]> {
    const entries = await this.store.unfinished();
    const runs: SessionRun[] = [];
    for (const entry of entries.sort((a, b) => a.startedAt - b.startedAt)) {
      const restored = this.core.journalRestore(entry.record);
      if (!restored.ok) {
        this.hooks.onFailure?.(
          new QrposError('storage', 'journal_unreadable', `${entry.id}: ${restored.error.detail}`),
          undefined,
        );
        continue;
      }
      const run = new SessionRun(this, restored.value);
      this.runs.add(run);
      void run.dispatch({ type: 'resume' });
      runs.push(run);
    }
    return runs;
  }

  /** Stops every session's timers and requests (the journal keeps them for later). */
  stop(): void {
    for (const run of this.runs) run.stop();
    this.runs.clear();
  }

  /** @internal one core step for a run */
  stepCore(record: string, event: object): TextResult {
    const { terminalId, seedHex, acquirerPublicKeyHex } = this.identity;
    return this.core.sessionStep(
      terminalId,
      seedHex,
      acquirerPublicKeyHex,
      record,
      JSON.stringify(event),
      this.now(),
      randomHex(STEP_ENTROPY_BYTES),
    );
  }

  /** @internal */
  forget(run: SessionRun): void {
    this.runs.delete(run);
  }
}
