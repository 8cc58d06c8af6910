// web/src/sdk/camera.ts in real Chromium, apart from the kiosk UI: a throwaway page
// that only holds a CameraScanner is built with Vite (so the decode worker and its
// wasm are bundled the way the kiosk bundles them) and served from 127.0.0.1, a
// secure context, to browsers with and without a fake camera.
import assert from 'node:assert/strict';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { launchBrowser, paymentCodeVideo } from '../support/browser.mjs';
import { openHarness } from '../support/harness.mjs';

const CODE = '134567890123456789';

const HARNESS_HTML = `<!doctype html><meta charset="utf-8"><video id="v"></video>
<script type="module" src="./harness.js"></script>`;
// Every callback is recorded in window.events, in order, for the test to read.
const HARNESS_JS = `import { CameraScanner } from '@sdk/camera';
import { beep } from '@sdk/beep';
window.beep = beep;
const events = (window.events = []);
const video = (window.video = document.getElementById('v'));
window.scanner = new CameraScanner(video, {
  onCode: (text) => events.push(['code', text]),
  onProblem: (problem, detail) => events.push(['problem', problem, detail]),
  onRunning: (running) => events.push(['running', running]),
});
document.body.dataset.ready = 'true';
`;

describe('camera scanner in Chromium', { timeout: 120_000 }, () => {
  let site, camera, noCamera, denied;

  before(async () => {
    site = await openHarness({ html: HARNESS_HTML, js: HARNESS_JS, prefix: 'qrpos-camera-' });
    const y4m = await paymentCodeVideo(CODE, site.dir);
    camera = await launchBrowser({ cameraY4m: y4m });
  });

  after(async () => {
    await Promise.all([camera?.close(), noCamera?.close(), denied?.close()]);
    await site?.close();
  });

  async function open(browser) {
    const page = await browser.newPage();
    const errors = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(site.url);
    await page.waitForSelector('body[data-ready=true]');
    return { page, errors };
  }

  const events = (page) => page.evaluate(() => window.events);

  const T = { timeout: 40_000 }; // a hung getUserMedia fails its own test, not the suite

  test('start() decodes the code in view and lists the camera; stop() ends every track', T, async () => {
    const { page, errors } = await open(camera);
    // Two overlapping starts are one start: one stream, one "running".
    await page.evaluate(() => Promise.all([window.scanner.start(), window.scanner.start()]));
    await page.waitForFunction(() => window.events.some((e) => e[0] === 'code'), null, { timeout: 30_000 });
    await page.evaluate(() => window.scanner.start());

    const seen = await events(page);
    assert.deepEqual(seen[0], ['running', true]);
    assert.deepEqual(
      seen.filter((e) => e[0] === 'code'),
      [['code', CODE]],
    );
    assert.equal(seen.filter((e) => e[0] === 'running').length, 1, JSON.stringify(seen));
    const stats = await page.evaluate(() => window.scanner.stats);
    assert.ok(stats.frames >= 1 && stats.decodeMsTotal > 0, JSON.stringify(stats));

    const cameras = await page.evaluate(() => window.scanner.listCameras());
    assert.equal(cameras.length, 1, JSON.stringify(cameras));
    assert.ok(cameras[0].deviceId && cameras[0].label, JSON.stringify(cameras));
    // Chromium's fake camera has no torch.
    assert.equal(await page.evaluate(() => window.scanner.setTorch(true)), false);

    const after = await page.evaluate(() => {
      const stream = window.video.srcObject;
      window.scanner.stop();
      return {
        states: stream.getTracks().map((t) => t.readyState),
        srcObject: window.video.srcObject,
        torch: window.scanner.torchSupported,
      };
    });
    assert.deepEqual(after, { states: ['ended'], srcObject: null, torch: false });
    assert.deepEqual((await events(page)).at(-1), ['running', false]);
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('selectCamera() reopens on the chosen device', T, async () => {
    const { page } = await open(camera);
    const result = await page.evaluate(async () => {
      await window.scanner.start();
      const [cam] = await window.scanner.listCameras();
      const first = window.video.srcObject;
      await window.scanner.selectCamera(cam.deviceId);
      const second = window.video.srcObject;
      const out = {
        firstEnded: first.getVideoTracks()[0].readyState,
        device: second?.getVideoTracks()[0].getSettings().deviceId === cam.deviceId,
        events: window.events.filter((e) => e[0] === 'running').map((e) => e[1]),
      };
      window.scanner.stop();
      return out;
    });
    assert.deepEqual(result, { firstEnded: 'ended', device: true, events: [true, false, true] });
    await page.close();
  });

  test('stop() while the camera is opening leaves it closed', T, async () => {
    const { page } = await open(camera);
    const result = await page.evaluate(async () => {
      const starting = window.scanner.start();
      window.scanner.stop();
      await starting;
      await new Promise((resolve) => setTimeout(resolve, 300));
      return { srcObject: window.video.srcObject, events: window.events };
    });
    assert.deepEqual(result, { srcObject: null, events: [] });
    await page.close();
  });

  test('beep() plays its tones before any user gesture, and never throws', T, async () => {
    const { page, errors } = await open(camera);
    const result = await page.evaluate(async () => {
      // beep() swallows every error, so count the tones it got as far as starting.
      const started = [];
      const start = OscillatorNode.prototype.start;
      OscillatorNode.prototype.start = function (...args) {
        started.push(this.frequency.value);
        return start.apply(this, args);
      };
      const returned = [window.beep(), window.beep('error')];
      await new Promise((resolve) => setTimeout(resolve, 500));
      return { returned, started };
    });
    assert.deepEqual(result.returned, [undefined, undefined]);
    assert.equal(result.started.length, 3, JSON.stringify(result.started));
    assert.ok(result.started[0] > 2000 && result.started[1] < 1000 && result.started[2] < 1000);
    // And with no WebAudio at all (a fresh page, so no context is cached yet).
    await page.reload();
    await page.waitForSelector('body[data-ready=true]');
    await page.evaluate(() => {
      window.AudioContext = undefined;
      window.beep();
    });
    assert.deepEqual(errors, []);
    await page.close();
  });

  test('a track that ends by itself is camera_lost, and the camera is released', T, async () => {
    const { page } = await open(camera);
    const result = await page.evaluate(async () => {
      await window.scanner.start();
      const track = window.video.srcObject.getVideoTracks()[0];
      // track.stop() does not fire 'ended'; an unplugged camera does, which this stands in for.
      track.dispatchEvent(new Event('ended'));
      return { state: track.readyState, srcObject: window.video.srcObject, events: window.events };
    });
    assert.equal(result.state, 'ended');
    assert.equal(result.srcObject, null);
    assert.deepEqual(
      result.events.map((e) => e.slice(0, 2)),
      [
        ['running', true],
        ['running', false],
        ['problem', 'camera_lost'],
      ],
    );
    await page.close();
  });

  test('a browser with no camera reports no_camera', T, async () => {
    noCamera = await launchBrowser({ autoAllowCamera: true });
    const { page } = await open(noCamera);
    await page.evaluate(() => window.scanner.start());
    const seen = await events(page);
    assert.deepEqual(
      seen.map((e) => e.slice(0, 2)),
      [['problem', 'no_camera']],
      JSON.stringify(seen),
    );
    assert.deepEqual(await page.evaluate(() => window.scanner.listCameras()), []);
  });

  test('a denied camera permission reports permission_denied', T, async () => {
    denied = await launchBrowser({ cameraY4m: path.join(site.dir, 'camera.y4m'), autoAllowCamera: false });
    const { page } = await open(denied);
    await page.evaluate(() => window.scanner.start());
    const seen = await events(page);
    assert.deepEqual(
      seen.map((e) => e.slice(0, 2)),
      [['problem', 'permission_denied']],
      JSON.stringify(seen),
    );
  });
});
