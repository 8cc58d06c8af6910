// wasm/tools/bind_reconcile.cpp: the day's journal against the acquirer's daily report.
import type { TextResult } from './core-module';

/** A per-scheme figure that differs between the terminal and the acquirer. */
export interface ReconcileDifference {
  scheme: string;
  field: 'count' | 'amount' | 'refund_count' | 'refund_amount';
  terminal: number;
  acquirer: number;
}

/** protocol DailyReport (docs/protocol.md) */
export interface DailyReportDto {
  date: string;
  currency: string;
  lines: { scheme: string; count: number; amount: number; refund_count: number; refund_amount: number }[];
  total_count: number;
  total_amount: number;
  refund_amount: number;
  net_amount: number;
}

/** `value` of reconcileDay, parsed. */
export interface ReconcileResult {
  terminal: DailyReportDto;
  differences: ReconcileDifference[];
}

export interface ReconcileFunctions {
  /** `recordsJson`: a JSON array of journal records; `reportJson`: the acquirer's DailyReport body. */
  reconcileDay(recordsJson: string, reportJson: string, date: string, currency: string): TextResult;
  /** GET /v1/reports/daily?date=, signed: { method, path, nonce, headers }. 16 bytes of entropy. */
  buildReportRequest(
    terminalId: string,
    seedHex: string,
    date: string,
    nowMs: number,
    entropyHex: string,
  ): TextResult;
  /** The verified report body; bad_signature, invalid_field (another day), invalid_state (refused: detail = code). */
  readReportAnswer(
    acquirerPublicKeyHex: string,
    requestNonce: string,
    date: string,
    httpStatus: number,
    timestampMs: number,
    signature: string,
    body: string,
  ): TextResult;
}
