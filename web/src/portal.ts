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
  } else if (data.type === 'qrpos-paid') {
    const detail = data.detail as { outTradeNo: string };
    lastPaid.textContent = detail.outTradeNo;
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
  setStatus(`请顾客出示付款码：${yuan(amount)}`, `Ask the customer for a payment code: ${yuan(amount)}`);
  const orderId = `PORTAL-${Date.now()}`;
  frame.contentWindow!.postMessage({ type: 'qrpos-pay', amount, orderId, method: 'scan' }, terminalOrigin);
});

frame.src = src.href;
