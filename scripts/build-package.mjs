// Builds build/package: the npm package @qrpos/terminal, i.e. <qrpos-terminal> for a
// merchant portal's own bundler. One ES module plus its chunks, the two .wasm files and
// the scanner worker as files beside it (found through import.meta.url, so they stay
// same-origin and CSP-friendly), and .d.ts files for the public API.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

// Not imported from build.mjs: build.mjs imports this module while its own top-level
// await is pending, and importing it back would never settle.
const root = fileURLToPath(new URL('..', import.meta.url));

function tsc(args) {
  const r = spawnSync('npx', ['tsc', ...args], { cwd: root, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`tsc ${args.join(' ')} failed:\n${r.stdout}${r.stderr}`);
}

const out = path.join(root, 'build/package');

export const packageInputs = [
  'web/src',
  'web/tsconfig.json',
  'build/wasm/wasm',
  'package.json',
  'package-lock.json',
  'scripts/build-package.mjs',
];

async function bundle() {
  await build({
    configFile: false,
    root: path.join(root, 'web'),
    base: './',
    logLevel: 'warn',
    resolve: { alias: { '@qrpos/core-wasm': path.join(root, 'build/wasm/wasm') } },
    worker: { format: 'es' },
    build: {
      outDir: path.join(out, 'dist'),
      emptyOutDir: true,
      target: 'es2022',
      // Not build.lib: library mode inlines every ?url asset as a base64 data: URL
      // whatever assetsInlineLimit says, so ~2 MB of wasm would ride inside the JS and
      // a portal's CSP would have to allow data:. An app build with a JS entry keeps
      // them files, with paths relative to import.meta.url (base './').
      assetsInlineLimit: 0,
      modulePreload: false,
      reportCompressedSize: false,
      copyPublicDir: false,
      rolldownOptions: {
        input: { index: path.join(root, 'web/src/ui/element.ts') },
        preserveEntrySignatures: 'exports-only',
        output: { entryFileNames: '[name].js' },
      },
    },
  });
}

// Declarations: tsc emits element.ts and everything it reaches; the package keeps only
// what its public entry reaches (index.d.ts), with '.js' on relative imports so
// consumers on moduleResolution node16/nodenext resolve them as well as bundlers do.
function declarations() {
  const types = path.join(out, 'types');
  // web/tsconfig.json's settings (paths for the wasm module's types), only the public entry.
  const tsconfig = path.join(root, 'build/package-tsconfig.json');
  const src = (f) => path.join(root, 'web/src', f);
  const config = {
    extends: path.join(root, 'web/tsconfig.json'),
    compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: src('') },
    files: [src('vite-env.d.ts'), src('ui/element.ts'), src('ui/api.ts')],
    include: [],
  };
  fs.writeFileSync(tsconfig, JSON.stringify(config));
  tsc(['-p', tsconfig, '--outDir', types]);
  fs.writeFileSync(
    path.join(types, 'index.d.ts'),
    "export { QrposTerminalElement } from './ui/element';\nexport type * from './ui/api';\n",
  );
  const keep = new Set();
  const visit = (file) => {
    if (keep.has(file)) return;
    keep.add(file);
    const text = fs
      .readFileSync(file, 'utf8')
      .replace(/(from '|import\(')(\.{1,2}\/[^']+?)(?:\.js)?'/g, (_, lead, spec) => {
        visit(path.resolve(path.dirname(file), `${spec}.d.ts`));
        return `${lead}${spec}.js'`;
      });
    fs.writeFileSync(file, text);
  };
  visit(path.join(types, 'index.d.ts'));
  for (const f of fs.readdirSync(types, { recursive: true })) {
    const full = path.join(types, f);
    if (f.endsWith('.d.ts') && !keep.has(full)) fs.rmSync(full);
  }
  for (const d of fs.readdirSync(types)) {
    const full = path.join(types, d);
    if (fs.statSync(full).isDirectory() && fs.readdirSync(full).length === 0) fs.rmdirSync(full);
  }
}

function manifest() {
  const rootPkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const pkg = {
    name: '@qrpos/terminal',
    version: rootPkg.version,
    description: '<qrpos-terminal>: a QR-code payment terminal as one custom element.',
    license: 'UNLICENSED',
    type: 'module',
    sideEffects: true, // importing the module defines the custom element
    main: './dist/index.js',
    types: './types/index.d.ts',
    exports: {
      '.': { types: './types/index.d.ts', import: './dist/index.js' },
      './package.json': './package.json',
    },
    files: ['dist', 'types'],
  };
  fs.writeFileSync(path.join(out, 'package.json'), JSON.stringify(pkg, null, 2) + '\n');
}

/** Builds the package from scratch. */
export async function buildPackage() {
  fs.rmSync(out, { recursive: true, force: true });
  await bundle();
  declarations();
  manifest();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const t0 = Date.now();
  await buildPackage();
  console.log(`[build] package: build/package (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}
