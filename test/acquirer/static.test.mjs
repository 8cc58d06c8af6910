// The sandbox serves the built kiosk (--static): the .wasm as exactly application/wasm
// (instantiateStreaming refuses anything else), content-hashed /assets/ cacheable for
// good, and the pages, sw.js and the manifest revalidated so a new version is picked up.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startAcquirer } from '../support/acquirer.mjs';

let acquirer;
let dir;
before(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-static-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>kiosk</title>');
  fs.writeFileSync(path.join(dir, 'assets', 'main-AbC123.js'), 'export const x = 1;\n'.repeat(50));
  fs.writeFileSync(
    path.join(dir, 'assets', 'core-AbC123.wasm'),
    Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]),
  );
  fs.writeFileSync(path.join(dir, 'sw.js'), 'const QRPOS_SHELL = {};\n');
  fs.writeFileSync(path.join(dir, 'manifest.webmanifest'), '{"name":"qrpos"}');
  acquirer = await startAcquirer({ demo: true, staticDir: dir });
});
after(async () => {
  await acquirer?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

test('hashed assets are cached for good; the page is revalidated', async () => {
  const page = await fetch(`${acquirer.url}/`);
  assert.equal(page.status, 200);
  assert.equal(page.headers.get('cache-control'), 'no-cache');
  const js = await fetch(`${acquirer.url}/assets/main-AbC123.js`);
  assert.equal(js.status, 200);
  assert.equal(js.headers.get('cache-control'), 'public, max-age=31536000, immutable');
  assert.match(await js.text(), /export const x = 1;/);
});

test('the .wasm is served as exactly application/wasm', async () => {
  const wasm = await fetch(`${acquirer.url}/assets/core-AbC123.wasm`);
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers.get('content-type'), 'application/wasm');
  assert.deepEqual([...new Uint8Array(await wasm.arrayBuffer())].slice(0, 4), [0, 0x61, 0x73, 0x6d]);
});

test('a missing asset is a 404, not the page', async () => {
  const missing = await fetch(`${acquirer.url}/assets/nope-000.js`);
  assert.equal(missing.status, 404);
});

test('the service worker is revalidated on every update check, so a new version is found', async () => {
  const sw = await fetch(`${acquirer.url}/sw.js`);
  assert.equal(sw.status, 200);
  assert.equal(sw.headers.get('cache-control'), 'no-cache');
  assert.match(sw.headers.get('content-type'), /^text\/javascript/);
});

test('the web app manifest is served as application/manifest+json', async () => {
  const manifest = await fetch(`${acquirer.url}/manifest.webmanifest`);
  assert.equal(manifest.status, 200);
  assert.equal(manifest.headers.get('content-type'), 'application/manifest+json');
  assert.equal(manifest.headers.get('cache-control'), 'no-cache');
});
