// What bench/live.mjs puts into the kiosk page, as init-script source (it runs before
// the kiosk's own scripts). The kiosk is the shipped build (web/dist), unchanged: the
// probe only wraps the global Worker so it sees each frame the camera controller posts
// to the scanner worker and each result coming back.
//
// window.__live:
//   posts:   [seq, performance.now() at postMessage, file frame index (-1: not read), ms reading it]
//   results: [seq, performance.now() on arrival, worker's decode ms, 1 if a code was read]
//   shown:   per video frame presented (requestVideoFrameCallback), see watchVideo
// It leans on camera.ts's side of the worker protocol: a worker whose URL names
// scanner-worker, posted { frame, seq } and answering { seq, texts, ms } via onmessage.
// With `strip` the codes are taken out of the results before the kiosk sees them, so it
// stays on the scan screen instead of paying; camera.ts does nothing else with the text.
import { readStampSource } from './live-video.mjs';

export function probeScript({ strip = true, stamps = false } = {}) {
  return `(() => {
  const live = (window.__live = { posts: [], results: [], shown: [], workers: 0 });
  const readStamp = ${stamps ? readStampSource : 'null'};
  const Native = window.Worker;
  const onmessage = Object.getOwnPropertyDescriptor(Native.prototype, 'onmessage')
    ?? Object.getOwnPropertyDescriptor(Object.getPrototypeOf(Native.prototype), 'onmessage');
  class ProbedWorker extends Native {
    constructor(url, options) {
      super(url, options);
      this.probed = /scanner-worker/.test(String(url));
      if (this.probed) live.workers++;
    }
    postMessage(message, transfer) {
      if (this.probed && message && message.frame) {
        const at = performance.now();
        const index = readStamp ? readStamp(message.frame) : -1;
        live.posts.push([message.seq, at, index, performance.now() - at]);
      }
      return super.postMessage(message, transfer);
    }
    set onmessage(handler) {
      if (!this.probed || typeof handler !== 'function') return onmessage.set.call(this, handler);
      onmessage.set.call(this, (event) => {
        const r = event.data;
        const read = r.texts.length > 0;
        live.results.push([r.seq, performance.now(), r.ms, read ? 1 : 0]);
        handler(${strip} && read ? { data: { ...r, texts: [] } } : event);
      });
    }
    get onmessage() {
      return onmessage.get.call(this);
    }
  }
  window.Worker = ProbedWorker;
})();`;
}

/**
 * Page function (for page.evaluate): records every frame the kiosk's <video> presents
 * into __live.shown as [presentedFrames, mediaTime s, presentationTime, expectedDisplayTime,
 * captureTime (or -1), callback time, file frame index (-1: not read)].
 */
export const watchVideoSource = `(() => {
  const video = document.querySelector('qrpos-terminal').shadowRoot.querySelector('video');
  const readStamp = ${readStampSource};
  const shown = window.__live.shown;
  const onFrame = (now, m) => {
    shown.push([m.presentedFrames, m.mediaTime, m.presentationTime, m.expectedDisplayTime,
      m.captureTime ?? -1, now, readStamp(video)]);
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
  const track = video.srcObject.getVideoTracks()[0];
  return { settings: track.getSettings(), hasStats: Boolean(track.stats) };
})()`;

/** Page function: the camera track's frame counters (MediaStreamTrackVideoStats). */
export const trackStatsSource = `(() => {
  const video = document.querySelector('qrpos-terminal').shadowRoot.querySelector('video');
  const s = video.srcObject?.getVideoTracks()[0]?.stats;
  return s ? { total: s.totalFrames, delivered: s.deliveredFrames, discarded: s.discardedFrames, at: performance.now() } : null;
})()`;

/**
 * Page function: how long the main thread is held by grabbing the current camera frame
 * as the controller does (createImageBitmap(video), its synchronous part) and as a
 * VideoFrame would be (new VideoFrame(video), which wraps the frame without converting
 * it). 40 of each, one per animation frame; returns the ms of each call.
 */
export const grabCostSource = `(async () => {
  const video = document.querySelector('qrpos-terminal').shadowRoot.querySelector('video');
  const out = { imageBitmap: [], videoFrame: [] };
  const nextFrame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  for (let i = 0; i < 40; i++) {
    await nextFrame();
    let t = performance.now();
    const bitmap = createImageBitmap(video);
    out.imageBitmap.push(performance.now() - t);
    (await bitmap).close();
    await nextFrame();
    t = performance.now();
    const frame = new VideoFrame(video);
    out.videoFrame.push(performance.now() - t);
    frame.close();
  }
  return out;
})()`;
