// Issue 8, crypto and protocol: building, sealing and signing one payment request and
// verifying one response, qrpos wasm against the same core natively, with
// libsodium-wrappers, WebCrypto and node:crypto alongside. Goal: wasm <= 2x native.
//
// The C++ columns run bench/crypto_bench.cpp, built natively (build/native) and with
// Emscripten against the wasm build of the core (build/wasm) and its libsodium; the
// other columns run in this process. Columns take turns in rounds so that a busy
// machine weighs on all of them alike.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { libsodiumPeer, nodeCryptoPeer, webCryptoPeer } from './crypto-peers.mjs';
import { COLUMNS, report } from './crypto-report.mjs';
import { packageVersion } from './machine.mjs';
import { loadCore } from '../test/support/core.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const ROUNDS = 8;
const ITERATIONS = Number(process.env.QRPOS_BENCH_CRYPTO_ITERATIONS ?? 250); // per round
const WARMUP = 200; // per round and operation
const GOAL_RATIO = 2;

const nativeBin = path.join(root, 'build/native/bench/qrpos_crypto_bench');
const wasmHarness = path.join(root, 'build/bench/crypto-wasm/qrpos_crypto_bench.cjs');
const wasmCoreLib = path.join(root, 'build/wasm/core/libqrpos_core.a');

function fixture() {
  const doc = JSON.parse(fs.readFileSync(path.join(root, 'test/vectors/protocol_v1.json'), 'utf8'));
  const r = doc.response;
  return {
    terminalSeedHex: doc.terminal_seed,
    terminalPublicKeyHex: doc.terminal_public_key,
    acquirerSeedHex: doc.acquirer_seed,
    acquirerPublicKeyHex: doc.acquirer_public_key,
    nonce: r.request_nonce,
    requestTime: doc.request.timestamp_ms,
    order: {
      outTradeNo: r.order.out_trade_no,
      amount: r.order.amount,
      currency: r.order.currency,
      authCode: '134567890123456789',
    },
    response: {
      httpStatus: r.http_status,
      timestampMs: r.timestamp_ms,
      body: r.body,
      signature: r.signature,
    },
    canonicalResponse: r.canonical,
    sealEntropyHex: '55'.repeat(32), // kSealEntropyHex in crypto_bench.cpp
    versions: { libsodiumWrappers: packageVersion('libsodium-wrappers') },
  };
}

// The libsodium the wasm build links (the newest .cache/libsodium-wasm-*, as CMakeLists.txt picks it).
function wasmSodiumLib() {
  const cache = path.join(root, '.cache');
  const dirs = fs.existsSync(cache)
    ? fs
        .readdirSync(cache)
        .filter((d) => d.startsWith('libsodium-wasm-'))
        .sort()
    : [];
  if (!dirs.length) throw new Error('no .cache/libsodium-wasm-*: run scripts/bootstrap.sh');
  return path.join(cache, dirs.at(-1), 'lib/libsodium.a');
}

// The code-generation flags the product module is linked with (optimisation level, LTO,
// SIMD, allocator), so that the harness gets the same code.
function productLinkFlags() {
  const text = fs.readFileSync(path.join(root, 'wasm/CMakeLists.txt'), 'utf8');
  const options = text.match(/target_link_options\(([^)]*)\)/)?.[1] ?? '';
  const flags = options.split(/\s+/).filter((f) => /^-O[0-3sz]$|^-msimd128$|^-flto$|^-sMALLOC=\w+$/.test(f));
  return flags.length ? flags : ['-Oz'];
}

function buildWasmHarness(progress) {
  const inputs = [
    path.join(root, 'bench/crypto_bench.cpp'),
    wasmCoreLib,
    wasmSodiumLib(),
    path.join(root, 'wasm/CMakeLists.txt'),
  ];
  const missing = inputs.find((p) => !fs.existsSync(p));
  if (missing) throw new Error(`${missing} is missing: run npm run build`);
  const newest = Math.max(...inputs.map((p) => fs.statSync(p).mtimeMs));
  if (fs.existsSync(wasmHarness) && fs.statSync(wasmHarness).mtimeMs >= newest) return;
  progress('compiling bench/crypto_bench.cpp with Emscripten against build/wasm (about 20 s)');
  fs.mkdirSync(path.dirname(wasmHarness), { recursive: true });
  const args = [
    '-std=c++17',
    ...productLinkFlags(),
    `-I${path.join(root, 'core/include')}`,
    `-I${path.join(path.dirname(path.dirname(wasmSodiumLib())), 'include')}`,
    inputs[0],
    wasmCoreLib,
    wasmSodiumLib(),
  ];
  // SINGLE_FILE: Emscripten 3.1.6's loader cannot fetch a .wasm path on Node >= 18.
  args.push(
    '-sENVIRONMENT=node',
    '-sALLOW_MEMORY_GROWTH=1',
    '-sFILESYSTEM=0',
    '-sSINGLE_FILE=1',
    '-o',
    wasmHarness,
  );
  const r = spawnSync('em++', args, {
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: '/usr/share/nodejs' },
  });
  if (r.status !== 0) throw new Error(`em++ failed:\n${r.stderr}`);
}

function runHarness(command, args) {
  const r = spawnSync(command, [...args, '--iterations', String(ITERATIONS), '--warmup', String(WARMUP)], {
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  return JSON.parse(r.stdout);
}

function timeSync(fn) {
  for (let i = 0; i < WARMUP; i++) if (!fn()) throw new Error('operation failed');
  const samples = new Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    const ok = fn();
    samples[i] = (performance.now() - start) * 1000;
    if (!ok) throw new Error('operation failed');
  }
  return samples;
}

async function timeAsync(fn) {
  for (let i = 0; i < WARMUP; i++) if (!(await fn())) throw new Error('operation failed');
  const samples = new Array(ITERATIONS);
  for (let i = 0; i < ITERATIONS; i++) {
    const start = performance.now();
    const ok = await fn();
    samples[i] = (performance.now() - start) * 1000;
    if (!ok) throw new Error('operation failed');
  }
  return samples;
}

// The wasm core through its JS API, as the terminal calls it (the SDK facade only adds
// 32 random bytes per buildPayRequest).
async function embindPeer(fx) {
  const core = await loadCore();
  const payInput = {
    terminalId: 'T-BENCH',
    terminalSeedHex: fx.terminalSeedHex,
    acquirerPublicKeyHex: fx.acquirerPublicKeyHex,
    outTradeNo: fx.order.outTradeNo,
    amount: fx.order.amount,
    currency: fx.order.currency,
    authCode: fx.order.authCode,
    timestampMs: fx.requestTime,
    nonce: fx.nonce,
    entropyHex: fx.sealEntropyHex,
  };
  const r = fx.response;
  const responseInput = {
    acquirerPublicKeyHex: fx.acquirerPublicKeyHex,
    requestNonce: fx.nonce,
    outTradeNo: fx.order.outTradeNo,
    amount: fx.order.amount,
    currency: fx.order.currency,
    httpStatus: r.httpStatus,
    timestampMs: r.timestampMs,
    signature: r.signature,
    body: r.body,
  };
  const notHex = { ...payInput, terminalSeedHex: 'not hex' };
  const messageHex = Buffer.from(fx.canonicalResponse).toString('hex');
  const signatureHex = Buffer.from(r.signature, 'base64').toString('hex');
  const ops = {
    pay_request_from_hex: () => core.buildPayRequest(payInput).ok,
    verify_response: () => core.verifyPayResponse(responseInput).status === 'SUCCESS',
    ed25519_verify: () => core.verifyHex(fx.acquirerPublicKeyHex, messageHex, signatureHex),
    // A call that fails at its first check (the seed is not hex): what crossing Embind
    // with buildPayRequest's input and a result object costs, without the work.
    embind_round_trip: () => core.buildPayRequest(notHex).error.code === 'invalid_encoding',
  };
  return { ops, check: () => core.buildPayRequest(payInput) };
}

export async function bench({ progress }) {
  const fx = fixture();
  buildWasmHarness(progress);
  if (!fs.existsSync(nativeBin)) throw new Error(`${nativeBin} is missing: run npm run build`);
  const peers = {
    embind: await embindPeer(fx),
    sodium: await libsodiumPeer(fx),
    webcrypto: await webCryptoPeer(fx),
    nodecrypto: nodeCryptoPeer(fx),
  };
  const samples = Object.fromEntries(COLUMNS.map(([c]) => [c, {}]));
  const add = (column, op, list) => (samples[column][op] ??= []).push(...list);
  let harnessOutput;
  for (let round = 1; round <= ROUNDS; round++) {
    progress(
      `round ${round}/${ROUNDS}: native, wasm C++ loop, Embind, libsodium-wrappers, WebCrypto, node:crypto`,
    );
    for (const [column, command, args] of [
      ['native', nativeBin, []],
      ['wasm', process.execPath, [wasmHarness]],
    ]) {
      const out = runHarness(command, args);
      harnessOutput ??= {};
      harnessOutput[column] = out;
      for (const [op, list] of Object.entries(out.samples_us)) add(column, op, list);
    }
    for (const [column, peer] of Object.entries(peers)) {
      for (const [op, fn] of Object.entries(peer.ops)) {
        globalThis.gc?.();
        add(column, op, column === 'webcrypto' ? await timeAsync(fn) : timeSync(fn));
      }
    }
  }
  const checks = await crossCheck(fx, harnessOutput, peers);
  const setup = {
    rounds: ROUNDS,
    iterations: ITERATIONS,
    warmup: WARMUP,
    goalRatio: GOAL_RATIO,
    optLevel: productLinkFlags().join(' '),
  };
  return report({ samples, checks, peers, setup });
}

// Every column must have done the same work: same bytes out where the output is
// deterministic, a request that opens and verifies where it is not.
async function crossCheck(fx, harness, peers) {
  const { native, wasm } = harness;
  if (native.response.body !== fx.response.body || native.response.signature !== fx.response.signature) {
    throw new Error('native harness: the signed response differs from test/vectors/protocol_v1.json');
  }
  if (wasm.request.body !== native.request.body || wasm.request.signature !== native.request.signature) {
    throw new Error('wasm harness: the pay request differs from the native one');
  }
  const embind = peers.embind.check();
  if (embind.body !== native.request.body || embind.signature !== native.request.signature) {
    throw new Error('Embind buildPayRequest: the pay request differs from the native one');
  }
  peers.sodium.check();
  await peers.webcrypto.check();
  peers.nodecrypto.check();
  return [
    'native and wasm C++ loops and Embind `buildPayRequest` produce byte-identical pay requests (same sealing entropy, nonce and time)',
    'the signed response equals the one in `test/vectors/protocol_v1.json`',
    "libsodium-wrappers' request opens with `crypto_box_seal_open` and its signature verifies; WebCrypto's signature verifies with node:crypto",
  ];
}
