// web/src/ui/scenarios/table-codes.ts: the table lists, tips and payloads the table
// codes screen makes (the EMV payload itself is built and checked by the tools module
// in test/e2e/scenario-restaurant.test.mjs).
import assert from 'node:assert/strict';
import test from 'node:test';
import { parseTables, tableMpmInput, tableUrl, tipFields } from '../../../build/web-unit/table-codes.js';

test('table lists: ranges, names, commas and spaces, no duplicates', () => {
  assert.deepEqual(parseTables('1-3'), ['1', '2', '3']);
  assert.deepEqual(parseTables('1-2, A1 bar_2，3'), ['1', '2', 'A1', 'bar_2', '3']);
  assert.deepEqual(parseTables('2 2 1-2'), ['2', '1']);
});

test('table lists that are not: empty, reversed, too long, bad names', () => {
  for (const bad of ['', '5-1', '1-5000', 'table 5!', 'x'.repeat(17), '中'])
    assert.equal(parseTables(bad), undefined, bad);
});

test('tips: the query the table page reads and the EMV IDs 55-57', () => {
  assert.deepEqual(tipFields({ tipMode: 'none', tipValue: '9' }), { query: '', mpm: {} });
  assert.deepEqual(tipFields({ tipMode: 'prompt', tipValue: '' }), {
    query: 'tip=01',
    mpm: { tipMode: 'prompt' },
  });
  assert.deepEqual(tipFields({ tipMode: 'fixed', tipValue: '5' }), {
    query: 'tip=02&fee=5.00',
    mpm: { tipMode: 'fixed_fee', feeFixed: '5.00' },
  });
  assert.deepEqual(tipFields({ tipMode: 'percentage', tipValue: '7.5' }), {
    query: 'tip=03&pct=7.50',
    mpm: { tipMode: 'percentage_fee', feePercentage: '07.50' },
  });
  for (const tipValue of ['', '0', 'abc', '1.234', '-1'])
    assert.equal(tipFields({ tipMode: 'fixed', tipValue }), undefined, tipValue);
  assert.equal(tipFields({ tipMode: 'percentage', tipValue: '100' }), undefined);
});

test('the table page address, and the EMV input that carries it', () => {
  assert.equal(tableUrl('http://acq.test', 'T-1', '5', 'tip=01'), 'http://acq.test/t/T-1/5?tip=01');
  assert.equal(tableUrl('http://acq.test', 'T-1', '5'), 'http://acq.test/t/T-1/5');
  const input = tableMpmInput(
    'http://acq.test',
    { terminalId: 'T-1', merchantName: '示例餐厅 Demo', merchantId: 'M1', currency: 'CNY' },
    '5',
    { tipMode: 'prompt' },
  );
  assert.deepEqual(input.merchantAccounts, [
    {
      id: '26',
      children: [
        { id: '00', value: 'COM.QRPOS.SANDBOX' },
        { id: '01', value: 'http://acq.test/t/T-1/5' },
      ],
    },
  ]);
  assert.equal(input.pointOfInitiation, 'static_code');
  assert.equal(input.currency, '156');
  assert.equal(input.merchantName, 'Demo'); // ID 59 is ASCII; the Chinese name goes in 64
  assert.equal(input.alternateName, '示例餐厅 Demo');
  assert.equal(input.tipMode, 'prompt');
});
