// The kiosk page as the fault matrix drives it: one fresh browser profile per sale (so
// its journal holds that sale alone), a screen poller that survives reloads and a
// killed browser, and read-outs of the journal in IndexedDB.
import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { BASE_ARGS, CHROMIUM } from '../../test/support/browser.mjs';

export const KIOSK = { width: 1280, height: 800 };
export const FINAL = new Set(['paid', 'declined', 'cancelled', 'expired']);
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// Date.now and `new Date()` 10 minutes ahead, before any page script runs: the core
// stamps requests with the page's clock.
export function clockSkewScript(offsetMs) {
  return `(() => {
    const Real = Date, off = ${offsetMs};
    class Shifted extends Real {
      constructor(...a) { if (a.length === 0) super(Real.now() + off); else super(...a); }
      static now() { return Real.now() + off; }
    }
    globalThis.Date = Shifted;
  })();`;
}

export function wechatCode(suffix = '77') {
  let digits = '13';
  while (digits.length < 18 - suffix.length) digits += String(crypto.randomInt(10));
  return digits + suffix;
}

export const mask = (code) => code.slice(0, 2) + '*'.repeat(12) + code.slice(-4);

export function randomAmount() {
  const cents = crypto.randomInt(100, 10000);
  return { cents, text: `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, '0')}` };
}

export class Kiosk {
  // persistent: a profile on disk that outlives a SIGKILLed browser, for the crash rows;
  // otherwise a context of the shared browser (its IndexedDB lives as long as the context).
  // initScripts: files run before any page script (e.g. the fake USB printer).
  constructor({ browser, url, persistent = false, initScripts = [] }) {
    Object.assign(this, { browser, url, persistent, initScripts });
    this.screens = [];
    this.polling = false;
  }

  async open() {
    if (this.persistent) {
      this.userDataDir ??= fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-fm-profile-'));
      const before = chromiumChildren();
      this.context = await chromium.launchPersistentContext(this.userDataDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: BASE_ARGS,
        viewport: KIOSK,
      });
      // A persistent context has no Browser object to ask for its process: find the
      // Chromium this launch started among our own children.
      this.pid = chromiumChildren().find((p) => !before.includes(p));
    } else {
      this.context = await this.browser.newContext({ viewport: KIOSK });
    }
    for (const file of this.initScripts) await this.context.addInitScript({ path: file });
    this.page = this.context.pages()[0] ?? (await this.context.newPage());
    await this.page.goto(this.url + '/');
    await this.page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  }

  /** Kills the whole browser at once, as a power cut would: no unload, no flush. */
  async kill() {
    if (!this.pid) throw new Error('no Chromium pid to kill');
    process.kill(this.pid, 'SIGKILL');
    await this.context.close().catch(() => undefined);
    this.page = undefined;
  }

  async close() {
    this.polling = false;
    await this.context?.close().catch(() => undefined);
    if (this.userDataDir) fs.rmSync(this.userDataDir, { recursive: true, force: true });
  }

  async screen() {
    return this.page
      ?.evaluate(
        () => document.querySelector('qrpos-terminal')?.shadowRoot?.getElementById('app')?.dataset.screen,
      )
      .catch(() => undefined);
  }

  startPolling() {
    this.polling = true;
    (async () => {
      while (this.polling) {
        const s = await this.screen();
        if (s && s !== this.screens.at(-1)) this.screens.push(s);
        await sleep(50);
      }
    })();
  }

  /** Waits until the poller has seen one of `names` at or after index `from`. */
  async waitSeen(names, timeout, from = 0) {
    const want = new Set([names].flat());
    const end = Date.now() + timeout;
    while (Date.now() < end) {
      const i = this.screens.findIndex((s, k) => k >= from && want.has(s));
      if (i >= 0) return this.screens[i];
      await sleep(50);
    }
    return undefined;
  }

  async enterAmount(text) {
    for (const key of text) await this.page.click(`button[data-action=key][data-key="${key}"]`);
  }

  /** Every journal record the page holds, parsed. */
  async journal() {
    if (!this.page) return [];
    const rows = await this.page
      .evaluate(
        () =>
          new Promise((resolve, reject) => {
            const open = indexedDB.open('qrpos');
            open.onerror = () => reject(open.error);
            open.onsuccess = () => {
              const get = open.result.transaction('journal').objectStore('journal').getAll();
              get.onsuccess = () => resolve(get.result);
              get.onerror = () => reject(get.error);
            };
          }),
      )
      .catch(() => []);
    return rows.map((r) => ({
      id: r.id,
      final: r.final,
      startedAt: r.startedAt,
      state: JSON.parse(r.record),
    }));
  }

  async paidOrder() {
    return (
      await this.page?.textContent('[data-field="paid.order"]', { timeout: 2_000 }).catch(() => '')
    )?.trim();
  }
}

function chromiumChildren() {
  const out = execFileSync('ps', ['-o', 'pid=,comm=', '--ppid', String(process.pid)], { encoding: 'utf8' });
  return out
    .split('\n')
    .map((l) => l.trim().split(/\s+/))
    .filter(([pid, comm]) => pid && /chrom/i.test(comm ?? ''))
    .map(([pid]) => Number(pid));
}
