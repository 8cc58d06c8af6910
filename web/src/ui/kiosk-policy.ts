// When the kiosk may act on its own: return to the start screen after a pause, or
// apply a new version of the app. Pure (state in, yes or no out), unit-tested in
// Node; app.ts applies them. A payment under way is never touched by either.
import type { AppState } from './state';

type PolicyState = Pick<AppState, 'mode' | 'view' | 'amountText' | 'notice' | 'session' | 'busy'> &
  Partial<Pick<AppState, 'member'>>;

/** The idle timeout when the page sets none: long enough for a customer to find their code. */
export const DEFAULT_IDLE_MS = 90_000;

/**
 * Whether a kiosk left alone on this screen goes back to the start screen (which
 * also ends the admin PIN session). Never while a session is open: "checking" keeps
 * querying until the outcome is known, whoever is watching.
 */
export function idleResets(s: PolicyState): boolean {
  if (s.mode !== 'kiosk' || s.busy) return false;
  switch (s.view) {
    case 'amount':
      return s.amountText !== '' || s.notice !== undefined || s.member !== undefined;
    case 'pin':
    case 'lookup': // no money moves before the payment code is shown
    case 'table-bill':
    case 'scenario-settings':
    case 'table-codes':
    case 'refund': // the picker: a refund that started is a session
    case 'today':
    case 'settings':
      return true;
    case 'session':
      return s.session?.phase === 'done';
    default:
      // loading, error (reloads itself instead), activation, the embedded idle screen,
      // and scan: its own countdown ends it and tells the host page.
      return false;
  }
}

/**
 * Whether the terminal is between payments: the start screen with nothing typed
 * and no session open. The caller also checks that no journal record is unfinished.
 */
export function betweenPayments(s: PolicyState, openSessions: number): boolean {
  return s.view === 'amount' && s.amountText === '' && !s.member && !s.busy && openSessions === 0;
}
