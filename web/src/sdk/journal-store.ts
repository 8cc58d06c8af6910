// Durable storage for the terminal: the session journal and the terminal's own
// settings, in IndexedDB. Journal writes use strict durability: the record must be
// on disk before the request it describes leaves (rule 1, docs/architecture.md).

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
  /** Writes (or replaces) a record; resolves only once it is durable. */
  put(entry: JournalEntry): Promise<void>;
  /** Records whose session is not done. */
  unfinished(): Promise<JournalEntry[]>;
  /** Records of sessions started at or after `sinceMs`, newest first. */
  since(sinceMs: number): Promise<JournalEntry[]>;
  get(id: string): Promise<JournalEntry | undefined>;
}

const DB_NAME = 'qrpos';
const DB_VERSION = 1;

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
  request.onupgradeneeded = () => {
    const db = request.result;
    const journal = db.createObjectStore('journal', { keyPath: 'id' });
    // IndexedDB cannot index booleans: `open` is 1 while the session runs.
    journal.createIndex('open', 'open');
    journal.createIndex('startedAt', 'startedAt');
    db.createObjectStore('settings');
  };
  return done(request);
}

export class IdbJournalStore implements JournalStore {
  constructor(private readonly db: IDBDatabase) {}

  async put(entry: JournalEntry): Promise<void> {
    const tx = this.db.transaction('journal', 'readwrite', { durability: 'strict' });
    tx.objectStore('journal').put({ ...entry, open: entry.final ? 0 : 1 });
    await committed(tx);
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
