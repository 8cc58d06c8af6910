// web/src/ui/kiosk-policy.ts: when a kiosk left alone returns to the start screen,
// and when a new app version may take over. Neither ever interrupts a payment.
import assert from 'node:assert/strict';
import test from 'node:test';
import { betweenPayments, idleResets, DEFAULT_IDLE_MS } from '../../build/web-unit/kiosk-policy.js';

const kiosk = (patch = {}) => ({ mode: 'kiosk', view: 'amount', amountText: '', ...patch });
const session = (phase, screen) => kiosk({ view: 'session', session: { phase, screen } });

test('the default idle timeout leaves a customer time to find their code', () => {
  assert.ok(DEFAULT_IDLE_MS >= 60_000);
});

test('idle: a half-typed amount, a notice, lists, PIN and admin screens go back to the start', () => {
  assert.ok(idleResets(kiosk({ amountText: '12.3' })));
  assert.ok(idleResets(kiosk({ notice: 'error.invalid_amount' })));
  for (const view of ['pin', 'refund', 'today', 'settings']) assert.ok(idleResets(kiosk({ view })), view);
});

test('idle: the clean start screen stays as it is', () => {
  assert.ok(!idleResets(kiosk()));
});

test('idle: a finished outcome screen resets; a session still open never does', () => {
  for (const screen of [
    'paid',
    'declined',
    'cancelled',
    'expired',
    'refunded',
    'refund_pending',
    'refund_failed',
  ])
    assert.ok(idleResets(session('done', screen)), screen);
  for (const [phase, screen] of [
    ['paying', 'processing'],
    ['polling', 'user_confirming'],
    ['polling', 'checking'], // outcome unknown: it keeps querying, whoever is watching
    ['reversing', 'cancelling'],
    ['polling', 'show_qr'],
    ['closing', 'cancelling'],
  ])
    assert.ok(!idleResets(session(phase, screen)), `${phase}/${screen}`);
});

test('idle: never while busy, on the scan screen (its own countdown), activation, or embedded', () => {
  assert.ok(!idleResets(kiosk({ view: 'today', busy: true })));
  for (const view of ['scan', 'activate', 'loading', 'error', 'idle'])
    assert.ok(!idleResets(kiosk({ view })), view);
  assert.ok(!idleResets({ ...kiosk({ view: 'today' }), mode: 'embedded' }));
});

test('updates: only on the clean start screen with no session open', () => {
  assert.ok(betweenPayments(kiosk(), 0));
  assert.ok(!betweenPayments(kiosk(), 1));
  assert.ok(!betweenPayments(kiosk({ amountText: '5' }), 0));
  assert.ok(!betweenPayments(kiosk({ busy: true }), 0));
  for (const view of ['scan', 'session', 'pin', 'refund', 'today', 'settings', 'activate', 'loading'])
    assert.ok(!betweenPayments(kiosk({ view }), 0), view);
  assert.ok(!betweenPayments(session('done', 'paid'), 0));
});

test('idle: a member chip alone, lookup outcomes, the table bill form and scenario admin screens reset', () => {
  assert.ok(idleResets(kiosk({ member: 'VIP0000001234' })));
  for (const view of ['lookup', 'table-bill', 'scenario-settings', 'table-codes'])
    assert.ok(idleResets(kiosk({ view })), view);
});

test('a member chip on the start screen is a sale being prepared: no update then', () => {
  assert.ok(!betweenPayments(kiosk({ member: 'VIP0000001234' }), 0));
});
