// The installable offline shell as a Vite plugin: the web app manifest, its icons
// (drawn here, so no binary sits in git) and the service worker with this build's
// file list. Used by vite.config.ts.
import type { Plugin } from 'vite';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

const THEME = '#0b5d1e'; // --primary in src/ui/styles.css
const ICON_GRID = 21; // a version-1 QR code's modules: three finder patterns and a few dots

/** Whether module (x, y) of the icon is light: finder patterns and a sprinkle, drawn white on the theme. */
function iconLight(x: number, y: number): boolean {
  const finder = (fx: number, fy: number) => {
    const dx = x - fx;
    const dy = y - fy;
    if (dx < 0 || dy < 0 || dx > 6 || dy > 6) return undefined;
    const ring = Math.max(Math.abs(dx - 3), Math.abs(dy - 3));
    return ring === 3 || ring <= 1;
  };
  const f = finder(0, 0) ?? finder(14, 0) ?? finder(0, 14);
  if (f !== undefined) return f;
  return x > 7 && y > 7 && (x * 7 + y * 13) % 5 === 0;
}

/** The icon as a PNG of `size` pixels, with a safe margin for maskable crops. */
function iconPng(size: number): Buffer {
  const margin = Math.round(size * 0.2);
  const cell = (size - 2 * margin) / ICON_GRID;
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0, then RGB
    for (let x = 0; x < size; x++) {
      const gx = Math.floor((x - margin) / cell);
      const gy = Math.floor((y - margin) / cell);
      const inside = gx >= 0 && gy >= 0 && gx < ICON_GRID && gy < ICON_GRID;
      const rgb = inside && iconLight(gx, gy) ? [255, 255, 255] : [0x0b, 0x5d, 0x1e];
      row.set(rgb, 1 + x * 3);
    }
    rows.push(row);
  }
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(zlib.crc32(body), 8 + data.length);
    return out;
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB, no interlace
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function iconSvg(): string {
  const cells: string[] = [];
  for (let y = 0; y < ICON_GRID; y++)
    for (let x = 0; x < ICON_GRID; x++) if (iconLight(x, y)) cells.push(`M${x + 6} ${y + 6}h1v1h-1z`);
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 33 33"><rect width="33" height="33" fill="${THEME}"/><path fill="#fff" d="${cells.join('')}"/></svg>\n`;
}

const MANIFEST = {
  name: '扫码收款 qrpos',
  short_name: 'qrpos',
  description: '扫码收款终端 / QR payment terminal',
  lang: 'zh-CN',
  start_url: './',
  scope: './',
  id: './',
  display: 'fullscreen',
  display_override: ['fullscreen', 'standalone'],
  background_color: '#ffffff',
  theme_color: THEME,
  icons: [
    { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any maskable' },
    { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any maskable' },
    { src: 'icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
  ],
};

/**
 * The installable offline shell: writes the manifest and icons, links the manifest
 * from the kiosk page only, and builds src/sw.ts into sw.js with this build's file
 * list and a version hashed from their contents on top, so the list is never kept by
 * hand and any changed byte is a new version.
 */
export function offlineShell(): Plugin {
  return {
    name: 'qrpos-offline-shell',
    apply: 'build',
    buildStart() {
      this.emitFile({ type: 'chunk', id: page('src/sw.ts'), fileName: 'sw.js' });
      this.emitFile({
        type: 'asset',
        fileName: 'manifest.webmanifest',
        source: JSON.stringify(MANIFEST, null, 1),
      });
      this.emitFile({ type: 'asset', fileName: 'icons/icon-192.png', source: iconPng(192) });
      this.emitFile({ type: 'asset', fileName: 'icons/icon-512.png', source: iconPng(512) });
      this.emitFile({ type: 'asset', fileName: 'icons/icon.svg', source: iconSvg() });
    },
    transformIndexHtml(_html, ctx) {
      if (!ctx.filename.endsWith('/index.html')) return [];
      return [
        { tag: 'link', attrs: { rel: 'manifest', href: './manifest.webmanifest' }, injectTo: 'head' },
        {
          tag: 'link',
          attrs: { rel: 'icon', href: './icons/icon.svg', type: 'image/svg+xml' },
          injectTo: 'head',
        },
        { tag: 'meta', attrs: { name: 'theme-color', content: THEME }, injectTo: 'head' },
      ];
    },
    // After Vite's own HTML plugin has written the pages into the bundle.
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const sw = bundle['sw.js'];
        if (sw?.type !== 'chunk') return this.error('sw.js was not built');
        if (sw.imports.length || sw.dynamicImports.length)
          return this.error(`sw.js must stand alone (a classic worker script), it imports ${sw.imports}`);
        // The kiosk page and every file the build made. The other pages (portal, embed,
        // strict-CSP demo) are not part of the offline shell; their few small scripts
        // are, since telling them apart would take the module graph. The tools module
        // (reconciliation, online only) is left to load from the network when used.
        const files = Object.keys(bundle)
          .filter((f) => f !== 'sw.js' && !/^(portal|embed|csp)\.html$/.test(f))
          .filter((f) => !/(^|\/)qrpos_tools-[\w-]+\.(js|wasm)$/.test(f))
          .sort();
        const hash = createHash('sha256');
        for (const f of files) {
          const out = bundle[f];
          hash.update(f).update(out.type === 'chunk' ? out.code : out.source);
        }
        hash.update(sw.code);
        const shell = { version: hash.digest('hex').slice(0, 12), files };
        sw.code = `const QRPOS_SHELL = ${JSON.stringify(shell)};\n${sw.code}`;
      },
    },
  };
}
