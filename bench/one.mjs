// Runs one benchmark (bench/<name>.mjs) and stores its result in build/bench/<name>.json
// for bench/run.mjs to compose. Also usable alone: `node bench/one.mjs decode` (after
// `npm run build`), which leaves BENCHMARKS.md alone.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const name = process.argv[2];
if (!name || !fs.existsSync(path.join(root, 'bench', `${name}.mjs`))) {
  console.error(`usage: node bench/one.mjs NAME (bench/NAME.mjs must exist)`);
  process.exit(2);
}

const started = Date.now();
const progress = (msg) => console.log(`[bench:${name}] ${msg}`);
const mod = await import(`./${name}.mjs`);
const result = await mod.bench({ progress });
for (const key of ['title', 'method', 'markdown']) {
  if (typeof result?.[key] !== 'string' || !result[key])
    throw new Error(`bench/${name}.mjs returned no ${key}`);
}
const record = {
  ...result,
  goals: result.goals ?? [],
  when: new Date(started).toISOString().replace(/\.\d+Z$/, 'Z'),
  seconds: Math.round((Date.now() - started) / 1000),
};
fs.mkdirSync(path.join(root, 'build/bench'), { recursive: true });
fs.writeFileSync(path.join(root, 'build/bench', `${name}.json`), JSON.stringify(record, null, 2));
progress(`result in build/bench/${name}.json`);
// Browsers and servers a benchmark left behind must not keep the process alive.
process.exit(0);
