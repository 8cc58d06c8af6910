// Issue 8 part 5: the sandbox acquirer under concurrent terminals, in the same report.
// The measurement is bench/acquirer_load.mjs's (see bench/README.md for where the time
// goes); here it runs with the ledger on disk, durability kept, at 1 to 64 connections.
import os from 'node:os';
import { loadCore } from '../test/support/core.mjs';
import { GOAL, fsOf, runOne, table } from './acquirer_load.mjs';

const CONNECTIONS = [1, 4, 16, 64];
const PAYMENTS = 2000;

export async function bench({ progress }) {
  const core = await loadCore();
  const results = [];
  for (const n of CONNECTIONS) {
    progress(`${n} connections, ${PAYMENTS} payments`);
    const r = await runOne(core, os.tmpdir(), n, PAYMENTS);
    progress(
      `  ${Math.round(r.perSecond)} payments/s, p99 ${r.p99.toFixed(1)} ms, ${r.payments - r.ok} errors`,
    );
    if (r.ledgerRows !== r.expectedRows)
      throw new Error(`ledger holds ${r.ledgerRows} payments, sent ${r.expectedRows}`);
    results.push(r);
  }
  const meets = results.filter(
    (r) => r.perSecond >= GOAL.paymentsPerSecond && r.p99 <= GOAL.p99Ms && r.ok === r.payments,
  );
  const best = results.reduce((a, b) => (b.perSecond > a.perSecond ? b : a));
  return {
    title: 'Acquirer: payments per second under concurrent terminals',
    method: `\`POST /v1/payments\` on the sandbox acquirer (real binary, SQLite WAL with
\`synchronous=FULL\`, ledger on ${fsOf(os.tmpdir())} in ${os.tmpdir()}), a fresh acquirer per row.
${PAYMENTS} payments per row, each a new sale with a new code from the demo terminal, signed and
sealed by the wasm core before the clock starts, sent over N keep-alive connections after a
warm-up that opens them; every answer verified after the clock stops, and the ledger must
hold every payment. Client and server share the machine's cores. The tmpfs comparison and the
analysis of where the time goes: \`node bench/acquirer_load.mjs\`, bench/README.md.`,
    goals: [
      {
        goal: `>= ${GOAL.paymentsPerSecond} payments/s with p99 <= ${GOAL.p99Ms} ms (acquirer issue)`,
        measured: `best ${Math.round(best.perSecond)}/s at ${best.connections} connections (p99 ${best.p99.toFixed(1)} ms)`,
        met: meets.length > 0,
        note: meets.length
          ? `met at ${meets.map((r) => r.connections).join(', ')} connections`
          : 'see the table: two cores shared by client and server',
      },
    ],
    markdown: table(results),
  };
}
