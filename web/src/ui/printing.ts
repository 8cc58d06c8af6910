// Printing for the app: receipts and the daily report to the USB printer when one is
// paired, the browser's print dialog otherwise. A payment never waits for paper: the
// app calls these without awaiting the sale, and a failure is a notice with "reprint".
import { PRINTER_MESSAGES, PrinterError, UsbPrinter, type PrinterInfo } from '../sdk/printer';
import {
  DEFAULT_PRINT,
  receiptBytes,
  receiptDocument,
  saleReceipt,
  type PrintSettings,
  type ReceiptJob,
} from '../sdk/receipts';
import { esc } from './html';
import type { SessionState } from '../sdk/session-state';
import type { Terminal } from '../sdk/terminal';
import { t, type Locale } from './i18n';
import type { TableCard } from './scenarios/table-codes';

export type PrintOutcome =
  { ok: true; via: 'usb' | 'dialog' } | { ok: false; problem: string; message: string };

/** Per scheme counts and totals, refunds and net of `history` (one day's sessions). */
export function dayTotals(history: SessionState[]) {
  const sales = new Map<string, { scheme: string; count: number; amount: number }>();
  let refundCount = 0;
  let refundAmount = 0;
  for (const h of history) {
    if (h.kind === 'refund' && (h.outcome === 'refunded' || h.outcome === 'refund_pending')) {
      refundCount += 1;
      refundAmount += h.amount;
    } else if (h.kind !== 'refund' && h.outcome === 'paid') {
      const row = sales.get(h.scheme) ?? { scheme: h.scheme, count: 0, amount: 0 };
      row.count += 1;
      row.amount += h.amount;
      sales.set(h.scheme, row);
    }
  }
  return { sales: [...sales.values()], refundCount, refundAmount };
}

export class PrintController {
  readonly printer = new UsbPrinter();
  settings: PrintSettings = DEFAULT_PRINT;

  constructor(
    private readonly terminal: Terminal,
    private readonly printArea: HTMLElement,
  ) {}

  /** Loads the settings and finds the paired printer again (no prompt). */
  async start(): Promise<PrinterInfo | undefined> {
    this.settings = { ...DEFAULT_PRINT, ...((await this.terminal.preference<PrintSettings>('print')) ?? {}) };
    return this.printer.supported ? this.printer.reconnect().catch(() => undefined) : undefined;
  }

  async save(patch: Partial<PrintSettings>): Promise<void> {
    this.settings = { ...this.settings, ...patch };
    await this.terminal.setPreference('print', this.settings);
  }

  /** A payment's or refund's receipt. */
  /** `description`: what a looked-up code was for (the session keeps only the code). */
  printSession(
    state: SessionState,
    locale: Locale,
    reprint = false,
    description?: string,
  ): Promise<PrintOutcome> {
    const p = this.terminal.profile!;
    const lookup = this.terminal.receiptCode(state.out_trade_no);
    return this.print(
      saleReceipt(
        state,
        { terminalId: p.terminalId, merchantName: p.merchantName, lookupCode: lookup, description },
        reprint,
      ),
      locale,
    );
  }

  /** The end-of-day summary of `history` (today's sessions). */
  printReport(history: SessionState[], locale: Locale, date: string): Promise<PrintOutcome> {
    const p = this.terminal.profile!;
    return this.print(
      {
        kind: 'report',
        report: {
          merchantName: p.merchantName,
          terminalId: p.terminalId,
          date,
          printedAtMs: Date.now(),
          currency: p.currency,
          ...dayTotals(history),
        },
      },
      locale,
    );
  }

  /**
   * One card per table: on the USB printer through the receipt module's TableCard
   * layout (cut between cards), else the browser's print dialog, a card a page.
   */
  async printTableCards(cards: TableCard[], tipText: string, locale: Locale): Promise<PrintOutcome> {
    const merchantName = this.terminal.profile!.merchantName;
    try {
      if (this.printer.info) {
        for (const card of cards) {
          const job: ReceiptJob = {
            kind: 'table_card',
            tableCard: { merchantName, table: card.table, qrPayload: card.payload, tipText },
          };
          await this.printer.print(await receiptBytes(job, locale, this.settings));
        }
        return { ok: true, via: 'usb' };
      }
      this.printArea.innerHTML = cards
        .map(
          (
            c,
          ) => `<section class="table-card"><p class="large bold">${esc(t('table_codes.card', locale, { t: c.table }))}</p>
            <p>${esc(merchantName)}</p><div data-qr="${esc(c.payload)}"></div>
            <p class="bold">${esc(t('table_codes.scan', locale))}</p>${tipText ? `<p>${esc(tipText)}</p>` : ''}</section>`,
        )
        .join('');
      const { renderQr } = await import('./qr-image');
      for (const slot of this.printArea.querySelectorAll<HTMLElement>('[data-qr]'))
        slot.append(await renderQr(slot.dataset.qr!, ''));
      window.print();
      return { ok: true, via: 'dialog' };
    } catch (e) {
      const problem = e instanceof PrinterError ? e.problem : 'failed';
      const message = PRINTER_MESSAGES[problem as keyof typeof PRINTER_MESSAGES]?.[locale] ?? String(e);
      return { ok: false, problem, message };
    }
  }

  private async print(job: ReceiptJob, locale: Locale): Promise<PrintOutcome> {
    try {
      if (this.printer.info) {
        await this.printer.print(await receiptBytes(job, locale, this.settings));
        return { ok: true, via: 'usb' };
      }
      await this.dialog(job, locale);
      return { ok: true, via: 'dialog' };
    } catch (e) {
      const problem = e instanceof PrinterError ? e.problem : 'failed';
      const message = PRINTER_MESSAGES[problem as keyof typeof PRINTER_MESSAGES]?.[locale] ?? String(e);
      return { ok: false, problem, message };
    }
  }

  /** The browser's print dialog with the core's HTML rendering of the receipt. */
  private async dialog(job: ReceiptJob, locale: Locale): Promise<void> {
    const doc = await receiptDocument(job, locale, this.settings);
    this.printArea.innerHTML = doc.html;
    const { renderQr } = await import('./qr-image');
    for (const slot of this.printArea.querySelectorAll<HTMLElement>('[data-qr]')) {
      slot.append(await renderQr(slot.dataset.qr!, ''));
    }
    window.print();
  }
}
