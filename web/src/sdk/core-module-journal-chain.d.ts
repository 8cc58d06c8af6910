// wasm/bind_journal_chain.cpp: the tamper-evident journal (qrpos/journal_chain.hpp).
// The kiosk appends an entry for every journal write; verifying is in the tools module.
import type { TextResult } from './core-module';

/** One chain entry, the parsed `value` of chainJournalEntry (one JSON line as stored). */
export interface JournalChainEntry {
  /** 1 for the first entry, then +1 per entry */
  seq: number;
  at_ms: number;
  session: string;
  record: string;
  /** the previous entry's hash, 64 hex; all zero for the first */
  prev: string;
  /** SHA-256 of the entry's canonical encoding, 64 hex: with seq, the next head */
  hash: string;
  /** Ed25519 signature by the terminal key over the hash's 32 bytes, base64 */
  sig: string;
}

export interface JournalChainFunctions {
  /**
   * The entry after the head `headSeq`/`headHashHex` (0 and "" before the first) as
   * its JSON line (`value`; store it as is). invalid_field for an empty or over-64
   * session id or negative times, input_too_long for a record over 8 KB.
   */
  chainJournalEntry(
    terminalSeedHex: string,
    headSeq: number,
    headHashHex: string,
    atMs: number,
    sessionId: string,
    record: string,
  ): TextResult;
}
