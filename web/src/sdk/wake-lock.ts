// Keeps a kiosk's screen on: a Screen Wake Lock, taken again whenever the page is
// shown again (the browser drops it when the page is hidden). Browsers without the
// API, or that refuse it (no user activation yet, battery saver), keep the system's
// screen settings: docs/kiosk.md says how to keep the screen on there.

/** Holds the screen on until the returned function is called. */
export function keepScreenOn(): () => void {
  let lock: WakeLockSentinel | undefined;
  let stopped = false;
  const acquire = async () => {
    if (stopped || document.visibilityState !== 'visible' || !('wakeLock' in navigator)) return;
    if (lock && !lock.released) return;
    try {
      lock = await navigator.wakeLock.request('screen');
    } catch {
      lock = undefined; // refused: the system's own screen timeout applies
    }
  };
  const onVisible = () => void acquire();
  document.addEventListener('visibilitychange', onVisible);
  // Some browsers grant it only after a user gesture: try again on the first touch.
  document.addEventListener('pointerdown', onVisible, { once: true });
  void acquire();
  return () => {
    stopped = true;
    document.removeEventListener('visibilitychange', onVisible);
    void lock?.release();
  };
}
