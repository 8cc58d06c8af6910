// What the merchant-scenario browser tests (test/e2e/scenario-*.test.mjs) share: the
// sandbox with an admin token serving the built web app, the kiosk opened in a
// language, a quiet fake camera, payment codes, the admin API, and the committed
// screenshots under docs/screens/scenarios/<scenario>-<step>-<locale>.png.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startOwn } from './acquirer-cli.mjs';
import { launchBrowser, waitForScreen } from './browser.mjs';

export const DIST = fileURLToPath(new URL('../../web/dist', import.meta.url));
export const ADMIN = 'e2e-scenarios-admin-token-0123456789';
// Like browser.mjs's shoot(): test-results/ by default, so a test run leaves the committed
// set alone; QRPOS_SCREENS=docs/screens rewrites docs/screens/scenarios/.
const SHOTS = path.resolve(
  process.env.QRPOS_SCREENS ?? fileURLToPath(new URL('../../test-results/screens', import.meta.url)),
  'scenarios',
);

/** The sandbox with demo activation and an admin token, serving web/dist. */
export async function startSandbox() {
  assert.ok(fs.existsSync(path.join(DIST, 'index.html')), 'web/dist is missing: build the web app first');
  return startOwn({ args: ['--demo', '--admin-token', ADMIN, '--static', DIST], secretsShown: [ADMIN] });
}

/**
 * What each scenario file starts with: a temp folder, the sandbox and (unless
 * `browser: false`) a browser with the quiet camera. Close with closeScenarioRig.
 */
export async function openScenarioRig(name, { browser = true } = {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `qrpos-${name}-`));
  const acquirer = await startSandbox();
  return {
    dir,
    acquirer,
    browser: browser ? await launchBrowser({ cameraY4m: blankVideo(dir) }) : undefined,
  };
}

export async function closeScenarioRig({ dir, acquirer, browser } = {}) {
  await browser?.close();
  await acquirer?.stop();
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
}

/** A 1 s white y4m for Chromium's fake camera: a camera that works and sees no code. */
export function blankVideo(dir) {
  const y4m = path.join(dir, 'blank.y4m');
  execFileSync('ffmpeg', [
    '-loglevel',
    'error',
    '-y',
    '-f',
    'lavfi',
    '-i',
    'color=white:s=640x480:r=5',
    '-t',
    '1',
    '-pix_fmt',
    'yuv420p',
    y4m,
  ]);
  return y4m;
}

/** WeChat-style 18 digits; "77" at the end keeps clear of the sandbox's magic suffixes. */
export function wechatCode() {
  let digits = '13';
  for (const b of crypto.randomBytes(14)) digits += String(b % 10);
  return digits + '77';
}

/** The admin API (Bearer token). */
export async function admin(acquirer, method, pathname, body) {
  const res = await fetch(acquirer.url + pathname, {
    method,
    headers: { Authorization: `Bearer ${ADMIN}`, ...(body ? { 'Content-Type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

/**
 * The kiosk page (`query`: URL parameters such as member / lookup patterns) in
 * `locale`, on its start screen. Returns the page and the script errors it showed.
 */
export async function openKiosk(browser, acquirer, { query = {}, locale = 'zh-CN' } = {}) {
  const page = await browser.newPage({ viewport: { width: 1024, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const url = new URL('/', acquirer.url);
  for (const [k, v] of Object.entries(query)) for (const one of [v].flat()) url.searchParams.append(k, one);
  await page.goto(url.href);
  await page.waitForSelector('body[data-ready=true]', { timeout: 30_000 });
  await waitForScreen(page, 'amount');
  if ((await page.getAttribute('#app', 'lang')) !== locale) {
    await page.click('button[data-action=lang]');
    await page.waitForSelector(`#app[lang="${locale}"]`);
  }
  return { page, errors };
}

export async function enterAmount(page, text) {
  for (const key of text) await page.click(`button[data-action=key][data-key="${key}"]`);
}

/** The kiosk's Settings behind the demo PIN. */
export async function openSettings(page) {
  await page.click('button[data-action=settings]');
  await page.fill('form[data-form=pin] input[name=pin]', '123456');
  await page.click('form[data-form=pin] button[type=submit]');
  await waitForScreen(page, 'settings');
}

/** Saves the page as <scenario>-<step>-<locale>.png (docs/screens/scenarios/ with QRPOS_SCREENS=docs/screens). */
export async function shot(page, scenario, step, locale) {
  fs.mkdirSync(SHOTS, { recursive: true });
  // Countdowns and spinners settle; the QR slots are drawn after a render.
  await page.waitForTimeout(300);
  await page.screenshot({ path: path.join(SHOTS, `${scenario}-${step}-${locale}.png`) });
}

/** A terminal-side text in the kiosk's shadow root (Playwright pierces it). */
export const text = (page, selector) => page.textContent(selector);

/** Single-quoted SQL text for ids the tests made themselves (ledgerRows takes no parameters). */
export function sqlText(value) {
  assert.match(value, /^[\w.:#-]+$/);
  return `'${value}'`;
}
