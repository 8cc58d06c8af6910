// Owns the camera from start() to stop(): the stream, the frame loop and the decode
// worker. At most one frame is in flight, so a slow decoder never queues up frames.
// Nothing is held between stop() and start(): the camera light is off whenever the
// kiosk is not scanning.
import type { FrameRequest, FrameResult } from './scanner-worker';
import { classifyCameraError, type CameraProblem } from './camera-errors';

export { classifyCameraError, type CameraProblem };

/** A video input the cashier can pick. */
export interface CameraInfo {
  deviceId: string;
  /** the browser's label, or "Camera N" before permission is granted (labels are empty then) */
  label: string;
  facing: 'back' | 'front' | 'unknown';
}

/** How the scanner talks back to the UI. */
export interface CameraCallbacks {
  /** A newly scanned code; the same text again within the repeat window is suppressed. */
  onCode(text: string): void;
  /** The camera could not start or stopped by itself; the scanner has released everything. */
  onProblem(problem: CameraProblem, detail: string): void;
  /** The stream started (true) or was released (false). */
  onRunning?(running: boolean): void;
}

/** The same text again within this window is the same scan, not a new one. */
const REPEAT_WINDOW_MS = 3000;

// Chromium's camera (InputDeviceInfo / track) capabilities include these; lib.dom does not.
type Capabilities = MediaTrackCapabilities & { torch?: boolean; facingMode?: string[] };

export class CameraScanner {
  private stream?: MediaStream;
  private worker?: Worker;
  private busy = false;
  private seq = 0;
  /** presentedFrames of the newest frame shown, and of the one last sent to the worker */
  private shownFrames = 0;
  private sentFrame = 0;
  private last = { text: '', at: 0 };
  private deviceId?: string;
  /** Bumped by stop(): a start() that finds it changed lost the race and backs out. */
  private generation = 0;
  private starting?: Promise<void>;
  private readonly counters = { frames: 0, decodeMsTotal: 0, decoderBytes: 0 };

  /**
   * @param video where the live picture is shown; the scanner sets its srcObject
   * @param options.deviceId the camera to prefer (the caller persists the cashier's choice)
   */
  constructor(
    private readonly video: HTMLVideoElement,
    private readonly callbacks: CameraCallbacks,
    options: { deviceId?: string } = {},
  ) {
    this.deviceId = options.deviceId;
  }

  /** Whether the running camera has a controllable torch; false while stopped. */
  get torchSupported(): boolean {
    return this.capabilities()?.torch === true;
  }

  /** Decoded frames, total decode time and the decoder's last memory size, for diagnostics. */
  get stats(): { frames: number; decodeMsTotal: number; decoderBytes: number } {
    return { ...this.counters };
  }

  /**
   * Opens the chosen camera (else the rear one) and starts decoding. Idempotent: calls
   * while starting or running share one start. Failures go to onProblem, never reject.
   */
  start(): Promise<void> {
    if (this.stream) return Promise.resolve();
    if (!this.starting) {
      const starting = this.open().finally(() => {
        if (this.starting === starting) this.starting = undefined;
      });
      this.starting = starting;
    }
    return this.starting;
  }

  /** Stops decoding and releases the stream and the worker. Safe to call at any time. */
  stop(): void {
    this.generation++;
    this.starting = undefined;
    this.release();
  }

  /** The video inputs, labelled; the labels are generic until camera permission is granted. */
  async listCameras(): Promise<CameraInfo[]> {
    if (!navigator.mediaDevices?.enumerateDevices) return [];
    // A failed enumeration is shown as "no cameras to pick from", not as an error screen.
    const all = await navigator.mediaDevices.enumerateDevices().catch(() => []);
    const devices = all.filter((d) => d.kind === 'videoinput');
    return devices.map((d, i) => ({
      deviceId: d.deviceId,
      label: d.label || `Camera ${i + 1}`,
      facing: facingOf(d),
    }));
  }

  /** Prefers `deviceId` (undefined: the rear camera) from now on; reopens the camera if it is on. */
  async selectCamera(deviceId: string | undefined): Promise<void> {
    this.deviceId = deviceId;
    if (!this.stream && !this.starting) return;
    this.stop();
    await this.start();
  }

  /** Switches the torch; false when the camera has none, is stopped, or refused. */
  async setTorch(on: boolean): Promise<boolean> {
    const track = this.stream?.getVideoTracks()[0];
    if (!track || !this.torchSupported) return false;
    try {
      await track.applyConstraints({ advanced: [{ torch: on } as MediaTrackConstraintSet] });
      return true;
    } catch {
      return false;
    }
  }

  private async open(): Promise<void> {
    const generation = this.generation;
    let stream: MediaStream;
    try {
      stream = await this.getStream();
    } catch (e) {
      if (generation !== this.generation) return;
      const problem = classifyCameraError((e as DOMException)?.name, Boolean(navigator.mediaDevices));
      this.callbacks.onProblem(problem, String(e));
      return;
    }
    if (generation !== this.generation) {
      // stopped while the permission prompt was open
      stream.getTracks().forEach((t) => t.stop());
      return;
    }
    this.stream = stream;
    const track = stream.getVideoTracks()[0];
    // Unplugged, or taken by the OS/another app. stop() does not fire 'ended', so this is never us.
    track?.addEventListener('ended', () => {
      if (this.stream !== stream) return;
      this.stop();
      this.callbacks.onProblem('camera_lost', `camera "${track.label}" ended`);
    });
    this.video.muted = true;
    this.video.playsInline = true;
    this.video.srcObject = stream;
    const worker = new Worker(new URL('./scanner-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<FrameResult>) => this.onResult(e.data);
    worker.onerror = (e) => {
      this.stop();
      this.callbacks.onProblem('camera_failed', `decoder failed: ${e.message}`);
    };
    this.worker = worker;
    this.callbacks.onRunning?.(true);
    await this.video.play().catch(() => undefined);
    this.pump(worker);
  }

  /** The preferred device; if it has gone (unplugged since it was chosen), any rear-ish camera. */
  private async getStream(): Promise<MediaStream> {
    if (!navigator.mediaDevices?.getUserMedia) throw new DOMException('no mediaDevices', 'NotFoundError');
    const size = { width: { ideal: 1280 }, height: { ideal: 720 } };
    if (this.deviceId) {
      try {
        return await navigator.mediaDevices.getUserMedia({
          audio: false,
          video: { deviceId: { exact: this.deviceId }, ...size },
        });
      } catch (e) {
        const name = (e as DOMException)?.name;
        if (name !== 'OverconstrainedError' && name !== 'NotFoundError') throw e;
      }
    }
    return navigator.mediaDevices.getUserMedia({
      audio: false,
      video: { facingMode: { ideal: 'environment' }, ...size },
    });
  }

  private release(): void {
    const wasRunning = this.stream !== undefined;
    this.stream?.getTracks().forEach((t) => t.stop());
    this.stream = undefined;
    this.video.srcObject = null;
    this.worker?.terminate();
    this.worker = undefined;
    this.busy = false;
    // A new stream counts its presented frames from zero again.
    this.shownFrames = 0;
    this.sentFrame = 0;
    if (wasRunning) this.callbacks.onRunning?.(false);
  }

  private capabilities(): Capabilities | undefined {
    const track = this.stream?.getVideoTracks()[0];
    return track?.getCapabilities?.() as Capabilities | undefined;
  }

  /**
   * One frame loop per worker: a restart's new loop never doubles up with the old one.
   * Paced by the video's own frames where the browser says when one is shown
   * (requestVideoFrameCallback), else by animation frames.
   */
  private pump(worker: Worker): void {
    if (this.worker !== worker) return;
    if (typeof this.video.requestVideoFrameCallback === 'function') {
      this.video.requestVideoFrameCallback((_now, meta) => {
        this.shownFrames = meta.presentedFrames;
        this.grab(worker);
        this.pump(worker);
      });
    } else {
      this.grab(worker);
      requestAnimationFrame(() => this.pump(worker));
    }
  }

  /**
   * Sends the frame on screen to the worker unless one is already there. A VideoFrame
   * wraps the camera's buffer at no cost to this thread; createImageBitmap (browsers
   * without WebCodecs) converts it here, ~10 ms of a 720p frame.
   */
  private grab(worker: Worker): void {
    // Hidden pages get no frame callbacks in most browsers anyway; the check covers the rest.
    if (this.busy || document.hidden || this.video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return;
    this.busy = true;
    this.sentFrame = this.shownFrames;
    const post = (frame: ImageBitmap | VideoFrame) => {
      if (this.worker !== worker) return frame.close();
      worker.postMessage({ frame, seq: this.seq++ } satisfies FrameRequest, [frame]);
    };
    if (typeof VideoFrame === 'function') {
      try {
        post(new VideoFrame(this.video));
      } catch {
        this.busy = false; // no frame decoded yet: the next callback tries again
      }
      return;
    }
    createImageBitmap(this.video)
      .then(post)
      .catch(() => (this.busy = false));
  }

  private onResult(result: FrameResult): void {
    this.busy = false;
    // A newer frame was shown while the worker decoded: send it now, not at the next one.
    if (this.worker && this.shownFrames > this.sentFrame) this.grab(this.worker);
    this.counters.frames++;
    this.counters.decodeMsTotal += result.ms;
    this.counters.decoderBytes = result.decoderBytes ?? this.counters.decoderBytes;
    const text = result.texts[0];
    if (!text || !this.stream) return;
    const now = performance.now();
    if (text === this.last.text && now - this.last.at < REPEAT_WINDOW_MS) return;
    this.last = { text, at: now };
    this.callbacks.onCode(text);
  }
}

/** From the device's capabilities where the browser reports them, else from its label. */
function facingOf(device: MediaDeviceInfo): CameraInfo['facing'] {
  let mode: string | undefined;
  try {
    mode = ((device as InputDeviceInfo).getCapabilities?.() as Capabilities | undefined)?.facingMode?.[0];
  } catch {
    // not an InputDeviceInfo in this browser: fall back to the label
  }
  if (mode === 'environment') return 'back';
  if (mode === 'user') return 'front';
  if (/back|rear|environment/i.test(device.label)) return 'back';
  if (/front|user|face/i.test(device.label)) return 'front';
  return 'unknown';
}
