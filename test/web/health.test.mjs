// web/src/ui/health.ts: what the heartbeat says of the camera, the printer and the
// last error, from what the app has seen (no device is asked just for a heartbeat).
import test from 'node:test';
import assert from 'node:assert/strict';
import { cameraHealth, errorCode, printerHealth } from '../../build/web-unit/health.js';

test('the camera: each problem by name, ok only once frames arrived, else unknown', () => {
  assert.equal(cameraHealth('permission_denied', 0), 'denied');
  assert.equal(cameraHealth('no_camera', 0), 'missing');
  assert.equal(cameraHealth('camera_lost', 500), 'lost');
  assert.equal(cameraHealth('camera_in_use', 0), 'unknown');
  assert.equal(cameraHealth('camera_failed', 10), 'unknown');
  assert.equal(cameraHealth(undefined, 0), 'unknown');
  assert.equal(cameraHealth(undefined, 1), 'ok');
});

test('the printer: none unpaired, ready until a print fails, then what failed', () => {
  assert.equal(printerHealth(false, 'out_of_paper'), 'none');
  assert.equal(printerHealth(true, undefined), 'ready');
  assert.equal(printerHealth(true, 'out_of_paper'), 'paper_out');
  assert.equal(printerHealth(true, 'disconnected'), 'offline');
  assert.equal(printerHealth(true, 'cover_open'), 'offline');
  assert.equal(printerHealth(true, 'timeout'), 'error');
});

test('the last error: codes of error notices only', () => {
  assert.equal(errorCode('error.stale_timestamp'), 'stale_timestamp');
  assert.equal(errorCode('camera.camera_lost'), undefined);
  assert.equal(errorCode(undefined), undefined);
});
