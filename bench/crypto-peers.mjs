// The peers of bench/crypto.mjs: the protocol operations of one payment written in
// JavaScript over libsodium-wrappers, WebCrypto and node:crypto, on the inputs the
// C++ harness (bench/crypto_bench.cpp) uses. Each returns { version, ops, check }:
// ops maps an operation name to a function (async for WebCrypto) returning something
// truthy; check() proves once, outside the timing, that the output is right.
import nodeCrypto from 'node:crypto';
import sodium from 'libsodium-wrappers';

const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const encoder = new TextEncoder();

// WeChat Pay codes: 18 digits starting 10-15 (the core's scan::classify).
const isWechatCode = (code) => /^1[0-5]\d{16}$/.test(code);
const maskCode = (code) => code.slice(0, 2) + '*'.repeat(code.length - 6) + code.slice(-4);
const sha256Hex = (text) => nodeCrypto.createHash('sha256').update(text).digest('hex');
const hexOf = (buf) => Buffer.from(buf).toString('hex');

// The body as the core serialises it: keys sorted, no whitespace.
function payBody(order, sealedBase64) {
  if (!isWechatCode(order.authCode)) throw new Error('not a payment code');
  return JSON.stringify({
    amount: order.amount,
    auth_code_masked: maskCode(order.authCode),
    auth_code_sealed: sealedBase64,
    currency: order.currency,
    out_trade_no: order.outTradeNo,
    scheme: 'wechat',
  });
}

const canonicalRequest = (fx, bodyHashHex) =>
  `POST\n/v1/payments\n${fx.requestTime}\n${fx.nonce}\n${bodyHashHex}`;
const canonicalResponse = (r, nonce, bodyHashHex) =>
  `${r.httpStatus}\n${r.timestampMs}\n${nonce}\n${bodyHashHex}`;

function isOurTrade(fx, body) {
  const trade = JSON.parse(body);
  const o = fx.order;
  return (
    trade.status === 'SUCCESS' &&
    trade.out_trade_no === o.outTradeNo &&
    trade.amount === o.amount &&
    trade.currency === o.currency
  );
}

// Same construction as the core: crypto_box_seal to the X25519 twin of the acquirer's
// Ed25519 key, Ed25519 over the canonical string. SHA-256 comes from node:crypto: the
// standard libsodium.js build has no crypto_hash_sha256 (a browser would use
// crypto.subtle.digest, which is async).
export async function libsodiumPeer(fx) {
  await sodium.ready;
  const s = sodium;
  const b64 = s.base64_variants.ORIGINAL;
  const terminal = s.crypto_sign_seed_keypair(s.from_hex(fx.terminalSeedHex));
  const acquirer = s.crypto_sign_seed_keypair(s.from_hex(fx.acquirerSeedHex));
  const message = s.from_string(fx.canonicalResponse);
  const responseSignature = s.from_base64(fx.response.signature, b64);
  const seal = (acquirerKey) =>
    s.crypto_box_seal(fx.order.authCode, s.crypto_sign_ed25519_pk_to_curve25519(acquirerKey));
  const payRequest = (terminalSecret, acquirerKey) => {
    const body = payBody(fx.order, s.to_base64(seal(acquirerKey), b64));
    const signature = s.crypto_sign_detached(canonicalRequest(fx, sha256Hex(body)), terminalSecret);
    return { body, signature: s.to_base64(signature, b64) };
  };
  const verifyResponse = () => {
    const r = fx.response;
    const canonical = canonicalResponse(r, fx.nonce, sha256Hex(r.body));
    const key = s.from_hex(fx.acquirerPublicKeyHex);
    return (
      s.crypto_sign_verify_detached(s.from_base64(r.signature, b64), canonical, key) && isOurTrade(fx, r.body)
    );
  };
  const ops = {
    pay_request: () => payRequest(terminal.privateKey, acquirer.publicKey),
    pay_request_from_hex: () =>
      payRequest(
        s.crypto_sign_seed_keypair(s.from_hex(fx.terminalSeedHex)).privateKey,
        s.from_hex(fx.acquirerPublicKeyHex),
      ),
    verify_response: verifyResponse,
    ed25519_sign: () => s.crypto_sign_detached(message, acquirer.privateKey),
    ed25519_verify: () => s.crypto_sign_verify_detached(responseSignature, message, acquirer.publicKey),
    sealed_box: () => seal(acquirer.publicKey),
  };
  const check = () => {
    const req = ops.pay_request();
    const { auth_code_sealed: sealed } = JSON.parse(req.body);
    const opened = s.crypto_box_seal_open(
      s.from_base64(sealed, b64),
      s.crypto_sign_ed25519_pk_to_curve25519(acquirer.publicKey),
      s.crypto_sign_ed25519_sk_to_curve25519(acquirer.privateKey),
      'text',
    );
    const signed = s.crypto_sign_verify_detached(
      s.from_base64(req.signature, b64),
      canonicalRequest(fx, sha256Hex(req.body)),
      terminal.publicKey,
    );
    if (opened !== fx.order.authCode || !signed)
      throw new Error('libsodium-wrappers: request does not open or verify');
    return req;
  };
  return {
    version: `libsodium-wrappers ${fx.versions.libsodiumWrappers} (libsodium ${s.sodium_version_string()})`,
    ops,
    check,
  };
}

// WebCrypto has Ed25519 but no sealed box and no Ed25519 -> X25519 conversion. The
// stand-in for sealing is ECIES-like and is NOT the protocol's format: an ephemeral
// X25519 key, X25519 with the acquirer's own X25519 key, SHA-256 over the shared secret
// and both public keys as the KDF (crypto_box uses HSalsa20), AES-256-GCM. Every call
// is a promise; each timed operation awaits all of its steps.
export async function webCryptoPeer(fx) {
  const subtle = globalThis.crypto.subtle;
  const ed = { name: 'Ed25519' };
  const pkcs8 = (seedHex) => Buffer.concat([PKCS8_ED25519_PREFIX, Buffer.from(seedHex, 'hex')]);
  const terminalKey = await subtle.importKey('pkcs8', pkcs8(fx.terminalSeedHex), ed, false, ['sign']);
  const acquirerKey = await subtle.importKey('pkcs8', pkcs8(fx.acquirerSeedHex), ed, false, ['sign']);
  const acquirerPublic = await subtle.importKey(
    'raw',
    Buffer.from(fx.acquirerPublicKeyHex, 'hex'),
    ed,
    false,
    ['verify'],
  );
  const recipient = await subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']);
  const recipientRaw = new Uint8Array(await subtle.exportKey('raw', recipient.publicKey));
  const message = encoder.encode(fx.canonicalResponse);
  const responseSignature = Buffer.from(fx.response.signature, 'base64');
  const digestHex = async (text) => hexOf(await subtle.digest('SHA-256', encoder.encode(text)));

  const sealAnalogue = async () => {
    const ephemeral = await subtle.generateKey({ name: 'X25519' }, true, ['deriveBits']);
    const shared = await subtle.deriveBits(
      { name: 'X25519', public: recipient.publicKey },
      ephemeral.privateKey,
      256,
    );
    const ephemeralRaw = new Uint8Array(await subtle.exportKey('raw', ephemeral.publicKey));
    const kdfInput = Buffer.concat([new Uint8Array(shared), ephemeralRaw, recipientRaw]);
    const aesKey = await subtle.importKey('raw', await subtle.digest('SHA-256', kdfInput), 'AES-GCM', false, [
      'encrypt',
    ]);
    const iv = globalThis.crypto.getRandomValues(new Uint8Array(12));
    const sealed = await subtle.encrypt({ name: 'AES-GCM', iv }, aesKey, encoder.encode(fx.order.authCode));
    return Buffer.concat([ephemeralRaw, iv, new Uint8Array(sealed)]);
  };
  const payRequest = async () => {
    const body = payBody(fx.order, (await sealAnalogue()).toString('base64'));
    const canonical = canonicalRequest(fx, await digestHex(body));
    const signature = await subtle.sign(ed, terminalKey, encoder.encode(canonical));
    return { body, canonical, signature: Buffer.from(signature).toString('base64') };
  };
  const verifyResponse = async () => {
    const r = fx.response;
    const canonical = canonicalResponse(r, fx.nonce, await digestHex(r.body));
    const ok = await subtle.verify(
      ed,
      acquirerPublic,
      Buffer.from(r.signature, 'base64'),
      encoder.encode(canonical),
    );
    return ok && isOurTrade(fx, r.body);
  };
  const ops = {
    pay_request: payRequest,
    verify_response: verifyResponse,
    ed25519_sign: () => subtle.sign(ed, acquirerKey, message),
    ed25519_verify: () => subtle.verify(ed, acquirerPublic, responseSignature, message),
    sealed_box: sealAnalogue,
  };
  const check = async () => {
    const req = await payRequest();
    const terminalPublic = nodeCrypto.createPublicKey({
      key: Buffer.concat([SPKI_ED25519_PREFIX, Buffer.from(fx.terminalPublicKeyHex, 'hex')]),
      format: 'der',
      type: 'spki',
    });
    if (
      !nodeCrypto.verify(
        null,
        Buffer.from(req.canonical),
        terminalPublic,
        Buffer.from(req.signature, 'base64'),
      )
    ) {
      throw new Error('WebCrypto: request signature does not verify');
    }
    return req;
  };
  return {
    version: `WebCrypto (Node ${process.version} crypto.subtle, OpenSSL ${process.versions.openssl})`,
    ops,
    check,
  };
}

// node:crypto runs the same OpenSSL as WebCrypto, synchronously: the gap between the
// two is the cost of WebCrypto's promises and thread hops, not of the arithmetic.
export function nodeCryptoPeer(fx) {
  const der = (prefix, hex) => Buffer.concat([prefix, Buffer.from(hex, 'hex')]);
  const terminalKey = nodeCrypto.createPrivateKey({
    key: der(PKCS8_ED25519_PREFIX, fx.terminalSeedHex),
    format: 'der',
    type: 'pkcs8',
  });
  const acquirerKey = nodeCrypto.createPrivateKey({
    key: der(PKCS8_ED25519_PREFIX, fx.acquirerSeedHex),
    format: 'der',
    type: 'pkcs8',
  });
  const acquirerPublic = nodeCrypto.createPublicKey({
    key: der(SPKI_ED25519_PREFIX, fx.acquirerPublicKeyHex),
    format: 'der',
    type: 'spki',
  });
  const recipient = nodeCrypto.generateKeyPairSync('x25519');
  const recipientRaw = recipient.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
  const message = Buffer.from(fx.canonicalResponse);
  const responseSignature = Buffer.from(fx.response.signature, 'base64');

  const sealAnalogue = () => {
    const ephemeral = nodeCrypto.generateKeyPairSync('x25519');
    const shared = nodeCrypto.diffieHellman({
      privateKey: ephemeral.privateKey,
      publicKey: recipient.publicKey,
    });
    const ephemeralRaw = ephemeral.publicKey.export({ format: 'der', type: 'spki' }).subarray(-32);
    const key = nodeCrypto
      .createHash('sha256')
      .update(shared)
      .update(ephemeralRaw)
      .update(recipientRaw)
      .digest();
    const iv = nodeCrypto.randomBytes(12);
    const cipher = nodeCrypto.createCipheriv('aes-256-gcm', key, iv);
    const sealed = Buffer.concat([cipher.update(fx.order.authCode), cipher.final()]);
    return Buffer.concat([ephemeralRaw, iv, sealed, cipher.getAuthTag()]);
  };
  const ops = {
    pay_request: () => {
      const body = payBody(fx.order, sealAnalogue().toString('base64'));
      const signature = nodeCrypto.sign(
        null,
        Buffer.from(canonicalRequest(fx, sha256Hex(body))),
        terminalKey,
      );
      return { body, signature: signature.toString('base64') };
    },
    verify_response: () => {
      const r = fx.response;
      const canonical = Buffer.from(canonicalResponse(r, fx.nonce, sha256Hex(r.body)));
      return (
        nodeCrypto.verify(null, canonical, acquirerPublic, Buffer.from(r.signature, 'base64')) &&
        isOurTrade(fx, r.body)
      );
    },
    ed25519_sign: () => nodeCrypto.sign(null, message, acquirerKey),
    ed25519_verify: () => nodeCrypto.verify(null, message, acquirerPublic, responseSignature),
    sealed_box: sealAnalogue,
  };
  const check = () => {
    if (nodeCrypto.sign(null, message, acquirerKey).toString('base64') !== fx.response.signature) {
      throw new Error('node:crypto: Ed25519 signature differs from the vector');
    }
  };
  return { version: `node:crypto (OpenSSL ${process.versions.openssl}, synchronous)`, ops, check };
}
