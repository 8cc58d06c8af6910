// HTTP to the acquirer: one signed request out, the raw signed answer back. It never
// decides anything: verification and meaning are the core's.
import type { PayRequestDto } from './core-module';
import { QrposError } from './errors';

export interface SignedAnswer {
  httpStatus: number;
  timestampMs: number;
  signature: string;
  body: string;
}

export interface TransportOptions {
  /** acquirer base URL; "" for the page's own origin */
  baseUrl: string;
  timeoutMs: number;
}

/** Sends a signed request. Throws QrposError('network', 'timeout' | 'unreachable' | 'unsigned_answer'). */
export async function send(req: PayRequestDto, options: TransportOptions): Promise<SignedAnswer> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), options.timeoutMs);
  try {
    const res = await fetch(options.baseUrl + req.path, {
      method: req.method,
      body: req.body,
      signal: abort.signal,
      cache: 'no-store',
      headers: {
        'Content-Type': 'application/json',
        'Qrpos-Terminal': req.terminalId,
        'Qrpos-Timestamp': String(req.timestampMs),
        'Qrpos-Nonce': req.nonce,
        'Qrpos-Signature': req.signature,
      },
    });
    const body = await res.text();
    const timestamp = Number(res.headers.get('Qrpos-Timestamp'));
    const signature = res.headers.get('Qrpos-Signature') ?? '';
    if (!signature || !Number.isSafeInteger(timestamp)) {
      throw new QrposError('network', 'unsigned_answer', `HTTP ${res.status} without an acquirer signature`);
    }
    return { httpStatus: res.status, timestampMs: timestamp, signature, body };
  } catch (e) {
    if (e instanceof QrposError) throw e;
    if (abort.signal.aborted)
      throw new QrposError('network', 'timeout', `no answer within ${options.timeoutMs} ms`);
    throw new QrposError('network', 'unreachable', String(e));
  } finally {
    clearTimeout(timer);
  }
}
