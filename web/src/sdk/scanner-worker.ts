// Decodes camera frames off the main thread with zxing-wasm (ZXing-C++), QR and
// Code 128 only. A fast pass on most frames and a thorough one every few frames:
// shared/facts/decode-anchors.md measured the defaults ~6x slower for the same rate.
import { prepareZXingModule, readBarcodes, type ReaderOptions } from 'zxing-wasm/reader';
import wasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

export interface FrameRequest {
  frame: ImageBitmap;
  seq: number;
}
export interface FrameResult {
  seq: number;
  texts: string[];
  ms: number;
  error?: string;
}

prepareZXingModule({
  overrides: {
    locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? wasmUrl : prefix + path),
  },
});

const FAST: ReaderOptions = {
  formats: ['QRCode', 'Code128'],
  tryHarder: false,
  tryRotate: false,
  tryInvert: false,
  maxNumberOfSymbols: 1,
};
const THOROUGH: ReaderOptions = {
  formats: ['QRCode', 'Code128'],
  tryHarder: true,
  tryInvert: true,
  maxNumberOfSymbols: 1,
};
const THOROUGH_EVERY = 4;

let canvas: OffscreenCanvas | undefined;

self.onmessage = async (event: MessageEvent<FrameRequest>) => {
  const { frame, seq } = event.data;
  const started = performance.now();
  try {
    if (!canvas || canvas.width !== frame.width || canvas.height !== frame.height) {
      canvas = new OffscreenCanvas(frame.width, frame.height);
    }
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(frame, 0, 0);
    const image = ctx.getImageData(0, 0, frame.width, frame.height);
    const results = await readBarcodes(image, seq % THOROUGH_EVERY === 0 ? THOROUGH : FAST);
    const texts = results.filter((r) => r.isValid && r.text).map((r) => r.text);
    postMessage({ seq, texts, ms: performance.now() - started } satisfies FrameResult);
  } catch (e) {
    postMessage({ seq, texts: [], ms: performance.now() - started, error: String(e) } satisfies FrameResult);
  } finally {
    frame.close();
  }
};
