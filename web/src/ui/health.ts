// What the heartbeat says about the hardware, from what the app has seen: no device
// is asked anything just for a heartbeat (a printer status query could interrupt a
// receipt). Pure: unit-tested in Node.
import type { CameraProblem } from '../sdk/camera-errors';
import type { HeartbeatSnapshot } from '../sdk/heartbeat';

/** The camera as the app last saw it: a problem, or whether frames ever arrived. */
export function cameraHealth(
  problem: CameraProblem | undefined,
  framesSeen: number,
): HeartbeatSnapshot['camera'] {
  switch (problem) {
    case 'permission_denied':
      return 'denied';
    case 'no_camera':
      return 'missing';
    case 'camera_lost':
      return 'lost';
    case 'camera_in_use':
    case 'camera_failed':
      return 'unknown';
  }
  // A kiosk that has not needed its camera yet cannot say it works.
  return framesSeen > 0 ? 'ok' : 'unknown';
}

/** The printer: none paired (the browser's dialog prints), else the last print's outcome. */
export function printerHealth(
  paired: boolean,
  lastProblem: string | undefined,
): HeartbeatSnapshot['printer'] {
  if (!paired) return 'none';
  switch (lastProblem) {
    case undefined:
      return 'ready';
    case 'out_of_paper':
      return 'paper_out';
    case 'offline':
    case 'disconnected':
    case 'cover_open':
      return 'offline';
    default:
      return 'error';
  }
}

/** The last error shown ("error.<code>" notices): its code, or "" when none. */
export function errorCode(notice: string | undefined): string | undefined {
  return notice?.startsWith('error.') ? notice.slice('error.'.length) : undefined;
}
