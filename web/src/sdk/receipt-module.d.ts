// wasm/receipt/bind_receipt.cpp: qrpos_receipt.mjs, the receipt module (loaded only
// when a terminal prints). Input is one JSON object:
// { kind: 'payment' | 'refund' | 'report' | 'table_card', language: 'zh-CN' | 'en',
//   printer: { dots: 384 | 576, textMode: 'gb18030' | 'raster', cut?: boolean, drawerKick?: boolean },
//   sale?: ReceiptSale, report?: ReceiptReport, tableCard?: ReceiptTableCard }
import type { ErrorDto } from './core-module';

export interface ReceiptSale {
  merchantName: string;
  storeName?: string;
  terminalId: string;
  /** paid or refunded at, epoch ms */
  timeMs: number;
  /** printed in the shop's time (default 480: China Standard Time) */
  utcOffsetMinutes?: number;
  /** minor units: the payment, or the refund */
  amount: number;
  currency: string;
  scheme: string;
  authCodeMasked: string;
  outTradeNo: string;
  transactionId?: string;
  outRefundNo?: string;
  refundId?: string;
  /** refunds: what the payment was */
  originalAmount?: number;
  /** the QR printed for lookup and refund */
  lookupCode?: string;
  footer?: string;
  reprint?: boolean;
  /** the loyalty member; printed masked (first 2 + last 4) even if given in clear */
  memberIdMasked?: string;
  /** print pointsEarned and pointsBalance (payments with a member) */
  hasLoyalty?: boolean;
  pointsEarned?: number;
  pointsBalance?: number;
  /** payments: minor units paid on top of `amount`; the receipt prints bill, tip and total */
  tipAmount?: number;
  /** the ticket, room or bill code paid for */
  reference?: string;
  /** what it was for, printed with the reference ("晚餐 Dinner (BILL-0042)") */
  description?: string;
  table?: string;
}

/** The card on a restaurant table: big "5号桌" / "Table 5", the table's QR, "扫码付款 / Scan to pay your bill". */
export interface ReceiptTableCard {
  merchantName: string;
  /** 1-16 of [A-Za-z0-9_-]; else invalid_field */
  table: string;
  /** the table code (EMV MPM or URL), 1-512 bytes; else invalid_field */
  qrPayload: string;
  /** optional line on tipping, as the merchant words it */
  tipText?: string;
}

export interface ReceiptReport {
  merchantName: string;
  terminalId: string;
  /** YYYY-MM-DD in the shop's time */
  date: string;
  printedAtMs: number;
  utcOffsetMinutes?: number;
  currency: string;
  sales: { scheme: string; count: number; amount: number }[];
  refundCount: number;
  refundAmount: number;
}

/** A laid-out line, as the raster drawer needs it. */
export interface ReceiptLine {
  type: 'text' | 'pair' | 'rule' | 'qr' | 'barcode' | 'feed';
  align: 'left' | 'center' | 'right';
  bold: boolean;
  /** 1 normal, 2 double width and height */
  size: number;
  text: string;
  right: string;
}

/** A printed row: text wrapped and aligned with spaces (CJK = 2 columns), or a symbol. */
export interface ReceiptRow {
  text: string;
  size: number;
  bold: boolean;
  /** non-empty: a QR code with this data, centered */
  qr: string;
  /** non-empty: a Code 128 with this data, centered */
  barcode: string;
}

/** `value` of receiptDocument, parsed. */
export interface ReceiptDocument {
  lines: ReceiptLine[];
  rows: ReceiptRow[];
  /** font A columns: 32 on 58 mm, 48 on 80 mm */
  columns: number;
  text: string;
  html: string;
}

export type BytesResult = { ok: true; bytes: Uint8Array } | { ok: false; error: ErrorDto };

export interface ReceiptModule {
  receiptDocument(inputJson: string): { ok: true; value: string } | { ok: false; error: ErrorDto };
  /** ESC/POS for a GB18030 text-mode printer */
  receiptEscPos(inputJson: string): BytesResult;
  /** ESC/POS for a raster printer: `bits` is the drawn receipt, 1 bit a dot, MSB leftmost */
  receiptRaster(bits: Uint8Array, width: number, height: number, inputJson: string): BytesResult;
}

declare const createQrposReceipt: (options?: {
  locateFile?: (path: string) => string;
  wasmBinary?: ArrayBuffer | Uint8Array;
}) => Promise<ReceiptModule>;
export default createQrposReceipt;
