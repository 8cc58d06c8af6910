// The tamper-evident journal from the shell's side (core/include/qrpos/journal_chain.hpp
// has the encoding and the rules): every journal write also appends one entry, made by
// the core, hash-chained to the previous one and signed by the terminal key. This file
// turns the core's function into the one the journal store calls inside its
// transaction, and keeps appends in order. Pure (no DOM, no storage): unit-tested in Node.
import type { JournalChainFunctions } from './core-module-journal-chain';
import { QrposError } from './errors';

/** The chain's last entry; `{ seq: 0, hash: '' }` before the first. */
export interface ChainHead {
  seq: number;
  /** 64 hex */
  hash: string;
}

/** One entry as stored: its JSON line exactly as the core wrote it (the export carries it as is). */
export interface ChainRow extends ChainHead {
  line: string;
}

/**
 * Makes the entry after `head` for a journal write. Synchronous on purpose: the store
 * calls it between reading the head and writing both rows of one IndexedDB
 * transaction, which would commit early if anything were awaited in between.
 * Throws QrposError('storage', 'journal_chain_failed') when the core refuses.
 */
export type ChainLink = (head: ChainHead, atMs: number, sessionId: string, record: string) => ChainRow;

export const EMPTY_HEAD: ChainHead = Object.freeze({ seq: 0, hash: '' });

/** The ChainLink of the terminal with key seed `seedHex`. */
export function chainLink(
  core: Pick<JournalChainFunctions, 'chainJournalEntry'>,
  seedHex: string,
): ChainLink {
  return (head, atMs, sessionId, record) => {
    const r = core.chainJournalEntry(seedHex, head.seq, head.hash, atMs, sessionId, record);
    // A storage error, not a core one: to the runner it is a journal that cannot be written.
    if (!r.ok) throw new QrposError('storage', 'journal_chain_failed', `${r.error.code}: ${r.error.detail}`);
    const { seq, hash } = JSON.parse(r.value) as ChainHead;
    return { seq, hash, line: r.value };
  };
}

/**
 * Runs tasks one after another, in the order they were queued; a failed task does not
 * stop the ones behind it. Two sessions writing at once then append one after the
 * other instead of both after the same head.
 */
export class SerialQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(task: () => Promise<T>): Promise<T> {
    const result = this.tail.then(task);
    this.tail = result.catch(() => undefined);
    return result;
  }
}
