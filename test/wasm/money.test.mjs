// qrpos/money.hpp through the WebAssembly build: ISO 4217 data, strict parsing, and
// the display rule of each locale (checked against the CLDR data in Node's ICU).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadCore } from '../support/core.mjs';

let core;
before(async () => {
  core = await loadCore();
});

// ISO 4217: alpha, numeric (three digits, as in EMV tag 53), exponent.
const ISO = [
  ['CNY', '156', 2],
  ['HKD', '344', 2],
  ['MOP', '446', 2],
  ['TWD', '901', 2],
  ['USD', '840', 2],
  ['EUR', '978', 2],
  ['GBP', '826', 2],
  ['JPY', '392', 0],
  ['KRW', '410', 0],
  ['SGD', '702', 2],
  ['THB', '764', 2],
  ['MYR', '458', 2],
  ['IDR', '360', 2],
  ['VND', '704', 0],
  ['PHP', '608', 2],
  ['AUD', '036', 2],
  ['CAD', '124', 2],
  ['CHF', '756', 2],
  ['NZD', '554', 2],
  ['KHR', '116', 2],
  ['LAK', '418', 2],
  ['BRL', '986', 2],
  ['AED', '784', 2],
  ['KWD', '414', 3],
];

test('findCurrency and findCurrencyByNumeric: every currency with its ISO 4217 numeric and exponent', () => {
  for (const [alpha, numeric, exponent] of ISO) {
    const expected = { found: true, alpha, numeric: Number(numeric), exponent };
    assert.deepEqual(core.findCurrency(alpha), expected);
    assert.deepEqual(core.findCurrencyByNumeric(numeric), expected);
  }
  for (const alpha of ['cny', 'XXX', '', 'CNY ']) assert.equal(core.findCurrency(alpha).found, false, alpha);
  for (const numeric of ['36', '0156', '15a', '999', '']) {
    assert.equal(core.findCurrencyByNumeric(numeric).found, false, numeric);
  }
  assert.deepEqual(core.findCurrency('XXX'), { found: false, alpha: '', numeric: 0, exponent: 0 });
});

test('parseAmount: exact cashier input, every currency at its maximum', () => {
  assert.equal(core.parseAmount('23.72', 'CNY').value, 2372);
  assert.equal(core.parseAmount('0.01', 'CNY').value, 1);
  assert.equal(core.parseAmount('0.001', 'KWD').value, 1);
  for (const [alpha, , exponent] of ISO) {
    const max = core.parseAmount('100000000', alpha);
    assert.ok(max.ok, alpha);
    assert.equal(max.value, 1e8 * 10 ** exponent, alpha);
    const over = exponent ? `100000000.${'0'.repeat(exponent - 1)}1` : '100000001';
    assert.equal(core.parseAmount(over, alpha).error.code, 'amount_too_large', alpha);
    const tooPrecise = `1.${'0'.repeat(exponent)}1`;
    assert.equal(core.parseAmount(tooPrecise, alpha).error.code, 'invalid_amount', alpha);
  }
});

test('parseAmount rejects signs, spaces, separators, zero and overflow', () => {
  const cases = {
    '-1': 'invalid_amount',
    '+1': 'invalid_amount',
    ' 5': 'invalid_amount',
    '5 ': 'invalid_amount',
    '1,000': 'invalid_amount',
    '1e3': 'invalid_amount',
    0: 'invalid_amount',
    '0.00': 'invalid_amount',
    '.5': 'invalid_amount',
    '5.': 'invalid_amount',
    '': 'invalid_amount',
    '５': 'invalid_amount',
    '9223372036854775808': 'amount_too_large',
    ['1'.repeat(33)]: 'input_too_long',
  };
  for (const [text, code] of Object.entries(cases)) {
    const r = core.parseAmount(text, 'CNY');
    assert.equal(r.ok, false, text);
    assert.equal(r.error.code, code, text);
  }
  assert.equal(core.parseAmount('1', 'XXX').error.code, 'unknown_currency');
  assert.equal(core.parseAmount('1.234', 'CNY').error.offset, 4);
});

test('parseEmvAmount: EMV MPM tag 54 forms', () => {
  const ok = { 98.73: 9873, 98.7: 9870, '98.': 9800, 98: 9800, '.5': 50, 9999999999999: 999999999999900 };
  for (const [text, minor] of Object.entries(ok))
    assert.equal(core.parseEmvAmount(text, 'CNY').value, minor, text);
  assert.equal(core.parseEmvAmount('100.', 'JPY').value, 100);
  for (const text of ['98,73', '3 705', '0', '.', '', '1.234', '-1']) {
    assert.equal(core.parseEmvAmount(text, 'CNY').error.code, 'invalid_amount', text);
  }
  assert.equal(core.parseEmvAmount('12345678901234', 'CNY').error.code, 'input_too_long');
  assert.equal(core.parseEmvAmount('1', 'XXX').error.code, 'unknown_currency');
  // 9999999999999 KWD is 10^16 fils: past what a JS number holds exactly.
  assert.equal(core.parseEmvAmount('9999999999999', 'KWD').error.code, 'amount_too_large');
});

test('formatAmount is plain text that parseAmount reads back', () => {
  for (const [alpha, , exponent] of ISO) {
    for (const minor of [1, 10, 2372, 99999999, 1e8 * 10 ** exponent]) {
      const text = core.formatAmount(minor, alpha);
      assert.equal(core.parseAmount(text, alpha).value, minor, `${alpha} ${text}`);
    }
  }
  assert.equal(core.formatAmount(-150, 'CNY'), '-1.50');
  assert.equal(core.formatAmount(1, 'KWD'), '0.001');
  for (const bad of [1.5, NaN, Infinity, 2 ** 53])
    assert.equal(core.formatAmount(bad, 'CNY'), '', String(bad));
  assert.equal(core.formatAmount(1, 'XXX'), '');
});

test('formatDisplay: the examples of each locale', () => {
  const cases = [
    [2372, 'CNY', 'zh-CN', '¥23.72'],
    [2372, 'CNY', 'en', 'CN¥23.72'],
    [-500, 'CNY', 'zh-CN', '-¥5.00'],
    [-500, 'CNY', 'en', '-CN¥5.00'],
    [0, 'CNY', 'zh-CN', '¥0.00'],
    [123450, 'CNY', 'zh-CN', '¥1,234.50'],
    [123450, 'USD', 'en', '$1,234.50'],
    [123450, 'USD', 'zh-CN', 'US$1,234.50'],
    [1500, 'JPY', 'zh-CN', 'JP¥1,500'],
    [1500, 'JPY', 'en', '¥1,500'],
    [1200, 'MOP', 'en', 'MOP 12.00'],
    [1234500, 'KWD', 'en', 'KWD 1,234.500'],
    [2 ** 53 - 1, 'CNY', 'zh-CN', '¥90,071,992,547,409.91'],
  ];
  for (const [minor, currency, locale, text] of cases) {
    const r = core.formatDisplay(minor, currency, locale);
    assert.ok(r.ok, r.error.detail);
    assert.equal(r.value, text);
  }
});

// The symbols are CLDR's; only the decimals are ISO 4217's (CLDR shows none for IDR
// and LAK). If Node's ICU moves a symbol, this names the currency that moved.
test('formatDisplay matches CLDR (Intl.NumberFormat) for every currency in both locales', () => {
  for (const [alpha, , exponent] of ISO) {
    for (const locale of ['zh-CN', 'en']) {
      const intl = new Intl.NumberFormat(locale, {
        style: 'currency',
        currency: alpha,
        minimumFractionDigits: exponent,
        maximumFractionDigits: exponent,
      });
      for (const minor of [123456789, -5, 0]) {
        const expected = intl.format(minor / 10 ** exponent).replace(/\u00a0/g, ' ');
        assert.equal(core.formatDisplay(minor, alpha, locale).value, expected, `${alpha} ${locale} ${minor}`);
      }
    }
  }
});

test('formatDisplay refuses what it cannot show exactly', () => {
  assert.equal(core.formatDisplay(1, 'XXX', 'en').error.code, 'unknown_currency');
  for (const locale of ['zh', 'EN', 'zh_CN', '']) {
    assert.equal(core.formatDisplay(1, 'CNY', locale).error.code, 'invalid_field', locale);
  }
  for (const minor of [0.5, NaN, -Infinity, 2 ** 53]) {
    assert.equal(core.formatDisplay(minor, 'CNY', 'en').error.code, 'invalid_amount', String(minor));
  }
});
