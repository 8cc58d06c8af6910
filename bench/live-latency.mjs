// From the probe's records of a looping "scene, then code" video to one row per
// appearance of the code: when its first frame was presented, when the first result
// with the code came back from the worker, and what happened in between.
import { FPS } from './live-video.mjs';

const FRAME_MS = 1000 / FPS;

/** Adds `g`, the frame's number since the stream started, to stamped records in order. */
function unwrap(records, indexOf, loopFrames) {
  let loop = 0;
  let prev = -1;
  const out = [];
  for (const r of records) {
    const index = indexOf(r);
    if (index < 0) continue;
    if (index < prev - loopFrames / 2) loop++;
    prev = index;
    out.push({ r, index, g: loop * loopFrames + index });
  }
  return out;
}

/**
 * rec: takeRecords() output (shown, posts, results); video: makeVideo() output with
 * one 'code' segment. Returns { rows, presentedFps, missed, framesSeen }.
 */
export function appearanceLatencies(rec, video) {
  const loopFrames = video.frames;
  const code = video.segments.find((s) => s.scene === 'code');
  // shown: [presentedFrames, mediaTime, presentationTime, expectedDisplayTime, captureTime, now, index]
  const shown = unwrap(rec.shown, (s) => s[6], loopFrames);
  if (shown.length < 2)
    throw new Error(`the page saw ${shown.length} stamped video frames: is the stamp readable?`);
  const postBySeq = new Map(rec.posts.map((p) => [p[0], { at: p[1], index: p[2] }]));
  const reads = rec.results.filter((r) => r[3] === 1);
  const rows = [];
  let missed = 0;
  const loops = Math.floor(shown.at(-1).g / loopFrames);
  for (let loop = 0; loop <= loops; loop++) {
    const target = loop * loopFrames + code.first;
    const last = loop * loopFrames + code.last;
    // Only appearances the page watched from before they began, and saw to their end.
    if (!shown.some((s) => s.g < target) || !shown.some((s) => s.g > last)) continue;
    const first = shown.find((s) => s.g >= target && s.g <= last);
    if (!first) continue;
    // A frame the page did not get a callback for is placed by the frame clock.
    const behind = (first.g - target) * FRAME_MS;
    const appeared = first.r[2] - behind;
    const captured = first.r[4] >= 0 ? first.r[4] - behind : NaN;
    const gone = appeared + (code.last - code.first + 1) * FRAME_MS;
    const hit = reads.find((r) => r[1] > appeared);
    if (!hit || postBySeq.get(hit[0])?.at > gone) {
      missed++;
      continue;
    }
    const post = postBySeq.get(hit[0]);
    const tried = rec.posts.filter((p) => p[1] >= appeared && p[1] < post.at).length;
    rows.push({
      ms: hit[1] - appeared,
      fromCaptureMs: hit[1] - captured,
      waitMs: post.at - appeared,
      roundTripMs: hit[1] - post.at,
      decodeMs: hit[2],
      framesLate: post.index >= 0 ? post.index - code.first : NaN,
      tried,
      placed: first.g !== target,
    });
  }
  const span = shown.at(-1).g - shown[0].g;
  const presentedFps = (span / (shown.at(-1).r[2] - shown[0].r[2])) * 1000;
  const capture = shown.filter((s) => s.r[4] >= 0).map((s) => s.r[2] - s.r[4]);
  return {
    rows,
    missed,
    presentedFps,
    framesSeen: shown.length,
    framesSpan: span + 1,
    captureToPresentMs: capture,
  };
}
