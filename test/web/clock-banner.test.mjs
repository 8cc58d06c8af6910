// web/src/ui/clock-banner.ts: a clock off the acquirer's is said on the start screen
// in both languages at once, with the minutes and what to do; nothing otherwise.
import test from 'node:test';
import assert from 'node:assert/strict';
import { clockBanner, minutesOff } from '../../build/web-unit/clock-banner.js';

const start = { view: 'amount', locale: 'en' };

test('minutes off: rounded, either way, never 0', () => {
  assert.equal(minutesOff(600_000), 10);
  assert.equal(minutesOff(-185_000), 3);
  assert.equal(minutesOff(10_000), 1);
});

test('the start screen says it in Chinese and English, with the minutes and the fix', () => {
  const html = clockBanner({ ...start, clockSkewMs: 600_400 });
  assert.match(html, /role="alert"/);
  assert.match(html, /data-clock-off="600400"/);
  assert.match(
    html,
    /<p lang="zh-CN">终端时间与收单机构相差 10 分钟，付款可能被拒绝：请校准系统时间（开启自动对时）。<\/p>/,
  );
  assert.match(html, /This terminal&#39;s clock is 10 min off|This terminal's clock is 10 min off/);
  assert.match(html, /Set the system time \(turn on automatic time\)/);
});

test('nothing when the clock is right, or during a sale', () => {
  assert.equal(clockBanner(start), '');
  assert.equal(clockBanner({ ...start, view: 'session', clockSkewMs: 600_000 }), '');
  assert.equal(clockBanner({ ...start, view: 'scan', clockSkewMs: 600_000 }), '');
  assert.notEqual(clockBanner({ ...start, view: 'idle', clockSkewMs: -600_000 }), '');
});
