// The session state as the core writes it in a journal record (core/src/journal.cpp,
// version 1). Screens read it; only the core changes it.

export type SessionKind = 'none' | 'pay' | 'refund' | 'order';
export type SessionPhase = 'idle' | 'paying' | 'polling' | 'reversing' | 'closing' | 'done';
export type SessionOutcome =
  'none' | 'paid' | 'declined' | 'cancelled' | 'expired' | 'refunded' | 'refund_pending' | 'refund_failed';
/** What the customer and cashier should see (qrpos/session.hpp, QRPOS_SCREENS). */
export type SessionScreen =
  | 'none'
  | 'processing'
  | 'user_confirming'
  | 'checking'
  | 'cancelling'
  | 'show_qr'
  | 'paid'
  | 'declined'
  | 'cancelled'
  | 'expired'
  | 'refunded'
  | 'refund_pending'
  | 'refund_failed';

export interface SessionState {
  v: number;
  kind: SessionKind;
  phase: SessionPhase;
  outcome: SessionOutcome;
  screen: SessionScreen;
  out_trade_no: string;
  out_refund_no: string;
  /** minor units */
  amount: number;
  currency: string;
  scheme: string;
  /** first 2 and last 4 digits only */
  auth_code_masked: string;
  description: string;
  started_at: number;
  deadline: number;
  /** 0 when no request is in flight */
  request_id: number;
  next_at: number;
  cancel_requested: boolean;
  transaction_id: string;
  paid_at: number;
  /** decline reason or error code */
  reason: string;
  /** merchant-presented: what the customer scans */
  qr_payload: string;
  refund_id: string;
  refunded_total: number;
  // Merchant scenarios (docs/protocol.md): absent in records written before them.
  /** the loyalty member the sale was for, in full (the screen masks it) */
  member_id?: string;
  /** what was paid for: a ticket, room or bill code (lookup) */
  reference?: string;
  /** orders: the restaurant table this bill is for */
  table?: string;
  /** from the verified SUCCESS trade of a member's sale */
  points_earned?: number;
  points_balance?: number;
  /** orders: what the customer added on top of `amount` */
  tip_amount?: number;
}

export function parseState(record: string): SessionState {
  return JSON.parse(record) as SessionState;
}

/** The journal key: a refund is its own session beside the payment it refunds. */
export function sessionId(s: SessionState): string {
  return s.kind === 'refund' ? `refund:${s.out_refund_no}` : `${s.kind}:${s.out_trade_no}`;
}

export const isFinal = (s: SessionState): boolean => s.phase === 'done';

/**
 * The i18n key (without `error.`) that tells a person why the sale ended: a lookup
 * payment the acquirer refused as `invalid_amount` means the bill changed since it was
 * looked up, and "enter the amount again" would be the wrong advice.
 */
export function failureText(s: Pick<SessionState, 'reason' | 'reference'>): string {
  return s.reason === 'invalid_amount' && s.reference ? 'reference_amount' : s.reason;
}
