// Kiosk entry: the page is one <qrpos-terminal>; configuration comes from the
// deployment's qrpos-config.json next to the page. Only this page is a kiosk device:
// the offline shell (service worker), the screen kept on, no zoom or swipes. Portals
// that embed the element get none of it.
import './ui/element';
import './page.css';
import { lockKioskSurface } from './kiosk-surface';
import { ShellUpdater } from './sdk/shell-update';
import { keepScreenOn } from './sdk/wake-lock';

const terminal = document.querySelector('qrpos-terminal')!;
// ?idle=<seconds>: the idle reset for this kiosk, ?heartbeat=<seconds>: between its
// heartbeats (docs/kiosk.md); read once the app boots.
const query = new URLSearchParams(location.search);
const idle = query.get('idle');
if (idle !== null) terminal.setAttribute('idle-timeout', idle);
const heartbeat = query.get('heartbeat');
if (heartbeat !== null) terminal.setAttribute('heartbeat-interval', heartbeat);
// ?member=<pattern>&lookup=<pattern>[&lookup=...]&lookup-source=host|acquirer: this page's
// scenario patterns over the saved ones (tests, demos; docs/integration.md).
for (const [param, attribute] of [
  ['member', 'member-pattern'],
  ['lookup-source', 'lookup-source'],
]) {
  const value = query.get(param);
  if (value !== null) terminal.setAttribute(attribute, value);
}
if (query.has('lookup')) terminal.setAttribute('lookup-pattern', query.getAll('lookup').join(' '));
lockKioskSurface();
keepScreenOn();
void terminal.ready.finally(() => (document.body.dataset.ready = 'true'));

// The dev server has no sw.js: the offline shell exists in builds only.
if (import.meta.env.PROD) {
  const updater = new ShellUpdater({
    hold: () => terminal.holdForUpdate(),
    release: () => terminal.releaseHold(),
  });
  // Back on the start screen is the moment a waiting version may take over.
  terminal.addEventListener('qrpos-state', (e) => e.detail.screen === 'amount' && void updater.poke());
  void updater.start().then(async () => {
    await terminal.ready.catch(() => undefined);
    const version = await updater.justUpdatedTo();
    if (version) terminal.showUpdated(version);
  });
}
