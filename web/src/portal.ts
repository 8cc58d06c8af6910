// A fake merchant portal: it frames the terminal from another origin and charges
// through postMessage, as a real portal would with web/embed.html.
import './portal.css';

const params = new URLSearchParams(location.search);
const frame = document.getElementById('terminal') as HTMLIFrameElement;
const form = document.getElementById('charge') as HTMLFormElement;
const amountInput = document.getElementById('amount') as HTMLInputElement;
const button = document.getElementById('charge-button') as HTMLButtonElement;
const status = document.getElementById('status')!;
const events = document.getElementById('events')!;
const lastPaid = document.getElementById('last-paid')!;

/** The embed page: ?terminal= if given, else this page's port on the other loopback name. */
function terminalUrl(): URL {
  const given = params.get('terminal');
  if (given) return new URL(given, location.href);
  const url = new URL('embed.html', location.href);
  url.hostname = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return url;
}

const src = terminalUrl();
src.searchParams.set('parent', location.origin);
const locale = params.get('locale');
if (locale) src.searchParams.set('locale', locale);
// The terminal's scenario patterns pass through (docs/integration.md); codes it looks
// up are priced here, from the bills this page holds (the merchant's own system).
for (const name of ['member', 'lookup', 'lookup-source'])
  for (const value of params.getAll(name)) src.searchParams.append(name, value);
const bills = new Map<string, { amount: number; description: string; paid: boolean }>();
const terminalOrigin = src.origin;

/** "12.34" -> 1234 fen, without floating point; undefined if it is not a money amount. */
function toFen(text: string): number | undefined {
  const m = /^(\d{1,9})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!m) return undefined;
  const fen = Number(m[1]) * 100 + Number((m[2] ?? '').padEnd(2, '0'));
  return fen > 0 ? fen : undefined;
}

const yuan = (fen: number) => `¥${(fen / 100).toFixed(2)}`;

function setStatus(zh: string, en: string): void {
  status.textContent = `${zh} / ${en}`;
}

function log(type: string, data: Record<string, unknown>): void {
  const li = document.createElement('li');
  li.dataset.type = type;
  const detail = (data.detail ?? data.error ?? {}) as Record<string, unknown>;
  if (typeof detail.outTradeNo === 'string') li.dataset.outTradeNo = detail.outTradeNo;
  if (typeof detail.amount === 'number') li.dataset.amount = String(detail.amount);
  const parts = [type];
  if (typeof detail.amount === 'number') parts.push(yuan(detail.amount));
  for (const key of ['screen', 'outTradeNo', 'reason', 'code', 'message'])
    if (detail[key] !== undefined) parts.push(`${key}=${String(detail[key])}`);
  if ('ok' in data) parts.push(data.ok ? 'ok' : 'not ok');
  li.textContent = parts.join(' ');
  events.prepend(li);
}

window.addEventListener('message', (event: MessageEvent) => {
  // Only the frame we made, from the origin we framed, may talk to the portal.
  if (event.origin !== terminalOrigin || event.source !== frame.contentWindow) return;
  const data = event.data as Record<string, unknown> | null;
  if (!data || typeof data.type !== 'string' || !data.type.startsWith('qrpos-')) return;
  log(data.type, data);
  if (data.type === 'qrpos-ready') {
    button.disabled = !data.ok;
    if (data.ok) setStatus('收银台已就绪', 'Terminal ready');
    else setStatus('收银台未就绪', 'Terminal not ready');
  } else if (data.type === 'qrpos-lookup-request') {
    const bill = bills.get(String(data.code));
    const answer = bill ? { amount: bill.amount, description: bill.description, paid: bill.paid } : null;
    frame.contentWindow!.postMessage(
      { type: 'qrpos-lookup-result', requestId: data.requestId, answer },
      terminalOrigin,
    );
  } else if (data.type === 'qrpos-paid') {
    const detail = data.detail as { outTradeNo: string; reference?: string };
    lastPaid.textContent = detail.outTradeNo;
    const bill = detail.reference ? bills.get(detail.reference) : undefined;
    if (bill) bill.paid = true;
  } else if (data.type === 'qrpos-pay-result') {
    button.disabled = false;
    if (data.ok) setStatus('已收款', 'Paid');
    else setStatus('未收款', 'Not paid');
  }
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const amount = toFen(amountInput.value);
  if (amount === undefined) return setStatus('请输入正确的金额，如 12.34', 'Enter an amount such as 12.34');
  button.disabled = true;
  const method = (document.getElementById('method') as HTMLSelectElement).value;
  if (method === 'scan')
    setStatus(`请顾客出示付款码：${yuan(amount)}`, `Ask the customer for a payment code: ${yuan(amount)}`);
  else setStatus(`请顾客扫码支付：${yuan(amount)}`, `The customer pays at the terminal: ${yuan(amount)}`);
  const orderId = `PORTAL-${Date.now()}`;
  frame.contentWindow!.postMessage({ type: 'qrpos-pay', amount, orderId, method }, terminalOrigin);
});

const billForm = document.getElementById('bill') as HTMLFormElement;
billForm.addEventListener('submit', (event) => {
  event.preventDefault();
  const data = new FormData(billForm);
  const code = String(data.get('code') ?? '').trim();
  const amount = toFen(String(data.get('amount') ?? ''));
  const billStatus = document.getElementById('bill-status')!;
  if (!code || amount === undefined) {
    billStatus.textContent = '请输入账单号和金额 / Enter a bill code and an amount';
    return;
  }
  bills.set(code, { amount, description: String(data.get('description') ?? '').trim(), paid: false });
  billStatus.textContent = `已添加 ${code} ${yuan(amount)} / Added ${code} ${yuan(amount)}`;
  billForm.reset();
});

frame.src = src.href;
