// web/src/sw/shell-routes.ts: what the kiosk's service worker answers from its cache,
// and that an acquirer answer never is.
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  isContentHashed,
  isShellCache,
  routeFor,
  scopePath,
  shellCacheName,
} from '../../build/web-unit/shell-routes.js';

const SCOPE = new URL('https://pos.example.com/kiosk/');
const FILES = new Set([
  'index.html',
  'assets/main-Ab12.js',
  'assets/qrpos_core-Cd34.wasm',
  'manifest.webmanifest',
]);
const route = (url, navigation = false) => routeFor(new URL(url, SCOPE), SCOPE, FILES, navigation);

test('the kiosk page itself comes from the cache, with or without index.html or a query', () => {
  assert.equal(route('/kiosk/', true), 'shell-page');
  assert.equal(route('/kiosk/index.html', true), 'shell-page');
  assert.equal(route('/kiosk/?idle=30', true), 'shell-page');
});

test('other pages in the same folder load from the network: a portal is never taken over', () => {
  assert.equal(route('/kiosk/portal.html', true), 'network');
  assert.equal(route('/kiosk/embed.html?parent=https://shop.example', true), 'network');
  assert.equal(route('/kiosk/csp.html', true), 'network');
});

test("this version's files come from the cache; anything else from the network", () => {
  assert.equal(route('/kiosk/assets/main-Ab12.js'), 'precached');
  assert.equal(route('/kiosk/assets/qrpos_core-Cd34.wasm'), 'precached');
  assert.equal(route('/kiosk/manifest.webmanifest'), 'precached');
  assert.equal(route('/kiosk/assets/main-OLD0.js'), 'network');
  assert.equal(route('/kiosk/favicon.ico'), 'network');
});

test('the acquirer API, admin, demo and customer routes are never cached, even if listed', () => {
  const listed = new Set([...FILES, 'v1/acquirer', 'admin/faults', 'demo/terminal.json', 'pay/ABC']);
  for (const path of ['v1/acquirer', 'v1/payments/x', 'admin/faults', 'demo/terminal.json', 'pay/ABC']) {
    assert.equal(routeFor(new URL(path, SCOPE), SCOPE, listed, false), 'network', path);
    assert.equal(routeFor(new URL(path, SCOPE), SCOPE, listed, true), 'network', path);
  }
});

test('the deployment config: network first, the last copy offline', () => {
  assert.equal(route('/kiosk/qrpos-config.json'), 'config');
  assert.equal(route('/kiosk/qrpos-config.json?x=1'), 'config');
});

test('outside the scope or another origin (an acquirer elsewhere) is not ours', () => {
  assert.equal(route('/index.html', true), 'network');
  assert.equal(route('/other/assets/main-Ab12.js'), 'network');
  assert.equal(route('https://acq.example.com/kiosk/assets/main-Ab12.js'), 'network');
  assert.equal(route('https://acq.example.com/v1/payments'), 'network');
  assert.equal(scopePath(new URL('https://pos.example.com/kioskx/a'), SCOPE), undefined);
  assert.equal(scopePath(new URL('https://pos.example.com/kiosk/a%20b'), SCOPE), 'a b');
});

test('cache names carry the version, so an update never mixes two shells', () => {
  assert.equal(shellCacheName('abc123'), 'qrpos-shell-abc123');
  assert.ok(isShellCache(shellCacheName('x')));
  assert.ok(!isShellCache('qrpos-config'));
});

test('only hashed assets are reused by a new version; the page, manifest and icons are downloaded again', () => {
  assert.ok(isContentHashed('assets/zxing_reader-Bb9Mx2Pu.wasm'));
  for (const path of ['index.html', 'manifest.webmanifest', 'icons/icon-192.png', 'sw.js'])
    assert.ok(!isContentHashed(path), path);
});
