// The npm package a merchant portal installs (build/package, scripts/build-package.mjs):
// packed and installed like a registry download, its types checked by tsc in a consumer
// project, and its wasm files and scanner worker shipped as files the code can find.
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const PKG = fileURLToPath(new URL('../../build/package', import.meta.url));
const TSC = fileURLToPath(new URL('../../node_modules/typescript/bin/tsc', import.meta.url));

const CONSUMER = `import { QrposTerminalElement } from '@qrpos/terminal';
import type { PaidDetail } from '@qrpos/terminal';
const el = document.createElement('qrpos-terminal');
el.addEventListener('qrpos-paid', (e) => {
  const d: PaidDetail = e.detail;
  console.log(d.outTradeNo);
});
const same: QrposTerminalElement = el;
void same.pay({ amount: 1234, orderId: 'A-1' });
`;
// Must not compile: proves the event detail is typed, not any.
const WRONG = `import '@qrpos/terminal';
const el = document.createElement('qrpos-terminal');
el.addEventListener('qrpos-paid', (e) => {
  const n: number = e.detail;
  console.log(n);
});
`;

let dir, tarball, packed;

function tsc(project) {
  return spawnSync(process.execPath, [TSC, '-p', project], { cwd: dir, encoding: 'utf8' });
}

function writeTsconfig(name, files, module) {
  const compilerOptions = { strict: true, noEmit: true, target: 'ES2022', lib: ['ES2022', 'DOM'], types: [] };
  Object.assign(
    compilerOptions,
    module === 'bundler'
      ? { module: 'ESNext', moduleResolution: 'Bundler' }
      : { module: 'NodeNext', moduleResolution: 'NodeNext' },
  );
  fs.writeFileSync(path.join(dir, name), JSON.stringify({ compilerOptions, files }));
}

before(() => {
  assert.ok(
    fs.existsSync(path.join(PKG, 'package.json')),
    'build/package is missing: run node scripts/build.mjs',
  );
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-package-'));
  const out = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
    cwd: PKG,
    encoding: 'utf8',
  });
  [packed] = JSON.parse(out);
  tarball = path.join(dir, packed.filename);
  fs.writeFileSync(
    path.join(dir, 'package.json'),
    JSON.stringify({ name: 'portal', private: true, type: 'module' }),
  );
  execFileSync('npm', ['install', '--offline', '--no-audit', '--no-fund', tarball], {
    cwd: dir,
    stdio: 'pipe',
  });
  fs.writeFileSync(path.join(dir, 'consumer.ts'), CONSUMER);
  fs.writeFileSync(path.join(dir, 'wrong.ts'), WRONG);
});

after(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

test('the tarball is @qrpos/terminal with the wasm files, the worker and the types', () => {
  assert.equal(packed.name, '@qrpos/terminal');
  const files = packed.files.map((f) => f.path);
  assert.ok(files.includes('dist/index.js'));
  assert.ok(files.includes('types/index.d.ts'));
  assert.ok(
    files.some((f) => /^dist\/assets\/qrpos_core-[\w-]+\.wasm$/.test(f)),
    files.join('\n'),
  );
  assert.ok(
    files.some((f) => /^dist\/assets\/zxing_reader-[\w-]+\.wasm$/.test(f)),
    files.join('\n'),
  );
  assert.ok(
    files.some((f) => /^dist\/assets\/scanner-worker-[\w-]+\.js$/.test(f)),
    files.join('\n'),
  );
  const pkg = JSON.parse(
    fs.readFileSync(path.join(dir, 'node_modules/@qrpos/terminal/package.json'), 'utf8'),
  );
  assert.equal(pkg.type, 'module');
  assert.equal(pkg.license, 'UNLICENSED');
  assert.deepEqual(pkg.exports['.'], { types: './types/index.d.ts', import: './dist/index.js' });
  assert.equal(pkg.dependencies, undefined, 'everything is bundled: no runtime dependencies');
});

test('every asset URL in the bundle points at a file the package ships', () => {
  const distDir = path.join(dir, 'node_modules/@qrpos/terminal/dist');
  const urls = [];
  for (const f of fs.readdirSync(distDir, { recursive: true }).filter((f) => f.endsWith('.js'))) {
    const text = fs.readFileSync(path.join(distDir, f), 'utf8');
    for (const m of text.matchAll(/new URL\(`([^`]+)`,\s*import\.meta\.url\)/g)) {
      urls.push(m[1]);
      assert.ok(
        fs.existsSync(path.resolve(distDir, path.dirname(f), m[1])),
        `${f} refers to missing ${m[1]}`,
      );
    }
  }
  assert.ok(
    urls.some((u) => u.endsWith('.wasm')) && urls.some((u) => u.includes('scanner-worker')),
    urls.join(),
  );
  assert.ok(!fs.readFileSync(path.join(distDir, 'index.js'), 'utf8').includes('data:application/wasm'));
});

test('a portal written in TypeScript type-checks against the package', () => {
  for (const module of ['bundler', 'nodenext']) {
    writeTsconfig(`tsconfig.${module}.json`, ['consumer.ts'], module);
    const r = tsc(`tsconfig.${module}.json`);
    assert.equal(r.status, 0, `${module}:\n${r.stdout}${r.stderr}`);
  }
  writeTsconfig('tsconfig.wrong.json', ['wrong.ts'], 'bundler');
  const wrong = tsc('tsconfig.wrong.json');
  assert.notEqual(wrong.status, 0, 'qrpos-paid detail assigned to number compiled: the event is untyped');
  assert.match(wrong.stdout, /PaidDetail/);
});
