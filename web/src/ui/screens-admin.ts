// Back-office screens: activation, admin PIN, refund, today's transactions, settings.
import type { Core } from '../sdk/core';
import type { SessionState } from '../sdk/session-state';
import { button, dateTime, esc, money, notice, printStatus } from './html';
import { t, tAny } from './i18n';
import type { AppState } from './state';

function activateScreen(s: AppState): string {
  const L = s.locale;
  if (s.demo && s.busy)
    return `<div class="spinner" aria-hidden="true"></div><h1>${t('activate.demo', L)}</h1>`;
  return `
    <h1>${t('activate.title', L)}</h1>
    <p class="hint">${t('activate.hint', L)}</p>
    ${notice(s)}
    <form class="stack" autocomplete="off" data-form="activate">
      <label>${t('activate.code', L)}<input name="code" inputmode="numeric" maxlength="20" placeholder="1234-5678-9012" required /></label>
      <label>${t('activate.pin', L)}<input name="pin" type="password" inputmode="numeric" maxlength="8" required /></label>
      <label>${t('activate.pin_again', L)}<input name="pin2" type="password" inputmode="numeric" maxlength="8" required /></label>
      <button type="submit" class="btn primary" ${s.busy ? 'disabled' : ''}>${t(s.busy ? 'activate.working' : 'activate.submit', L)}</button>
    </form>`;
}

function pinScreen(s: AppState): string {
  const L = s.locale;
  return `
    <h1>${t('pin.title', L)}</h1>
    ${notice(s)}
    <form class="stack" autocomplete="off" data-form="pin">
      <label>${t('pin.title', L)}<input name="pin" type="password" inputmode="numeric" maxlength="8" autofocus required /></label>
      <div class="row">${button('home', t('nav.back', L))}<button type="submit" class="btn primary">${t('pin.ok', L)}</button></div>
    </form>`;
}

/** Paid sales that still have money to give back, newest first. */
export function refundable(history: SessionState[]): SessionState[] {
  return history.filter((h) => h.kind !== 'refund' && h.outcome === 'paid' && h.amount > h.refunded_total);
}

function refundScreen(s: AppState, core: Core | undefined): string {
  const L = s.locale;
  if (s.refund) {
    const sale = s.refund.sale;
    const left = s.refund.refundable;
    const major = core?.formatAmount(left, sale.currency) ?? String(left);
    return `
      <h1>${t('refund.title', L)}</h1>
      <p class="hint">${t('paid.order', L)} ${esc(sale.out_trade_no)} · ${esc(tAny(`scheme.${sale.scheme}`, L, 'error.other'))} · ${esc(sale.auth_code_masked)}</p>
      <p class="hint">${t('refund.of', L, { a: money(core, sale.amount, sale.currency, L), r: money(core, left, sale.currency, L) })}</p>
      ${notice(s)}
      <form class="stack" autocomplete="off" data-form="refund">
        <label>${t('refund.amount', L)}<input name="amount" inputmode="decimal" maxlength="12" value="${esc(major)}" required /></label>
        <div class="row">${button('refund', t('nav.back', L))}<button type="submit" class="btn primary">${t('refund.submit', L)}</button></div>
      </form>`;
  }
  const sales = refundable(s.history ?? []);
  return `
    <h1>${t('refund.title', L)}</h1>
    <p class="hint">${t('refund.hint', L)}</p>
    ${notice(s)}
    <div class="camera-slot"></div>
    ${
      sales.length
        ? `<ul class="list">${sales
            .map(
              (h) =>
                `<li><button type="button" class="btn row-btn" data-action="pick-refund" data-out-trade-no="${esc(h.out_trade_no)}">
                  <span>${dateTime(h.paid_at || h.started_at, L)}</span><span>${esc(h.auth_code_masked)}</span>
                  <strong>${money(core, h.amount - h.refunded_total, h.currency, L)}</strong></button></li>`,
            )
            .join('')}</ul>`
        : `<p class="hint">${t('refund.none', L)}</p>`
    }
    <div class="row">${button('home', t('nav.back', L))}</div>`;
}

function todayScreen(s: AppState, core: Core | undefined): string {
  const L = s.locale;
  const history = s.history ?? [];
  const currency = s.currency;
  const sales = history.filter((h) => h.kind !== 'refund' && h.outcome === 'paid');
  const refunds = history.filter(
    (h) => h.kind === 'refund' && (h.outcome === 'refunded' || h.outcome === 'refund_pending'),
  );
  const sum = (list: SessionState[]) => list.reduce((n, h) => n + h.amount, 0);
  const rows = history
    .map((h) => {
      const sign = h.kind === 'refund' ? -h.amount : h.amount;
      const status =
        h.phase === 'done'
          ? tAny(`${h.outcome === 'paid' ? 'paid' : h.outcome}.title`, L, 'error.other')
          : t('today.open', L);
      return `<tr data-outcome="${esc(h.outcome)}"><td>${dateTime(h.paid_at || h.started_at, L)}</td><td>${esc(tAny(`scheme.${h.scheme}`, L, 'nav.refund'))}</td><td>${esc(status)}</td><td class="num">${money(core, sign, h.currency, L)}</td></tr>`;
    })
    .join('');
  return `
    <h1>${t('today.title', L)}</h1>
    <table class="totals" data-testid="totals"><tbody>
      <tr><th>${t('today.sales', L)}</th><td>${sales.length}</td><td class="num" data-total="sales">${money(core, sum(sales), currency, L)}</td></tr>
      <tr><th>${t('today.refunds', L)}</th><td>${refunds.length}</td><td class="num" data-total="refunds">${money(core, -sum(refunds), currency, L)}</td></tr>
      <tr><th>${t('today.net', L)}</th><td></td><td class="num" data-total="net"><strong>${money(core, sum(sales) - sum(refunds), currency, L)}</strong></td></tr>
    </tbody></table>
    ${rows ? `<table class="list"><tbody>${rows}</tbody></table>` : `<p class="hint">${t('today.empty', L)}</p>`}
    ${reconcileBlock(s)}
    ${printStatus(s)}
    <div class="row">${button('reconcile', t('reconcile.run', L))}${button('print-report', t('print.report', L))}${button('home', t('nav.back', L), 'primary')}</div>`;
}

/** What reconciling today with the acquirer found. */
function reconcileBlock(s: AppState): string {
  const L = s.locale;
  const r = s.reconcile;
  if (!r) return '';
  if (r.state === 'busy')
    return `<p class="hint" role="status" data-reconcile="busy">${t('reconcile.busy', L)}</p>`;
  if (r.state === 'failed')
    return `<p class="notice" role="alert" data-reconcile="failed">${esc(tAny(`error.${r.error}`, L, 'reconcile.failed'))}</p>`;
  if (!r.differences?.length)
    return `<p class="hint ok" role="status" data-reconcile="ok">✓ ${t('reconcile.ok', L, { d: r.date ?? '' })}</p>`;
  const rows = r.differences
    .map(
      (d) =>
        `<tr><td>${esc(tAny(`scheme.${d.scheme}`, L, 'reconcile.scheme'))}</td><td>${esc(tAny(`reconcile.${d.field}`, L, 'reconcile.scheme'))}</td><td class="num">${d.terminal}</td><td class="num">${d.acquirer}</td></tr>`,
    )
    .join('');
  return `<div role="alert" data-reconcile="differences"><p class="notice">${t('reconcile.differs', L, { d: r.date ?? '' })}</p>
    <table class="totals"><thead><tr><th></th><th></th><th>${t('reconcile.terminal', L)}</th><th>${t('reconcile.acquirer', L)}</th></tr></thead><tbody>${rows}</tbody></table></div>`;
}

function settingsScreen(s: AppState): string {
  const L = s.locale;
  const p = s.profile;
  const cameras = s.cameras ?? [];
  const rows: [string, string][] = p
    ? [
        [t('settings.terminal', L), p.terminalId],
        [t('settings.merchant', L), `${p.merchantName} (${p.merchantId})`],
        [t('settings.fingerprint', L), p.fingerprint],
        [t('settings.acquirer', L), p.acquirerUrl || `${location.origin} ${t('settings.same_origin', L)}`],
      ]
    : [];
  const ps = s.printSettings;
  const option = (value: string, label: string, current: string) =>
    `<option value="${value}" ${value === current ? 'selected' : ''}>${esc(label)}</option>`;
  const onOff = (on: boolean) =>
    option('on', t('printer.on', L), on ? 'on' : 'off') +
    option('off', t('printer.off', L), on ? 'on' : 'off');
  const printerName = s.printer
    ? `${s.printer.name} (${s.printer.vendorId.toString(16).padStart(4, '0')}:${s.printer.productId.toString(16).padStart(4, '0')})`
    : t(s.usbSupported ? 'printer.none' : 'printer.unsupported_here', L);
  const printer = `
    <fieldset class="printer" data-testid="printer"><legend>${t('settings.printer', L)}</legend>
      <p data-printer="${s.printer ? 'paired' : 'none'}">${esc(printerName)}</p>
      <div class="row">${s.usbSupported ? button(s.printer ? 'forget-printer' : 'pair-printer', t(s.printer ? 'printer.forget' : 'printer.pair', L), 'small') : ''}</div>
      ${
        ps
          ? `<label class="inline">${t('printer.paper', L)}<select data-action="print-dots">${option('384', '58 mm', String(ps.dots))}${option('576', '80 mm', String(ps.dots))}</select></label>
      <label class="inline">${t('printer.mode', L)}<select data-action="print-mode">${option('gb18030', t('printer.mode_text', L), ps.textMode)}${option('raster', t('printer.mode_raster', L), ps.textMode)}</select></label>
      <label class="inline">${t('printer.auto', L)}<select data-action="print-auto">${onOff(ps.autoPrint)}</select></label>
      <label class="inline">${t('printer.drawer', L)}<select data-action="print-drawer">${onOff(ps.drawerKick)}</select></label>`
          : ''
      }
    </fieldset>`;
  return `
    <h1>${t('settings.title', L)}</h1>
    ${notice(s)}
    <dl class="details" data-testid="settings">${rows.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${esc(v)}</dd>`).join('')}</dl>
    <label class="inline">${t('settings.camera', L)}
      <select data-action="camera"><option value="">${t('settings.camera_default', L)}</option>${cameras
        .map(
          (c) =>
            `<option value="${esc(c.deviceId)}" ${c.deviceId === s.cameraId ? 'selected' : ''}>${esc(c.label)}</option>`,
        )
        .join('')}</select></label>
    ${printer}
    <label class="inline">${t('settings.language', L)}
      <select data-action="locale"><option value="zh-CN" ${L === 'zh-CN' ? 'selected' : ''}>中文</option><option value="en" ${L === 'en' ? 'selected' : ''}>English</option></select></label>
    <div class="row">${button('scenario-settings', t('nav.scenarios', L))}${button('table-codes', t('nav.table_codes', L))}</div>
    <div class="row">${button('export-journal', t('reconcile.export', L))}${button('reactivate', t('settings.reactivate', L))}${button('home', t('nav.back', L), 'primary')}</div>`;
}

export function adminScreen(s: AppState, core: Core | undefined): string {
  switch (s.view) {
    case 'activate':
      return activateScreen(s);
    case 'pin':
      return pinScreen(s);
    case 'refund':
      return refundScreen(s, core);
    case 'today':
      return todayScreen(s, core);
    case 'settings':
      return settingsScreen(s);
    default:
      return '';
  }
}
