// Owns the camera from start() to stop(): the stream, the frame loop and the decode
// worker. At most one frame is in flight, so a slow decoder never queues up frames.
import type { FrameRequest, FrameResult } from './scanner-worker';

export type CameraProblem = 'no_camera' | 'permission_denied' | 'camera_in_use' | 'camera_failed';

export interface CameraCallbacks {
  onCode(text: string): void;
  onProblem(problem: CameraProblem, detail: string): void;
}

/** The same text again within this window is the same scan, not a new one. */
const REPEAT_WINDOW_MS = 3000;

export class CameraScanner {
  private stream?: MediaStream;
  private worker?: Worker;
  private busy = false;
  private seq = 0;
  private running = false;
  private last = { text: '', at: 0 };

  constructor(
    private readonly video: HTMLVideoElement,
    private readonly callbacks: CameraCallbacks,
  ) {}

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      this.stream = await navigator.mediaDevices.getUserMedia({
        audio: false,
        video: { facingMode: { ideal: 'environment' }, width: { ideal: 1280 }, height: { ideal: 720 } },
      });
    } catch (e) {
      this.running = false;
      const name = (e as DOMException)?.name;
      const problem: CameraProblem =
        name === 'NotAllowedError' || name === 'SecurityError'
          ? 'permission_denied'
          : name === 'NotFoundError' || name === 'OverconstrainedError' || !navigator.mediaDevices
            ? 'no_camera'
            : name === 'NotReadableError'
              ? 'camera_in_use'
              : 'camera_failed';
      this.callbacks.onProblem(problem, String(e));
      return;
    }
    if (!this.running) return this.release(); // stopped while the permission prompt was open
    this.video.srcObject = this.stream;
    this.video.muted = true;
    this.video.playsInline = true;
    await this.video.play().catch(() => undefined);
    this.worker = new Worker(new URL('./scanner-worker.ts', import.meta.url), { type: 'module' });
    this.worker.onmessage = (e: MessageEvent<FrameResult>) => this.onResult(e.data);
    this.pump();
  }

  stop(): void {
    this.running = false;
    this.release();
  }

  private release(): void {
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = undefined;
    this.video.srcObject = null;
    this.worker?.terminate();
    this.worker = undefined;
    this.busy = false;
  }

  private pump = (): void => {
    if (!this.running || !this.worker) return;
    if (!this.busy && !document.hidden && this.video.readyState >= HTMLMediaElement.HAVE_CURRENT_DATA) {
      this.busy = true;
      createImageBitmap(this.video)
        .then((frame) => {
          if (!this.worker) return frame.close();
          this.worker.postMessage({ frame, seq: this.seq++ } satisfies FrameRequest, [frame]);
        })
        .catch(() => (this.busy = false));
    }
    requestAnimationFrame(this.pump);
  };

  private onResult(result: FrameResult): void {
    this.busy = false;
    const text = result.texts[0];
    if (!text || !this.running) return;
    const now = performance.now();
    if (text === this.last.text && now - this.last.at < REPEAT_WINDOW_MS) return;
    this.last = { text, at: now };
    this.callbacks.onCode(text);
  }
}
