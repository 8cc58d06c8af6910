// The public API of <qrpos-terminal>: what a merchant portal or a self-service page
// calls and listens to. Everything here is part of the npm package's types.

/** Amounts are integers in the currency's minor units (fen for CNY): 1234 = ¥12.34. */
export interface PayOptions {
  amount: number;
  /** the host's own order reference, shown to the cashier and returned in events */
  orderId?: string;
  /** ISO 4217; defaults to the terminal's currency */
  currency?: string;
  /**
   * 'scan': the customer shows a payment code (default); 'qr': the customer scans the
   * terminal's order QR; 'any' (self-service): the QR is shown and the camera and
   * scanner take a code too; a code closes the order first and pays only if it was unpaid.
   */
  method?: 'scan' | 'qr' | 'any';
}

export interface RefundOptions {
  /** the payment's out_trade_no (on its receipt, and in qrpos-paid's detail) */
  outTradeNo: string;
  amount: number;
  currency?: string;
  reason?: string;
}

/** detail of `qrpos-paid`: a payment the acquirer confirmed with a verified signature. */
export interface PaidDetail {
  outTradeNo: string;
  transactionId: string;
  amount: number;
  currency: string;
  /** wechat, alipay, unionpay, ... */
  scheme: string;
  /** first 2 and last 4 digits of the customer's code */
  authCodeMasked: string;
  paidAt: number;
  orderId?: string;
  /** the loyalty member the sale was for (as scanned), with the acquirer's points */
  memberId?: string;
  pointsEarned?: number;
  pointsBalance?: number;
  /** the ticket, room or bill code paid for */
  reference?: string;
  /** a table bill: the table, and the tip the customer added on top of `amount` */
  table?: string;
  tipAmount?: number;
}

/** detail of `qrpos-lookup`: a ticket, room or bill code was scanned and is being priced. */
export interface LookupDetail {
  code: string;
}

/** What the `lookup` property answers for a code: its price, or null for no such code. */
export interface LookupResult {
  /** minor units */
  amount: number;
  description: string;
  /** ISO 4217; the terminal's currency when absent */
  currency?: string;
  /** the host knows it was paid already: the terminal says so and takes nothing */
  paid?: boolean;
}

/** detail of `qrpos-refunded` */
export interface RefundedDetail {
  outTradeNo: string;
  outRefundNo: string;
  amount: number;
  currency: string;
  /** 'refunded' when done, 'refund_pending' when the acquirer is still processing */
  outcome: 'refunded' | 'refund_pending';
}

/** detail of `qrpos-failed`: nothing was charged (or a refund did not happen). */
export interface FailedDetail {
  outcome: 'declined' | 'cancelled' | 'expired' | 'refund_failed' | 'error';
  /** machine-readable reason: insufficient_funds, auth_code_expired, not_activated, ... */
  reason: string;
  /** what to tell the person, in the element's locale */
  message: string;
  outTradeNo?: string;
  orderId?: string;
}

/** detail of `qrpos-state`: the screen now showing, for hosts that mirror it. */
export interface StateDetail {
  /** amount, scan, processing, user_confirming, checking, cancelling, show_qr, paid, declined, ... */
  screen: string;
  outTradeNo?: string;
}

export interface QrposTerminalEventMap {
  'qrpos-paid': CustomEvent<PaidDetail>;
  'qrpos-refunded': CustomEvent<RefundedDetail>;
  'qrpos-failed': CustomEvent<FailedDetail>;
  'qrpos-state': CustomEvent<StateDetail>;
  'qrpos-lookup': CustomEvent<LookupDetail>;
}

export type TerminalMode = 'kiosk' | 'embedded';
export type TerminalLocale = 'zh-CN' | 'en';

/** What `diagnostics()` reports: for health checks and soak tests. */
export interface Diagnostics {
  /** the core's WebAssembly memory, bytes */
  wasmBytes: number;
  /** camera frames analysed since the page loaded, and their total decode time */
  cameraFrames: number;
  cameraDecodeMs: number;
  /** the camera decoder's WebAssembly memory (in its worker) after the last frame, bytes; 0 before any */
  decoderWasmBytes: number;
  /** sessions (sales, orders, refunds) not yet final */
  openSessions: number;
  /** the screen showing */
  screen: string;
}
