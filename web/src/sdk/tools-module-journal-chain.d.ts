// wasm/tools/bind_journal_chain.cpp: verify a tamper-evident journal chain
// (qrpos/journal_chain.hpp; the rules are in its header).
import type { TextResult } from './core-module';

/** Why a chain is not intact (journal_chain::ChainProblem). */
export type JournalChainProblem =
  'none' | 'empty' | 'malformed' | 'changed' | 'bad_signature' | 'removed' | 'reordered';

/** The parsed `value` of verifyJournalChain. */
export interface JournalChainReport {
  ok: boolean;
  /** lines read */
  entries: number;
  problem: JournalChainProblem;
  /** the first bad line's index (entries when entries are missing at the end) */
  index: number;
  /** the seq that line carries, or for `removed` the first missing seq */
  seq: number;
  detail: string;
}

export interface ToolsJournalChainFunctions {
  /**
   * Verifies entry lines in order against the terminal's public key. `expectedHeadJson`:
   * "" or `{"seq": n, "hash": "<64 hex>"}`, a trusted last entry (only then is a cut
   * at the end detected). `ok` is false only for arguments that are not a key, a JSON
   * array of strings or a head; a broken chain is `ok` with `value.ok` false.
   */
  verifyJournalChain(publicKeyHex: string, linesJson: string, expectedHeadJson: string): TextResult;
}
