// wasm/bind_scan.cpp's merchant code patterns: test/vectors/code_pattern.json through
// the WebAssembly build (checkPattern, classifyScanWith), with the results
// test/native/code_pattern_test.cpp and scan_test.cpp check natively.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadCore } from '../support/core.mjs';

const doc = JSON.parse(fs.readFileSync(new URL('../vectors/code_pattern.json', import.meta.url), 'utf8'));

let core;
before(async () => {
  core = await loadCore();
});

test('checkPattern: every compile vector, with the offset of the bad character', () => {
  assert.ok(doc.compile.length >= 10);
  for (const v of doc.compile) {
    const r = core.checkPattern(v.source);
    assert.equal(r.ok, v.ok, JSON.stringify(v.source));
    if (v.ok) {
      assert.equal(r.value, v.source);
      assert.equal(r.error.code, '');
    } else {
      assert.equal(r.error.code, 'invalid_field', JSON.stringify(v.source));
      assert.equal(r.error.offset, v.offset, JSON.stringify(v.source));
    }
  }
});

test('classifyScanWith: every match vector as a lone lookup pattern', () => {
  for (const v of doc.match) {
    if (v.text.trim() !== v.text) continue; // classify trims first; matches() alone does not
    const scan = core.classifyScanWith(v.text, '', [v.pattern]);
    const label = `${v.pattern} / ${JSON.stringify(v.text)}`;
    // Texts that are something else first (none in the vectors are payment codes) stay that.
    assert.equal(scan.kind === 'lookup', v.match, label);
  }
});

test('classifyScanWith: member first, then lookups in order, after payment and receipt codes', () => {
  for (const set of [doc.classify, doc.classify_greedy]) {
    for (const c of set.cases) {
      const scan = core.classifyScanWith(c.text, set.member, set.lookups);
      assert.equal(scan.kind, c.kind, c.text);
      assert.equal(scan.patternIndex, c.index, c.text);
      if (c.kind === 'member' || c.kind === 'lookup') {
        assert.equal(scan.code, c.code ?? c.text);
        assert.equal(scan.messageKey, '');
        assert.equal(scan.scheme, '');
      }
    }
  }
});

test('classifyScanWith: an invalid pattern never matches and keeps its index', () => {
  const scan = core.classifyScanWith('RM-301', 'VIP ###', ['TK #', 'RM-###']);
  assert.equal(scan.kind, 'lookup');
  assert.equal(scan.patternIndex, 1);
  assert.equal(core.classifyScanWith('VIP 123', 'VIP ###', []).kind, 'unknown');
  assert.equal(core.classifyScanWith('123', '', [42, '###']).patternIndex, 1, 'a non-text pattern is skipped');
});

test('classifyScanWith with no patterns is classifyScan', () => {
  for (const text of ['134567890123456789', 'VIP0000001234', 'QRPOSR1:T1:A1', '000201010211', 'https://x.example']) {
    assert.deepEqual(core.classifyScanWith(text, '', []), core.classifyScan(text), text);
  }
});
