// Durable storage for the terminal: the session journal, its tamper-evident chain
// and the terminal's own settings, in IndexedDB. Journal writes use strict
// durability: the record must be on disk before the request it describes leaves
// (rule 1, docs/architecture.md).
import { EMPTY_HEAD, SerialQueue, type ChainHead, type ChainLink, type ChainRow } from './journal-chain';
import { QrposError } from './errors';

export interface JournalEntry {
  /** sessionId(): "pay:<out_trade_no>", "order:<...>", "refund:<out_refund_no>" */
  id: string;
  /** the core's record (journal.hpp), the only thing resume needs */
  record: string;
  final: boolean;
  kind: string;
  startedAt: number;
  updatedAt: number;
}

export interface JournalStore {
  /**
   * Writes (or replaces) a record; resolves only once it is durable. The IndexedDB
   * store also appends its chain entry in the same transaction: both or neither.
   */
  put(entry: JournalEntry): Promise<void>;
  /** Records whose session is not done. */
  unfinished(): Promise<JournalEntry[]>;
  /** Records of sessions started at or after `sinceMs`, newest first. */
  since(sinceMs: number): Promise<JournalEntry[]>;
  get(id: string): Promise<JournalEntry | undefined>;
}

const DB_NAME = 'qrpos';
// 2: the `chain` store (tamper-evident journal), added beside the data of version 1.
const DB_VERSION = 2;

function done<T>(request: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function committed(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

/** Opens (and on first use creates) the terminal's database. */
export function openTerminalDb(name = DB_NAME): Promise<IDBDatabase> {
  const request = indexedDB.open(name, DB_VERSION);
  request.onupgradeneeded = (e) => {
    const db = request.result;
    if (e.oldVersion < 1) {
      const journal = db.createObjectStore('journal', { keyPath: 'id' });
      // IndexedDB cannot index booleans: `open` is 1 while the session runs.
      journal.createIndex('open', 'open');
      journal.createIndex('startedAt', 'startedAt');
      db.createObjectStore('settings');
    }
    // Records written before version 2 stay as they are, outside the chain: it starts
    // at seq 1 with the first write after the upgrade. One chain per terminal identity:
    // after a new activation (a new key) the old chain stays, verifiable with the old
    // key, and the new one starts at seq 1.
    if (e.oldVersion < 2) db.createObjectStore('chain', { keyPath: ['terminal', 'seq'] });
  };
  return done(request);
}

/** Every chain row of `terminal`, in seq order. */
function chainOf(terminal: string): IDBKeyRange {
  return IDBKeyRange.bound([terminal, 0], [terminal, Infinity]);
}

export class IdbJournalStore implements JournalStore {
  private chain?: { terminalId: string; link: ChainLink };
  private readonly appends = new SerialQueue();

  constructor(private readonly db: IDBDatabase) {}

  /** The terminal's chain function (journal-chain.ts); set once its key is known. */
  chainWith(chain: { terminalId: string; link: ChainLink } | undefined): void {
    this.chain = chain;
  }

  /**
   * The record and its chain entry in one transaction, so neither is ever durable
   * without the other. A chain entry that cannot be made aborts the transaction and
   * the put rejects with QrposError('storage', 'journal_chain_failed'): the runner
   * treats it like any failed write (the session stops before its next send; the
   * record's previous state stays in the journal and is resumed).
   */
  put(entry: JournalEntry): Promise<void> {
    const chain = this.chain;
    if (!chain)
      return Promise.reject(
        new QrposError('storage', 'journal_chain_failed', 'no terminal key to chain with'),
      );
    // One page's sessions queue here; across tabs IndexedDB itself serializes
    // readwrite transactions on `chain`, and the head is read inside this one.
    return this.appends.run(() => this.write(entry, chain.terminalId, chain.link));
  }

  private async write(entry: JournalEntry, terminal: string, link: ChainLink): Promise<void> {
    const tx = this.db.transaction(['journal', 'chain'], 'readwrite', { durability: 'strict' });
    const written = committed(tx);
    const chain = tx.objectStore('chain');
    const last = chain.openCursor(chainOf(terminal), 'prev');
    let refused: unknown;
    last.onsuccess = () => {
      const row = last.result?.value as ChainRow | undefined;
      try {
        const next = link(
          row ? { seq: row.seq, hash: row.hash } : EMPTY_HEAD,
          entry.updatedAt,
          entry.id,
          entry.record,
        );
        chain.add({ terminal, ...next }); // add, not put: an existing seq means a fork, and aborts
        tx.objectStore('journal').put({ ...entry, open: entry.final ? 0 : 1 });
      } catch (e) {
        refused = e;
        tx.abort();
      }
    };
    try {
      await written;
    } catch (e) {
      throw refused ?? e;
    }
  }

  /** The current terminal's chain entry lines, oldest first (the export); none before activation. */
  async chainLines(): Promise<string[]> {
    if (!this.chain) return [];
    const store = this.db.transaction('chain', 'readonly').objectStore('chain');
    const rows = await done(store.getAll(chainOf(this.chain.terminalId)));
    return (rows as ChainRow[]).map((r) => r.line);
  }

  /** The current terminal's last chain entry, or undefined before the first. */
  async chainHead(): Promise<ChainHead | undefined> {
    if (!this.chain) return undefined;
    const tx = this.db.transaction('chain', 'readonly');
    const cursor = await done(tx.objectStore('chain').openCursor(chainOf(this.chain.terminalId), 'prev'));
    const row = cursor?.value as ChainRow | undefined;
    return row && { seq: row.seq, hash: row.hash };
  }

  async unfinished(): Promise<JournalEntry[]> {
    const tx = this.db.transaction('journal', 'readonly');
    return done(tx.objectStore('journal').index('open').getAll(1));
  }

  async since(sinceMs: number): Promise<JournalEntry[]> {
    const tx = this.db.transaction('journal', 'readonly');
    const rows = await done(
      tx.objectStore('journal').index('startedAt').getAll(IDBKeyRange.lowerBound(sinceMs)),
    );
    return rows.reverse();
  }

  async get(id: string): Promise<JournalEntry | undefined> {
    return done(this.db.transaction('journal', 'readonly').objectStore('journal').get(id));
  }
}

/** Small key-value settings (terminal identity, wrapped key, PIN hash, preferences). */
export class SettingsStore {
  constructor(private readonly db: IDBDatabase) {}

  async get<T>(key: string): Promise<T | undefined> {
    return done(this.db.transaction('settings', 'readonly').objectStore('settings').get(key));
  }

  async set(key: string, value: unknown): Promise<void> {
    const tx = this.db.transaction('settings', 'readwrite', { durability: 'strict' });
    tx.objectStore('settings').put(value, key);
    await committed(tx);
  }

  async delete(key: string): Promise<void> {
    const tx = this.db.transaction('settings', 'readwrite', { durability: 'strict' });
    tx.objectStore('settings').delete(key);
    await committed(tx);
  }
}
