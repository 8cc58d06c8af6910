// Runs the built qrpos-acquirer with any flags and environment, for the HTTP tests
// of its admin, fault and operations features (test/acquirer/{admin,faults,
// operations}.test.mjs). test/support/acquirer.mjs starts the plain sandbox; this
// follows its pattern for flags that helper does not pass.
//
//   startOwn({ args, env, dir })  -> { url, dir, dbPath, stderr(), stop() }
//       dir: a temp folder (made when not given, removed by stop() when ours);
//       the ledger is dir/ledger.db unless args hold --db or env QRPOS_DB.
//   runCli(args, { env })         -> { status, stdout, stderr } (spawnSync)
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSecrets } from './secrets.mjs';

export const binary =
  process.env.QRPOS_ACQUIRER_BIN ??
  fileURLToPath(new URL('../../build/native/acquirer/qrpos-acquirer', import.meta.url));

export const tempDir = () => fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-own-'));

// The test runner's environment without QRPOS_* settings, so a developer's shell
// cannot change what a test starts.
function cleanEnv(extra) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('QRPOS_')));
  return { ...env, ...extra };
}

export function runCli(args, { env = {} } = {}) {
  const r = spawnSync(binary, args, { env: cleanEnv(env), encoding: 'utf8', timeout: 20_000 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

// secretsShown: values a test itself put on the command line or asked the server to
// print (an admin token it chose), which may rightly appear in the output.
export async function startOwn({ args = [], env = {}, dir: givenDir, secretsShown = [] } = {}) {
  const dir = givenDir ?? tempDir();
  const dbPath = path.join(dir, 'ledger.db');
  const fullArgs = args.includes('--db') || 'QRPOS_DB' in env ? [...args] : ['--db', dbPath, ...args];
  if (!fullArgs.includes('--port') && !('QRPOS_PORT' in env)) fullArgs.push('--port', '0');
  const child = spawn(binary, fullArgs, { env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (c) => (stderr += c));
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));
  let done = false;
  exited.then(() => (done = true));
  const url = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no "listening on" in 10 s\n${stderr}`)), 10_000);
    child.stdout.on('data', (c) => {
      stdout += c;
      const m = /listening on (https?:\/\/\S+)/.exec(stdout);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    exited.then((code) => {
      clearTimeout(timer);
      setImmediate(() => reject(new Error(`acquirer exited (${code}) before listening\n${stderr}`)));
    });
  }).catch(async (err) => {
    if (!done) child.kill('SIGKILL');
    throw err;
  });
  return {
    url,
    dir,
    dbPath,
    stderr: () => stderr,
    async stop() {
      if (!done) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
        await exited;
        clearTimeout(timer);
      }
      if (!givenDir) fs.rmSync(dir, { recursive: true, force: true });
      const leaks = findSecrets(stdout + stderr, { allow: secretsShown });
      if (leaks.length) throw new Error(`the acquirer's log holds secrets in full:\n${leaks.join('\n')}`);
    },
  };
}
