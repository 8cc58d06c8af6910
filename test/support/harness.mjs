// A throwaway page for testing web/src/sdk in real Chromium apart from the kiosk UI:
// an index.html and a harness.js (which imports from '@sdk/...') are built with Vite,
// so workers and their wasm are bundled the way the kiosk bundles them, and served
// from 127.0.0.1, a secure context.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const SDK = fileURLToPath(new URL('../../web/src/sdk/', import.meta.url));
const MIME = { '.html': 'text/html', '.js': 'text/javascript', '.wasm': 'application/wasm' };

async function buildHarness(dir, html, js) {
  fs.writeFileSync(path.join(dir, 'index.html'), html);
  fs.writeFileSync(path.join(dir, 'harness.js'), js);
  await build({
    configFile: false,
    logLevel: 'warn',
    root: dir,
    base: './',
    resolve: { alias: { '@sdk': SDK } },
    worker: { format: 'es' },
    // Wasm stays a file of its own, served as application/wasm, as in the kiosk's build.
    build: { outDir: path.join(dir, 'dist'), target: 'es2022', assetsInlineLimit: 0, minify: false },
  });
  return path.join(dir, 'dist');
}

function serve(root) {
  const server = http.createServer((req, res) => {
    const pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    const file = path.join(root, pathname.endsWith('/') ? `${pathname}index.html` : pathname);
    if (!file.startsWith(root) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': MIME[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }),
    ),
  );
}

/**
 * Builds `html` (the page, loading ./harness.js as a module) and `js` (harness.js) into
 * a temp folder and serves the result on 127.0.0.1. `dir` is that folder, for the test's
 * own files; close() stops the server and removes the folder.
 */
export async function openHarness({ html, js, prefix = 'qrpos-harness-' }) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  let server;
  try {
    const site = await serve(await buildHarness(dir, html, js));
    server = site.server;
    return {
      url: site.url,
      dir,
      async close() {
        await new Promise((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
}
