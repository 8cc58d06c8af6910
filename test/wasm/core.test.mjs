// Parity proof for crypto and protocol: the vectors the native GoogleTest suite
// checks, through the WebAssembly build of the same core (other modules: one file each).
import { test, before } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { loadCore, loadTools } from '../support/core.mjs';

const vectors = (name) => JSON.parse(fs.readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8'));
const textHex = (text) => Buffer.from(text, 'utf8').toString('hex');
const b64ToHex = (b64) => Buffer.from(b64, 'base64').toString('hex');
const hexToB64 = (hex) => Buffer.from(hex, 'hex').toString('base64');
const flipBit = (hex, byteIndex, mask = 0x01) => {
  const bytes = Buffer.from(hex, 'hex');
  bytes[byteIndex] ^= mask;
  return bytes.toString('hex');
};
const flipChar = (text, i) =>
  text.slice(0, i) + String.fromCharCode(text.charCodeAt(i) ^ 0x01) + text.slice(i + 1);

let core;
before(async () => {
  core = await loadCore();
});

// Embind-registered functions carry a numeric argCount; Emscripten's own runtime
// helpers on the module object (_malloc, dynCall_*, ...) do not.
function boundFunctionNames(m) {
  return Object.keys(m)
    .filter((k) => typeof m[k] === 'function' && typeof m[k].argCount === 'number')
    .sort();
}

// The hand-written .d.ts files are the one list of a module's functions (Emscripten
// 3.1.6 cannot generate them): each web/src/sdk/<prefix>*.d.ts declares one
// `interface *Functions` per bind_*.cpp of that module. This keeps them honest.
function declaredFunctionNames(prefix) {
  const dir = new URL('../../web/src/sdk/', import.meta.url);
  const names = [];
  for (const file of fs.readdirSync(dir).filter((f) => f.startsWith(prefix) && f.endsWith('.d.ts'))) {
    const dts = fs
      .readFileSync(new URL(file, dir), 'utf8')
      .replace(/\/\*[\s\S]*?\*\//g, '')
      .replace(/\/\/.*$/gm, '');
    for (const block of dts.matchAll(/interface\s+\w+Functions\s*\{([^}]*)\}/g)) {
      for (const m of block[1].matchAll(/^\s*([A-Za-z_$][\w$]*)\s*\(/gm)) names.push(m[1]);
    }
  }
  return names.sort();
}

test('the module exports exactly the functions web/src/sdk/core-module*.d.ts declare', () => {
  const declared = declaredFunctionNames('core-module');
  assert.ok(declared.includes('verifyPayResponse') && declared.includes('classifyScan'));
  assert.deepEqual(boundFunctionNames(core), declared);
});

test('the tools module exports exactly the functions web/src/sdk/tools-module*.d.ts declare', async () => {
  const declared = declaredFunctionNames('tools-module');
  assert.ok(declared.includes('parseMpm') && declared.includes('parseMessage'));
  assert.deepEqual(boundFunctionNames(await loadTools()), declared);
});

test('Ed25519: RFC 8032 vectors (public key, signature, verification)', () => {
  const doc = vectors('ed25519_rfc8032.json');
  assert.equal(doc.vectors.length, 3);
  for (const v of doc.vectors) {
    const pk = core.publicKeyFromSeed(v.seed);
    assert.ok(pk.ok, pk.error.detail);
    assert.equal(pk.value, v.public_key);
    const sig = core.signHex(v.seed, v.message_hex);
    assert.ok(sig.ok, sig.error.detail);
    assert.equal(sig.value, v.signature);
    assert.equal(core.verifyHex(v.public_key, v.message_hex, v.signature), true);
  }
});

test('Ed25519: a flipped bit in the signature or the message fails verification', () => {
  for (const v of vectors('ed25519_rfc8032.json').vectors) {
    for (let i = 0; i < 64; ++i) {
      assert.equal(
        core.verifyHex(v.public_key, v.message_hex, flipBit(v.signature, i)),
        false,
        `signature byte ${i}`,
      );
    }
    const messageBytes = v.message_hex.length / 2;
    for (let i = 0; i < messageBytes; ++i) {
      for (const mask of [0x01, 0x80]) {
        assert.equal(
          core.verifyHex(v.public_key, flipBit(v.message_hex, i, mask), v.signature),
          false,
          `message byte ${i}`,
        );
      }
    }
    // The empty message has no bit to flip: any other message must fail too.
    assert.equal(core.verifyHex(v.public_key, v.message_hex + '00', v.signature), false);
  }
  const message = textHex('POST\n/v1/payments\n1\nabc\ndef');
  const seed = '07'.repeat(32);
  const pk = core.publicKeyFromSeed(seed).value;
  const sig = core.signHex(seed, message).value;
  assert.equal(core.verifyHex(pk, message, sig), true);
  for (let i = 0; i < message.length / 2; ++i) {
    assert.equal(core.verifyHex(pk, flipBit(message, i), sig), false, `message byte ${i}`);
  }
});

test('publicKeyFromSeed and signHex reject malformed seeds', () => {
  assert.equal(core.publicKeyFromSeed('abcd').ok, false);
  assert.equal(core.publicKeyFromSeed('zz'.repeat(32)).ok, false);
  assert.equal(core.signHex('00'.repeat(33), '').ok, false);
  assert.equal(core.verifyHex('00', '', '00'.repeat(64)), false);
});

test('sha256Hex known answers', () => {
  assert.equal(core.sha256Hex(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(core.sha256Hex('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('protocol v1: key pairs match the vector', () => {
  const doc = vectors('protocol_v1.json');
  assert.equal(core.publicKeyFromSeed(doc.terminal_seed).value, doc.terminal_public_key);
  assert.equal(core.publicKeyFromSeed(doc.acquirer_seed).value, doc.acquirer_public_key);
});

test('protocol v1: canonical request and its signature match the independent vector', () => {
  const { request: r, terminal_seed, terminal_public_key } = vectors('protocol_v1.json');
  const canonical = core.canonicalRequest(r.method, r.path, r.timestamp_ms, r.nonce, r.body);
  assert.equal(canonical, r.canonical);
  const sig = core.signHex(terminal_seed, textHex(canonical));
  assert.ok(sig.ok, sig.error.detail);
  assert.equal(hexToB64(sig.value), r.signature);
  assert.equal(core.verifyHex(terminal_public_key, textHex(canonical), b64ToHex(r.signature)), true);
  // Any change to what was signed fails.
  for (let i = 0; i < r.body.length; i += 7) {
    const bad = core.canonicalRequest(r.method, r.path, r.timestamp_ms, r.nonce, flipChar(r.body, i));
    assert.equal(
      core.verifyHex(terminal_public_key, textHex(bad), b64ToHex(r.signature)),
      false,
      `body char ${i}`,
    );
  }
  const later = core.canonicalRequest(r.method, r.path, r.timestamp_ms + 1, r.nonce, r.body);
  assert.equal(core.verifyHex(terminal_public_key, textHex(later), b64ToHex(r.signature)), false);
});

test('protocol v1: canonical response and its signature match the independent vector', () => {
  const { response: r, acquirer_seed } = vectors('protocol_v1.json');
  const canonical = core.canonicalResponse(r.http_status, r.timestamp_ms, r.request_nonce, r.body);
  assert.equal(canonical, r.canonical);
  assert.equal(hexToB64(core.signHex(acquirer_seed, textHex(canonical)).value), r.signature);
});

function vectorResponse(overrides = {}) {
  const doc = vectors('protocol_v1.json');
  const r = doc.response;
  return {
    acquirerPublicKeyHex: doc.acquirer_public_key,
    requestNonce: r.request_nonce,
    outTradeNo: r.order.out_trade_no,
    amount: r.order.amount,
    currency: r.order.currency,
    httpStatus: r.http_status,
    timestampMs: r.timestamp_ms,
    signature: r.signature,
    body: r.body,
    ...overrides,
  };
}

test('protocol v1: verifyPayResponse accepts the vector response for its order', () => {
  const result = core.verifyPayResponse(vectorResponse());
  assert.ok(result.ok, result.error.detail);
  assert.equal(result.status, 'SUCCESS');
  assert.equal(result.transactionId, 'QP20261126000001');
  assert.equal(result.amount, 2372);
  assert.equal(result.currency, 'CNY');
  assert.equal(result.scheme, 'wechat');
  assert.equal(result.authCodeMasked, '13************6789');
  assert.equal(result.paidAtMs, 1795680000123);
});

test('protocol v1: any tampered response body byte fails', () => {
  const { body } = vectorResponse();
  for (let i = 0; i < body.length; ++i) {
    const result = core.verifyPayResponse(vectorResponse({ body: flipChar(body, i) }));
    assert.equal(result.ok, false, `body char ${i}`);
    assert.equal(result.error.code, 'bad_signature', `body char ${i}`);
    assert.equal(result.status, '');
  }
  assert.equal(core.verifyPayResponse(vectorResponse({ httpStatus: 201 })).ok, false);
  assert.equal(core.verifyPayResponse(vectorResponse({ timestampMs: 1795680000151 })).ok, false);
});

test('protocol v1: an answer to another request (different nonce) fails', () => {
  const result = core.verifyPayResponse(vectorResponse({ requestNonce: 'ffeeddccbbaa99887766554433221100' }));
  assert.equal(result.ok, false);
  assert.equal(result.error.code, 'bad_signature');
});

test('protocol v1: a genuine answer for another amount or order is never paid', () => {
  const amount = core.verifyPayResponse(vectorResponse({ amount: 2373 }));
  assert.equal(amount.ok, false);
  assert.equal(amount.error.code, 'malformed_message');
  assert.equal(
    core.verifyPayResponse(vectorResponse({ outTradeNo: '20261126080000a1b2c3d4e5f60719' })).ok,
    false,
  );
  assert.equal(core.verifyPayResponse(vectorResponse({ currency: 'HKD' })).ok, false);
});

test('protocol v1: an answer signed by anyone else fails', () => {
  const doc = vectors('protocol_v1.json');
  assert.equal(
    core.verifyPayResponse(vectorResponse({ acquirerPublicKeyHex: doc.terminal_public_key })).ok,
    false,
  );
});

test('protocol v1: a signed error answer decodes as ERROR with its code', () => {
  const doc = vectors('protocol_v1.json');
  const nonce = doc.response.request_nonce;
  const body = '{"error":{"code":"bad_signature","message":"request signature does not verify"}}';
  const sig = core.signHex(doc.acquirer_seed, textHex(core.canonicalResponse(401, 5, nonce, body))).value;
  const result = core.verifyPayResponse(
    vectorResponse({ httpStatus: 401, timestampMs: 5, signature: hexToB64(sig), body }),
  );
  assert.ok(result.ok, result.error.detail);
  assert.equal(result.status, 'ERROR');
  assert.equal(result.errorCode, 'bad_signature');
  assert.equal(result.errorMessage, 'request signature does not verify');
});

test('protocol v1: signed garbage is malformed, not bad_signature', () => {
  const doc = vectors('protocol_v1.json');
  const nonce = doc.response.request_nonce;
  for (const body of ['', '[]', '{', '{"status":"SUCCESS"}', '{"error":1}', ' '.repeat(16 * 1024 + 1)]) {
    const sig = core.signHex(doc.acquirer_seed, textHex(core.canonicalResponse(200, 5, nonce, body))).value;
    const result = core.verifyPayResponse(
      vectorResponse({ httpStatus: 200, timestampMs: 5, signature: hexToB64(sig), body }),
    );
    assert.equal(result.ok, false, JSON.stringify(body.slice(0, 20)));
    assert.notEqual(result.error.code, 'bad_signature');
  }
});

// The wasm core reads JSON numbers with its own strtod (wasm/json_numbers.cpp), not musl's.
test('protocol v1: an amount written as a fraction or exponent is refused; other numbers still parse', () => {
  const doc = vectors('protocol_v1.json');
  const r = doc.response;
  const signed = (body) => {
    const sig = core.signHex(doc.acquirer_seed, textHex(core.canonicalResponse(200, 5, r.request_nonce, body))).value;
    return core.verifyPayResponse(vectorResponse({ timestampMs: 5, signature: hexToB64(sig), body }));
  };
  assert.match(r.body, /"amount":2372[,}]/);
  for (const amount of ['2372.0', '2.372e3', '2372e0', '23.72', '1e400', '-1e400', '1e-400', '-0.0']) {
    const result = signed(r.body.replace('"amount":2372', `"amount":${amount}`));
    assert.equal(result.ok, false, amount);
    assert.equal(result.error.code, 'malformed_message', amount);
  }
  for (const extra of ['0.5', '-1.25e-3', '123456789012345678901234567890.5', '1e-400']) {
    const result = signed(r.body.replace(/}$/, `,"fee_rate":${extra}}`));
    assert.ok(result.ok, `${extra}: ${result.error.detail}`);
    assert.equal(result.amount, 2372);
  }
  // nlohmann-json refuses a number too large for a double (natively too), and bad grammar.
  for (const broken of ['1e400', '1.', '.5', '1e', '1e+', '-', '01', '1.5.5']) {
    assert.equal(signed(r.body.replace(/}$/, `,"fee_rate":${broken}}`)).error.code, 'malformed_message', broken);
  }
});

test('buildPayRequest seals the payment code: the clear code never appears', () => {
  const doc = vectors('protocol_v1.json');
  const code = '134567890123456789';
  const req = core.buildPayRequest({
    terminalId: 'T1',
    terminalSeedHex: doc.terminal_seed,
    acquirerPublicKeyHex: doc.acquirer_public_key,
    outTradeNo: doc.response.order.out_trade_no,
    amount: 2372,
    currency: 'CNY',
    authCode: code,
    timestampMs: 1000,
    nonce: 'a'.repeat(32),
    entropyHex: crypto.randomBytes(32).toString('hex'),
  });
  assert.ok(req.ok, req.error.detail);
  assert.equal(req.method, 'POST');
  assert.equal(req.path, '/v1/payments');
  assert.equal(req.terminalId, 'T1');
  assert.equal(req.timestampMs, 1000);
  assert.equal(req.nonce, 'a'.repeat(32));
  assert.ok(!JSON.stringify(req).includes(code), 'the code must never travel in clear');
  const body = JSON.parse(req.body);
  assert.equal(body.scheme, 'wechat');
  assert.equal(body.auth_code_masked, '13************6789');
  assert.equal(body.amount, 2372);
  assert.equal(typeof body.auth_code_sealed, 'string');
  const canonical = core.canonicalRequest(req.method, req.path, req.timestampMs, req.nonce, req.body);
  assert.equal(core.verifyHex(doc.terminal_public_key, textHex(canonical), b64ToHex(req.signature)), true);
});

test('buildPayRequest refuses what is not payable', () => {
  const doc = vectors('protocol_v1.json');
  const base = {
    terminalId: 'T1',
    terminalSeedHex: doc.terminal_seed,
    acquirerPublicKeyHex: doc.acquirer_public_key,
    outTradeNo: 'x',
    amount: 2372,
    currency: 'CNY',
    authCode: '134567890123456789',
    timestampMs: 1000,
    nonce: 'a'.repeat(32),
    entropyHex: crypto.randomBytes(32).toString('hex'),
  };
  const url = core.buildPayRequest({ ...base, authCode: 'https://qr.alipay.com/bax0' });
  assert.equal(url.ok, false);
  assert.equal(url.error.code, 'not_payable');
  assert.equal(core.buildPayRequest({ ...base, authCode: ' 134567890123456789' }).error.code, 'not_payable');
  assert.equal(core.buildPayRequest({ ...base, amount: 0 }).error.code, 'invalid_amount');
  assert.equal(core.buildPayRequest({ ...base, terminalSeedHex: 'abcd' }).ok, false);
  assert.equal(core.buildPayRequest({ ...base, entropyHex: 'ab' }).ok, false, 'too little entropy to seal');
});

test('makeOutTradeNo and makeNonce', () => {
  assert.equal(
    core.makeOutTradeNo(1795680000000, '0102030405060708').value,
    '202611260800000102030405060708',
  );
  assert.equal(core.makeOutTradeNo(1, 'ab').ok, false);
  assert.equal(core.makeNonce('ff'.repeat(16)).value, 'f'.repeat(32));
  assert.equal(core.makeNonce('ff').ok, false);
});
