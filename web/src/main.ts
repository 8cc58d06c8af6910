// Kiosk entry: the page is one <qrpos-terminal>; configuration comes from the
// deployment's qrpos-config.json next to the page.
import './ui/element';
import './page.css';

const terminal = document.querySelector('qrpos-terminal')!;
void terminal.ready.finally(() => (document.body.dataset.ready = 'true'));
