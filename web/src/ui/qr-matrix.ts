// The merchant-presented order QR: text -> module matrix -> one SVG path. No DOM here so
// Node unit tests can decode what we draw. lean-qr was chosen by measured size
// (bench/results/qr-encoder.md): ~4 KB gzip against ~350 KB for zxing-wasm's writer.
import { correction, generate, mode } from 'lean-qr';

/** A square QR symbol without its quiet zone; `dark(x, y)` is false outside `0..size-1`. */
export interface QrMatrix {
  /** Modules per side (21 for version 1, +4 per version). */
  readonly size: number;
  /** Whether the module at column `x`, row `y` is dark. */
  dark(x: number, y: number): boolean;
}

// lean-qr's default auto mode may pick Kanji mode for CJK text; zxing-wasm read such
// a symbol back wrong and wallet scanners vary, so non-ASCII goes as UTF-8 bytes
// (ECI 26) and ASCII as numeric/alphanumeric/plain bytes with no ECI at all.
const MODES = [mode.numeric, mode.alphaNumeric, mode.ascii, mode.utf8];

// lean-qr signals "no version can hold this" with this code.
const LEAN_QR_TOO_LONG = 4;

/**
 * Encodes `text` as a QR code at error correction level M exactly (EMV MPM asks for at
 * least M; pinning it keeps the symbol as small, so as coarse, as it can be).
 *
 * @throws Error if `text` does not fit in a version 40 symbol at level M.
 */
export function encodeQr(text: string): QrMatrix {
  try {
    const code = generate(text, {
      minCorrectionLevel: correction.M,
      maxCorrectionLevel: correction.M,
      modes: MODES,
    });
    return { size: code.size, dark: (x, y) => code.get(x, y) };
  } catch (e) {
    if ((e as { code?: unknown }).code === LEAN_QR_TOO_LONG) {
      const bytes = new TextEncoder().encode(text).length;
      throw new Error(`QR text too long: ${bytes} bytes do not fit a QR code at error correction M`, {
        cause: e,
      });
    }
    throw e;
  }
}

/**
 * One SVG path for the dark modules, in module units, with `quietZone` light modules
 * around the symbol (scanners need 4). Horizontal runs are merged so a typical
 * order QR is a few hundred subpaths, not thousands of rects.
 */
export function qrSvgPath(m: QrMatrix, quietZone = 4): { viewBox: string; d: string } {
  const parts: string[] = [];
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) {
      if (!m.dark(x, y)) continue;
      const start = x;
      while (x + 1 < m.size && m.dark(x + 1, y)) x++;
      const run = x - start + 1;
      parts.push(`M${start + quietZone} ${y + quietZone}h${run}v1h-${run}z`);
    }
  }
  const side = m.size + 2 * quietZone;
  return { viewBox: `0 0 ${side} ${side}`, d: parts.join('') };
}
