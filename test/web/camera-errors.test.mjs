// web/src/sdk/camera-errors.ts: getUserMedia errors become the screen the cashier sees.
import assert from 'node:assert/strict';
import test from 'node:test';
import { classifyCameraError } from '../../build/web-unit/camera-errors.js';

const CASES = [
  ['NotAllowedError', 'permission_denied'],
  ['SecurityError', 'permission_denied'],
  ['NotFoundError', 'no_camera'],
  ['OverconstrainedError', 'no_camera'],
  ['NotReadableError', 'camera_in_use'],
  ['AbortError', 'camera_in_use'],
  ['TypeError', 'camera_failed'],
  ['SomethingNew', 'camera_failed'],
  [undefined, 'camera_failed'],
];

for (const [name, expected] of CASES) {
  test(`${name ?? 'an error without a name'} -> ${expected}`, () => {
    assert.equal(classifyCameraError(name, true), expected);
  });
}

test('no navigator.mediaDevices (insecure origin, old browser) is no camera', () => {
  assert.equal(classifyCameraError(undefined, false), 'no_camera');
  assert.equal(classifyCameraError('TypeError', false), 'no_camera');
});

test('a named error wins over the missing mediaDevices', () => {
  assert.equal(classifyCameraError('NotAllowedError', false), 'permission_denied');
});
