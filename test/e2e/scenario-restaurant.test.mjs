// A restaurant, for real: the admin makes the table codes (URL style in zh-CN, EMV style
// in en), the cashier opens a table's bill, the customer's phone (a second page) opens
// the table code (directly, or through the sandbox /wallet scanner for EMV), adds a tip
// and pays; the terminal shows the table paid with the tip, and the ledger holds the
// order with its table and tip.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ledgerRows } from '../support/acquirer.mjs';
import { waitForScreen } from '../support/browser.mjs';
import { parseEscPos } from '../support/escpos-parse.mjs';
import {
  openKiosk,
  openSettings,
  shot,
  sqlText,
  closeScenarioRig,
  openScenarioRig,
} from '../support/scenarios.mjs';

const FAKE_USB = fileURLToPath(new URL('../support/fake-usb.js', import.meta.url));

describe('restaurant: table codes, a table bill, the customer pays with a tip', { timeout: 240_000 }, () => {
  let acquirer, browser, dir;

  before(async () => ({ acquirer, browser, dir } = await openScenarioRig('restaurant')));
  after(() => closeScenarioRig({ acquirer, browser, dir }));

  /** The admin's table codes screen: makes the codes, "prints" them, returns table -> payload. */
  async function makeTableCodes(page, { style, tipMode, tipValue, count }) {
    await openSettings(page);
    await page.click('button[data-action=table-codes]');
    await waitForScreen(page, 'table-codes');
    await page.fill('form[data-form=table-codes] input[name=tables]', '1-12');
    await page.selectOption('form[data-form=table-codes] select[name=tipMode]', tipMode);
    await page.fill('form[data-form=table-codes] input[name=tipValue]', tipValue);
    await page.selectOption('form[data-form=table-codes] select[name=style]', style);
    await page.click('form[data-form=table-codes] button[type=submit]');
    await page.waitForSelector('[data-testid=table-code-count]', { timeout: 15_000 });
    assert.equal(await page.textContent('[data-testid=table-code-count]'), count);
    await page.waitForSelector('li.table-code[data-table="12"] .qr svg');
    const codes = new Map();
    for (const li of await page.$$('li.table-code'))
      codes.set(await li.getAttribute('data-table'), await li.getAttribute('data-payload'));
    // No USB printer here: the cards go to the browser's print dialog, one per table.
    await page.evaluate(() => (window.print = () => (window.printed = (window.printed ?? 0) + 1)));
    await page.click('button[data-action=print-table-codes]');
    await page.waitForFunction(() => window.printed === 1);
    assert.equal((await page.$$('.print-area .table-card')).length, 12);
    return codes;
  }

  async function openTableBill(page, table, amount) {
    await page.click('button[data-action=settings-back]');
    await page.click('button[data-action=home]');
    await waitForScreen(page, 'amount');
    await page.click('button[data-action=table-bill]');
    await waitForScreen(page, 'table-bill');
    await page.fill('form[data-form=table-bill] input[name=table]', table);
    await page.fill('form[data-form=table-bill] input[name=amount]', amount);
    await page.click('form[data-form=table-bill] button[type=submit]');
    await waitForScreen(page, 'show_qr', 15_000);
  }

  async function phone() {
    const page = await browser.newPage({
      viewport: { width: 390, height: 844 },
      isMobile: true,
      hasTouch: true,
    });
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    return { page, errors };
  }

  test('zh-CN: a URL table code, the customer picks a 10% tip', async () => {
    const { page, errors } = await openKiosk(browser, acquirer, { locale: 'zh-CN' });
    const codes = await makeTableCodes(page, {
      style: 'url',
      tipMode: 'prompt',
      tipValue: '',
      count: '共 12 张桌台码',
    });
    assert.match(codes.get('5'), /\/t\/[\w-]+\/5\?tip=01$/);
    await shot(page, 'restaurant', 'table-codes', 'zh-CN');

    await openTableBill(page, '5', '120');
    assert.equal(await page.textContent('h1[data-table]'), '5号桌账单已开');
    await shot(page, 'restaurant', 'bill-open', 'zh-CN');

    const customer = await phone();
    await customer.page.goto(codes.get('5'));
    assert.match(await customer.page.textContent('[data-testid=amount]'), /120\.00/);
    await customer.page.tap('button.tip[data-tip="1200"]');
    await customer.page.tap('#pay');
    await customer.page.waitForSelector('#status[data-status=SUCCESS]', { timeout: 15_000 });

    await waitForScreen(page, 'paid', 30_000);
    assert.equal(await page.textContent('h1'), '5号桌已付款，小费 ¥12.00');
    assert.equal(await page.textContent('[data-field="paid.table"]'), '5');
    assert.equal(await page.textContent('[data-field="paid.tip"]'), '¥12.00');
    assert.equal(await page.textContent('[data-field="paid.total"]'), '¥132.00');
    assert.equal(
      await page.textContent('[data-testid=paid-amount]'),
      '¥132.00',
      'the big figure is what the customer paid',
    );
    await shot(page, 'restaurant', 'paid', 'zh-CN');
    const outTradeNo = await page.textContent('[data-field="paid.order"]');
    assert.deepEqual(
      ledgerRows(
        acquirer.dbPath,
        `SELECT kind, status, amount, table_id, tip_amount FROM trades WHERE out_trade_no = ${sqlText(outTradeNo)}`,
      ),
      [{ kind: 'order', status: 'SUCCESS', amount: 12000, table_id: '5', tip_amount: 1200 }],
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(customer.errors, []);
    await customer.page.close();
    await page.close();
  });

  test('en: an EMV table code through the wallet scanner, a fixed tip', async () => {
    const { page, errors } = await openKiosk(browser, acquirer, { locale: 'en' });
    const codes = await makeTableCodes(page, {
      style: 'emv',
      tipMode: 'fixed',
      tipValue: '5',
      count: '12 table codes',
    });
    const payload = codes.get('7');
    assert.ok(payload.startsWith('000201010211'), payload); // EMV MPM, static
    assert.match(payload, /COM\.QRPOS\.SANDBOX/);
    assert.match(payload, /550202/); // tip: a fixed fee
    await shot(page, 'restaurant', 'table-codes', 'en');

    await openTableBill(page, '7', '80');
    assert.equal(await page.textContent('h1[data-table]'), 'Table 7 bill open');
    await shot(page, 'restaurant', 'bill-open', 'en');

    const customer = await phone();
    await customer.page.goto(new URL('/wallet', acquirer.url).href);
    await customer.page.fill('#payload', payload);
    await customer.page.tap('#scan');
    await customer.page.waitForSelector('#pay[data-tip="500"]', { timeout: 15_000 });
    await customer.page.tap('#pay');
    await customer.page.waitForSelector('#status[data-status=SUCCESS]', { timeout: 15_000 });

    await waitForScreen(page, 'paid', 30_000);
    assert.match(await page.textContent('h1'), /^Table 7 paid, tip CN¥5\.00$/);
    assert.match(await page.textContent('[data-field="paid.total"]'), /85\.00/);
    await shot(page, 'restaurant', 'paid', 'en');
    const outTradeNo = await page.textContent('[data-field="paid.order"]');
    assert.deepEqual(
      ledgerRows(
        acquirer.dbPath,
        `SELECT status, table_id, tip_amount FROM trades WHERE out_trade_no = ${sqlText(outTradeNo)}`,
      ),
      [{ status: 'SUCCESS', table_id: '7', tip_amount: 500 }],
    );
    assert.deepEqual(errors, []);
    assert.deepEqual(customer.errors, []);
    await customer.page.close();
    await page.close();
  });

  test('table cards print on the USB receipt printer: one card, QR and cut per table', async () => {
    const context = await browser.newContext({ viewport: { width: 1024, height: 900 } });
    await context.addInitScript({ path: FAKE_USB });
    const page = await context.newPage();
    await page.goto(new URL('/', acquirer.url).href);
    await waitForScreen(page, 'amount', 30_000);
    await openSettings(page);
    await page.click('button[data-action=pair-printer]');
    await page.waitForSelector('[data-printer=paired]');
    await page.click('button[data-action=table-codes]');
    await page.fill('form[data-form=table-codes] input[name=tables]', '1-2 A3');
    await page.selectOption('form[data-form=table-codes] select[name=tipMode]', 'percentage');
    await page.fill('form[data-form=table-codes] input[name=tipValue]', '10');
    await page.click('form[data-form=table-codes] button[type=submit]');
    await page.waitForSelector('button[data-action=print-table-codes][data-via=usb]');
    const payloads = await page.$$eval('li.table-code', (lis) => lis.map((li) => li.dataset.payload));
    assert.equal(payloads.length, 3);
    assert.match(payloads[2], /\/t\/[\w-]+\/A3\?tip=03&pct=10\.00$/);
    await page.click('button[data-action=print-table-codes]');
    await page.waitForSelector('[data-print=done]', { timeout: 20_000 });
    const bytes = await page.evaluate(() => window.__usb.transfers.flat());
    const paper = parseEscPos(new Uint8Array(bytes));
    assert.deepEqual(paper.qr, payloads);
    assert.equal(paper.cuts, 3);
    const text = paper.text.join('\n');
    for (const table of ['1', '2', 'A3']) assert.ok(text.includes(`${table}号桌`), text);
    await context.close();
  });
});
