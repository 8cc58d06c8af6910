// docs/security.md audits by hand what ships to the browser (npm audit cannot reach its
// endpoint from the build network). This keeps that table honest: every runtime package
// in package-lock.json must be listed there at its locked version.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);
const lock = JSON.parse(fs.readFileSync(new URL('package-lock.json', root), 'utf8'));
const doc = fs.readFileSync(new URL('docs/security.md', root), 'utf8');

function auditedVersions() {
  const audited = new Map();
  for (const line of doc.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length > 3 && /^\d+\.\d+\.\d+/.test(cells[2])) audited.set(cells[1], cells[2]);
  }
  return audited;
}

test('every package that ships to the browser is in the audit table at its locked version', () => {
  const runtime = Object.entries(lock.packages)
    .filter(([where, info]) => where.startsWith('node_modules/') && !info.dev && !info.devOptional)
    .map(([where, info]) => [
      where.slice(where.lastIndexOf('node_modules/') + 'node_modules/'.length),
      info.version,
    ]);
  assert.ok(runtime.length > 0, 'package-lock.json lists no runtime packages');
  const audited = auditedVersions();
  for (const [name, version] of runtime) {
    assert.equal(
      audited.get(name),
      version,
      `${name}@${version} ships to the browser but docs/security.md audits ${audited.get(name) ?? 'nothing'}`,
    );
  }
});
