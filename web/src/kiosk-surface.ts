// The kiosk page as a device, not a web page: full screen on the first touch, and no
// zoom, pull-to-refresh, swipe navigation, text selection or context menu a customer
// could stumble into. Kiosk page only (main.ts): a merchant portal that embeds the
// element keeps its own page behaviour. The CSS half is in page.css and styles.css.

export function lockKioskSurface(): void {
  // Kiosk browsers start full screen (--kiosk); a tablet browser needs a user gesture.
  const fullscreen = () => {
    if (!document.fullscreenElement && document.fullscreenEnabled)
      void document.documentElement.requestFullscreen({ navigationUI: 'hide' }).catch(() => undefined);
  };
  document.addEventListener('pointerdown', fullscreen, { once: true });

  const block = (e: Event) => e.preventDefault();
  // ctrl + wheel and trackpad pinches zoom the page; Safari sends gesture* for pinches.
  document.addEventListener('wheel', (e) => e.ctrlKey && e.preventDefault(), { passive: false });
  for (const type of ['gesturestart', 'gesturechange', 'gestureend'])
    document.addEventListener(type, block, { passive: false });
  // Two-finger touches: a pinch zoom where touch-action is not honoured.
  document.addEventListener('touchmove', (e) => e.touches.length > 1 && e.preventDefault(), {
    passive: false,
  });
  document.addEventListener('contextmenu', block);
  // Keyboard zoom (ctrl + / - / 0); the scanner gun never sends ctrl.
  document.addEventListener('keydown', (e) => {
    if ((e.ctrlKey || e.metaKey) && ['+', '-', '=', '0'].includes(e.key)) e.preventDefault();
  });
}
