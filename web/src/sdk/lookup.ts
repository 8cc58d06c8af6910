// What a ticket, room or bill code costs, from the acquirer (docs/protocol.md
// "Lookups", POST /v1/lookups): signed and verified by the core like the heartbeat
// (heartbeat.ts), so a forged answer can never set the amount a customer pays.
// Not a session: no money moves, nothing is journaled; a failure is just "try again".
import type { LookupFunctions, LookupRequest, LookupResult } from './core-module-lookup';
import { QrposError } from './errors';
import type { RunnerIdentity } from './runner';

const TIMEOUT_MS = 10_000;

/** The core's lookup bindings (wasm/bind_lookup.cpp), as the shell uses them. */
export type LookupCore = Pick<LookupFunctions, 'lookupRequest' | 'readLookupAnswer'>;

/** The acquirer's answer, verified (messages::Lookup). */
export type LookupAnswer = LookupResult;

function randomHex(bytes: number): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');
}

/**
 * Asks the acquirer what `code` costs. Throws QrposError: network/unreachable when no
 * answer came, core/<code> when the answer could not be trusted or was refused.
 */
export async function lookupAtAcquirer(
  core: LookupCore,
  identity: RunnerIdentity,
  code: string,
  options: { fetch?: typeof fetch; now?: () => number } = {},
): Promise<LookupAnswer> {
  const now = options.now ?? Date.now;
  const send = options.fetch ?? ((input, init) => fetch(input, init));
  const built = core.lookupRequest(identity.terminalId, identity.seedHex, code, now(), randomHex(16));
  if (!built.ok) throw new QrposError('core', built.error.code, built.error.detail);
  const req = JSON.parse(built.value) as LookupRequest;
  let res: Response;
  let body: string;
  try {
    res = await send(identity.acquirerUrl + req.path, {
      method: req.method,
      headers: { 'Content-Type': 'application/json', ...req.headers },
      body: req.body,
      cache: 'no-store',
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    body = await res.text();
  } catch (e) {
    throw new QrposError('network', 'unreachable', String(e));
  }
  const read = core.readLookupAnswer(
    identity.acquirerPublicKeyHex,
    req.nonce,
    code,
    res.status,
    Number(res.headers.get('Qrpos-Timestamp') ?? 0) || 0,
    res.headers.get('Qrpos-Signature') ?? '',
    body,
  );
  // Untrusted (bad_signature, malformed_message) or refused (the acquirer's own code).
  if (!read.ok) throw new QrposError('acquirer', read.error.code, read.error.detail);
  return JSON.parse(read.value) as LookupAnswer;
}
