// Fake-camera videos for bench/live.mjs: 1280x720 30 fps y4m files made with ffmpeg,
// each frame carrying its own index in the top-left corner so the page can tell which
// frame of the file it is looking at (Chromium's fake camera loops the file).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { qrPng } from '../test/support/browser.mjs';

export const WIDTH = 1280;
export const HEIGHT = 720;
export const FPS = 30;

// The stamp: a white strip with STAMP_BITS blocks, black = 1, most significant first,
// after two guard blocks (black, white) that tell a stamped frame from anything else.
export const STAMP = { block: 16, bits: 10, guards: 2 };
export const STAMP_WIDTH = STAMP.block * (STAMP.guards + STAMP.bits);
const FRAME_BYTES = (WIDTH * HEIGHT * 3) / 2;
const [BLACK, WHITE, NEUTRAL] = [16, 235, 128];

/**
 * The scenes, as ffmpeg filter graphs over input 0 (the scene generator) and input 1
 * (the code PNG): `blank` is a white wall, `clutter` ffmpeg's testsrc2 test card (moving
 * colour bars, text, gradients) with per-frame sensor-like noise, `code` the payment
 * code on a white card held in front of the clutter.
 */
const CLUTTER = 'testsrc2=s=1280x720:r=30';
const NOISE = 'noise=alls=12:allf=t';
const CARD = '[1]pad=iw+60:ih+60:30:30:white[card]';

function ffmpeg(args) {
  execFileSync('ffmpeg', ['-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
}

/**
 * Writes `<dir>/<name>.y4m`: `segments` is a list of [scene, seconds] played in order
 * (the file loops as a whole), e.g. [['clutter', 2], ['code', 2]]. Returns the path and
 * the frame ranges of each segment ({ file, frames, segments: [{ scene, first, last }] }).
 */
export async function makeVideo(dir, name, segments, codeText) {
  const png = path.join(dir, 'code.png');
  fs.writeFileSync(png, await qrPng(codeText));
  const file = path.join(dir, `${name}.y4m`);
  const seconds = segments.reduce((a, [, s]) => a + s, 0);
  // One graph: the clutter runs on under the card, so the scene does not jump when the
  // code appears; the card is shown only within the code segments.
  let t = 0;
  const shown = [];
  const ranges = [];
  for (const [scene, s] of segments) {
    if (scene === 'code') shown.push(`between(t,${t},${t + s - 0.5 / FPS})`);
    ranges.push({ scene, first: Math.round(t * FPS), last: Math.round((t + s) * FPS) - 1 });
    t += s;
  }
  const blank = segments.every(([scene]) => scene === 'blank');
  const source = blank ? 'color=c=white:s=1280x720:r=30' : CLUTTER;
  const overlay = shown.length
    ? `;${CARD};[bg][card]overlay=(W-w)/2:(H-h)/2:enable='${shown.join('+')}'`
    : ';[bg]null';
  const graph = `[0]${blank ? 'null' : NOISE}[bg]${overlay},format=yuv420p`;
  ffmpeg(
    ['-f', 'lavfi', '-i', source, '-loop', '1', '-i', png, '-filter_complex', graph].concat([
      '-t',
      String(seconds),
      '-r',
      String(FPS),
      '-pix_fmt',
      'yuv420p',
      file,
    ]),
  );
  const frames = stampFrames(file);
  if (frames !== seconds * FPS) throw new Error(`${file}: ${frames} frames, expected ${seconds * FPS}`);
  return { file, frames, segments: ranges };
}

/** Writes each frame's index into its corner, in place; returns the frame count. */
function stampFrames(file) {
  const fd = fs.openSync(file, 'r+');
  try {
    const head = Buffer.alloc(256);
    fs.readSync(fd, head, 0, head.length, 0);
    const header = head.toString('latin1', 0, head.indexOf(10) + 1);
    if (!header.includes(`W${WIDTH} H${HEIGHT} F${FPS}:1`))
      throw new Error(`unexpected y4m header: ${header}`);
    const frameHeader = 'FRAME\n'.length;
    const size = fs.fstatSync(fd).size;
    const frames = (size - header.length) / (frameHeader + FRAME_BYTES);
    if (!Number.isInteger(frames)) throw new Error(`${file}: frames with parameters are not supported`);
    const rows = STAMP.block * 2;
    for (let i = 0; i < frames; i++) {
      const at = header.length + i * (frameHeader + FRAME_BYTES) + frameHeader;
      const y = Buffer.alloc(WIDTH * rows);
      fs.readSync(fd, y, 0, y.length, at);
      paintStamp(y, i);
      fs.writeSync(fd, y, 0, y.length, at);
      // Grey chroma under the strip, so the blocks read the same in any colour scene.
      const chroma = Buffer.alloc(STAMP_WIDTH / 2, NEUTRAL);
      for (const plane of [0, 1]) {
        for (let r = 0; r < rows / 2; r++) {
          fs.writeSync(
            fd,
            chroma,
            0,
            chroma.length,
            at + WIDTH * HEIGHT + (plane * FRAME_BYTES) / 6 + (r * WIDTH) / 2,
          );
        }
      }
    }
    return frames;
  } finally {
    fs.closeSync(fd);
  }
}

function paintStamp(luma, index) {
  const { block, bits, guards } = STAMP;
  const values = [1, 0];
  for (let b = bits - 1; b >= 0; b--) values.push((index >> b) & 1);
  for (let r = 0; r < block * 2; r++) {
    for (let x = 0; x < STAMP_WIDTH; x++) {
      // The block row sits in the middle of a white margin, away from the scaler's edge.
      const inRow = r >= block / 2 && r < block * 1.5;
      const k = Math.floor(x / block);
      luma[r * WIDTH + x] = inRow && values[k] ? BLACK : WHITE;
    }
  }
  if (values.length !== guards + bits) throw new Error('stamp layout');
}

/**
 * Page-side reader of the stamp, as a function source for page.evaluate / init scripts:
 * (source: CanvasImageSource) => frame index, or -1 when the corner holds no stamp.
 */
export const readStampSource = `(() => {
  const { block, bits, guards } = ${JSON.stringify(STAMP)};
  const width = block * (guards + bits);
  const canvas = new OffscreenCanvas(width, block * 2);
  const ctx = canvas.getContext('2d', { willReadFrequently: true });
  return (source) => {
    ctx.drawImage(source, 0, 0, width, block * 2, 0, 0, width, block * 2);
    const px = ctx.getImageData(0, block, width, 1).data;
    const bit = (k) => (px[4 * (k * block + block / 2)] < 128 ? 1 : 0);
    if (bit(0) !== 1 || bit(1) !== 0) return -1;
    let index = 0;
    for (let k = guards; k < guards + bits; k++) index = index * 2 + bit(k);
    return index;
  };
})()`;
