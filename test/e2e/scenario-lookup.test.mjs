// Lookups, for real: a ticket/room/bill code scanned on the kiosk is priced, then paid
// with the code as the payment's reference. Both sources: the acquirer (bills made with
// POST /admin/bills, answered on POST /v1/lookups) and the host page (the demo portal
// pricing codes for the terminal in its cross-origin frame). Already paid, unknown and
// failed lookups each have their screen and a way out. In zh-CN and in en.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { ledgerRows } from '../support/acquirer.mjs';
import { launchBrowser, paymentCodeVideo, typeLikeScanner, waitForScreen } from '../support/browser.mjs';
import {
  admin,
  openKiosk,
  shot,
  sqlText,
  wechatCode,
  closeScenarioRig,
  openScenarioRig,
} from '../support/scenarios.mjs';

describe('lookups: tickets, rooms and bills priced, then paid', { timeout: 240_000 }, () => {
  let acquirer, browser, dir;

  before(async () => ({ acquirer, browser, dir } = await openScenarioRig('lookup')));
  after(() => closeScenarioRig({ acquirer, browser, dir }));

  const cases = [
    {
      locale: 'zh-CN',
      code: 'TK-00000001',
      description: '音乐会 A 区 12 排',
      payingFor: '支付项目：',
      paid: '已经支付过了',
      unknown: '未找到该编号',
    },
    {
      locale: 'en',
      code: 'TK-00000002',
      description: 'Concert, row 12',
      payingFor: 'Paying for: ',
      paid: 'Already paid',
      unknown: 'Unknown code',
    },
  ];
  for (const c of cases) {
    test(`${c.locale}: an acquirer bill is looked up, paid once, then shown as already paid`, async () => {
      const made = await admin(acquirer, 'POST', '/admin/bills', {
        code: c.code,
        amount: 8800,
        currency: 'CNY',
        description: c.description,
      });
      assert.equal(made.status, 201, JSON.stringify(made.json));
      const { page, errors } = await openKiosk(browser, acquirer, {
        query: { lookup: 'ticket:TK-########', 'lookup-source': 'acquirer' },
        locale: c.locale,
      });
      // The scanner gun on the start screen: no amount typed, the acquirer says how much.
      await typeLikeScanner(page, c.code);
      await waitForScreen(page, 'scan');
      const payingFor = await page.textContent('[data-testid=paying-for]');
      assert.ok(payingFor.startsWith(c.payingFor), payingFor);
      assert.ok(payingFor.includes(c.description) && payingFor.includes(c.code), payingFor);
      assert.match(await page.textContent('[data-testid=amount]'), /88\.00/);
      await shot(page, 'lookup', 'paying-for', c.locale);

      await page.fill('form[data-form=code] input[name=code]', wechatCode());
      await page.click('form[data-form=code] button[type=submit]');
      await waitForScreen(page, 'paid', 30_000);
      assert.equal(await page.textContent('[data-field="paid.for"]'), `${c.description} ${c.code}`);
      await shot(page, 'lookup', 'paid', c.locale);
      const outTradeNo = await page.textContent('[data-field="paid.order"]');
      assert.deepEqual(
        ledgerRows(
          acquirer.dbPath,
          `SELECT status, amount, reference FROM trades WHERE out_trade_no = ${sqlText(outTradeNo)}`,
        ),
        [{ status: 'SUCCESS', amount: 8800, reference: c.code }],
      );
      const bills = (await admin(acquirer, 'GET', '/admin/bills.json')).json.bills;
      const bill = bills.find((b) => b.code === c.code);
      assert.equal(bill.status, 'paid');
      assert.equal(bill.out_trade_no, outTradeNo);

      // The same ticket again: nothing to collect.
      await page.click('button[data-action=new-sale]');
      await waitForScreen(page, 'amount');
      await typeLikeScanner(page, c.code);
      await page.waitForSelector('[data-lookup=paid]');
      assert.equal(await page.textContent('h1'), c.paid);
      await shot(page, 'lookup', 'already-paid', c.locale);
      await page.click('button[data-action=home]');
      await waitForScreen(page, 'amount');

      // A ticket nobody sold.
      await typeLikeScanner(page, 'TK-99999999');
      await page.waitForSelector('[data-lookup=unknown]');
      assert.equal(await page.textContent('h1'), c.unknown);
      await page.click('button[data-action=home]');
      await waitForScreen(page, 'amount');
      assert.equal(
        ledgerRows(
          acquirer.dbPath,
          `SELECT count(*) AS n FROM trades WHERE reference = ${sqlText(c.code)}`,
        )[0].n,
        1,
      );
      assert.deepEqual(errors, []);
      await page.close();
    });
  }

  test('a host lookup with no host to ask says so, and offers to try again or go back', async () => {
    const { page } = await openKiosk(browser, acquirer, {
      query: { lookup: 'room:ROOM-####', 'lookup-source': 'host' },
      locale: 'en',
    });
    await typeLikeScanner(page, 'ROOM-0301');
    await page.waitForSelector('[data-lookup=failed]');
    assert.equal(await page.getAttribute('[data-lookup=failed]', 'data-code'), 'lookup_unavailable');
    assert.ok(await page.$('button[data-action=lookup-retry]'));
    await shot(page, 'lookup', 'failed', 'en');
    await page.click('button[data-action=lang]');
    assert.equal(await page.textContent('h1'), '查询失败');
    await shot(page, 'lookup', 'failed', 'zh-CN');
    await page.click('button[data-action=home]');
    await waitForScreen(page, 'amount');
    await page.close();
  });

  for (const locale of ['zh-CN', 'en']) {
    test(`${locale}: the portal prices a room code for the terminal in its frame, which then takes the payment`, async () => {
      const code = locale === 'en' ? 'ROOM-0302' : 'ROOM-0301';
      const camera = await launchBrowser({
        cameraY4m: await paymentCodeVideo(wechatCode(), fs.mkdtempSync(path.join(dir, 'cam-'))),
        partitionedStorage: true,
      });
      try {
        const page = await camera.newPage({ viewport: { width: 1200, height: 900 } });
        const url = new URL('/portal.html', acquirer.url);
        url.searchParams.set('locale', locale);
        url.searchParams.set('lookup', 'room:ROOM-####');
        url.searchParams.set('lookup-source', 'host');
        await page.goto(url.href);
        await page.waitForSelector('#charge-button:not([disabled])', { timeout: 30_000 });
        await page.fill('#bill-code', code);
        await page.fill('#bill-amount', '88');
        await page.fill('#bill-description', 'Room 301, 2 nights');
        await page.click('#bill button[type=submit]');
        const frame = page.frames().find((f) => f.url().includes('/embed.html'));
        // The scanner gun types into the terminal's frame.
        await frame.click('#app');
        await typeLikeScanner(page, code);
        await page.waitForSelector('#events li[data-type=qrpos-lookup]', { timeout: 15_000 });
        // The fake camera shows a payment code: the frame pays as soon as the amount is known.
        const paid = await page.waitForSelector('#events li[data-type=qrpos-paid]', { timeout: 30_000 });
        assert.equal(await paid.getAttribute('data-amount'), '8800');
        assert.equal(await frame.getAttribute('#app', 'data-screen'), 'paid');
        assert.match(
          await frame.textContent('[data-field="paid.for"]'),
          new RegExp(`Room 301, 2 nights ${code}`),
        );
        await shot(page, 'lookup', 'host-paid', locale);
        const outTradeNo = await paid.getAttribute('data-out-trade-no');
        assert.deepEqual(
          ledgerRows(
            acquirer.dbPath,
            `SELECT status, reference FROM trades WHERE out_trade_no = ${sqlText(outTradeNo)}`,
          ),
          [{ status: 'SUCCESS', reference: code }],
        );
        await page.close();
      } finally {
        await camera.close();
      }
    });
  }

  test('a host that prices a bill the acquirer knows as paid: declined reference_paid, nothing charged', async () => {
    const code = 'TK-00000003';
    assert.equal(
      (await admin(acquirer, 'POST', '/admin/bills', { code, amount: 500, currency: 'CNY' })).status,
      201,
    );
    const first = await openKiosk(browser, acquirer, {
      query: { lookup: 'ticket:TK-########', 'lookup-source': 'acquirer' },
      locale: 'en',
    });
    await typeLikeScanner(first.page, code);
    await waitForScreen(first.page, 'scan');
    await first.page.fill('form[data-form=code] input[name=code]', wechatCode());
    await first.page.click('form[data-form=code] button[type=submit]');
    await waitForScreen(first.page, 'paid', 30_000);
    await first.page.close();

    // The host page's own records still say open: the acquirer refuses a second payment.
    const { page } = await openKiosk(browser, acquirer, {
      query: { lookup: 'ticket:TK-########', 'lookup-source': 'host' },
      locale: 'en',
    });
    await page.evaluate(() => {
      document.querySelector('qrpos-terminal').lookup = async () => ({
        amount: 500,
        description: 'Stale record',
      });
    });
    await typeLikeScanner(page, code);
    await waitForScreen(page, 'scan');
    const before = ledgerRows(
      acquirer.dbPath,
      `SELECT count(*) AS n FROM trades WHERE reference = ${sqlText(code)}`,
    );
    await page.fill('form[data-form=code] input[name=code]', wechatCode());
    await page.click('form[data-form=code] button[type=submit]');
    await waitForScreen(page, 'declined', 30_000);
    assert.equal(await page.getAttribute('[data-code]', 'data-code'), 'reference_paid');
    assert.match(await page.textContent('[data-code]'), /paid already/);
    // Showing another code would not help: only a new sale.
    assert.equal(await page.$('button[data-action=scan-again]'), null);
    await page.click('button[data-action=lang]');
    assert.match(await page.textContent('[data-code]'), /已经付过款/);
    assert.deepEqual(
      ledgerRows(acquirer.dbPath, `SELECT count(*) AS n FROM trades WHERE reference = ${sqlText(code)}`),
      before,
    );
    await page.close();
  });

  test('a host that prices an open bill differently from the acquirer: declined, the bill stays open, nothing charged', async () => {
    const code = 'TK-00000004';
    assert.equal(
      (await admin(acquirer, 'POST', '/admin/bills', { code, amount: 500, currency: 'CNY' })).status,
      201,
    );
    const { page } = await openKiosk(browser, acquirer, {
      query: { lookup: 'ticket:TK-########', 'lookup-source': 'host' },
      locale: 'zh-CN',
    });
    // The till changed the bill after the host page read it.
    await page.evaluate(() => {
      document.querySelector('qrpos-terminal').lookup = async () => ({
        amount: 300,
        description: 'Old price',
      });
    });
    await typeLikeScanner(page, code);
    await waitForScreen(page, 'scan');
    await page.fill('form[data-form=code] input[name=code]', wechatCode());
    await page.click('form[data-form=code] button[type=submit]');
    await waitForScreen(page, 'declined', 30_000);
    assert.equal(await page.getAttribute('[data-code]', 'data-code'), 'invalid_amount');
    // Not "enter the amount again": the cashier scans the bill again for its new amount.
    assert.match(await page.textContent('[data-code]'), /账单金额已变更.*请重新扫描账单/);
    assert.equal(await page.$('button[data-action=scan-again]'), null);
    await page.click('button[data-action=lang]');
    assert.match(await page.textContent('[data-code]'), /scan the bill again/);
    assert.deepEqual(
      ledgerRows(acquirer.dbPath, `SELECT count(*) AS n FROM trades WHERE reference = ${sqlText(code)}`),
      [{ n: 0 }],
    );
    const bill = (await admin(acquirer, 'GET', '/admin/bills.json')).json.bills.find((b) => b.code === code);
    assert.equal(bill.status, 'open');
    await page.close();
  });
});
