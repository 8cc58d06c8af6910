// Parity proof for EMVCo MPM: test/vectors/emv_mpm.json through the WebAssembly
// build, with the results test/native/emv_mpm_test.cpp checks natively.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { loadTools } from '../support/core.mjs';

const doc = JSON.parse(fs.readFileSync(new URL('../vectors/emv_mpm.json', import.meta.url), 'utf8'));
const valid = doc.vectors.filter((v) => v.valid);
const negative = doc.vectors.filter((v) => !v.valid);
const payload = (name) => doc.vectors.find((v) => v.name === name).payload;

let tools;
before(async () => {
  tools = await loadTools();
});

test('crc16 is CRC-16/CCITT-FALSE with its check value', () => {
  assert.equal(tools.crc16('123456789'), doc.check_crc_123456789);
  assert.equal(tools.crc16(''), 'FFFF');
});

test('every valid vector parses to its object tree and CRC', () => {
  assert.equal(valid.length, 6);
  for (const v of valid) {
    const r = tools.parseMpm(v.payload);
    assert.ok(r.ok, `${v.name}: ${r.error.detail}`);
    assert.deepEqual(JSON.parse(r.objectsJson), v.objects, v.name);
    assert.equal(r.crc, v.crc, v.name);
    assert.equal(r.error.code, '');
  }
});

test('every valid vector rebuilds to the identical string', () => {
  for (const v of valid) {
    const r = tools.encodeMpm(JSON.stringify(v.objects));
    assert.ok(r.ok, `${v.name}: ${r.error.detail}`);
    assert.equal(r.value, v.payload, v.name);
    const withoutCrc = tools.encodeMpm(JSON.stringify(v.objects.slice(0, -1)));
    assert.equal(withoutCrc.value, v.payload, v.name);
  }
});

test('every negative vector fails with exactly its error', () => {
  assert.equal(negative.length, 7);
  for (const v of negative) {
    const r = tools.parseMpm(v.payload);
    assert.equal(r.ok, false, v.name);
    assert.equal(r.error.code, v.error, `${v.name}: ${r.error.detail}`);
    assert.equal(r.objectsJson, '', v.name);
  }
});

test('the Annex B example reads as typed fields', () => {
  const r = tools.parseMpm(payload('mpm-1'));
  assert.equal(r.pointOfInitiation, 'dynamic_code');
  assert.deepEqual(
    JSON.parse(r.merchantAccountsJson).map((o) => o.id),
    ['29', '31'],
  );
  assert.equal(r.mcc, '4111');
  assert.equal(r.currency, '156');
  assert.equal(r.amount, '23.72');
  assert.equal(r.tipMode, 'prompt');
  assert.equal(r.countryCode, 'CN');
  assert.equal(r.merchantName, 'BEST TRANSPORT');
  assert.equal(r.merchantCity, 'BEIJING');
  assert.equal(r.storeLabel, '1234');
  assert.equal(r.customerLabel, '***');
  assert.equal(r.terminalLabel, 'A6008667');
  assert.equal(r.consumerDataRequest, 'ME');
  assert.equal(r.language, 'ZH');
  assert.equal(r.alternateName, '最佳运输');
  assert.equal(r.alternateCity, '北京');
  assert.deepEqual(JSON.parse(r.unreservedJson)[0].id, '91');
  const kh = tools.parseMpm(payload('mpm-2'));
  assert.equal(kh.unionpayId, '37210116372101160123456789ABCDE');
  assert.equal(kh.billNumber, '12345678');
  assert.equal(kh.tipMode, 'none');
  assert.equal(tools.parseMpm(payload('mpm-7')).pointOfInitiation, 'unspecified');
});

test('lower-case CRC digits are accepted and reported in upper case', () => {
  const text = payload('mpm-1').slice(0, -4) + 'a13a';
  assert.equal(tools.parseMpm(text).crc, 'A13A');
});

test('every single-character change of a valid vector fails', () => {
  const substitutes = ['0', '7', 'A', 'z', ' ', '中'];
  let count = 0;
  for (const v of valid) {
    const chars = [...v.payload];
    for (let i = 0; i < chars.length; ++i) {
      for (const s of substitutes) {
        if (s === chars[i]) continue;
        if (i >= chars.length - 4 && s.toUpperCase() === chars[i].toUpperCase()) continue;
        const mutated = [...chars.slice(0, i), s, ...chars.slice(i + 1)].join('');
        assert.equal(tools.parseMpm(mutated).ok, false, `${v.name} char ${i} -> ${s}`);
        ++count;
      }
    }
  }
  assert.ok(count > 5000);
});

const khInput = {
  pointOfInitiation: 'dynamic_code',
  unionpayId: '37210116372101160123456789ABCDE',
  mcc: '4131',
  currency: '840',
  amount: '10.00',
  countryCode: 'KH',
  merchantName: 'Kuntheas Shop',
  merchantCity: 'Phnom Penh',
  billNumber: '12345678',
};

test('buildMpm orders objects by ID with the CRC last (independently computed text)', () => {
  const r = tools.buildMpm(JSON.stringify(khInput));
  assert.ok(r.ok, r.error.detail);
  assert.equal(
    r.value,
    '000201010212153137210116372101160123456789ABCDE520441315303840540510.005802KH5913Kuntheas Shop' +
      '6010Phnom Penh62120108123456786304D149',
  );
});

test('buildMpm codes parse back to their fields', () => {
  const input = {
    ...khInput,
    pointOfInitiation: 'static_code',
    amount: '',
    merchantAccounts: [
      {
        id: '26',
        children: [
          { id: '00', value: 'BR.GOV.BCB.PIX' },
          { id: '01', value: 'key' },
        ],
      },
    ],
    tipMode: 'fixed_fee',
    feeFixed: '0.50',
    referenceLabel: 'INV-1',
    terminalLabel: 'T1',
    language: 'ZH',
    alternateName: '最佳运输',
    alternateCity: '北京',
    unreserved: [{ id: '91', children: [{ id: '00', value: 'A011223344998877' }] }],
  };
  const built = tools.buildMpm(JSON.stringify(input));
  assert.ok(built.ok, built.error.detail);
  const r = tools.parseMpm(built.value);
  assert.ok(r.ok, r.error.detail);
  assert.equal(r.pointOfInitiation, 'static_code');
  assert.equal(r.amount, '');
  assert.deepEqual(JSON.parse(r.merchantAccountsJson), input.merchantAccounts);
  assert.deepEqual(JSON.parse(r.unreservedJson), input.unreserved);
  assert.equal(r.tipMode, 'fixed_fee');
  assert.equal(r.feeFixed, '0.50');
  assert.equal(r.referenceLabel, 'INV-1');
  assert.equal(r.alternateName, '最佳运输');
  assert.equal(r.crc, built.value.slice(-4));
});

test('buildMpm rejects fields that break the spec', () => {
  const cases = [
    { amount: '0' },
    { merchantName: 'n'.repeat(100) },
    { merchantCity: 'Banteay Meanchey' },
    { tipMode: 'fixed_fee' },
    { tipMode: 'percentage_fee', feePercentage: '100' },
    { unionpayId: '' },
    { mcc: '41' },
  ];
  for (const change of cases) {
    const r = tools.buildMpm(JSON.stringify({ ...khInput, ...change }));
    assert.equal(r.ok, false, JSON.stringify(change));
    assert.equal(r.error.code, 'invalid_field', JSON.stringify(change));
  }
  assert.equal(tools.buildMpm('{"merchantname":"x"}').error.code, 'malformed_message');
  assert.equal(tools.buildMpm('not json').error.code, 'malformed_message');
  assert.equal(tools.encodeMpm('[{"id":"00"}]').error.code, 'malformed_message');
});
