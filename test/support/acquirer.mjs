// Starts the real sandbox acquirer (build/native/acquirer/qrpos-acquirer) on a free
// port with a fresh SQLite ledger in a temp dir, for HTTP tests and benchmarks.
//
//   startAcquirer({ demo = true, staticDir, dbPath, port = 0 })
//     dbPath: run on this ledger file (created if missing) instead of a fresh one in a
//             temp dir. The caller owns it: stop() and crash() never delete it, so a test
//             can start again on the same file. Without dbPath the temp dir is removed by
//             stop().
//   handle: { url, dbPath, pid, stderr(), stop(), crash() }
//     stop():  SIGTERM (SIGKILL after 5 s), wait for exit, remove the temp dir if ours.
//     crash(): SIGKILL at once and wait for the exit (no graceful shutdown, no cleanup:
//              the ledger stays as the kill left it). stop() may still be called after it
//              to remove our temp dir.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findSecrets } from './secrets.mjs';

const binary =
  process.env.QRPOS_ACQUIRER_BIN ??
  fileURLToPath(new URL('../../build/native/acquirer/qrpos-acquirer', import.meta.url));
const START_TIMEOUT_MS = 10_000;
const STOP_TIMEOUT_MS = 5_000;

export async function startAcquirer({ demo = true, staticDir, dbPath: givenDbPath, port = 0 } = {}) {
  if (!fs.existsSync(binary)) {
    throw new Error(`${binary} is missing: build it with \`cmake --build --preset native\``);
  }
  // Our own temp dir only when no ledger file was given; a given file is the caller's.
  const dir = givenDbPath ? undefined : fs.mkdtempSync(path.join(os.tmpdir(), 'qrpos-acquirer-'));
  const dbPath = givenDbPath ? path.resolve(givenDbPath) : path.join(dir, 'ledger.db');
  const args = ['--port', String(port), '--db', dbPath];
  if (demo) args.push('--demo');
  if (staticDir) args.push('--static', staticDir);

  const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  let stdout = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk) => (stderr += chunk));
  child.stdout.setEncoding('utf8');
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let hasExited = false;
  exited.then(() => (hasExited = true));

  const removeDir = () => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  };

  let url;
  try {
    url = await new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        child.kill('SIGKILL');
        reject(
          new Error(
            `qrpos-acquirer did not report "listening on" within ${START_TIMEOUT_MS} ms\nstdout: ${stdout}\nstderr: ${stderr}`,
          ),
        );
      }, START_TIMEOUT_MS);
      child.stdout.on('data', (chunk) => {
        stdout += chunk;
        const match = /listening on (http:\/\/\S+)/.exec(stdout);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      });
      child.once('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`cannot start ${binary}: ${err.message}\nstderr: ${stderr}`));
      });
      exited.then(({ code, signal }) => {
        clearTimeout(timer);
        // Let the last stderr chunk arrive before reporting.
        setImmediate(() =>
          reject(
            new Error(
              `qrpos-acquirer exited before listening (code ${code}, signal ${signal})\nstderr: ${stderr}`,
            ),
          ),
        );
      });
    });
  } catch (err) {
    if (!hasExited) {
      child.kill('SIGKILL');
      await exited;
    }
    removeDir();
    throw err;
  }

  let stopping;
  let crashing;
  return {
    url,
    dbPath,
    pid: child.pid,
    stderr: () => stderr,
    crash() {
      crashing ??= (async () => {
        if (!hasExited) {
          child.kill('SIGKILL');
          await exited;
        }
      })();
      return crashing;
    },
    /** Stops the server; rejects if its log showed a payment code, key or signature in full. */
    stop() {
      stopping ??= (async () => {
        if (!hasExited) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          await exited;
          clearTimeout(timer);
        }
        removeDir();
        const leaks = findSecrets(stdout + stderr);
        if (leaks.length) throw new Error(`the acquirer's log holds secrets in full:\n${leaks.join('\n')}`);
      })();
      return stopping;
    },
  };
}

// Runs `sqlite3 -json dbPath sql` and returns the parsed rows ([] when none).
export function ledgerRows(dbPath, sql) {
  const out = execFileSync('sqlite3', ['-json', dbPath, sql], { encoding: 'utf8' }).trim();
  return out === '' ? [] : JSON.parse(out);
}
