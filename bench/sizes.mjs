// Transfer sizes of what the kiosk loads: raw, gzip -9 and brotli (quality 11) of each
// asset's bytes as they are on disk (web/dist), or as served when there is no file
// (qrpos-config.json is made by the acquirer). Servers compress on the fly at lower
// levels, so these are the best a deployment can get from static pre-compression.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';

export function compressedSizes(bytes) {
  return {
    raw: bytes.length,
    gzip: zlib.gzipSync(bytes, { level: 9 }).length,
    brotli: zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: 11,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    }).length,
  };
}

/**
 * Records every successful response of `context` (pages and their workers) under the
 * phase current when it arrived: call `phase(name)` before each step.
 */
export function assetRecorder(context, origin, distDir) {
  const seen = new Map(); // url path -> { path, phase, bytes }
  let current = 'boot';
  const pending = [];
  const onResponse = (res) => {
    const url = new URL(res.url());
    if (url.origin !== origin || res.status() >= 300 || seen.has(url.pathname)) return;
    // API calls are traffic, not assets: only what the kiosk needs to run counts.
    if (url.pathname.startsWith('/v1/') || url.pathname.startsWith('/demo/')) return;
    const entry = { path: url.pathname, phase: current, bytes: undefined };
    seen.set(url.pathname, entry);
    const file = path.join(distDir, url.pathname === '/' ? 'index.html' : url.pathname);
    if (file.startsWith(distDir) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      entry.bytes = fs.readFileSync(file);
      entry.onDisk = true;
    } else {
      pending.push(
        res
          .body()
          .then((b) => (entry.bytes = b))
          .catch(() => (entry.bytes = Buffer.alloc(0))),
      );
    }
  };
  context.on('response', onResponse);
  return {
    phase(name) {
      current = name;
    },
    async assets() {
      await Promise.all(pending);
      context.off('response', onResponse);
      return [...seen.values()].map((e) => ({ ...e, ...compressedSizes(e.bytes) }));
    },
  };
}

const kb = (n) => (n / 1000).toFixed(1);

function kindOf(p) {
  return path.extname(p).slice(1) || 'html';
}

/** The per-asset table and the cumulative totals, as Markdown. */
export function sizeMarkdown(assets, phases) {
  const rows = assets
    .slice()
    .sort((a, b) => phases.indexOf(a.phase) - phases.indexOf(b.phase) || b.gzip - a.gzip)
    .map(
      (a) =>
        `| ${a.phase} | \`${a.path.replace(/^\/assets\//, '')}\`${a.onDisk ? '' : ' (served)'} | ${kindOf(a.path)} | ${kb(a.raw)} | ${kb(a.gzip)} | ${kb(a.brotli)} |`,
    );
  const totals = phases.map((_, i) => {
    const upTo = assets.filter((a) => phases.indexOf(a.phase) <= i);
    const sum = (k) => upTo.reduce((s, a) => s + a[k], 0);
    return `| ${phases.slice(0, i + 1).join(' + ')} | ${upTo.length} | ${kb(sum('raw'))} | ${kb(sum('gzip'))} | ${kb(sum('brotli'))} |`;
  });
  return [
    '| loaded in | asset | type | raw KB | gzip -9 KB | brotli 11 KB |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
    '| totals (cumulative) | files | raw KB | gzip -9 KB | brotli 11 KB |',
    '|---|---|---|---|---|',
    ...totals,
  ].join('\n');
}

export function totalOf(assets, key, filter = () => true) {
  return assets.filter(filter).reduce((s, a) => s + a[key], 0);
}
