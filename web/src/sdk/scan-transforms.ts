// Pixel transforms for scan-pipeline.ts, on RGBA images read as one 32-bit word per
// pixel (the decoder only looks at luminance, so channel order does not matter).

/** An ImageData-like RGBA image (ImageData itself qualifies). */
export interface Pixels {
  data: Uint8ClampedArray;
  width: number;
  height: number;
}

const WHITE = 0xffffffff;

function words(image: Pixels): Uint32Array {
  return new Uint32Array(image.data.buffer, image.data.byteOffset, image.width * image.height);
}

/**
 * Shifts column x up by x * slope and keeps every `rowStep`-th row, so each output row
 * samples the input along a line of that slope: a 1D code tilted by atan(slope) lies
 * along output rows, its bars stretched by only 1/cos. Rows a 1D reader scans need not
 * be adjacent, so skipping rows cuts the work without losing bars.
 */
export function shearRows(image: Pixels, slope: number, rowStep = 1): Pixels {
  const { width, height } = image;
  const extra = Math.ceil(Math.abs(slope) * width);
  const outHeight = Math.floor((height + extra) / rowStep);
  const src = words(image);
  const data = new Uint8ClampedArray(width * outHeight * 4);
  const out = new Uint32Array(data.buffer);
  const shift = new Int32Array(width);
  const base = slope > 0 ? extra : 0;
  for (let x = 0; x < width; x++) shift[x] = base - Math.round(x * slope);
  for (let y = 0; y < outHeight; y++) {
    const row = y * width;
    const sy0 = y * rowStep;
    for (let x = 0; x < width; x++) {
      const sy = sy0 - shift[x];
      out[row + x] = sy >= 0 && sy < height ? src[sy * width + x] : WHITE;
    }
  }
  return { data, width, height: outHeight };
}

/**
 * For blurred, roughly horizontal 1D codes: averages bands of 9 rows (along the bars,
 * which removes noise but keeps bar detail) every 3 rows, then sharpens across the bars
 * with an unsharp mask of radius 2, restoring narrow bars and spaces that blur has
 * washed out below the binarizer's threshold. Returns the luminance, one byte per pixel.
 */
export function sharpenBars(image: Pixels): { gray: Uint8Array; width: number; height: number } {
  const { width, height } = image;
  const STRIDE = 3;
  const BAND_BLOCKS = 3;
  const RADIUS = 2;
  const AMOUNT = 3;
  const blocks = Math.max(1, Math.floor(height / STRIDE));
  // Per-column sums of each block of STRIDE rows: every pixel is read once.
  const blockSums = new Uint16Array(width * blocks);
  const src = image.data;
  for (let b = 0, p = 0; b < blocks; b++) {
    const row = b * width;
    for (let k = 0; k < STRIDE; k++) {
      for (let x = 0; x < width; x++, p += 4) {
        // zxing-wasm's own luminance weights, so the result reads as the original would.
        blockSums[row + x] += (306 * src[p] + 601 * src[p + 1] + 117 * src[p + 2] + 512) >> 10;
      }
    }
  }
  const band = Math.min(blocks, BAND_BLOCKS);
  const rows = blocks - band + 1;
  const bandPixels = band * STRIDE;
  const gray = new Uint8Array(width * rows);
  const sums = new Int32Array(width);
  for (let r = 0; r < rows; r++) {
    sums.fill(0);
    for (let b = r; b < r + band; b++) {
      const row = b * width;
      for (let x = 0; x < width; x++) sums[x] += blockSums[row + x];
    }
    let window = 0;
    for (let x = 0; x < Math.min(width, RADIUS); x++) window += sums[x];
    const out = r * width;
    for (let x = 0; x < width; x++) {
      if (x + RADIUS < width) window += sums[x + RADIUS];
      if (x > RADIUS) window -= sums[x - RADIUS - 1];
      const count = Math.min(width - 1, x + RADIUS) - Math.max(0, x - RADIUS) + 1;
      // v + AMOUNT * (v - mean), with v and mean still scaled by bandPixels (and count).
      const sharp = ((1 + AMOUNT) * sums[x] * count - AMOUNT * window) / (count * bandPixels);
      gray[out + x] = sharp < 0 ? 0 : sharp > 255 ? 255 : sharp;
    }
  }
  return { gray, width, height: rows };
}

/** A one-byte-per-pixel luminance image as RGBA, optionally inverted (light-on-dark to dark-on-light). */
export function grayToPixels(
  { gray, width, height }: { gray: Uint8Array; width: number; height: number },
  invert = false,
): Pixels {
  const data = new Uint8ClampedArray(width * height * 4);
  const out = new Uint32Array(data.buffer);
  const flip = invert ? 255 : 0;
  for (let i = 0; i < gray.length; i++) out[i] = 0xff000000 | ((gray[i] ^ flip) * 0x010101);
  return { data, width, height };
}

/**
 * Half the width and height, each output pixel the mean of a 2x2 block. Channels are
 * averaged inside the 32-bit word (each quarter rounded down first: at most 3 levels
 * low), which keeps this at a fraction of the decoder's own cost.
 */
export function halve(image: Pixels): Pixels {
  const width = image.width >> 1;
  const height = image.height >> 1;
  const src = words(image);
  const data = new Uint8ClampedArray(width * height * 4);
  const out = new Uint32Array(data.buffer);
  const QUARTER = 0x3f3f3f3f;
  for (let y = 0; y < height; y++) {
    let i = 2 * y * image.width;
    const below = image.width;
    for (let x = 0, o = y * width; x < width; x++, o++, i += 2) {
      out[o] =
        ((src[i] >>> 2) & QUARTER) +
        ((src[i + 1] >>> 2) & QUARTER) +
        ((src[i + below] >>> 2) & QUARTER) +
        ((src[i + below + 1] >>> 2) & QUARTER);
    }
  }
  return { data, width, height };
}

/** Every `step`-th row, copied whole: for 1D codes, whose rows need not be adjacent. */
export function keepRows(image: Pixels, step: number): Pixels {
  const rowBytes = image.width * 4;
  const height = Math.max(1, Math.floor(image.height / step));
  const data = new Uint8ClampedArray(rowBytes * height);
  for (let y = 0; y < height; y++) {
    const from = y * step * rowBytes;
    data.set(image.data.subarray(from, from + rowBytes), y * rowBytes);
  }
  return { data, width: image.width, height };
}
