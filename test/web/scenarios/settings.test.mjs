// web/src/ui/scenarios/settings.ts: the merchant's member and lookup patterns, saved
// and overridden by the page (element attributes, the kiosk's URL).
import assert from 'node:assert/strict';
import test from 'node:test';
import {
  DEFAULT_SCENARIOS,
  MAX_LOOKUPS,
  normalise,
  parseLookupList,
  withOverrides,
} from '../../../build/web-unit/scenario-settings.js';

test('a lookup list: space-separated, an optional kind first, bills by default', () => {
  assert.deepEqual(parseLookupList('TK-######## room:RM-### bill:BILL@@######'), [
    { label: 'bill', pattern: 'TK-########' },
    { label: 'room', pattern: 'RM-###' },
    { label: 'bill', pattern: 'BILL@@######' },
  ]);
  assert.deepEqual(parseLookupList('ticket:TK-#'), [{ label: 'ticket', pattern: 'TK-#' }]);
  assert.deepEqual(parseLookupList('  '), []);
  assert.equal(parseLookupList('A# B# C# D# E#').length, MAX_LOOKUPS);
});

test('overrides win over the saved settings only where the page sets them', () => {
  const saved = {
    memberPattern: 'VIP##########',
    lookups: [{ pattern: 'RM-###', label: 'room' }],
    lookupSource: 'host',
  };
  assert.deepEqual(withOverrides(saved, {}), saved);
  assert.deepEqual(withOverrides(saved, { memberPattern: 'M####', lookupSource: 'acquirer' }), {
    memberPattern: 'M####',
    lookups: saved.lookups,
    lookupSource: 'acquirer',
  });
  assert.deepEqual(withOverrides(saved, { lookupPatterns: '' }).lookups, []);
  // A source the terminal does not know keeps the saved one.
  assert.equal(withOverrides(saved, { lookupSource: 'elsewhere' }).lookupSource, 'host');
});

test('a stored value that is missing or odd comes back usable', () => {
  assert.deepEqual(normalise(undefined), DEFAULT_SCENARIOS);
  assert.deepEqual(
    normalise({
      memberPattern: 7,
      lookups: [{ pattern: '' }, { pattern: 'TK-#', label: 'boat' }, null],
      lookupSource: 'x',
    }),
    { memberPattern: '', lookups: [{ pattern: 'TK-#', label: 'bill' }], lookupSource: 'acquirer' },
  );
});
