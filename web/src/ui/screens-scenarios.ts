// The merchant scenarios' screens and the bits they add to the sale screens: the
// member chip, "paying for", lookup outcomes, the table bill form and its waiting and
// paid screens, and the admin screens for patterns and table codes. Projections of
// AppState only; scenarios/controller.ts acts on what they emit.
import type { Core } from '../sdk/core';
import { maskMember } from '../sdk/receipts';
import type { SessionState } from '../sdk/session-state';
import { button, countdown, esc, money, notice, printStatus, qrSlot } from './html';
import { t, type Locale, type StringKey } from './i18n';
import { LOOKUP_LABELS, MAX_LOOKUPS } from './scenarios/settings';
import { TIP_MODES } from './scenarios/table-codes';
import type { AppState } from './state';

/** "会员 VI****1234" with a way to take it off, before the payment. */
export function memberChip(s: AppState): string {
  if (!s.member) return '';
  const L = s.locale;
  return `<p class="chip" data-testid="member-chip"><span>${esc(t('member.chip', L, { m: maskMember(s.member) }))}</span>${button('member-remove', '×', 'small', `aria-label="${t('member.remove', L)}"`)}</p>`;
}

const labelOf = (s: AppState) => t(`lookup.label.${s.lookup?.label ?? 'bill'}`, s.locale);

/** The scan screen's "Paying for: Concert A (TK-00001234)" when a looked-up code is paid. */
export function payingFor(s: AppState): string {
  const l = s.lookup;
  if (l?.state !== 'open') return '';
  return `<p class="paying-for" data-testid="paying-for">${t('lookup.paying_for', s.locale)}<strong>${esc(l.description || labelOf(s))}</strong> <span data-field="reference">${esc(l.code)}</span></p>`;
}

/** A looked-up code on its way, or why it cannot be paid; each with a way out. */
export function lookupScreen(s: AppState): string {
  const L = s.locale;
  const l = s.lookup!;
  const vars = { l: labelOf(s), c: l.code };
  const back = button('home', t('nav.back', L), l.state === 'failed' ? 'secondary' : 'primary');
  switch (l.state) {
    case 'busy':
    case 'open':
      return `<div class="spinner" aria-hidden="true"></div><h1>${t('lookup.busy', L)}</h1><p class="hint">${esc(labelOf(s))} ${esc(l.code)}</p>`;
    case 'paid':
      return `<div class="badge warn" aria-hidden="true">✓</div><h1>${t('lookup.paid.title', L)}</h1>
        ${l.description ? `<p class="hint">${esc(l.description)}</p>` : ''}
        <p class="notice" role="alert" data-lookup="paid">${esc(t('lookup.paid.hint', L, vars))}</p><div class="row">${back}</div>`;
    case 'unknown':
      return `<div class="badge warn" aria-hidden="true">?</div><h1>${t('lookup.unknown.title', L)}</h1>
        <p class="notice" role="alert" data-lookup="unknown">${esc(t('lookup.unknown.hint', L, vars))}</p><div class="row">${back}</div>`;
    case 'failed':
      return `<div class="badge bad" aria-hidden="true">!</div><h1>${t('lookup.failed.title', L)}</h1>
        <p class="notice" role="alert" data-lookup="failed" data-code="${esc(l.error ?? '')}">${esc(t('lookup.failed.hint', L, vars))}</p>
        <div class="row">${back}${button('lookup-retry', t('lookup.retry', L), 'primary')}</div>`;
  }
}

/** The table bill form: which table, how much. */
export function tableBillScreen(s: AppState): string {
  const L = s.locale;
  return `
    <h1>${t('table.title', L)}</h1>
    ${memberChip(s)}${notice(s)}
    <form class="stack" autocomplete="off" data-form="table-bill">
      <label>${t('table.table', L)}<input name="table" maxlength="16" required autofocus /></label>
      <label>${t('table.amount', L)}<input name="amount" inputmode="decimal" maxlength="12" value="${esc(s.amountText)}" required /></label>
      <div class="row">${button('home', t('nav.back', L))}<button type="submit" class="btn primary">${t('table.open', L)}</button></div>
    </form>`;
}

/** show_qr of a table's bill: the customer pays from the table code, not this screen. */
export function tableWaiting(s: AppState, session: SessionState, amount: string, cancel: string): string {
  const L = s.locale;
  return `<div class="badge wait" aria-hidden="true">…</div><h1 data-table="${esc(session.table!)}">${esc(t('table.waiting', L, { t: session.table! }))}</h1>${amount}
    <p class="hint">${t('table.waiting_hint', L)}</p>
    <p class="hint">${countdown(session.deadline, 'show_qr.expires')}</p>
    <div class="row">${cancel}</div>`;
}

/** The paid screen's title: the table's name when it was a table bill. */
export function paidTitle(s: AppState, session: SessionState, core: Core | undefined): string {
  if (!session.table) return t('paid.title', s.locale);
  const L = s.locale;
  if (!session.tip_amount) return esc(t('table.paid', L, { t: session.table }));
  const a = money(core, session.tip_amount, session.currency, L);
  return esc(t('table.paid_tip', L, { t: session.table, a }));
}

/** The paid receipt's scenario rows: member and points, what was paid for, table and tip. */
export function scenarioRows(
  s: AppState,
  session: SessionState,
  core: Core | undefined,
): [StringKey, string][] {
  const L = s.locale;
  const rows: [StringKey, string][] = [];
  if (session.member_id) {
    rows.push(['paid.member', maskMember(session.member_id)]);
    rows.push(['paid.points_earned', String(session.points_earned ?? 0)]);
    rows.push(['paid.points_balance', String(session.points_balance ?? 0)]);
  }
  if (session.reference) {
    const description = s.lookup?.code === session.reference ? s.lookup.description : '';
    rows.push(['paid.for', [description, session.reference].filter(Boolean).join(' ')]);
  }
  if (session.table) rows.push(['paid.table', session.table]);
  if (session.tip_amount) {
    rows.push(['paid.tip', money(core, session.tip_amount, session.currency, L)]);
    rows.push(['paid.total', money(core, session.amount + session.tip_amount, session.currency, L)]);
  }
  return rows;
}

const option = (value: string, label: string, current: string) =>
  `<option value="${esc(value)}" ${value === current ? 'selected' : ''}>${esc(label)}</option>`;

/** Admin: the member pattern, up to three lookup patterns with their kind, and the amounts' source. */
export function scenarioSettingsScreen(s: AppState): string {
  const L = s.locale;
  const sc = s.scenarios;
  const rows = Array.from({ length: MAX_LOOKUPS }, (_, i) => {
    const l = sc?.lookups[i];
    return `<div class="row inline"><label>${t('scenarios.lookup', L, { n: i + 1 })}<input name="lookup${i}" maxlength="64" value="${esc(l?.pattern ?? '')}" /></label>
      <select name="label${i}" aria-label="${t('scenarios.lookup', L, { n: i + 1 })}">${LOOKUP_LABELS.map((k) => option(k, t(`lookup.label.${k}`, L), l?.label ?? 'bill')).join('')}</select></div>`;
  }).join('');
  return `
    <h1>${t('scenarios.title', L)}</h1>
    <p class="hint small">${t('scenarios.hint', L)}</p>
    ${
      s.notice === 'scenarios.saved'
        ? `<p class="hint ok" role="status" data-notice="scenarios.saved">✓ ${t('scenarios.saved', L)}</p>`
        : notice(s)
    }
    <form class="stack" autocomplete="off" data-form="scenarios">
      <label>${t('scenarios.member', L)}<input name="member" maxlength="64" value="${esc(sc?.memberPattern ?? '')}" placeholder="VIP##########" /></label>
      ${rows}
      <label class="inline">${t('scenarios.source', L)}<select name="source">${option('acquirer', t('scenarios.source_acquirer', L), sc?.lookupSource ?? 'acquirer')}${option('host', t('scenarios.source_host', L), sc?.lookupSource ?? 'acquirer')}</select></label>
      <div class="row">${button('settings-back', t('nav.back', L))}<button type="submit" class="btn primary">${t('scenarios.save', L)}</button></div>
    </form>`;
}

const TIP_MODE_LABELS: Record<string, StringKey> = {
  none: 'table_codes.tip_none',
  prompt: 'table_codes.tip_prompt',
  fixed: 'table_codes.mode_fixed',
  percentage: 'table_codes.mode_percentage',
};

function tipLabel(mode: string, L: Locale): string {
  return t(TIP_MODE_LABELS[mode] ?? 'table_codes.tip_none', L);
}

/** Admin: make the table codes and print them. */
export function tableCodesScreen(s: AppState): string {
  const L = s.locale;
  const tc = s.tableCodes!;
  const f = tc.form;
  const cards = tc.cards
    .map(
      (c) =>
        `<li class="table-code" data-table="${esc(c.table)}" data-payload="${esc(c.payload)}"><strong>${esc(t('table_codes.card', L, { t: c.table }))}</strong>${qrSlot(c.payload, t('table_codes.card', L, { t: c.table }))}</li>`,
    )
    .join('');
  return `
    <h1>${t('table_codes.title', L)}</h1>
    ${notice(s)}
    <form class="stack" autocomplete="off" data-form="table-codes">
      <label>${t('table_codes.tables', L)}<input name="tables" maxlength="200" value="${esc(f.tables)}" required /></label>
      <label class="inline">${t('table_codes.tip', L)}<select name="tipMode">${TIP_MODES.map((m) => option(m, tipLabel(m, L), f.tipMode)).join('')}</select></label>
      <label>${t('table_codes.tip_value', L)}<input name="tipValue" inputmode="decimal" maxlength="9" value="${esc(f.tipValue)}" /></label>
      <label class="inline">${t('table_codes.style', L)}<select name="style">${option('url', t('table_codes.url', L), f.style)}${option('emv', t('table_codes.emv', L), f.style)}</select></label>
      <div class="row">${button('settings-back', t('nav.back', L))}<button type="submit" class="btn primary">${t('table_codes.make', L)}</button></div>
    </form>
    ${
      tc.cards.length
        ? `<p class="hint" data-testid="table-code-count">${t('table_codes.count', L, { n: tc.cards.length })}</p>
           ${printStatus(s)}<div class="row">${button('print-table-codes', t('table_codes.print', L), 'primary', `data-via="${s.printer ? 'usb' : 'dialog'}"`)}</div>
           <ul class="table-codes">${cards}</ul>`
        : ''
    }`;
}
