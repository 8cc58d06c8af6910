// Receipt bytes for the printer and HTML for the screen, from the receipt module
// (qrpos_receipt.wasm), which loads on first use only: a terminal that never prints
// never downloads the GB18030 table.
import type {
  ReceiptDocument,
  ReceiptModule,
  ReceiptReport,
  ReceiptSale,
} from '@qrpos/core-wasm/qrpos_receipt.mjs';
import { QrposError } from './errors';
import type { SessionState } from './session-state';

export type { ReceiptDocument, ReceiptReport, ReceiptSale };

/** The merchant-scenario lines of a sale receipt (receipt::Sale, SPEC "Receipt"). */
export interface ScenarioSale {
  /** first 2 + last 4 of the member id */
  memberIdMasked?: string;
  hasLoyalty?: boolean;
  pointsEarned?: number;
  pointsBalance?: number;
  /** minor units the customer added on top of `amount` */
  tipAmount?: number;
  /** the ticket, room or bill code paid for, and what it is */
  reference?: string;
  description?: string;
  table?: string;
}

/** A member id as it may be shown or printed: first 2 and last 4 ("VI****1234"). */
export function maskMember(id: string): string {
  return id.length > 6 ? `${id.slice(0, 2)}****${id.slice(-4)}` : '*'.repeat(id.length);
}

/** How this terminal prints (settings). */
export interface PrintSettings {
  /** 384 dots = 58 mm paper, 576 = 80 mm */
  dots: 384 | 576;
  /** gb18030: Chinese text mode (fast, needs a printer with a Chinese font); raster: an image (any printer) */
  textMode: 'gb18030' | 'raster';
  cut: boolean;
  drawerKick: boolean;
  /** print a receipt after every payment and refund */
  autoPrint: boolean;
}

export const DEFAULT_PRINT: PrintSettings = {
  dots: 384,
  textMode: 'gb18030',
  cut: true,
  drawerKick: false,
  autoPrint: false,
};

export type ReceiptJob =
  | { kind: 'payment' | 'refund'; sale: ReceiptSale & ScenarioSale }
  | { kind: 'report'; report: ReceiptReport }
  | { kind: 'table_card'; tableCard: TableCardInput };

/** receipt::TableCard: the card that stands on a restaurant table. */
export interface TableCardInput {
  merchantName: string;
  table: string;
  /** what the customer's phone scans */
  qrPayload: string;
  /** the tip offered, as printed ("" for none) */
  tipText: string;
}

let loading: Promise<ReceiptModule> | undefined;

function load(): Promise<ReceiptModule> {
  loading ??= Promise.all([
    import('@qrpos/core-wasm/qrpos_receipt.mjs'),
    import('@qrpos/core-wasm/qrpos_receipt.wasm?url'),
  ]).then(([{ default: create }, { default: wasmUrl }]) =>
    create({ locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path) }),
  );
  return loading;
}

/** A payment or refund session as a receipt. */
export function saleReceipt(
  s: SessionState,
  terminal: { terminalId: string; merchantName: string; lookupCode?: string; description?: string },
  reprint = false,
): ReceiptJob {
  const refund = s.kind === 'refund';
  const member = !refund && s.member_id ? s.member_id : '';
  return {
    kind: refund ? 'refund' : 'payment',
    sale: {
      merchantName: terminal.merchantName,
      terminalId: terminal.terminalId,
      timeMs: s.paid_at || s.started_at,
      amount: s.amount,
      currency: s.currency,
      scheme: s.scheme,
      authCodeMasked: s.auth_code_masked,
      outTradeNo: s.out_trade_no,
      transactionId: s.transaction_id,
      outRefundNo: refund ? s.out_refund_no : undefined,
      refundId: refund ? s.refund_id : undefined,
      lookupCode: terminal.lookupCode,
      reprint,
      memberIdMasked: member ? maskMember(member) : undefined,
      hasLoyalty: Boolean(member),
      pointsEarned: member ? (s.points_earned ?? 0) : undefined,
      pointsBalance: member ? (s.points_balance ?? 0) : undefined,
      tipAmount: s.tip_amount || undefined,
      reference: s.reference || undefined,
      description: terminal.description || s.description || undefined,
      table: s.table || undefined,
    },
  };
}

function input(job: ReceiptJob, language: 'zh-CN' | 'en', settings: PrintSettings): string {
  return JSON.stringify({
    ...job,
    language,
    printer: {
      dots: settings.dots,
      textMode: settings.textMode,
      cut: settings.cut,
      drawerKick: settings.drawerKick,
    },
  });
}

/** The laid-out receipt: rows to draw, plain text, HTML. */
export async function receiptDocument(
  job: ReceiptJob,
  language: 'zh-CN' | 'en',
  settings: PrintSettings = DEFAULT_PRINT,
): Promise<ReceiptDocument> {
  const r = (await load()).receiptDocument(input(job, language, settings));
  if (!r.ok) throw new QrposError('core', r.error.code, r.error.detail);
  return JSON.parse(r.value) as ReceiptDocument;
}

/** ESC/POS bytes for this terminal's printer. Raster mode draws the receipt first. */
export async function receiptBytes(
  job: ReceiptJob,
  language: 'zh-CN' | 'en',
  settings: PrintSettings,
): Promise<Uint8Array> {
  const m = await load();
  const json = input(job, language, settings);
  let r;
  if (settings.textMode === 'raster') {
    const { drawReceipt } = await import('./receipt-raster');
    const image = await drawReceipt(await receiptDocument(job, language, settings), settings.dots);
    r = m.receiptRaster(image.bits, image.width, image.height, json);
  } else {
    r = m.receiptEscPos(json);
  }
  if (!r.ok) throw new QrposError('core', r.error.code, r.error.detail);
  return r.bytes;
}
