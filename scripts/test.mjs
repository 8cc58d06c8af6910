// `npm test`: builds what is stale, then runs every suite and ends with one line
// "N passed, N failed". Suites: native GoogleTest (ctest), the same under ASan + UBSan,
// the wasm module in Node, web units,
// the acquirer over HTTP, and the kiosk end to end in headless Chromium.
import { spawnSync } from 'node:child_process';
import { buildAll, root } from './build.mjs';

const suites = [
  {
    name: 'native (GoogleTest via ctest)',
    cmd: 'ctest',
    args: ['--preset', 'native', '--output-on-failure'],
  },
  {
    name: 'native under AddressSanitizer + UndefinedBehaviorSanitizer (ctest)',
    cmd: 'ctest',
    args: ['--preset', 'asan', '--output-on-failure'],
  },
  {
    name: 'wasm, web units, acquirer and docs (node:test)',
    cmd: 'node',
    args: ['--test', '--test-reporter=spec', 'test/wasm/', 'test/web/', 'test/acquirer/', 'test/docs/'],
  },
  {
    name: 'end to end (Chromium)',
    cmd: 'node',
    args: ['--test', '--test-reporter=spec', '--test-concurrency=1', 'test/e2e/'],
  },
];

function counts(output) {
  const ctest = /(\d+)% tests passed, (\d+) tests failed out of (\d+)/.exec(output);
  if (ctest) return { passed: Number(ctest[3]) - Number(ctest[2]), failed: Number(ctest[2]) };
  const pass = /^[ℹ#] pass (\d+)/m.exec(output);
  const fail = /^[ℹ#] fail (\d+)/m.exec(output);
  const cancelled = /^[ℹ#] cancelled (\d+)/m.exec(output);
  if (pass && fail) return { passed: Number(pass[1]), failed: Number(fail[1]) + Number(cancelled?.[1] ?? 0) };
  return undefined;
}

let passed = 0;
let failed = 0;
const started = Date.now();
try {
  await buildAll();
} catch (e) {
  console.error(`[test] build failed: ${e.message}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}
for (const suite of suites) {
  console.log(`\n[test] ${suite.name}`);
  const r = spawnSync(suite.cmd, suite.args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const output = (r.stdout ?? '') + (r.stderr ?? '');
  process.stdout.write(output);
  const c = counts(output);
  if (!c) {
    console.log(
      `[test] ${suite.name}: no test summary found (exit ${r.status ?? r.signal}); counted as 1 failure`,
    );
    failed += 1;
    continue;
  }
  if (r.status !== 0 && c.failed === 0) c.failed = 1; // a crash after the summary still fails
  passed += c.passed;
  failed += c.failed;
  console.log(`[test] ${suite.name}: ${c.passed} passed, ${c.failed} failed`);
}
console.log(`\n[test] finished in ${((Date.now() - started) / 1000).toFixed(0)} s`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed === 0 ? 0 : 1);
