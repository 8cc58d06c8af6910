// Decodes camera frames off the main thread: draws each frame to pixels and hands them
// to scan-pipeline.ts, which picks the decode pass for the frame's sequence number.
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';
import { decoderMemoryBytes, prepareScanPipeline, scanFrame } from './scan-pipeline';

export interface FrameRequest {
  /** Transferred; the worker closes it. A VideoFrame where WebCodecs exists, else an ImageBitmap. */
  frame: ImageBitmap | VideoFrame;
  seq: number;
}
export interface FrameResult {
  seq: number;
  texts: string[];
  ms: number;
  /** the decoder's WebAssembly memory after this frame, bytes */
  decoderBytes?: number;
  error?: string;
}

// Served with the app, not from zxing-wasm's default CDN (offline kiosks, strict CSP).
// A load failure surfaces as each frame's error, so the promise needs no handler here.
prepareScanPipeline({
  locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
}).catch(() => undefined);

let canvas: OffscreenCanvas | undefined;

self.onmessage = async (event: MessageEvent<FrameRequest>) => {
  const { frame, seq } = event.data;
  const started = performance.now();
  try {
    const width = 'displayWidth' in frame ? frame.displayWidth : frame.width;
    const height = 'displayHeight' in frame ? frame.displayHeight : frame.height;
    if (!canvas || canvas.width !== width || canvas.height !== height) {
      canvas = new OffscreenCanvas(width, height);
    }
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(frame, 0, 0, width, height);
    const { texts } = await scanFrame(ctx.getImageData(0, 0, width, height), seq);
    const ms = performance.now() - started;
    postMessage({ seq, texts, ms, decoderBytes: await decoderMemoryBytes() } satisfies FrameResult);
  } catch (e) {
    postMessage({ seq, texts: [], ms: performance.now() - started, error: String(e) } satisfies FrameResult);
  } finally {
    frame.close();
  }
};
