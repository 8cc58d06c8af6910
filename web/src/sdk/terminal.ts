// One terminal: who it is (activation, key at rest), its journal, and the runner
// that executes the core's sessions. The UI and the <qrpos-terminal> element talk
// to this; only this talks to storage and the runner.
import type { Core } from './core';
import type { ReconcileResult } from './tools-module-reconcile';
import { QrposError } from './errors';
import { Heartbeat, type HeartbeatOptions } from './heartbeat';
import { chainLink } from './journal-chain';
import { IdbJournalStore, SettingsStore, openTerminalDb, type JournalEntry } from './journal-store';
import { forgetSeed, loadSeed, storeSeed } from './key-store';
import { checkPin, hasPin, setPin, type PinCheck } from './pin';
import {
  TerminalRunner,
  type OrderExtras,
  type RunnerHooks,
  type SaleExtras,
  type SessionRun,
} from './runner';
import { parseState, type SessionState } from './session-state';
import { lookupAtAcquirer, type LookupAnswer } from './lookup';
import { loadTools } from './tools';

/** Where the acquirer is and which key to trust: from attributes or qrpos-config.json. */
export interface AcquirerConfig {
  /** base URL; "" for the page's own origin */
  acquirerUrl: string;
  /** hex Ed25519 key the acquirer signs with */
  acquirerPublicKey: string;
  /** sandbox: the kiosk may fetch itself an activation code */
  demo?: boolean;
}

/** The journal as the back office reads it: `npm run reconcile` (records), `npm run verify-journal` and /admin/journal (chain). */
export interface JournalExport {
  terminal_id: string;
  /** this terminal's Ed25519 key, hex: what the chain's signatures verify against */
  public_key: string;
  date: string;
  exported_at: number;
  /** final records around `date` */
  records: string[];
  /** every tamper-evident journal entry line as stored, oldest first (docs/sandbox.md) */
  chain: string[];
}

/** What activation taught the terminal (stored in clear: none of it is secret). */
export interface TerminalProfile {
  terminalId: string;
  merchantId: string;
  merchantName: string;
  currency: string;
  acquirerUrl: string;
  acquirerPublicKey: string;
  /** this terminal's public key, hex */
  publicKey: string;
  /** fingerprint of `publicKey` for the settings screen ("1a2b 3c4d ...") */
  fingerprint: string;
  activatedAt: number;
}

const PROFILE = 'profile';

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/** The extras that are set: the core's start events take absent fields as none. */
function present<T extends object>(extras: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(extras).filter(([, v]) => v !== undefined && v !== '' && v !== 0),
  ) as Partial<T>;
}

function text(r: { ok: boolean; value: string; error: { code: string; detail: string } }): string {
  if (!r.ok) throw new QrposError('core', r.error.code, r.error.detail);
  return r.value;
}

export class Terminal {
  private runner?: TerminalRunner;
  private profileValue?: TerminalProfile;
  private heartbeat?: Heartbeat;

  private constructor(
    private readonly core: Core,
    private readonly settings: SettingsStore,
    readonly journal: IdbJournalStore,
    private readonly hooks: RunnerHooks,
  ) {}

  /** Opens the terminal's storage; `profile` is set when it was activated before. */
  static async open(core: Core, hooks: RunnerHooks = {}, dbName?: string): Promise<Terminal> {
    let db: IDBDatabase;
    try {
      db = await openTerminalDb(dbName);
    } catch (e) {
      throw new QrposError('storage', 'storage_unavailable', String(e));
    }
    const terminal = new Terminal(core, new SettingsStore(db), new IdbJournalStore(db), hooks);
    const profile = await terminal.settings.get<TerminalProfile>(PROFILE);
    const seed = profile ? await loadSeed(terminal.settings).catch(() => undefined) : undefined;
    if (profile && seed) terminal.ready(profile, seed);
    return terminal;
  }

  get profile(): TerminalProfile | undefined {
    return this.profileValue;
  }

  private ready(profile: TerminalProfile, seedHex: string): void {
    this.profileValue = profile;
    this.runner?.stop();
    this.journal.chainWith({ terminalId: profile.terminalId, link: chainLink(this.core.module, seedHex) });
    this.runner = new TerminalRunner(
      this.core.session,
      {
        terminalId: profile.terminalId,
        seedHex,
        acquirerPublicKeyHex: profile.acquirerPublicKey,
        acquirerUrl: profile.acquirerUrl,
      },
      this.journal,
      { hooks: this.hooks },
    );
  }

  private get active(): TerminalRunner {
    if (!this.runner) throw new QrposError('config', 'not_activated', 'activate this terminal first');
    return this.runner;
  }

  /**
   * Makes a key in the core, activates it with a one-time code and, only when the
   * trusted acquirer said yes, stores the key (encrypted), the profile and the PIN.
   */
  async activate(config: AcquirerConfig, code: string, pin: string): Promise<TerminalProfile> {
    const m = this.core.module;
    const seedHex = text(m.newTerminalSeed(randomHex(32)));
    const device = `qrpos web ${navigator.userAgent.match(/Chrom(e|ium)\/[\d.]+/)?.[0] ?? 'browser'}`;
    const req = JSON.parse(
      text(m.buildActivateRequest(seedHex, code, device, Date.now(), randomHex(16))),
    ) as { method: string; path: string; body: string; nonce: string; headers: Record<string, string> };
    let res: Response;
    let body: string;
    try {
      res = await fetch(config.acquirerUrl + req.path, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        cache: 'no-store',
      });
      body = await res.text();
    } catch (e) {
      throw new QrposError('network', 'unreachable', String(e));
    }
    const answer = JSON.parse(
      text(
        m.readActivateAnswer(
          config.acquirerPublicKey,
          req.nonce,
          res.status,
          Number(res.headers.get('Qrpos-Timestamp') ?? 0) || 0,
          res.headers.get('Qrpos-Signature') ?? '',
          body,
        ),
      ),
    ) as {
      terminal?: Omit<TerminalProfile, 'acquirerUrl' | 'publicKey' | 'fingerprint' | 'activatedAt'>;
      error?: { code: string; message: string };
    };
    if (answer.error) throw new QrposError('acquirer', answer.error.code, answer.error.message);
    const publicKey = text(this.core.module.publicKeyFromSeed(seedHex));
    const profile: TerminalProfile = {
      ...answer.terminal!,
      acquirerUrl: config.acquirerUrl,
      publicKey,
      fingerprint: text(this.core.module.keyFingerprint(publicKey)),
      activatedAt: Date.now(),
    };
    await storeSeed(this.settings, seedHex);
    await setPin(this.settings, pin);
    await this.settings.set(PROFILE, profile);
    this.ready(profile, seedHex);
    return profile;
  }

  /** Forgets the identity (a new activation follows); refuses while sessions run. */
  async deactivate(): Promise<void> {
    if (this.runner?.active.length)
      throw new QrposError('config', 'sessions_running', 'finish the open sessions first');
    this.stopHeartbeat();
    this.runner?.stop();
    this.runner = undefined;
    this.profileValue = undefined;
    this.journal.chainWith(undefined);
    await forgetSeed(this.settings);
    await this.settings.delete(PROFILE);
  }

  hasPin(): Promise<boolean> {
    return hasPin(this.settings);
  }

  checkPin(pin: string): Promise<PinCheck> {
    return checkPin(this.settings, pin);
  }

  /** A preference (language, camera, printer) kept with the terminal. */
  preference<T>(key: string): Promise<T | undefined> {
    return this.settings.get<T>(`pref.${key}`);
  }

  setPreference(key: string, value: unknown): Promise<void> {
    return this.settings.set(`pref.${key}`, value);
  }

  /** Resumes unfinished sessions: call before taking a new sale. */
  resume(): Promise<SessionRun[]> {
    return this.active.resumeUnfinished();
  }

  get running(): SessionRun[] {
    return this.runner?.active ?? [];
  }

  pay(amount: number, currency: string, authCode: string, extras: SaleExtras = {}): Promise<SessionRun> {
    return this.active.start({ type: 'start_pay', amount, currency, authCode, ...present(extras) });
  }

  order(amount: number, currency: string, description = '', extras: OrderExtras = {}): Promise<SessionRun> {
    return this.active.start({ type: 'start_order', amount, currency, description, ...present(extras) });
  }

  refund(outTradeNo: string, amount: number, currency: string, description = ''): Promise<SessionRun> {
    return this.active.start({ type: 'start_refund', outTradeNo, amount, currency, description });
  }

  /** What a ticket, room or bill code costs, asked of the acquirer (lookup.ts). */
  lookup(code: string): Promise<LookupAnswer> {
    return lookupAtAcquirer(this.core.module, this.active.identity, code);
  }

  /** The QR printed on a receipt for lookup and refund ("QRPOSR1:<terminal>:<out_trade_no>"). */
  receiptCode(outTradeNo: string): string | undefined {
    const r = this.profileValue && this.core.module.makeReceiptCode(this.profileValue.terminalId, outTradeNo);
    return r?.ok ? r.value : undefined;
  }

  /**
   * The day's final journal records against the acquirer's signed daily report for
   * `date` (YYYY-MM-DD, China time): the differences, per scheme, or none.
   */
  async reconcile(date: string): Promise<ReconcileResult> {
    const runner = this.active;
    const { terminalId, seedHex, acquirerPublicKeyHex, acquirerUrl } = runner.identity;
    const m = await loadTools();
    const req = JSON.parse(
      text(m.buildReportRequest(terminalId, seedHex, date, Date.now(), randomHex(16))),
    ) as {
      path: string;
      nonce: string;
      headers: Record<string, string>;
    };
    let res: Response;
    let body: string;
    try {
      res = await fetch(acquirerUrl + req.path, { headers: req.headers, cache: 'no-store' });
      body = await res.text();
    } catch (e) {
      throw new QrposError('network', 'unreachable', String(e));
    }
    const report = text(
      m.readReportAnswer(
        acquirerPublicKeyHex,
        req.nonce,
        date,
        res.status,
        Number(res.headers.get('Qrpos-Timestamp') ?? 0) || 0,
        res.headers.get('Qrpos-Signature') ?? '',
        body,
      ),
    );
    const records = await this.finalRecords(date);
    return JSON.parse(
      text(m.reconcileDay(JSON.stringify(records), report, date, this.profileValue!.currency)),
    ) as ReconcileResult;
  }

  /** For the back office: the final records around `date` and the whole tamper-evident chain. */
  async exportJournal(date: string): Promise<JournalExport> {
    return {
      terminal_id: this.profileValue?.terminalId ?? '',
      public_key: this.profileValue?.publicKey ?? '',
      date,
      exported_at: Date.now(),
      records: await this.finalRecords(date),
      chain: await this.journal.chainLines(),
    };
  }

  /** The final journal records of `date` and the two days before it (refunds and late payments). */
  private async finalRecords(date: string): Promise<string[]> {
    const since = Date.parse(`${date}T00:00:00+08:00`) - 2 * 86_400_000;
    const entries = await this.journal.since(Number.isNaN(since) ? 0 : since);
    return entries.filter((e) => e.final).map((e) => e.record);
  }

  /**
   * Starts the signed heartbeat to the acquirer (heartbeat.ts), once activated; a
   * second call replaces the first. Returns it, or undefined before activation.
   */
  startHeartbeat(options: Omit<HeartbeatOptions, 'identity' | 'journal'>): Heartbeat | undefined {
    this.stopHeartbeat();
    if (!this.runner) return undefined;
    this.heartbeat = new Heartbeat(this.core.module, {
      ...options,
      identity: this.runner.identity,
      journal: this.journal,
    });
    this.heartbeat.start();
    return this.heartbeat;
  }

  stopHeartbeat(): void {
    this.heartbeat?.stop();
    this.heartbeat = undefined;
  }

  /** Sessions started since `sinceMs`, newest first. */
  async history(sinceMs: number): Promise<SessionState[]> {
    return (await this.journal.since(sinceMs)).map((e: JournalEntry) => parseState(e.record));
  }

  stop(): void {
    this.stopHeartbeat();
    this.runner?.stop();
  }
}
