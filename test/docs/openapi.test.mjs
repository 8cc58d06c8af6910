// docs/openapi.json and docs/protocol.md describe the same protocol.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { test } from 'node:test';

const read = (name) => fs.readFileSync(new URL(`../../docs/${name}`, import.meta.url), 'utf8');
const openapi = JSON.parse(read('openapi.json'));
const protocol = read('protocol.md');

test('openapi.json is OpenAPI 3.1 with every endpoint of the protocol.md table', () => {
  assert.equal(openapi.openapi, '3.1.0');
  const rows = [...protocol.matchAll(/^\| (GET|POST) \| `([^`?]+)(?:\?[^`]*)?` \|/gm)].map((m) => [m[1], m[2]]);
  assert.equal(rows.length, 12);
  for (const [method, path] of rows) {
    assert.ok(openapi.paths[path]?.[method.toLowerCase()], `${method} ${path} missing from openapi.json`);
  }
  const documented = Object.entries(openapi.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => [m.toUpperCase(), p]));
  assert.equal(documented.length, rows.length, 'openapi.json has endpoints protocol.md does not');
});

test('every operation requires the four signing headers and documents signed answers', () => {
  for (const ops of Object.values(openapi.paths)) {
    for (const op of Object.values(ops)) {
      const headers = op.parameters.filter((p) => p.in === 'header').map((p) => p.name).sort();
      assert.deepEqual(headers, ['Qrpos-Nonce', 'Qrpos-Signature', 'Qrpos-Terminal', 'Qrpos-Timestamp']);
      assert.ok(op.responses['200'].headers['Qrpos-Signature']);
      assert.ok(op.responses.default.headers['Qrpos-Signature']);
    }
  }
});

test('status, reason and error-code lists agree with protocol.md', () => {
  const s = openapi.components.schemas;
  for (const status of s.Trade.properties.status.enum) assert.match(protocol, new RegExp('`' + status + '`'));
  for (const reason of s.Trade.properties.reason.enum) assert.match(protocol, new RegExp('`' + reason + '`'));
  const codes = [...protocol.matchAll(/^\| \d{3} \| `([a-z_]+)` \|/gm)].map((m) => m[1]);
  assert.deepEqual([...s.ErrorBody.properties.error.properties.code.enum].sort(), codes.sort());
});
