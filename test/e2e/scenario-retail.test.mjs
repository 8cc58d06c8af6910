// Retail loyalty, for real: the kiosk with a member pattern (?member=), a member code
// typed before the payment code, the sandbox acquirer crediting points. The member chip
// shows only first 2 + last 4; the paid screen shows points earned and the balance,
// which the ledger holds too. In zh-CN and in en.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { ledgerRows } from '../support/acquirer.mjs';
import { typeLikeScanner, waitForScreen } from '../support/browser.mjs';
import {
  enterAmount,
  openKiosk,
  openSettings,
  shot,
  sqlText,
  wechatCode,
  closeScenarioRig,
  openScenarioRig,
} from '../support/scenarios.mjs';

const MEMBER_PATTERN = 'VIP##########';

describe('retail loyalty: a member code before the payment', { timeout: 180_000 }, () => {
  let acquirer, browser, dir;

  before(async () => ({ acquirer, browser, dir } = await openScenarioRig('retail')));
  after(() => closeScenarioRig({ acquirer, browser, dir }));

  const cases = [
    { locale: 'zh-CN', member: 'VIP0000001234', chip: '会员 VI****1234', points: '本次积分', earned: 23 },
    { locale: 'en', member: 'VIP0000005678', chip: 'Member VI****5678', points: 'Points earned', earned: 88 },
  ];
  for (const c of cases) {
    test(`${c.locale}: the member chip, the payment with member_id, points on the paid screen and in the ledger`, async () => {
      const { page, errors } = await openKiosk(browser, acquirer, {
        query: { member: MEMBER_PATTERN },
        locale: c.locale,
      });
      await enterAmount(page, c.earned === 23 ? '23.72' : '88');
      await page.click('button[data-action=collect]');
      await waitForScreen(page, 'scan');
      // A payment code never passes for a member id; the member code is typed at the counter.
      await page.fill('form[data-form=code] input[name=code]', c.member);
      await page.click('form[data-form=code] button[type=submit]');
      await page.waitForSelector('[data-testid=member-chip]');
      assert.equal((await page.textContent('[data-testid=member-chip] span')).trim(), c.chip);
      assert.equal(await page.getAttribute('#app', 'data-screen'), 'scan', 'a member code is not a payment');
      await shot(page, 'retail', 'member', c.locale);

      const code = wechatCode();
      await page.fill('form[data-form=code] input[name=code]', code);
      await page.click('form[data-form=code] button[type=submit]');
      await waitForScreen(page, 'paid', 30_000);
      assert.equal(await page.textContent('[data-field="paid.member"]'), 'VI****' + c.member.slice(-4));
      assert.equal(await page.textContent('[data-field="paid.points_earned"]'), String(c.earned));
      assert.equal(await page.textContent('[data-field="paid.points_balance"]'), String(c.earned));
      assert.match(await page.textContent('.receipt'), new RegExp(c.points));
      await shot(page, 'retail', 'paid', c.locale);

      const outTradeNo = await page.textContent('[data-field="paid.order"]');
      assert.deepEqual(
        ledgerRows(
          acquirer.dbPath,
          `SELECT status, member_id, points_earned FROM trades WHERE out_trade_no = ${sqlText(outTradeNo)}`,
        ),
        [{ status: 'SUCCESS', member_id: c.member, points_earned: c.earned }],
      );
      assert.deepEqual(
        ledgerRows(
          acquirer.dbPath,
          `SELECT points_balance FROM members WHERE member_id = ${sqlText(c.member)}`,
        ),
        [{ points_balance: c.earned }],
      );
      // A new sale starts without the last customer's card.
      await page.click('button[data-action=new-sale]');
      await waitForScreen(page, 'amount');
      assert.equal(await page.$('[data-testid=member-chip]'), null);
      assert.deepEqual(errors, []);
      assert.ok(!acquirer.stderr().includes(code), 'the full payment code reached the acquirer log');
      await page.close();
    });
  }

  test('the member pattern set on the admin screen is kept with the terminal, and a gun scan attaches the member', async () => {
    const { page, errors } = await openKiosk(browser, acquirer, { locale: 'zh-CN' });
    await openSettings(page);
    await page.click('button[data-action=scenario-settings]');
    await waitForScreen(page, 'scenario-settings');
    // A pattern the core refuses is not saved.
    await page.fill('form[data-form=scenarios] input[name=member]', 'CARD\\');
    await page.click('form[data-form=scenarios] button[type=submit]');
    await page.waitForSelector('[data-notice="scenarios.invalid"]');
    await page.fill('form[data-form=scenarios] input[name=member]', 'CARD########');
    await page.fill('form[data-form=scenarios] input[name=lookup0]', 'TK-########');
    await page.selectOption('form[data-form=scenarios] select[name=label0]', 'ticket');
    await page.click('form[data-form=scenarios] button[type=submit]');
    await page.waitForSelector('[data-notice="scenarios.saved"]');
    await shot(page, 'retail', 'settings', 'zh-CN');
    await page.click('button[data-action=lang]');
    await shot(page, 'retail', 'settings', 'en');

    // After a reload (no URL pattern): the saved pattern is in force.
    await page.reload();
    await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
    await waitForScreen(page, 'amount');
    await typeLikeScanner(page, 'CARD00004321');
    await page.waitForSelector('[data-testid=member-chip]');
    assert.equal((await page.textContent('[data-testid=member-chip] span')).trim(), 'Member CA****4321');
    await page.click('button[data-action=member-remove]');
    assert.equal(await page.$('[data-testid=member-chip]'), null);
    assert.deepEqual(errors, []);
    await page.close();
  });
});
