// The back office behind the PIN: today's sales and reconciliation, the journal
// export, refunds (picked from the list or by scanning a receipt) and re-activation.
// app.ts hands it the clicks and forms it owns; it changes AppState through the host.
// A refund still moves money only through the core's refund session.
import type { Core } from '../sdk/core';
import { QrposError } from '../sdk/errors';
import type { SessionRun } from '../sdk/runner';
import type { SessionState } from '../sdk/session-state';
import type { Terminal } from '../sdk/terminal';
import type { PrintController, PrintOutcome } from './printing';
import { refundable } from './screens-admin';
import type { AppState } from './state';

type ReceiptRef = NonNullable<AppState['pendingReceipt']>;

/** What the app lends the back office. */
export interface BackOfficeHost {
  state(): AppState;
  update(patch: Partial<AppState>): void;
  core: Core;
  terminal: Terminal;
  root: HTMLElement;
  printing?: PrintController;
  startSession(start: () => Promise<SessionRun>): Promise<void>;
  printed(outcome: PrintOutcome): void;
  listCameras(): Promise<NonNullable<AppState['cameras']>>;
}

const startOfToday = () => new Date(new Date().toDateString()).getTime();
/** YYYY-MM-DD of the acquirer's business day (China time, UTC+8). */
const chinaDate = (ms: number) => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);

export class BackOffice {
  constructor(private readonly host: BackOfficeHost) {}

  /** True when the click was the back office's. */
  onClick(action: string, target: HTMLElement): boolean {
    const s = this.host.state();
    switch (action) {
      case 'today':
        return this.go(this.openToday());
      case 'refund':
        if (s.view === 'refund' && s.refund) this.host.update({ refund: undefined, notice: undefined });
        else this.host.update({ view: 'pin', pinFor: 'refund', notice: undefined, refund: undefined });
        return true;
      case 'settings':
        this.host.update({ view: 'pin', pinFor: 'settings', notice: undefined });
        return true;
      case 'pick-refund':
        return this.go(this.pickRefund(target.dataset.outTradeNo!));
      case 'reactivate':
        return this.go(this.reactivate());
      case 'reconcile':
        return this.go(this.reconcile());
      case 'export-journal':
        return this.go(this.exportJournal());
      case 'print-report':
        if (this.host.printing && s.history) {
          const today = new Date().toLocaleDateString('sv'); // YYYY-MM-DD in the terminal's time zone
          this.host.update({ print: { state: 'busy' } });
          void this.host.printing.printReport(s.history, s.locale, today).then((o) => this.host.printed(o));
        }
        return true;
      default:
        return false;
    }
  }

  /** True when the form was the back office's. */
  onSubmit(form: string, field: (name: string) => string): boolean {
    if (form === 'pin') return this.go(this.enterPin(field('pin')));
    if (form === 'refund') return this.go(this.submitRefund(field('amount')));
    return false;
  }

  /** A receipt code scanned on the start or refund screen: the PIN first, then that sale. */
  onReceipt(receipt: ReceiptRef): void {
    if (this.host.state().view === 'amount')
      return this.host.update({ view: 'pin', pinFor: 'refund', notice: undefined, pendingReceipt: receipt });
    void this.pickRefund(receipt.outTradeNo, receipt.terminalId);
  }

  private go(work: Promise<void>): true {
    void work;
    return true;
  }

  private async enterPin(pin: string): Promise<void> {
    const { terminal } = this.host;
    const check = await terminal.checkPin(pin);
    if (!check.ok)
      return this.host.update({ notice: check.reason === 'locked' ? 'pin.locked' : 'pin.wrong' });
    if (this.host.state().pinFor === 'settings') {
      const cameras = await this.host.listCameras().catch(() => []);
      return this.host.update({ view: 'settings', notice: undefined, cameras });
    }
    const pending = this.host.state().pendingReceipt;
    this.host.update({
      view: 'refund',
      notice: undefined,
      refund: undefined,
      pendingReceipt: undefined,
      history: await terminal.history(startOfToday()),
    });
    if (pending) await this.pickRefund(pending.outTradeNo, pending.terminalId);
  }

  /** Today's sales against the acquirer's signed daily report (China-time business day). */
  private async reconcile(): Promise<void> {
    const date = chinaDate(Date.now());
    this.host.update({ reconcile: { state: 'busy', date } });
    try {
      const r = await this.host.terminal.reconcile(date);
      this.host.update({ reconcile: { state: 'done', date, differences: r.differences } });
    } catch (e) {
      this.host.update({ reconcile: { state: 'failed', date, error: (e as QrposError).code ?? 'other' } });
    }
  }

  /** The journal as a file for the back office's `npm run reconcile`. */
  private async exportJournal(): Promise<void> {
    const date = chinaDate(Date.now());
    const data = await this.host.terminal.exportJournal(date);
    const url = URL.createObjectURL(new Blob([JSON.stringify(data, null, 1)], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = `qrpos-journal-${data.terminal_id}-${date}.json`;
    this.host.root.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }

  private async openToday(): Promise<void> {
    this.host.update({
      view: 'today',
      notice: undefined,
      reconcile: undefined,
      history: await this.host.terminal.history(startOfToday()),
    });
  }

  private async pickRefund(outTradeNo: string, terminalId?: string): Promise<void> {
    const { terminal } = this.host;
    if (terminalId && terminalId !== this.host.state().profile?.terminalId)
      return this.host.update({ notice: 'refund.not_found' });
    const entry =
      (await terminal.journal.get(`pay:${outTradeNo}`)) ??
      (await terminal.journal.get(`order:${outTradeNo}`));
    const sale = entry && (JSON.parse(entry.record) as SessionState);
    const history = await terminal.history(0);
    const refunded = history
      .filter((h) => h.kind === 'refund' && h.out_trade_no === outTradeNo && h.outcome !== 'refund_failed')
      .reduce((n, h) => n + h.amount, 0);
    if (!sale || refundable([sale]).length === 0) return this.host.update({ notice: 'refund.not_found' });
    this.host.update({
      refund: { sale, refundable: sale.amount - Math.max(refunded, sale.refunded_total) },
      notice: undefined,
    });
  }

  private async submitRefund(amountText: string): Promise<void> {
    const r = this.host.state().refund!;
    let minor: number;
    try {
      minor = this.host.core.parseAmount(amountText, r.sale.currency);
    } catch (e) {
      return this.host.update({ notice: `error.${(e as QrposError).code}` });
    }
    if (minor > r.refundable) return this.host.update({ notice: 'refund.too_much' });
    await this.host.startSession(() =>
      this.host.terminal.refund(r.sale.out_trade_no, minor, r.sale.currency),
    );
  }

  private async reactivate(): Promise<void> {
    try {
      await this.host.terminal.deactivate();
      this.host.update({ view: 'activate', profile: undefined, notice: undefined });
    } catch (e) {
      this.host.update({ notice: `error.${(e as QrposError).code}` });
    }
  }
}
