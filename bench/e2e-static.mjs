// The kiosk served as a deployment would serve it, to tell the app's own load time from
// the sandbox acquirer's file serving (which brotli-compresses every JS response on the
// fly at quality 11 and sends no cache headers): web/dist from memory, pre-compressed
// once (brotli 11, else gzip 9, when the browser accepts it), hashed /assets/ cacheable
// for a year; every other path (API, qrpos-config.json) proxied to the acquirer so the
// page keeps one origin.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.json': 'application/json',
};

function loadFiles(distDir) {
  const files = new Map();
  const walk = (dir) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else {
        const raw = fs.readFileSync(full);
        files.set('/' + path.relative(distDir, full).split(path.sep).join('/'), {
          raw,
          br: brotliCompressSync(raw, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
          gzip: gzipSync(raw, { level: 9 }),
          type: TYPES[path.extname(full)] ?? 'application/octet-stream',
        });
      }
    }
  };
  walk(distDir);
  return files;
}

function proxy(req, res, upstream) {
  const out = http.request(upstream + req.url, { method: req.method, headers: req.headers }, (up) => {
    res.writeHead(up.statusCode, up.headers);
    up.pipe(res);
  });
  out.on('error', () => res.writeHead(502).end());
  req.pipe(out);
}

/** Starts the server on a free port; resolves to { url, stop() }. */
export async function startStaticKiosk(distDir, upstream) {
  const files = loadFiles(distDir);
  const server = http.createServer((req, res) => {
    const pathname = new URL(req.url, 'http://x').pathname;
    const file = files.get(pathname === '/' ? '/index.html' : pathname);
    if (!file || req.method !== 'GET') return proxy(req, res, upstream);
    const accepts = String(req.headers['accept-encoding'] ?? '');
    const encoding = accepts.includes('br') ? 'br' : accepts.includes('gzip') ? 'gzip' : undefined;
    const body = encoding ? file[encoding] : file.raw;
    res.writeHead(200, {
      'Content-Type': file.type,
      'Content-Length': body.length,
      ...(encoding && { 'Content-Encoding': encoding }),
      'Cache-Control': pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    res.end(body);
  });
  server.keepAliveTimeout = 5000;
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stop: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(resolve);
      }),
  };
}
