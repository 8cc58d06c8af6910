// Small helpers the screen files share: escaping, buttons, notices, money.
import type { Core } from '../sdk/core';
import type { AppState } from './state';
import { t, tAny, type Locale } from './i18n';

export const esc = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function button(action: string, label: string, kind = 'secondary', extra = ''): string {
  return `<button type="button" class="btn ${kind}" data-action="${action}" ${extra}>${esc(label)}</button>`;
}

export function notice(state: AppState): string {
  return state.notice
    ? `<p class="notice" role="alert" data-notice="${esc(state.notice)}">${esc(tAny(state.notice, state.locale, 'error.other'))}</p>`
    : '';
}

export function money(core: Core | undefined, minor: number, currency: string, locale: Locale): string {
  return core ? core.formatDisplay(minor, currency, locale) : `${currency} ${minor}`;
}

/** A seconds countdown the app updates in place (no re-render, so typing is not lost). */
export function countdown(deadlineMs: number, key: 'scan.time_left' | 'show_qr.expires'): string {
  return `<span class="countdown" data-deadline="${deadlineMs}" data-key="${key}"></span>`;
}

/** A QR code the app draws after rendering (the encoder loads only when one is shown). */
export function qrSlot(text: string, label: string): string {
  return `<div class="qr" data-qr="${esc(text)}" data-label="${esc(label)}"></div>`;
}

export function dateTime(ms: number, locale: Locale): string {
  return new Date(ms).toLocaleString(locale, { hour12: false });
}

/** What the last print did: printing, printed, or what went wrong and what to do. */
export function printStatus(s: AppState): string {
  if (!s.print) return '';
  const L = s.locale;
  if (s.print.state === 'failed')
    return `<p class="notice" role="alert" data-print="failed">${esc(s.print.message ?? '')}</p>`;
  return `<p class="hint" role="status" data-print="${s.print.state}">${t(s.print.state === 'busy' ? 'print.busy' : 'print.done', L)}</p>`;
}
