// Timing probes for bench/end-to-end.mjs, injected with context.addInitScript({ path })
// so they are in place before any kiosk script runs. Plain browser JavaScript. Every
// time is performance.now(): milliseconds since this page's navigation started.
//
// window.__probe:
//   ready      the element's `ready` resolved and the next frame was painted
//   defined    <qrpos-terminal> was defined (the kiosk's JS has run)
//   wasm[]     each WebAssembly instantiation { start, end } (fetch + compile + instantiate)
//   idbOpen[]  each indexedDB.open { start, end }
//   writes[]   each read-write IndexedDB transaction { start, end } (strict durability)
//   derive[]   each WebCrypto deriveBits { start, end } (the PIN's PBKDF2 hash)
//   enter      the last Enter key (the end of a scanner gun burst)
//   paid[]     one per "paid" screen: { enter, dom, painted }
(() => {
  if (typeof window === 'undefined') return; // workers have nothing to probe
  const now = () => performance.now();
  const probe = { wasm: [], idbOpen: [], writes: [], derive: [], paid: [] };
  window.__probe = probe;
  // Keep every fetch's timing, not just the first 250.
  performance.setResourceTimingBufferSize(1e6);

  // After the next frame: the screen as the cashier sees it.
  const afterPaint = (fn) => requestAnimationFrame(() => setTimeout(fn, 0));

  const timed = (list, promise) => {
    const entry = { start: now() };
    list.push(entry);
    return promise.then((v) => ((entry.end = now()), v));
  };
  for (const name of ['instantiateStreaming', 'instantiate']) {
    const original = WebAssembly[name];
    WebAssembly[name] = function (...args) {
      return timed(probe.wasm, original.apply(this, args));
    };
  }

  const deriveBits = SubtleCrypto.prototype.deriveBits;
  SubtleCrypto.prototype.deriveBits = function (...args) {
    return timed(probe.derive, deriveBits.apply(this, args));
  };

  const open = IDBFactory.prototype.open;
  IDBFactory.prototype.open = function (...args) {
    const req = open.apply(this, args);
    const entry = { start: now() };
    probe.idbOpen.push(entry);
    req.addEventListener('success', () => (entry.end = now()));
    return req;
  };
  const transaction = IDBDatabase.prototype.transaction;
  IDBDatabase.prototype.transaction = function (stores, mode, ...rest) {
    const tx = transaction.call(this, stores, mode, ...rest);
    if (mode === 'readwrite') {
      const entry = { start: now() };
      probe.writes.push(entry);
      tx.addEventListener('complete', () => (entry.end = now()));
    }
    return tx;
  };

  window.addEventListener(
    'keydown',
    (e) => {
      if (e.key === 'Enter') probe.enter = now();
    },
    true,
  );
  document.addEventListener('qrpos-state', (e) => {
    if (e.detail?.screen !== 'paid') return;
    const sample = { enter: probe.enter, dom: now() };
    afterPaint(() => {
      sample.painted = now();
      probe.paid.push(sample);
    });
  });

  customElements.whenDefined('qrpos-terminal').then(() => {
    probe.defined = now();
    document
      .querySelector('qrpos-terminal')
      .ready.then(() => afterPaint(() => (probe.ready = now())))
      .catch((e) => (probe.error = String(e)));
  });
})();
