// Every error state the kiosk can show, and its way out: the button a person can
// press (a data-action, or the form on that screen), and what the terminal does by
// itself where that is safe. The error screen renders its button from here, and
// test/web/recovery.test.mjs fails for an error text (i18n.ts) without an entry.

/**
 * - `reloads`: the error screen reloads the page after the idle timeout
 * - `idle_reset`: back to the start screen after the idle timeout (kiosk-policy.ts)
 * - `reconnects`: the acquirer watch keeps probing and clears it when it answers
 * - `keeps_querying`: outcome unknown: the core keeps asking the acquirer, then
 *   reverses; never dismissed, whoever is watching
 * - `camera_returns`: the camera is tried again when a camera is plugged in
 * - `countdown`: the scan screen's own countdown ends it
 * - `by_hand`: only a person can fix it (a new activation code, the right PIN)
 */
export type AutoRecovery =
  'reloads' | 'idle_reset' | 'reconnects' | 'keeps_querying' | 'camera_returns' | 'countdown' | 'by_hand';

export interface Recovery {
  /** the data-action of the button that leads out, or `form` when the screen's form is the way */
  action: string;
  auto: AutoRecovery;
}

const reload: Recovery = { action: 'reload', auto: 'reloads' };
const toStart: Recovery = { action: 'home', auto: 'idle_reset' };
const declined: Recovery = { action: 'scan-again', auto: 'idle_reset' };
const closed: Recovery = { action: 'new-sale', auto: 'idle_reset' };
const camera: Recovery = { action: 'camera-retry', auto: 'camera_returns' };
const onScan: Recovery = { action: 'cancel', auto: 'countdown' };
const retype: Recovery = { action: 'form', auto: 'by_hand' };

/** By the notice's i18n key (error codes as `error.<code>`, printer problems as `printer.<problem>`). */
export const RECOVERY: Record<string, Recovery> = {
  // Nothing else works: the error screen.
  'error.core_failed': reload,
  'error.storage_unavailable': reload,
  'error.no_config': reload,
  // The terminal works; this sale or record did not.
  'error.journal_write_failed': toStart,
  'error.journal_unreadable': toStart,
  'error.not_activated': { action: 'form', auto: 'reconnects' }, // demo: activates itself when reachable
  'error.invalid_activation_code': retype,
  'error.invalid_field': retype,
  'error.unreachable': { action: 'home', auto: 'reconnects' },
  'error.invalid_amount': { action: 'clear', auto: 'idle_reset' },
  'error.amount_too_large': { action: 'clear', auto: 'idle_reset' },
  // Declines: the customer can show another code.
  'error.auth_code_used': declined,
  'error.insufficient_funds': declined,
  'error.auth_code_expired': declined,
  'error.auth_code_invalid': declined,
  'error.card_not_supported': declined,
  'error.risk_declined': declined,
  'error.payment_failed': declined,
  'error.other': declined,
  // Refused for the terminal or the request: a new sale, and tell the administrator.
  'error.invalid_request': closed,
  'error.unknown_terminal': closed,
  'error.bad_signature': closed,
  'error.stale_timestamp': closed,
  'error.refund_exceeds_payment': closed,
  'error.refund_not_allowed': closed,
  'error.not_found': closed,
  // The camera: the scanner gun and typing still work meanwhile.
  'camera.no_camera': camera,
  'camera.permission_denied': camera,
  'camera.camera_in_use': camera,
  'camera.camera_failed': camera,
  'camera.camera_lost': camera,
  // The acquirer does not answer: no sale is taken until it does.
  'offline.title': { action: 'retry-acquirer', auto: 'reconnects' },
  'offline.cannot_sell': { action: 'clear', auto: 'reconnects' },
  // Scan screen notices.
  'scan.unknown': onScan,
  'scan.merchant_code': onScan,
  'scan.receipt': onScan,
  'scan.enter_amount_first': onScan,
  // Back office.
  'pin.wrong': toStart,
  'pin.locked': toStart,
  'activate.pin_mismatch': retype,
  'activate.pin_invalid': retype,
  'refund.not_found': { action: 'refund', auto: 'idle_reset' },
  'refund.too_much': { action: 'refund', auto: 'idle_reset' },
  'reconcile.failed': { action: 'reconcile', auto: 'idle_reset' },
  // Merchant scenarios: a code that cannot be paid, a form typed wrong.
  'error.reference_paid': closed,
  'error.reference_amount': closed,
  'error.lookup_unavailable': toStart,
  'error.unknown_currency': toStart,
  'lookup.paid': toStart,
  'lookup.unknown': toStart,
  'lookup.failed': { action: 'lookup-retry', auto: 'idle_reset' },
  'table.invalid': retype,
  'table_codes.invalid': retype,
  'table_codes.invalid_tip': retype,
  'scenarios.invalid': retype,
  // The core's outcome screens that are not a success.
  'screen.declined': declined,
  'screen.checking': { action: 'cancel-session', auto: 'keeps_querying' },
  'screen.cancelled': closed,
  'screen.expired': closed,
  'screen.refund_failed': closed,
  'screen.refund_pending': closed,
};

/** Printer problems (sdk/printer-status.ts): reprint, or fix the printer in Settings. */
export const PRINTER_RECOVERY: Recovery = { action: 'print', auto: 'idle_reset' };

/** The way out of the error screen for `notice`: reload when nothing works, else the start screen. */
export function recoveryFor(notice: string | undefined, terminalWorks: boolean): Recovery {
  const known = notice ? RECOVERY[notice] : undefined;
  if (known?.auto === 'reloads' || !terminalWorks) return reload;
  return known?.action === 'home' ? known : toStart;
}
