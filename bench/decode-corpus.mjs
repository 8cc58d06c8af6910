// The decode corpus (shared/corpus/README.md) as RGBA pixels: every image is decoded
// once with ffmpeg, outside any timing, and cached under build/bench/decode-rgba/.
// Alpha is dropped (RGB kept as stored, alpha 255), as zxing-cpp's own test loader does.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const cacheDir = path.join(root, 'build/bench/decode-rgba');

/** Corpus roots: QRPOS_DECODE_CORPUS (colon-separated, e.g. public + held-out part) or the shared one. */
export function corpusRoots() {
  const roots = (process.env.QRPOS_DECODE_CORPUS ?? '/work/shared/corpus').split(':').filter(Boolean);
  for (const dir of roots) {
    if (!fs.existsSync(path.join(dir, 'index.csv'))) throw new Error(`no index.csv in decode corpus ${dir}`);
  }
  return roots;
}

// The payment use case: QR and Code 128. PDF417 folders and the structured-append
// sequence (qrcode-7) are not single-image tests of these symbologies.
const INCLUDED = /^(decode\/(qrcode-[1-6]|code128-\d+)\/|synthetic\/)/;

const CONTROL_NAMES =
  'NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US'.split(
    ' ',
  );

/** zxing-cpp's comparison form (zxing-wasm textMode 'Escaped'): control characters as <NAME>. */
export function escapeNonGraphical(text) {
  return text.replace(
    /[\x00-\x1f\x7f]/g,
    (c) => `<${c === '\x7f' ? 'DEL' : CONTROL_NAMES[c.charCodeAt(0)]}>`,
  );
}

function parseIndex(dir) {
  const [header, ...rows] = fs.readFileSync(path.join(dir, 'index.csv'), 'utf8').trim().split(/\r?\n/);
  const names = header.split(',');
  return rows.map((line) => Object.fromEntries(line.split(',').map((v, i) => [names[i], v])));
}

function syntheticGroup(row) {
  if (row.note === 'frame1280x720') return 'syn 1280x720 frames';
  return /code128/i.test(row.symbology) && !/qr/i.test(row.symbology) ? 'syn Code128 crops' : 'syn QR crops';
}

/**
 * Every included image: { id, file, group, symbology ('qr' | 'c128' | 'both' | 'none'), expected, frame }.
 * `expected` is the text in zxing-cpp's escaped form; '' marks an image without a code.
 */
export function listCorpus() {
  const images = [];
  for (const dir of corpusRoots()) {
    for (const row of parseIndex(dir)) {
      if (!INCLUDED.test(row.image) || row.note === 'structured-append') continue;
      const expected = row.expected
        ? escapeNonGraphical(fs.readFileSync(path.join(dir, row.expected), 'utf8'))
        : '';
      const sym = row.symbology.toLowerCase();
      const symbology = !expected
        ? 'none'
        : sym.includes('qr') && sym.includes('128')
          ? 'both'
          : sym.includes('qr')
            ? 'qr'
            : 'c128';
      images.push({
        id: row.image,
        file: path.join(dir, row.image),
        group: row.image.startsWith('synthetic/') ? syntheticGroup(row) : row.image.split('/')[1],
        symbology,
        expected,
        frame: row.note === 'frame1280x720',
      });
    }
  }
  return images;
}

/**
 * Images with no QR or Code 128 in them, for false positives of the QR + Code 128
 * pipeline: the PDF417 samples (stacked rows of bars, the hardest look-alike for a
 * Code 128 reader). Same shape as listCorpus() entries, expected ''.
 */
export function listCodeFree() {
  return corpusRoots().flatMap((dir) =>
    parseIndex(dir)
      .filter((row) => /^decode\/pdf417-\d+\//.test(row.image))
      .map((row) => ({
        id: row.image,
        file: path.join(dir, row.image),
        group: 'PDF417 (no QR/C128)',
        symbology: 'none',
        expected: '',
        frame: false,
      })),
  );
}

function decodeWithFfmpeg(file) {
  const probe = execFileSync(
    'ffprobe',
    ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file],
    { encoding: 'utf8' },
  );
  const [width, height] = probe.trim().split(',').map(Number);
  const rgb = execFileSync(
    'ffmpeg',
    ['-v', 'error', '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'],
    {
      maxBuffer: 64 * 2 ** 20,
    },
  );
  if (rgb.length !== width * height * 3)
    throw new Error(`ffmpeg gave ${rgb.length} bytes for ${width}x${height} ${file}`);
  return { width, height, rgb };
}

/** The image as an ImageData-like { data: Uint8ClampedArray (RGBA), width, height }. */
export function loadPixels(image) {
  const key = image.file.replace(/[^\w.-]+/g, '_');
  const cached = path.join(cacheDir, `${key}.rgb`);
  const meta = path.join(cacheDir, `${key}.json`);
  const stamp = fs.statSync(image.file).mtimeMs;
  let width, height, rgb;
  const old = fs.existsSync(meta) && JSON.parse(fs.readFileSync(meta, 'utf8'));
  if (old && old.stamp === stamp && fs.existsSync(cached)) {
    ({ width, height } = old);
    rgb = fs.readFileSync(cached);
  } else {
    ({ width, height, rgb } = decodeWithFfmpeg(image.file));
    fs.mkdirSync(cacheDir, { recursive: true });
    fs.writeFileSync(cached, rgb);
    fs.writeFileSync(meta, JSON.stringify({ width, height, stamp }));
  }
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0, o = 0; i < rgb.length; i += 3, o += 4) {
    data[o] = rgb[i];
    data[o + 1] = rgb[i + 1];
    data[o + 2] = rgb[i + 2];
    data[o + 3] = 255;
  }
  return { data, width, height };
}
