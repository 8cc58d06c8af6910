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
  { kind: 'payment' | 'refund'; sale: ReceiptSale } | { kind: 'report'; report: ReceiptReport };

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
  terminal: { terminalId: string; merchantName: string; lookupCode?: string },
  reprint = false,
): ReceiptJob {
  const refund = s.kind === 'refund';
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
