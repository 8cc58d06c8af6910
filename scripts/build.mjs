// Builds what is stale: native (core, acquirer, tests), WebAssembly core, web bundle.
// Make does the C++ staleness; the web bundle is rebuilt when an input is newer.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildWebUnits } from './build-web-unit.mjs';

export const root = fileURLToPath(new URL('..', import.meta.url));
const env = { ...process.env, NODE_PATH: '/usr/share/nodejs' }; // emcc needs Debian's acorn

function say(msg) {
  console.log(`[build] ${msg}`);
}

export function run(cmd, args, { quiet = false } = {}) {
  const r = spawnSync(cmd, args, { cwd: root, env, encoding: 'utf8', stdio: quiet ? 'pipe' : 'inherit' });
  if (r.status !== 0) {
    if (quiet) process.stderr.write((r.stdout ?? '') + (r.stderr ?? ''));
    throw new Error(`${cmd} ${args.join(' ')} failed (exit ${r.status ?? r.signal})`);
  }
  return r.stdout ?? '';
}

function newestMtime(p) {
  if (!fs.existsSync(p)) return 0;
  const st = fs.statSync(p);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(0, ...fs.readdirSync(p).map((f) => newestMtime(path.join(p, f))));
}

function cmake(preset) {
  const t0 = Date.now();
  if (!fs.existsSync(path.join(root, 'build', preset, 'CMakeCache.txt'))) {
    say(`${preset}: configuring`);
    run('cmake', ['--preset', preset], { quiet: true });
  }
  say(`${preset}: compiling what changed`);
  run('cmake', ['--build', '--preset', preset], { quiet: true });
  say(`${preset}: up to date (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

function web() {
  const out = path.join(root, 'web/dist/index.html');
  const inputs = [
    'web/src',
    'web/index.html',
    'web/embed.html',
    'web/portal.html',
    'web/csp.html',
    'web/vite.config.ts',
    'build/wasm/wasm',
    'package-lock.json',
  ];
  const newest = Math.max(...inputs.map((p) => newestMtime(path.join(root, p))));
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest) return say('web: up to date, skipping');
  say('web: type-checking and bundling');
  run('npx', ['tsc', '-p', 'web', '--noEmit'], { quiet: true });
  run('npx', ['vite', 'build', '--config', 'web/vite.config.ts'], { quiet: true });
  say('web: bundled into web/dist');
}

async function webUnits() {
  const out = path.join(root, 'build/web-unit/.stamp');
  const inputs = ['web/src', 'scripts/build-web-unit.mjs', 'package-lock.json'];
  const newest = Math.max(...inputs.map((p) => newestMtime(path.join(root, p))));
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest) return say('web units: up to date, skipping');
  await buildWebUnits(root);
  fs.writeFileSync(out, '');
  say('web units: bundled into build/web-unit');
}

// The npm package (scripts/build-package.mjs); package.json is written last, so it is the stamp.
async function npmPackage() {
  const { buildPackage, packageInputs } = await import('./build-package.mjs');
  const out = path.join(root, 'build/package/package.json');
  const newest = Math.max(...packageInputs.map((p) => newestMtime(path.join(root, p))));
  if (fs.existsSync(out) && fs.statSync(out).mtimeMs >= newest) return say('package: up to date, skipping');
  say('package: bundling @qrpos/terminal');
  await buildPackage();
  say('package: built into build/package');
}

export async function buildAll() {
  cmake('native');
  cmake('asan'); // the same native tests again under AddressSanitizer + UBSan
  cmake('wasm');
  web();
  await npmPackage();
  await webUnits();
}

/** What `npm run bench` runs: the product builds, not the sanitizer build or the package. */
export async function buildForBench() {
  cmake('native');
  cmake('wasm');
  web();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    await buildAll();
  } catch (e) {
    console.error(`[build] ERROR: ${e.message}`);
    process.exit(1);
  }
}
