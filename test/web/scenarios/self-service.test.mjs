// web/src/ui/scenarios/self-service.ts: a code read while the order QR is up pays only
// when closing the order left it unpaid. A paid order, or one whose fate the journal
// could not keep, means the code must not pay (never two charges).
import assert from 'node:assert/strict';
import test from 'node:test';
import { switchToCode } from '../../../build/web-unit/self-service.js';

function run(done) {
  const calls = [];
  return {
    calls,
    cancel: async () => void calls.push('cancel'),
    done,
  };
}

test('an order closed unpaid (cancelled, expired): the code may pay', async () => {
  for (const outcome of ['cancelled', 'expired']) {
    const r = run(Promise.resolve({ outcome }));
    assert.equal(await switchToCode(r), true, outcome);
    assert.deepEqual(r.calls, ['cancel']);
  }
});

test('an order the customer paid meanwhile: the code is ignored', async () => {
  assert.equal(await switchToCode(run(Promise.resolve({ outcome: 'paid' }))), false);
});

test('a session that failed (journal): unknown, so the code is ignored', async () => {
  const failed = Promise.reject(new Error('journal_write_failed'));
  failed.catch(() => undefined);
  assert.equal(await switchToCode(run(failed)), false);
});
