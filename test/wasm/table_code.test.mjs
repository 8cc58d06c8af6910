// The tools module's EMV MPM builder (wasm/tools/bind_emv_mpm.cpp) makes the static
// table codes of docs (SPEC "Table codes"): template 26 with the table URL, tips in
// 55/56/57, the terminal in 62/07 and the Chinese name in 64; they parse back.
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import { loadTools } from '../support/core.mjs';

let tools;
before(async () => {
  tools = await loadTools();
});

const url = 'http://127.0.0.1:8080/t/T-0A1B2C3D4E5F6071/12';
const tableCode = (tip) => ({
  pointOfInitiation: 'static_code',
  merchantAccounts: [
    {
      id: '26',
      children: [
        { id: '00', value: 'COM.QRPOS.SANDBOX' },
        { id: '01', value: url },
      ],
    },
  ],
  mcc: '5812',
  currency: '156',
  countryCode: 'CN',
  merchantName: 'Noodle Bar',
  merchantCity: 'Shanghai',
  ...tip,
  terminalLabel: 'T-0A1B2C3D4E5F6071',
  language: 'ZH',
  alternateName: '一号店面馆',
});

test('a static table code builds with each tip mode and parses back', () => {
  for (const tip of [
    { tipMode: 'prompt' },
    { tipMode: 'fixed_fee', feeFixed: '5.00' },
    { tipMode: 'percentage_fee', feePercentage: '10.00' },
    { tipMode: 'none' },
  ]) {
    const built = tools.buildMpm(JSON.stringify(tableCode(tip)));
    assert.ok(built.ok, `${tip.tipMode}: ${built.error.detail}`);
    assert.match(built.value, /^000201010211/);
    const parsed = tools.parseMpm(built.value);
    assert.ok(parsed.ok, parsed.error.detail);
    assert.equal(parsed.pointOfInitiation, 'static_code');
    assert.equal(parsed.tipMode, tip.tipMode);
    assert.equal(parsed.feeFixed, tip.feeFixed ?? '');
    assert.equal(parsed.feePercentage, tip.feePercentage ?? '');
    assert.equal(parsed.terminalLabel, 'T-0A1B2C3D4E5F6071');
    assert.equal(parsed.alternateName, '一号店面馆');
    assert.equal(parsed.amount, '', 'static: the bill decides the amount');
    const [account] = JSON.parse(parsed.merchantAccountsJson);
    assert.equal(account.id, '26');
    assert.deepEqual(account.children, [
      { id: '00', value: 'COM.QRPOS.SANDBOX' },
      { id: '01', value: url },
    ]);
  }
});

test('a table URL too long for template 26 is refused, not truncated', () => {
  const long = tableCode({ tipMode: 'prompt' });
  long.merchantAccounts[0].children[1].value = `https://${'x'.repeat(90)}.example/t/T-1/5`;
  const built = tools.buildMpm(JSON.stringify(long));
  assert.equal(built.ok, false);
});
