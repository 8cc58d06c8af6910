// Iframe entry for merchant portals: one embedded <qrpos-terminal> driven over
// postMessage. The only window it listens to or talks to is the parent origin named
// in ?parent=, so another page cannot start a charge or read payment events.
import './ui/element';
import './page.css';
import type { LookupResult, PayOptions, RefundOptions } from './ui/api';

const EVENTS = ['qrpos-paid', 'qrpos-failed', 'qrpos-refunded', 'qrpos-state', 'qrpos-lookup'] as const;
const LOOKUP_TIMEOUT_MS = 10_000;

const params = new URLSearchParams(location.search);
const terminal = document.querySelector('qrpos-terminal')!;
const locale = params.get('locale');
if (locale === 'en' || locale === 'zh-CN') terminal.locale = locale;
// The portal's scenario patterns (docs/integration.md), as on the element itself.
for (const [param, attribute] of [
  ['member', 'member-pattern'],
  ['lookup-source', 'lookup-source'],
]) {
  const value = params.get(param);
  if (value !== null) terminal.setAttribute(attribute, value);
}
if (params.has('lookup')) terminal.setAttribute('lookup-pattern', params.getAll('lookup').join(' '));

/** The parent's origin, or undefined if ?parent= is missing or not a plain http(s) origin. */
function parentOrigin(): string | undefined {
  try {
    const url = new URL(params.get('parent') ?? '');
    // new URL('null') throws; an opaque or file: origin could never be matched safely.
    return /^https?:$/.test(url.protocol) ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

const parent = parentOrigin();

function post(message: Record<string, unknown>): void {
  if (parent && window.parent !== window) window.parent.postMessage(message, parent);
}

function errorOf(e: unknown): { code: string; message: string } {
  // A DOMException's `code` is a legacy number (18 for SecurityError); its name says more.
  const code =
    e instanceof DOMException ? e.name : typeof e === 'object' && e && 'code' in e ? String(e.code) : 'error';
  return { code, message: e instanceof Error ? e.message : String(e) };
}

// Host calls take plain data only: whatever else rides on the message is dropped.
function payOptions(m: Record<string, unknown>): PayOptions {
  return {
    amount: m.amount as number,
    orderId: typeof m.orderId === 'string' ? m.orderId : undefined,
    currency: typeof m.currency === 'string' ? m.currency : undefined,
    method: m.method === 'qr' || m.method === 'any' ? m.method : 'scan',
  };
}

function refundOptions(m: Record<string, unknown>): RefundOptions {
  return {
    outTradeNo: String(m.outTradeNo ?? ''),
    amount: m.amount as number,
    currency: typeof m.currency === 'string' ? m.currency : undefined,
    reason: typeof m.reason === 'string' ? m.reason : undefined,
  };
}

async function answer(type: string, requestId: unknown, call: () => Promise<unknown>): Promise<void> {
  try {
    post({ type, requestId, ok: true, detail: await call() });
  } catch (e) {
    post({ type, requestId, ok: false, error: errorOf(e) });
  }
}

if (!parent) {
  document.getElementById('embed-error')!.hidden = false;
} else {
  for (const type of EVENTS)
    terminal.addEventListener(type, (e: Event) => post({ type, detail: (e as CustomEvent).detail }));

  // Codes are priced by the portal: ask it, and wait for its answer to this request only.
  const lookups = new Map<number, (answer: LookupResult | null) => void>();
  let lookupSeq = 0;
  terminal.lookup = (code) =>
    new Promise((resolve, reject) => {
      const requestId = ++lookupSeq;
      const timer = setTimeout(() => {
        lookups.delete(requestId);
        reject(new Error('the portal did not answer the lookup'));
      }, LOOKUP_TIMEOUT_MS);
      lookups.set(requestId, (answer) => {
        clearTimeout(timer);
        resolve(answer);
      });
      post({ type: 'qrpos-lookup-request', requestId, code });
    });

  window.addEventListener('message', (event: MessageEvent) => {
    if (event.origin !== parent || event.source !== window.parent) return;
    const m = event.data as Record<string, unknown> | null;
    if (!m || typeof m !== 'object') return;
    if (m.type === 'qrpos-lookup-result') {
      const settle = lookups.get(m.requestId as number);
      lookups.delete(m.requestId as number);
      const a = m.answer as Record<string, unknown> | null;
      // Plain data only, as for pay().
      settle?.(
        a && typeof a === 'object'
          ? {
              amount: a.amount as number,
              description: String(a.description ?? ''),
              currency: typeof a.currency === 'string' ? a.currency : undefined,
              paid: a.paid === true,
            }
          : null,
      );
      return;
    }
    if (m.type === 'qrpos-pay')
      void answer('qrpos-pay-result', m.requestId, () => terminal.pay(payOptions(m)));
    else if (m.type === 'qrpos-refund')
      void answer('qrpos-refund-result', m.requestId, () => terminal.refund(refundOptions(m)));
  });

  // The parent learns when pay() will be taken, so it never posts into a page still loading.
  terminal.ready.then(
    () => post({ type: 'qrpos-ready', ok: true }),
    (e: unknown) => post({ type: 'qrpos-ready', ok: false, error: errorOf(e) }),
  );
}
void terminal.ready.finally(() => (document.body.dataset.ready = 'true'));
