// ZXing-C++'s reader (zxing-wasm) in Node: an independent decoder for the codes our
// own code draws and prints.
import fs from 'node:fs';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';

let readerReady;

/**
 * The codes ZXing finds in `input`: PNG (or other image file) bytes as a Uint8Array or
 * Buffer, or an ImageData-like `{ data, width, height }` of RGBA pixels. Further
 * options go to zxing-wasm's readBarcodes as they are (e.g. maxNumberOfSymbols).
 */
export async function readCodes(input, { formats = ['QRCode'], tryHarder = true, ...rest } = {}) {
  // zxing-wasm fetches its .wasm from a CDN by default; the tests run offline.
  readerReady ??= prepareZXingModule({
    overrides: {
      wasmBinary: fs.readFileSync(
        new URL('../../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url),
      ),
    },
    fireImmediately: true,
  });
  await readerReady;
  // A Buffer is a Uint8Array, but zxing-wasm wants the plain view.
  const image = input instanceof Uint8Array ? new Uint8Array(input) : input;
  return readBarcodes(image, { formats, tryHarder, ...rest });
}
