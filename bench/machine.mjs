// The "machine and versions" lines at the top of BENCHMARKS.md.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

function tryRun(cmd, args) {
  try {
    return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return 'not found';
  }
}

export function packageVersion(name) {
  try {
    // Read directly: packages with an "exports" map hide their package.json from resolve.
    return JSON.parse(fs.readFileSync(`${root}/node_modules/${name}/package.json`, 'utf8')).version;
  } catch {
    return 'not installed';
  }
}

function debianVersion(pkg) {
  return tryRun('dpkg-query', ['-W', '-f=${Version}', pkg]);
}

export function machineLines() {
  const cpus = os.cpus();
  const load = os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  return [
    `- machine: ${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, ${os.type()} ${os.release()}`,
    `- load average when the report was written (1/5/15 min): ${load}`,
    `- Node ${process.version}; Chromium ${debianVersion('chromium')}; Emscripten ${debianVersion('emscripten')}; g++ ${debianVersion('g++')}; libsodium ${debianVersion('libsodium-dev')} (native)`,
    `- npm: zxing-wasm ${packageVersion('zxing-wasm')}, @zxing/library ${packageVersion('@zxing/library')}, jsqr ${packageVersion('jsqr')}, libsodium-wrappers ${packageVersion('libsodium-wrappers')}, lean-qr ${packageVersion('lean-qr')}`,
  ];
}
