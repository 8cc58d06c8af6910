// Parity proof for qrpos/emv_cpm: the vectors test/native/emv_cpm_test.cpp checks,
// through the WebAssembly build.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadTools } from '../support/core.mjs';

const doc = JSON.parse(fs.readFileSync(new URL('../vectors/emv_cpm.json', import.meta.url), 'utf8'));
const b64 = (hex) => Buffer.from(hex, 'hex').toString('base64');
const unionPay =
  'hQVDUFYwMWFWTwigAAADMwEBAlcRYmNgAQBxNnLSMSIBAAABiAFfNAEAYzOfJghWite85mtxi58nAYCfEBEHAAEDoAAAAQgwMDAwMDAwMZ82AhEi' +
  'ggIAAJ83BCJgSI4=';

let tools;
before(async () => {
  tools = await loadTools();
});

test('parseCpm: every emv_cpm.json vector gives its tree or its error', () => {
  assert.equal(doc.vectors.length, 9);
  for (const v of doc.vectors) {
    const r = tools.parseCpm(v.payload);
    if (v.valid) {
      assert.ok(r.ok, `${v.name}: ${r.error.detail}`);
      assert.deepEqual(JSON.parse(r.tlvJson), v.tlv, v.name);
      assert.equal(r.error.code, '');
    } else {
      assert.equal(r.ok, false, v.name);
      assert.equal(r.error.code, v.error, v.name);
      assert.equal(r.tlvJson, '', v.name);
      assert.deepEqual(r.applications, [], v.name);
    }
  }
});

test('parseCpm: Annex B.1 application is masked', () => {
  const r = tools.parseCpm(doc.vectors[0].payload);
  assert.deepEqual(r.applications, [
    {
      aid: 'A0000000555555',
      label: '',
      maskedPan: '123456******3458',
      maskedTrack2: '123456******3458D************',
      panLast4: '',
      expiry: '1912',
      cardholderName: '',
      language: '',
      issuerUrl: '',
      transparentHex: '',
    },
  ]);
  assert.equal(r.commonTransparentHex, '');
  assert.ok(!JSON.stringify(r.applications).includes('1234567890123458'));
});

test('parseCpm: Annex B.2 has two applications sharing the common template', () => {
  const r = tools.parseCpm(doc.vectors[1].payload);
  assert.ok(Array.isArray(r.applications));
  assert.deepEqual(
    r.applications.map((a) => [a.aid, a.label, a.maskedPan, a.cardholderName, a.language]),
    [
      ['A0000000555555', 'Product1', '123456******3458', 'CARDHOLDER/EMV', 'ruesdeen'],
      ['A0000000666666', 'Product2', '123456******3458', 'CARDHOLDER/EMV', 'ruesdeen'],
    ],
  );
  assert.equal(r.commonTransparentHex, '9F100706010A030000009F2608584FD385FA234BCC9F360200019F37046D58EF13');
});

test('parseCpm: the UnionPay sample forwards its 63 template', () => {
  const r = tools.parseCpm(unionPay);
  assert.ok(r.ok, r.error.detail);
  const [a] = r.applications;
  assert.equal(a.aid, 'A000000333010102');
  assert.equal(a.maskedPan, '626360******3672');
  assert.equal(a.expiry, '2312');
  assert.equal(a.transparentHex.length, 0x33 * 2);
  assert.ok(a.transparentHex.startsWith('9F2608568AD7BCE66B718B'));
});

test('parseCpm: the same errors and offsets as native for rule breaks', () => {
  const format = '85054350563031';
  const app = '61134F07A00000005555555A081234567890123458';
  const cases = [
    ['', 'not_cpm'],
    [doc.vectors[0].payload.replace(/=$/, ''), 'malformed'],
    [doc.vectors[0].payload + '\n', 'malformed'],
    ['hQVDUFY' + 'A'.repeat(2953), 'input_too_long'],
    [b64(format + '6181' + app.slice(2)), 'ok'],
    [b64(format + '6180' + app.slice(4) + '0000'), 'malformed'],
    [b64(format + app + app + app), 'duplicate_tag'],
    [b64(format + '00' + app), 'malformed'],
    [b64(format + '61084F04A00000005A00'), 'invalid_field'],
    [b64(format + 'E102E100'), 'missing_template'],
  ];
  for (const [text, code] of cases) {
    const r = tools.parseCpm(text);
    assert.equal(r.ok ? 'ok' : r.error.code, code, JSON.stringify(text.slice(0, 40)));
  }
  assert.equal(tools.parseCpm(doc.vectors[2].payload).error.offset, 47);
  assert.equal(tools.parseCpm(doc.vectors[4].payload).error.offset, 12);
  assert.equal(tools.parseCpm(doc.vectors[5].payload).error.offset, 7);
});

test('parseCpm: every truncation of a valid payload fails', () => {
  for (const text of [doc.vectors[0].payload, doc.vectors[1].payload, unionPay]) {
    const bytes = Buffer.from(text, 'base64');
    for (let n = 0; n < bytes.length; ++n) {
      assert.equal(tools.parseCpm(bytes.subarray(0, n).toString('base64')).ok, false, `${n} bytes`);
    }
  }
});

test('maskPan keeps the first six and last four', () => {
  assert.equal(tools.maskPan('1234567890123458'), '123456******3458');
  assert.equal(tools.maskPan('123456789012'), '********9012');
  assert.equal(tools.maskPan('1234567'), '*******');
});
