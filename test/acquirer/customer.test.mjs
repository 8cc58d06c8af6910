// The simulated customer wallet for merchant-presented orders: the /pay/{id} page a
// code leads to, its script, and the pay it posts, with a terminal session waiting.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { openSandbox } from './terminal-client.mjs';

let t;
before(async () => {
  t = await openSandbox();
});
after(async () => t?.acquirer.stop());

test('a customer pays the shown order on the page; the waiting terminal shows paid', async () => {
  const shown = await t.drive(
    { type: 'start_order', amount: 4800, currency: 'CNY', description: 'table 7' },
    {
      stopWhen: (s) => s.screen === 'show_qr',
    },
  );
  const url = shown.state.qr_payload;
  assert.equal(url, `${t.acquirer.url}/pay/${shown.state.out_trade_no}`);

  const page = await fetch(url);
  assert.equal(page.status, 200);
  assert.match(page.headers.get('content-type'), /^text\/html/);
  const csp = page.headers.get('content-security-policy');
  assert.match(csp, /script-src 'self'/);
  assert.doesNotMatch(csp, /unsafe-inline/);
  const html = await page.text();
  assert.ok(html.includes('¥48.00') && html.includes('CN¥48.00'), 'amount in both locales');
  assert.ok(html.includes('qrpos demo shop 演示商户'));
  assert.ok(html.includes('付款 Pay'));
  assert.doesNotMatch(
    html,
    /<script>|<script [^>]*>[^<]|style=|\son[a-z]+=|https?:\/\//,
    'no inline code, styles or external resources',
  );
  for (const asset of ['/pay/pay.js', '/pay/pay.css']) {
    const res = await fetch(t.acquirer.url + asset);
    assert.equal(res.status, 200, asset);
    assert.ok((await res.text()).length > 100);
  }

  const wallet = await fetch(`${t.acquirer.url}/customer/orders/${shown.state.out_trade_no}/pay`, {
    method: 'POST',
  });
  const paid = await wallet.json();
  assert.deepEqual([paid.status, paid.scheme, paid.amount], ['SUCCESS', 'wechat', 4800]);

  // The terminal's next poll (2 s on) finds it paid.
  const done = await t.drive({ type: 'timer' }, { state: shown.record, skewMs: 2_100 });
  assert.deepEqual([done.state.outcome, done.state.transaction_id], ['paid', paid.transaction_id]);

  // Paid once only: the page now shows the result, and a second pay changes nothing.
  const after = await (await fetch(url)).text();
  assert.ok(after.includes('支付成功 Paid') && !after.includes('id="pay"'));
  const twice = await (
    await fetch(`${t.acquirer.url}/customer/orders/${shown.state.out_trade_no}/pay`, { method: 'POST' })
  ).json();
  assert.equal(twice.transaction_id, paid.transaction_id);
});

test('a closed order cannot be paid; an unknown one is a 404 page', async () => {
  const no = t.freshNumber();
  await t.post('/v1/orders', { out_trade_no: no, amount: 300, currency: 'CNY' });
  await t.post(`/v1/orders/${no}/close`, { amount: 300, currency: 'CNY' });
  const res = await fetch(`${t.acquirer.url}/customer/orders/${no}/pay`, { method: 'POST' });
  assert.equal((await res.json()).status, 'CLOSED');
  assert.ok((await (await fetch(`${t.acquirer.url}/pay/${no}`)).text()).includes('订单已关闭 Order closed'));
  const missing = await fetch(`${t.acquirer.url}/pay/${t.freshNumber()}`);
  assert.equal(missing.status, 404);
  const nopay = await fetch(`${t.acquirer.url}/customer/orders/${t.freshNumber()}/pay`, { method: 'POST' });
  assert.equal((await nopay.json()).error.code, 'not_found');
});
