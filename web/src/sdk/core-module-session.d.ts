// wasm/bind_session.cpp: the transaction state machine (qrpos/session.hpp) and its
// journal records. The state crosses as its journal record text.
import type { TextResult } from './core-module';

/** `value` of a successful sessionStep, parsed. */
export interface SessionStepResult {
  /** the new state as a journal record (store it when a write_journal command says so) */
  state: string;
  commands: SessionCommand[];
}

/** What the shell must do, in order. */
export interface SessionCommand {
  type: 'write_journal' | 'send' | 'wait_until' | 'show' | 'print_receipt';
  /** send: the request to answer with an `answer` or `transport_error` event */
  requestId?: number;
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  /** wait_until: send a `timer` event at or after this time */
  atMs?: number;
  /** write_journal: the record to persist before running the next command */
  record?: string;
  final?: boolean;
}

export interface SessionFunctions {
  /**
   * One step. `eventJson`: { type, ... } with camelCase fields: start_pay { amount, currency, authCode,
   * memberId?, reference? }; start_order { amount, currency, description?, memberId?, reference?, table?,
   * expiresInMs? (0/absent: 2 min; at most 2 h) }; start_refund { outTradeNo, amount, currency, description? };
   * answer { requestId, httpStatus, timestampMs, signature, body }; transport_error { requestId, transportError };
   * timer; cancel; resume. The state record (snake_case) carries member_id, reference, table, points_earned,
   * points_balance, tip_amount when set (absent = "" / 0).
   */
  sessionStep(
    terminalId: string,
    seedHex: string,
    acquirerPublicKeyHex: string,
    stateRecord: string,
    eventJson: string,
    nowMs: number,
    entropyHex: string,
  ): TextResult;
  journalRestore(record: string): TextResult;
  keyFingerprint(publicKeyHex: string): TextResult;
}
