// The app's version, as the heartbeat reports it: package.json's, read at build time
// (Vite inlines just this field, not the file).
import { version } from '../../../package.json';

export const APP_VERSION = `qrpos-web/${version}`;
