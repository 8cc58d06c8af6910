// A test terminal for the real sandbox acquirer: signs any request with the demo
// terminal's key through the wasm core, verifies every answer's signature, and
// drives whole terminal sessions (core.sessionStep) over HTTP, as the kiosk does.
// Not a test file itself; the *.test.mjs files beside it import it.
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import { startAcquirer } from '../support/acquirer.mjs';
import { startOwn } from '../support/acquirer-cli.mjs';
import { loadCore, signedPayRequest } from '../support/core.mjs';

const hex = (text) => Buffer.from(text, 'utf8').toString('hex');
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

// A WeChat payment code (18 digits, prefix 13) ending in `suffix`, random otherwise.
export function wechatCode(suffix = '') {
  let digits = '13';
  while (digits.length < 18 - suffix.length) digits += String(crypto.randomInt(10));
  return digits + suffix;
}

export async function openSandbox() {
  const core = await loadCore();
  const acquirer = await startAcquirer({ demo: true });
  const demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
  return new Terminal(core, acquirer, demo);
}

// The demo terminal on a sandbox started with a known admin token (`terminal.admin`
// sends authorised /admin requests), for the merchant-scenario tests.
export async function openSandboxWithAdmin(token = 'test-admin-token-scenarios-0123') {
  const core = await loadCore();
  const acquirer = await startOwn({ args: ['--demo', '--admin-token', token], secretsShown: [token] });
  const demo = await (await fetch(`${acquirer.url}/demo/terminal.json`)).json();
  const terminal = new Terminal(core, acquirer, demo);
  terminal.admin = async (method, path, body) => {
    const res = await fetch(acquirer.url + path, {
      method,
      headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, json: await res.json() };
  };
  return terminal;
}

export class Terminal {
  constructor(core, acquirer, demo, { terminalId = demo.terminal_id, seed = demo.seed } = {}) {
    this.core = core;
    this.acquirer = acquirer;
    this.demo = demo;
    this.terminalId = terminalId;
    this.seed = seed;
  }

  freshNonce() {
    return this.core.makeNonce(crypto.randomBytes(16).toString('hex')).value;
  }

  freshNumber() {
    return this.core.makeOutTradeNo(Date.now(), crypto.randomBytes(8).toString('hex')).value;
  }

  // The four Qrpos-* headers for `method path body`, as protocol.md defines them.
  sign(method, path, body = '', { timestampMs = Date.now(), nonce = this.freshNonce() } = {}) {
    const canonical = this.core.canonicalRequest(method, path, timestampMs, nonce, body);
    const sig = this.core.signHex(this.seed, hex(canonical));
    assert.ok(sig.ok, sig.error?.detail);
    return {
      'Content-Type': 'application/json',
      'Qrpos-Terminal': this.terminalId,
      'Qrpos-Timestamp': String(timestampMs),
      'Qrpos-Nonce': nonce,
      'Qrpos-Signature': Buffer.from(sig.value, 'hex').toString('base64'),
    };
  }

  // Sends with `headers` (signed unless given) and checks the answer's signature.
  async send(method, path, body = '', { headers, ...signing } = {}) {
    const h = headers ?? this.sign(method, path, body, signing);
    const res = await fetch(this.acquirer.url + path, {
      method,
      headers: h,
      body: method === 'GET' ? undefined : body,
    });
    const text = await res.text();
    const answer = {
      status: res.status,
      body: text,
      json: JSON.parse(text),
      timestampMs: Number(res.headers.get('qrpos-timestamp')),
      signature: res.headers.get('qrpos-signature') ?? '',
    };
    const canonical = this.core.canonicalResponse(
      answer.status,
      answer.timestampMs,
      h['Qrpos-Nonce'] ?? '',
      text,
    );
    const sigHex = Buffer.from(answer.signature, 'base64').toString('hex');
    assert.ok(
      this.core.verifyHex(this.demo.acquirer_public_key, hex(canonical), sigHex),
      `unsigned answer: ${text}`,
    );
    return answer;
  }

  post(path, message, options) {
    return this.send('POST', path, JSON.stringify(message), options);
  }

  get(path, options) {
    return this.send('GET', path, '', options);
  }

  // A signed POST /v1/payments with a freshly sealed `authCode`, plus the merchant
  // scenario fields in `extra` (member_id, reference): the body the core builds, with
  // them added, signed again.
  pay({ outTradeNo = this.freshNumber(), amount, currency = 'CNY', authCode = wechatCode(), extra = {} }) {
    const built = signedPayRequest(this.core, this.demo, { outTradeNo, amount, currency, authCode });
    const body = { ...JSON.parse(built.body), ...extra };
    return this.post('/v1/payments', body);
  }

  step(state, event, nowMs) {
    const r = this.core.sessionStep(
      this.terminalId,
      this.seed,
      this.demo.acquirer_public_key,
      state,
      JSON.stringify(event),
      nowMs,
      crypto.randomBytes(256).toString('hex'),
    );
    assert.ok(r.ok, r.error?.detail);
    return JSON.parse(r.value);
  }

  // Runs a session like the web shell until it is done (or `stopWhen(state)`).
  // Timers: with `skipWaits` the terminal's clock jumps to each wait's end (the
  // acquirer's clock does not move), otherwise the test really waits. `skewMs` starts the terminal's clock that far
  // ahead (a timer event that is due). Returns the final state record (text and parsed)
  // and the requests made as "METHOD path -> status".
  async drive(startEvent, { skipWaits = false, stopWhen, state: initial = '', skewMs = 0 } = {}) {
    let skew = skewMs;
    const now = () => Date.now() + skew;
    const trace = [];
    let { state, commands } = this.step(initial, startEvent, now());
    for (;;) {
      if (stopWhen?.(JSON.parse(state))) break;
      const send = commands.find((c) => c.type === 'send');
      const wait = commands.find((c) => c.type === 'wait_until');
      let event;
      if (send) {
        try {
          const res = await fetch(this.acquirer.url + send.path, {
            method: send.method,
            headers: send.headers,
            body: send.method === 'GET' ? undefined : send.body,
          });
          const body = await res.text();
          trace.push(`${send.method} ${send.path} -> ${res.status}`);
          event = {
            type: 'answer',
            requestId: send.requestId,
            httpStatus: res.status,
            timestampMs: Number(res.headers.get('qrpos-timestamp')),
            signature: res.headers.get('qrpos-signature') ?? '',
            body,
          };
        } catch {
          // What a browser sees on a broken connection: the fetch (or its body) rejects.
          trace.push(`${send.method} ${send.path} -> network error`);
          event = { type: 'transport_error', requestId: send.requestId, transportError: 'network' };
        }
      } else if (wait) {
        const delay = wait.atMs - now();
        if (delay > 0) {
          if (skipWaits) skew += delay;
          else await sleep(delay);
        }
        event = { type: 'timer' };
      } else {
        break;
      }
      ({ state, commands } = this.step(state, event, now()));
    }
    return { record: state, state: JSON.parse(state), trace };
  }
}
