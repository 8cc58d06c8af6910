// web/src/ui/recovery.ts: every error state the kiosk can show has a way out (a
// button) and says what it does by itself, in Chinese and English. A new error text
// in i18n.ts, a new printer problem or a new outcome screen without an entry fails here.
import assert from 'node:assert/strict';
import test from 'node:test';
import { RECOVERY, PRINTER_RECOVERY, recoveryFor } from '../../build/web-unit/recovery.js';
import { STRING_KEYS, t } from '../../build/web-unit/i18n.js';
import { PRINTER_MESSAGES } from '../../build/web-unit/printer-status.js';

const AUTO = new Set([
  'reloads',
  'idle_reset',
  'reconnects',
  'keeps_querying',
  'camera_returns',
  'countdown',
  'by_hand',
]);
// Texts under these prefixes are error states; the others here are labels and hints.
const STATE_PREFIXES = ['error.', 'camera.', 'offline.'];
const NOT_STATES = new Set(['camera.retry', 'offline.hint', 'offline.retry']);
// Notices elsewhere that are error states too.
const OTHER_STATES = [
  'scan.unknown',
  'scan.merchant_code',
  'scan.receipt',
  'scan.enter_amount_first',
  'pin.wrong',
  'pin.locked',
  'activate.pin_mismatch',
  'activate.pin_invalid',
  'refund.not_found',
  'refund.too_much',
  'reconcile.failed',
  'table.invalid',
  'table_codes.invalid',
  'table_codes.invalid_tip',
  'scenarios.invalid',
];
// The core's outcome screens (session-state.ts SessionScreen) that are not a success.
const ERROR_SCREENS = ['declined', 'checking', 'cancelled', 'expired', 'refund_failed', 'refund_pending'];

const states = [
  ...STRING_KEYS.filter((k) => STATE_PREFIXES.some((p) => k.startsWith(p)) && !NOT_STATES.has(k)),
  ...OTHER_STATES,
];

test('the walk finds the error states (the list is not empty by accident)', () => {
  assert.ok(states.length > 40, String(states.length));
  assert.ok(states.includes('error.storage_unavailable'));
  assert.ok(states.includes('camera.camera_lost'));
  assert.ok(states.includes('offline.title'));
});

for (const key of states) {
  test(`${key}: says what happened in both languages, and has a way out`, () => {
    assert.ok(STRING_KEYS.includes(key), `${key} has no text`);
    const zh = t(key, 'zh-CN');
    const en = t(key, 'en');
    assert.ok(zh && en && zh !== en, `${key} is not in both languages`);
    assert.match(zh, /[\u4e00-\u9fff]/, `${key}: the zh-CN text has no Chinese`);
    const r = RECOVERY[key];
    assert.ok(r, `${key} has no recovery in recovery.ts`);
    assert.ok(r.action, `${key} has no button`);
    assert.ok(AUTO.has(r.auto), `${key}: ${r.auto}`);
  });
}

test('every printer problem: a reprint button and back to the start by itself', () => {
  for (const [problem, text] of Object.entries(PRINTER_MESSAGES)) {
    assert.ok(text['zh-CN'] && text.en, problem);
  }
  assert.deepEqual(PRINTER_RECOVERY, { action: 'print', auto: 'idle_reset' });
});

test('every outcome screen that is not a success has its way out', () => {
  for (const screen of ERROR_SCREENS) {
    const r = RECOVERY[`screen.${screen}`];
    assert.ok(r && AUTO.has(r.auto), screen);
  }
  // An unknown outcome is never dismissed: it keeps querying until it is known.
  assert.equal(RECOVERY['screen.checking'].auto, 'keeps_querying');
  assert.notEqual(RECOVERY['screen.checking'].action, 'new-sale');
});

test('every lookup outcome that is not payable has its title, its hint and a way out', () => {
  for (const outcome of ['paid', 'unknown', 'failed']) {
    for (const part of ['title', 'hint']) {
      const key = `lookup.${outcome}.${part}`;
      assert.ok(STRING_KEYS.includes(key), key);
      assert.match(t(key, 'zh-CN'), /[\u4e00-\u9fff]/, key);
      assert.notEqual(t(key, 'zh-CN'), t(key, 'en'), key);
    }
    const r = RECOVERY[`lookup.${outcome}`];
    assert.ok(r && r.action && AUTO.has(r.auto), outcome);
  }
});

test('the error screen: reload when nothing works, else back to the start screen', () => {
  assert.equal(recoveryFor('error.core_failed', false).action, 'reload');
  assert.equal(recoveryFor('error.storage_unavailable', true).action, 'reload');
  assert.equal(recoveryFor('error.no_config', false).action, 'reload');
  assert.equal(recoveryFor('error.journal_write_failed', true).action, 'home');
  assert.equal(recoveryFor('error.some_new_code', true).action, 'home');
  assert.equal(recoveryFor('error.some_new_code', false).action, 'reload');
  assert.equal(recoveryFor(undefined, false).action, 'reload');
});
