// Sale screens, a projection of AppState: amount keypad, "show your code", and the
// core session's screens (processing ... paid / declined / show_qr / refunded).
import type { Core } from '../sdk/core';
import { failureText, type SessionState } from '../sdk/session-state';
import { clockBanner } from './clock-banner';
import { button, countdown, dateTime, esc, money, notice, printStatus, qrSlot } from './html';
import { t, tAny, type StringKey } from './i18n';
import { recoveryFor } from './recovery';
import { adminScreen } from './screens-admin';
import {
  lookupScreen,
  memberChip,
  paidTitle,
  payingFor,
  scenarioRows,
  scenarioSettingsScreen,
  tableBillScreen,
  tableCodesScreen,
  tableWaiting,
} from './screens-scenarios';
import type { AppState } from './state';

function amountScreen(s: AppState, core: Core | undefined): string {
  const L = s.locale;
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0'];
  const offline = s.acquirer === 'unreachable' ? 'disabled aria-disabled="true"' : '';
  const symbol = money(core, 0, s.currency, L).replace(/[\d.,\s]+$/, '');
  return `
    <h1>${t('amount.title', L)}</h1>
    <output class="amount" data-testid="amount">${esc(symbol)}${esc(s.amountText || '0')}</output>
    ${memberChip(s)}${notice(s)}
    <div class="keypad">
      ${keys.map((k) => button('key', k, 'key', `data-key="${k}"`)).join('')}
      ${button('delete', '⌫', 'key', `aria-label="${t('amount.delete', L)}"`)}
    </div>
    <div class="row">${button('clear', t('amount.clear', L))}${button('show-qr', t('amount.show_qr', L), 'secondary', offline)}${button('collect', t('amount.collect', L), 'primary', offline)}</div>
    <div class="row">${button('table-bill', t('table.bill', L), 'secondary', offline)}</div>
    ${s.shellVersion ? `<p class="hint small" role="status" data-shell-version="${esc(s.shellVersion)}">${t('update.done', L, { v: s.shellVersion })}</p>` : ''}`;
}

/**
 * The acquirer does not answer: said in both languages at once (whoever stands at
 * the counter), with what to do, and that the terminal keeps trying by itself.
 */
function offlineBanner(s: AppState): string {
  if (s.acquirer !== 'unreachable' || s.view === 'session' || s.view === 'loading') return '';
  const lines = (['zh-CN', 'en'] as const)
    .map((L) => `<p lang="${L}"><strong>${t('offline.title', L)}</strong> ${t('offline.hint', L)}</p>`)
    .join('');
  return `<div class="offline" role="alert" data-offline="true">${lines}${button('retry-acquirer', t('offline.retry', s.locale), 'small')}</div>`;
}

/** The kiosk's error screen: what it does by itself, and the button that does it now. */
function errorWayOut(s: AppState): string {
  const L = s.locale;
  const reload = recoveryFor(s.notice, Boolean(s.profile)).action === 'reload';
  const [hint, label] = reload
    ? (['recovery.reload_hint', 'recovery.reload'] as const)
    : (['recovery.home_hint', 'recovery.home'] as const);
  return `<p class="hint">${t(hint, L)}</p><div class="row">${button(reload ? 'reload' : 'home', t(label, L), 'primary')}</div>`;
}

function saleAmount(s: AppState, core: Core | undefined): number {
  try {
    return core?.parseAmount(s.amountText, s.currency) ?? 0;
  } catch {
    return 0;
  }
}

function scanScreen(s: AppState, core: Core | undefined): string {
  const L = s.locale;
  const cameras = s.cameras ?? [];
  const picker =
    cameras.length > 1
      ? `<label class="inline">${t('scan.camera', L)} <select data-action="camera">${cameras
          .map(
            (c) =>
              `<option value="${esc(c.deviceId)}" ${c.deviceId === s.cameraId ? 'selected' : ''}>${esc(c.label)}</option>`,
          )
          .join('')}</select></label>`
      : '';
  const torch = s.torch?.supported
    ? button(
        'torch',
        t('scan.torch', L),
        s.torch.on ? 'primary small' : 'small',
        `aria-pressed="${s.torch.on}"`,
      )
    : '';
  const cameraProblem = s.notice?.startsWith('camera.')
    ? button('camera-retry', t('camera.retry', L), 'small')
    : '';
  return `
    ${payingFor(s)}
    <h1>${t('scan.title', L)}</h1>
    <output class="amount" data-testid="amount">${money(core, saleAmount(s, core), s.currency, L)}</output>
    ${memberChip(s)}
    ${s.orderId ? `<p class="hint">${t('amount.order', L)} ${esc(s.orderId)}</p>` : ''}
    <p class="hint">${t('scan.hint', L)}</p>
    <div class="camera-slot ${s.codeRead ? 'read' : ''}">${s.codeRead ? `<span class="read-mark" role="status">✓ ${t('scan.read', L)}</span>` : ''}</div>
    <div class="row tools">${picker}${torch}${cameraProblem}</div>
    ${notice(s)}
    <form class="manual" autocomplete="off" data-form="code">
      <label>${t('scan.manual', L)}<input name="code" inputmode="numeric" maxlength="64" /></label>
      <button type="submit" class="btn primary">${t('scan.pay', L)}</button>
    </form>
    <p class="hint">${s.scanDeadline ? countdown(s.scanDeadline, 'scan.time_left') : ''}</p>
    <div class="row">${button('cancel', t('scan.cancel', L))}${button('more-time', t('scan.more_time', L))}</div>`;
}

function receipt(s: AppState, session: SessionState, core: Core | undefined): string {
  const L = s.locale;
  const rows: [StringKey, string][] = [
    ['paid.merchant', s.profile?.merchantName ?? ''],
    ['paid.terminal', s.profile?.terminalId ?? ''],
    ['paid.scheme', tAny(`scheme.${session.scheme}`, L, 'error.other')],
    ['paid.code', session.auth_code_masked],
    ['paid.time', dateTime(session.paid_at || session.started_at, L)],
    ['paid.order', session.out_trade_no],
    ['paid.transaction', session.transaction_id],
    ...scenarioRows(s, session, core),
  ];
  const code = s.profile && core?.module.makeReceiptCode(s.profile.terminalId, session.out_trade_no);
  return `
    <figure class="receipt" aria-label="${t('paid.receipt', L)}">
      <figcaption>${t('paid.receipt', L)}</figcaption>
      <dl class="details">${rows
        .filter(([, v]) => v)
        .map(([k, v]) => `<dt>${t(k, L)}</dt><dd data-field="${k}">${esc(v)}</dd>`)
        .join('')}</dl>
      ${code?.ok ? `${qrSlot(code.value, t('paid.receipt_code', L))}<p class="hint small">${t('paid.receipt_code', L)}</p>` : ''}
    </figure>`;
}

function printButton(s: AppState): string {
  if (s.print?.state === 'busy') return '';
  const label = t(s.print ? 'print.reprint' : 'paid.print', s.locale);
  return button('print', label, 'secondary', `data-via="${s.printer ? 'usb' : 'dialog'}"`);
}

function sessionScreen(s: AppState, core: Core | undefined): string {
  const L = s.locale;
  const session = s.session!;
  const amount = `<output class="amount" data-testid="amount">${money(core, session.kind === 'refund' ? -session.amount : session.amount, session.currency, L)}</output>`;
  const next = button('new-sale', t('paid.next', L), 'primary');
  const cancel = session.kind !== 'refund' ? button('cancel-session', t('session.cancel', L)) : '';
  const reason = (fallback: StringKey) =>
    `<p class="notice" role="alert" data-code="${esc(session.reason)}">${esc(tAny(`error.${failureText(session)}`, L, fallback))}</p>`;
  switch (session.screen) {
    case 'none':
    case 'processing':
      return `<div class="spinner" aria-hidden="true"></div><h1>${t('processing.title', L)}</h1>${amount}<p class="hint">${t('processing.hint', L)}</p>`;
    case 'user_confirming':
      return `<div class="badge wait" aria-hidden="true">…</div><h1>${t('user_confirming.title', L)}</h1>${amount}<p class="hint">${t('user_confirming.hint', L)}</p><div class="row">${cancel}</div>`;
    case 'checking':
      return `<div class="spinner" aria-hidden="true"></div><h1>${t('checking.title', L)}</h1>${amount}<p class="notice warn" role="alert">${t('checking.hint', L)}</p><div class="row">${cancel}</div>`;
    case 'cancelling':
      return `<div class="spinner" aria-hidden="true"></div><h1>${t('cancelling.title', L)}</h1>${amount}<p class="hint">${t('cancelling.hint', L)}</p>`;
    case 'show_qr':
      if (session.table) return tableWaiting(s, session, amount, cancel);
      return `${payingFor(s)}<h1>${t('show_qr.title', L)}</h1>${amount}
        ${qrSlot(session.qr_payload, t('show_qr.label', L))}
        <p class="hint">${t(s.selfService ? 'self_service.hint' : 'show_qr.hint', L)}</p>
        ${s.selfService ? `<div class="camera-slot ${s.codeRead ? 'read' : ''}"></div>` : ''}
        <p class="hint">${countdown(session.deadline, 'show_qr.expires')}</p>
        <div class="row">${cancel}</div>`;
    case 'paid':
      return `<div class="badge ok" aria-hidden="true">✓</div><h1>${paidTitle(s, session, core)}</h1>
        <output class="amount" data-testid="paid-amount">${money(core, session.amount + (session.tip_amount ?? 0), session.currency, L)}</output>
        ${receipt(s, session, core)}
        ${printStatus(s)}
        <div class="row">${printButton(s)}${next}</div>`;
    case 'declined':
      return `<div class="badge bad" aria-hidden="true">✕</div><h1>${t('declined.title', L)}</h1>${amount}${reason('error.payment_failed')}
        <div class="row">${button('new-sale', t('declined.new', L))}${session.kind === 'pay' && !['reference_paid', 'reference_amount'].includes(failureText(session)) ? button('scan-again', t('declined.retry', L), 'primary') : ''}</div>`;
    case 'cancelled':
      return `<div class="badge warn" aria-hidden="true">↺</div><h1>${t('cancelled.title', L)}</h1>${amount}<p class="hint">${t('cancelled.hint', L)}</p><div class="row">${next}</div>`;
    case 'expired':
      return `<div class="badge warn" aria-hidden="true">!</div><h1>${t('expired.title', L)}</h1>${amount}<p class="hint">${t('expired.hint', L)}</p><div class="row">${next}</div>`;
    case 'refunded':
      return `<div class="badge ok" aria-hidden="true">✓</div><h1>${t('refunded.title', L)}</h1>${amount}<p class="hint">${t('paid.order', L)} ${esc(session.out_trade_no)}</p>${printStatus(s)}<div class="row">${printButton(s)}${next}</div>`;
    case 'refund_pending':
      return `<div class="badge wait" aria-hidden="true">…</div><h1>${t('refund_pending.title', L)}</h1>${amount}<p class="hint">${t('refund_pending.hint', L)}</p><div class="row">${next}</div>`;
    case 'refund_failed':
      return `<div class="badge bad" aria-hidden="true">✕</div><h1>${t('refund_failed.title', L)}</h1>${amount}${reason('error.other')}<div class="row">${next}</div>`;
  }
}

function body(s: AppState, core: Core | undefined): string {
  const L = s.locale;
  switch (s.view) {
    case 'loading':
      // Only "updating" says anything here: a start takes a moment and needs no words.
      return `<div class="spinner" aria-hidden="true"></div>${s.notice ? `<p class="hint" role="status">${esc(tAny(s.notice, L, 'error.other'))}</p>` : ''}`;
    case 'error':
      return `<div class="badge bad" aria-hidden="true">!</div>${notice(s)}${s.mode === 'kiosk' ? errorWayOut(s) : ''}`;
    case 'amount':
      return amountScreen(s, core);
    case 'idle':
      return `<h1>${t('embedded.idle', L)}</h1>${notice(s)}`;
    case 'scan':
      return scanScreen(s, core);
    case 'session':
      return sessionScreen(s, core);
    case 'lookup':
      return lookupScreen(s);
    case 'table-bill':
      return tableBillScreen(s);
    case 'scenario-settings':
      return scenarioSettingsScreen(s);
    case 'table-codes':
      return tableCodesScreen(s);
    default:
      return adminScreen(s, core);
  }
}

/** The screen name tests and hosts see: the session's screen during a session. */
export function screenName(s: AppState): string {
  return s.view === 'session' && s.session ? s.session.screen : s.view;
}

export function render(
  root: HTMLElement,
  s: AppState,
  core: Core | undefined,
  video: HTMLVideoElement,
): void {
  const L = s.locale;
  const nav =
    s.mode === 'kiosk' && s.profile && (s.view === 'amount' || s.view === 'today' || s.view === 'settings')
      ? `<nav>${button('today', t('nav.today', L), 'small')}${button('refund', t('nav.refund', L), 'small')}${button('settings', t('nav.settings', L), 'small')}</nav>`
      : '';
  root.dataset.screen = screenName(s);
  root.lang = L;
  root.innerHTML = `
    <header>
      <span class="brand">${esc(s.profile?.merchantName || t('app.title', L))}</span>
      ${nav}
      ${button('lang', t('lang.switch', L), 'lang', `lang="${L === 'zh-CN' ? 'en' : 'zh-CN'}"`)}
    </header>
    ${offlineBanner(s)}${clockBanner(s)}
    <section class="screen" aria-live="polite">${body(s, core)}</section>`;
  // The <video> survives re-renders so the camera stream is never re-attached.
  const slot = root.querySelector('.camera-slot');
  if (slot) slot.prepend(video);
  else root.append(video);
}
