// getUserMedia failures, by DOMException name, as the screens the kiosk can show.
// Pure (no DOM access) so it is unit-tested in Node.

/** Why the camera cannot scan, one screen each. */
export type CameraProblem =
  'no_camera' | 'permission_denied' | 'camera_in_use' | 'camera_lost' | 'camera_failed';

/**
 * Maps a getUserMedia error name to the problem shown to the cashier.
 * @param name the DOMException's `name`, if the error had one
 * @param hasMediaDevices whether `navigator.mediaDevices` exists (it does not on insecure origins)
 */
export function classifyCameraError(name: string | undefined, hasMediaDevices: boolean): CameraProblem {
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'permission_denied';
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'no_camera';
    // NotReadableError: the OS or another app holds the device. AbortError: Firefox's
    // equivalent when the device could not be started.
    case 'NotReadableError':
    case 'AbortError':
      return 'camera_in_use';
  }
  return hasMediaDevices ? 'camera_failed' : 'no_camera';
}
