// Screens are a projection of AppState: plain HTML, large targets, both languages.
import type { Core } from '../sdk/core';
import type { AppState } from './app';
import { t, tAny, type Locale, type StringKey } from './i18n';

export type Screen = 'setup' | 'amount' | 'scan' | 'processing' | 'paid' | 'declined' | 'unknown';

const esc = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const SYMBOLS: Record<string, string> = { CNY: '¥', HKD: 'HK$', USD: 'US$', EUR: '€', JPY: '¥', KRW: '₩' };

function money(core: Core | undefined, minor: number, currency: string): string {
  return `${SYMBOLS[currency] ?? currency + ' '}${core?.formatAmount(minor, currency) ?? minor}`;
}

function button(action: string, label: string, kind = 'secondary', extra = ''): string {
  return `<button type="button" class="btn ${kind}" data-action="${action}" ${extra}>${esc(label)}</button>`;
}

function notice(state: AppState): string {
  return state.notice
    ? `<p class="notice" role="alert" data-notice="${esc(state.notice)}">${esc(tAny(state.notice, state.locale, 'error.other'))}</p>`
    : '';
}

function amountScreen(state: AppState): string {
  const L = state.locale;
  const keys = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '.', '0'];
  return `
    <h1>${t('amount.title', L)}</h1>
    <output class="amount" data-testid="amount">${esc(SYMBOLS[state.currency] ?? state.currency)}${esc(state.amountText || '0')}</output>
    ${notice(state)}
    <div class="keypad">
      ${keys.map((k) => button('key', k, 'key', `data-key="${k}"`)).join('')}
      ${button('delete', '⌫', 'key', `aria-label="${t('amount.delete', L)}"`)}
    </div>
    <div class="row">${button('clear', t('amount.clear', L))}${button('collect', t('amount.collect', L), 'primary')}</div>`;
}

function scanScreen(state: AppState, core: Core | undefined): string {
  const L = state.locale;
  let amount = 0;
  try {
    amount = core?.parseAmount(state.amountText, state.currency) ?? 0;
  } catch {
    // the app only enters this screen with a valid amount
  }
  return `
    <h1>${t('scan.title', L)}</h1>
    <output class="amount" data-testid="amount">${money(core, amount, state.currency)}</output>
    <p class="hint">${t('scan.hint', L)}</p>
    <div class="camera-slot"></div>
    ${notice(state)}
    <form class="manual" autocomplete="off">
      <label>${t('scan.manual', L)}<input name="code" inputmode="numeric" maxlength="64" /></label>
      <button type="submit" class="btn primary">${t('scan.pay', L)}</button>
    </form>
    <div class="row">${button('cancel', t('scan.cancel', L))}</div>`;
}

function paidScreen(state: AppState, core: Core | undefined): string {
  const L = state.locale;
  if (state.outcome?.kind !== 'paid') return '';
  const r = state.outcome.result;
  const rows: [StringKey, string][] = [
    ['paid.scheme', tAny(`scheme.${r.scheme}`, L, 'error.other')],
    ['paid.code', r.authCodeMasked],
    ['paid.time', new Date(r.paidAtMs).toLocaleString(L)],
    ['paid.order', r.outTradeNo],
    ['paid.transaction', r.transactionId],
  ];
  return `
    <div class="badge ok" aria-hidden="true">✓</div>
    <h1>${t('paid.title', L)}</h1>
    <output class="amount" data-testid="paid-amount">${money(core, r.amount, r.currency)}</output>
    <dl class="details">${rows.map(([k, v]) => `<dt>${t(k, L)}</dt><dd data-field="${k}">${esc(v)}</dd>`).join('')}</dl>
    <div class="row">${button('new-sale', t('paid.next', L), 'primary')}</div>`;
}

function declinedScreen(state: AppState): string {
  const L = state.locale;
  const code = state.outcome && state.outcome.kind !== 'paid' ? state.outcome.code : 'other';
  return `
    <div class="badge bad" aria-hidden="true">✕</div>
    <h1>${t('declined.title', L)}</h1>
    <p class="notice" role="alert" data-code="${esc(code)}">${esc(tAny(`error.${code}`, L, 'error.other'))}</p>
    <div class="row">${button('new-sale', t('declined.new', L))}${button('scan-again', t('declined.retry', L), 'primary')}</div>`;
}

function unknownScreen(state: AppState): string {
  const L = state.locale;
  const code = state.outcome && state.outcome.kind !== 'paid' ? state.outcome.code : '';
  return `
    <div class="badge warn" aria-hidden="true">?</div>
    <h1>${t('unknown.title', L)}</h1>
    <p class="notice" role="alert" data-code="${esc(code)}">${t('unknown.hint', L)}</p>
    <div class="row">${button('check-again', t('unknown.check', L), 'primary')}</div>`;
}

function body(state: AppState, core: Core | undefined): string {
  const L: Locale = state.locale;
  switch (state.screen) {
    case 'setup':
      return `<h1>${t('setup.title', L)}</h1><p class="notice" role="alert">${t('setup.hint', L)}</p>`;
    case 'amount':
      return amountScreen(state);
    case 'scan':
      return scanScreen(state, core);
    case 'processing':
      return `<div class="spinner" aria-hidden="true"></div><h1>${t('processing.title', L)}</h1><p class="hint">${t('processing.hint', L)}</p>`;
    case 'paid':
      return paidScreen(state, core);
    case 'declined':
      return declinedScreen(state);
    case 'unknown':
      return unknownScreen(state);
  }
}

export function render(root: HTMLElement, state: AppState, core: Core | undefined): void {
  const video = root.ownerDocument.getElementById('preview');
  root.dataset.screen = state.screen;
  root.innerHTML = `
    <header>
      <span class="brand">${t('app.title', state.locale)}</span>
      ${button('lang', t('lang.switch', state.locale), 'lang', `lang="${state.locale === 'zh-CN' ? 'en' : 'zh-CN'}"`)}
    </header>
    <section class="screen" aria-live="polite">${body(state, core)}</section>`;
  // The <video> element survives re-renders so the camera stream is never re-attached.
  const slot = root.querySelector('.camera-slot');
  if (video) (slot ?? root.ownerDocument.body).appendChild(video);
}
