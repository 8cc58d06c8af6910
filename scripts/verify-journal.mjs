// `npm run verify-journal -- FILE [--acquirer URL --admin-token TOKEN]`: checks a
// terminal's tamper-evident journal export (docs/sandbox.md "Journal verification")
// with the tools module: every entry hash-chained to the one before and signed by the
// terminal key. With --acquirer the key is the one the terminal registered there, and
// the journal head of its latest heartbeat must be in the chain (a cut at the end is
// caught); without it the file's own key is used, which proves nothing against
// someone who rewrote the whole file. Exit 0: intact; 1: tampered (which entry, why);
// 2: could not check (bad arguments, unreadable file, unreachable acquirer).
import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const REASONS = {
  changed: ['内容被修改', 'changed: its contents do not match its hash'],
  bad_signature: ['签名无效', "bad signature: not signed by the terminal's key"],
  removed: ['记录被删除', 'removed: an entry before it is missing'],
  reordered: ['顺序被调换', 'reordered: out of order'],
  malformed: ['格式错误', 'malformed: not a journal entry'],
  empty: ['没有记录', 'empty: no entries'],
};

function fail(message) {
  console.error(`verify-journal: ${message}`);
  process.exit(2);
}

let args;
try {
  args = parseArgs({
    allowPositionals: true,
    options: {
      acquirer: { type: 'string' },
      'admin-token': { type: 'string', default: process.env.QRPOS_ADMIN_TOKEN },
    },
  });
} catch (e) {
  fail(e.message);
}
const [file] = args.positionals;
const { acquirer, 'admin-token': token } = args.values;
if (!file) fail('usage: verify-journal FILE [--acquirer URL --admin-token TOKEN]');
if (acquirer && !token) fail('--admin-token (or QRPOS_ADMIN_TOKEN) is required with --acquirer');

let exported;
try {
  exported = JSON.parse(fs.readFileSync(file, 'utf8'));
} catch (e) {
  fail(`cannot read ${file}: ${e.message}`);
}
if (typeof exported?.terminal_id !== 'string' || !Array.isArray(exported.chain)) {
  fail(`${file} is not a journal export ({terminal_id, public_key, chain: [entry lines]})`);
}

async function adminGet(path) {
  const res = await fetch(acquirer + path, { headers: { Authorization: `Bearer ${token}` } }).catch((e) =>
    fail(`cannot reach ${acquirer}: ${e.cause?.message ?? e.message}`),
  );
  if (!res.ok) fail(`the acquirer answered HTTP ${res.status} to ${path}`);
  return res.json();
}

let publicKey = exported.public_key;
let expectedHead;
if (acquirer) {
  const { terminals } = await adminGet('/admin/health.json');
  const registered = (await adminGet('/admin/terminals')).terminals.find(
    (t) => t.terminal_id === exported.terminal_id,
  );
  if (!registered) fail(`terminal ${exported.terminal_id} is not registered at ${acquirer}`);
  publicKey = registered.public_key;
  if (exported.public_key && exported.public_key !== publicKey) {
    console.log(
      '注意：文件中的公钥与终端注册的不同 / note: the key in the file is not the one the terminal registered',
    );
  }
  expectedHead =
    terminals.find((t) => t.terminal_id === exported.terminal_id)?.heartbeat?.journal_head ?? undefined;
} else {
  if (typeof publicKey !== 'string')
    fail(`${file} holds no public_key: pass --acquirer to use the registered one`);
  console.log(
    '警告：使用文件自带的公钥，无法发现整份文件被重写 / warning: using the key in the file itself, which cannot reveal a file rewritten as a whole (pass --acquirer)',
  );
}

const wasm = `${root}build/wasm/wasm/qrpos_tools.wasm`;
if (!fs.existsSync(wasm)) fail(`${wasm} is missing: run npm run build`);
const { default: createQrposTools } = await import(`${root}build/wasm/wasm/qrpos_tools.mjs`);
const tools = await createQrposTools({ wasmBinary: fs.readFileSync(wasm) });

function verify(lines, head) {
  const r = tools.verifyJournalChain(publicKey, JSON.stringify(lines), head ? JSON.stringify(head) : '');
  if (!r.ok) fail(`${r.error.code}: ${r.error.detail}`);
  return JSON.parse(r.value);
}

let report = verify(exported.chain);
// The latest heartbeat's head must be in the chain: the entry with its seq, and not beyond the end.
if (report.ok && expectedHead) {
  const upTo = exported.chain.slice(0, expectedHead.seq);
  report = verify(upTo, expectedHead);
  if (report.ok === false && report.problem === 'changed')
    report.detail = 'not the entry of the latest heartbeat';
}

console.log(`terminal ${exported.terminal_id}, ${exported.chain.length} entries / 条记录`);
if (expectedHead) console.log(`  latest heartbeat head / 最近心跳的链头: seq ${expectedHead.seq}`);
if (report.ok) {
  console.log('intact: chain and signatures valid / 完整：链与签名均有效');
  process.exit(0);
}
const [zh, en] = REASONS[report.problem] ?? [report.problem, report.problem];
console.log(
  `TAMPERED / 已被篡改: entry ${report.index + 1} (seq ${report.seq}): ${en} / 第 ${report.index + 1} 条：${zh}`,
);
console.log(`  ${report.detail}`);
process.exit(1);
