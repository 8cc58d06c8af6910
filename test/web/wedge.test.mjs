// web/src/sdk/wedge.ts: scanner-gun bursts are scans, people typing are not.
import assert from 'node:assert/strict';
import test from 'node:test';
import { WedgeDetector, DEFAULT_WEDGE } from '../../build/web-unit/wedge.js';

// Feeds `text` then Enter, one key every `gapMs`, starting at `startMs`.
function type(detector, text, gapMs, startMs = 1000) {
  let at = startMs;
  for (const ch of text) {
    assert.equal(detector.key(ch, at), undefined);
    at += gapMs;
  }
  return detector.key('Enter', at);
}

test('a gun burst (5 ms a key) ending in Enter is one scan', () => {
  assert.equal(type(new WedgeDetector(), '134567890123456789', 5), '134567890123456789');
});

test('a person typing the same digits (90 ms a key) is not a scan', () => {
  assert.equal(type(new WedgeDetector(), '134567890123456789', 90), undefined);
});

test('one late key in a fast burst is tolerated (the average counts)', () => {
  const d = new WedgeDetector();
  let at = 0;
  const code = '284567890123456789';
  for (let i = 0; i < code.length; i++) {
    at += i === 9 ? 60 : 4; // the browser was busy once
    d.key(code[i], at);
  }
  assert.equal(d.key('Enter', at + 4), code);
});

test('a pause longer than maxGapMs starts a new burst', () => {
  const d = new WedgeDetector();
  type(d, '9999', 5, 0); // typed fragment before: too short, not a scan
  assert.equal(type(d, '134567890123456789', 5, 10_000), '134567890123456789');
  // keys before a long pause are dropped, not glued to the next burst
  for (const [i, ch] of [...'12345'].entries()) d.key(ch, 20_000 + i * 5);
  assert.equal(type(d, '134567890123', 5, 20_000 + 5 * 5 + DEFAULT_WEDGE.maxGapMs + 1), '134567890123');
});

test('bursts shorter than minLength are keyboard shortcuts, not scans', () => {
  assert.equal(type(new WedgeDetector(), '1234567', 5), undefined);
  assert.equal(type(new WedgeDetector(), '12345678', 5), '12345678');
});

test('modifier and navigation keys do not enter the text', () => {
  const d = new WedgeDetector();
  let at = 0;
  for (const key of ['Shift', ...'13456789', 'Shift', ...'0123456789']) d.key(key, (at += 3));
  assert.equal(d.key('Enter', at + 3), '134567890123456789');
});

test('a gun set up without Enter: a whole code followed by a pause is a scan', () => {
  const whole = (text) => /^1[0-5]\d{16}$/.test(text); // what the app asks the core
  const d = new WedgeDetector({ ...DEFAULT_WEDGE, isComplete: whole });
  let at = 0;
  for (const ch of '134567890123456789') d.key(ch, (at += 4));
  assert.equal(d.flush(at + 50), undefined, 'not before the pause');
  assert.equal(d.flush(at + DEFAULT_WEDGE.maxGapMs + 1), '134567890123456789');
  assert.equal(d.flush(at + 1000), undefined, 'taken once');
  // A fast fragment that is not a whole code stays unclaimed; so does a person's typing.
  for (const ch of '1345678901') d.key(ch, (at += 4));
  assert.equal(d.flush(at + 500), undefined);
  for (const ch of '134567890123456789') d.key(ch, (at += 90));
  assert.equal(d.flush(at + 500), undefined);
  // Without isComplete nothing is taken without Enter.
  const plain = new WedgeDetector();
  for (const ch of '134567890123456789') plain.key(ch, (at += 4));
  assert.equal(plain.flush(at + 500), undefined);
});

test('a busy page that looks idle halfway through a burst does not cut the scan in two', () => {
  const d = new WedgeDetector({ ...DEFAULT_WEDGE, isComplete: (t) => /^1[0-5]\d{16}$/.test(t) });
  const code = '134567890123456789';
  let at = 1000;
  for (const ch of code.slice(0, 9)) d.key(ch, (at += 4));
  // The idle timer runs late (the page was busy) while the gun's keys, stamped 4 ms
  // apart, are still queued: the half burst must stay.
  assert.equal(d.flush(at + 500), undefined);
  for (const ch of code.slice(9)) d.key(ch, (at += 4));
  assert.equal(d.key('Enter', at + 4), code);
});
