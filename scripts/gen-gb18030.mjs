// Generates the GB18030 tables for core/src/gb18030.cpp from the ICU data behind
// Node's TextDecoder('gb18030') (the WHATWG gb18030 decoder), so no table is ever
// copied by hand. Run by CMake at build time; the outputs live in the build dir.
//
//   node scripts/gen-gb18030.mjs <table.inc> <fixture.inc>
//
// table.inc:   kTwoByte[23940]  two-byte code -> BMP code point, 0 where the code is
//                               not canonical (it decodes to a character that has an
//                               earlier code, so encoding could never produce it);
//              kFourByteRanges  runs of four-byte linear indexes 0..39419 that decode
//                               to consecutive BMP code points, canonical codes only.
// fixture.inc: kFixture         2,000 pseudo-random code points with their bytes, each
//                               checked here by decoding the bytes with TextDecoder.
// Supplementary code points are algorithmic from 0x90308130; that is verified here for
// all 1,048,576 of them, and the generator fails if anything is off.
import fs from 'node:fs';
import path from 'node:path';

const [tableOut, fixtureOut] = process.argv.slice(2);
if (!tableOut || !fixtureOut) {
  console.error('usage: node scripts/gen-gb18030.mjs <table.inc> <fixture.inc>');
  process.exit(2);
}

const decoder = new TextDecoder('gb18030', { fatal: true });
if (decoder.encoding !== 'gb18030') throw new Error(`TextDecoder has no gb18030 (${decoder.encoding})`);

function fail(msg) {
  console.error(`gen-gb18030: ${msg}`);
  process.exit(1);
}

// One code point, or null where the decoder rejects the bytes.
function decodeOne(bytes) {
  let s;
  try {
    s = decoder.decode(Uint8Array.from(bytes));
  } catch {
    return null;
  }
  const cps = [...s].map((c) => c.codePointAt(0));
  return cps.length === 1 ? cps[0] : null;
}

const hex = (n, w = 4) => '0x' + n.toString(16).toUpperCase().padStart(w, '0');

// --- two-byte codes: lead 0x81..0xFE, trail 0x40..0x7E, 0x80..0xFE ---------------
const TRAILS = [];
for (let t = 0x40; t <= 0xfe; t++) if (t !== 0x7f) TRAILS.push(t);
const twoByte = new Array(126 * TRAILS.length).fill(0);
const twoByteCode = new Map(); // code point -> first (canonical) two-byte code
let dropped = [];
for (let lead = 0x81; lead <= 0xfe; lead++) {
  TRAILS.forEach((trail, i) => {
    const code = (lead << 8) | trail;
    const cp = decodeOne([lead, trail]);
    if (cp === null || cp < 0x80 || cp > 0xffff) return dropped.push(hex(code));
    // The encoder emits the first code for a character; a later one never round-trips.
    if (twoByteCode.has(cp)) return dropped.push(`${hex(code)}(=${hex(cp)})`);
    twoByteCode.set(cp, code);
    twoByte[(lead - 0x81) * TRAILS.length + i] = cp;
  });
}

// --- four-byte BMP codes 0x81308130..0x8431A439 (linear index 0..39419) -----------
const fourBytes = (linear) => {
  const b4 = linear % 10;
  const b3 = Math.floor(linear / 10) % 126;
  const b2 = Math.floor(linear / 1260) % 10;
  const b1 = Math.floor(linear / 12600);
  return [0x81 + b1, 0x30 + b2, 0x81 + b3, 0x30 + b4];
};
const ranges = []; // { linear, cp, length }, by linear index
const fourByteLinear = new Map(); // code point -> linear index
let skippedFour = [];
for (let linear = 0; linear < 39420; linear++) {
  const cp = decodeOne(fourBytes(linear));
  // A four-byte code for a character that has a two-byte code is a decode-only alias.
  if (cp === null || cp < 0x80 || cp > 0xffff || twoByteCode.has(cp) || fourByteLinear.has(cp)) {
    skippedFour.push(linear);
    continue;
  }
  fourByteLinear.set(cp, linear);
  const last = ranges[ranges.length - 1];
  if (last && last.linear + last.length === linear && last.cp + last.length === cp) last.length++;
  else ranges.push({ linear, cp, length: 1 });
}
if (decodeOne(fourBytes(39420)) !== null) fail('0x8431A530 decodes: the BMP area is larger than expected');

// --- supplementary planes: 0x90308130 + (cp - 0x10000), checked in one pass ---------
const SUPP_BASE = 189000; // linear index of 0x90308130
{
  const count = 0x110000 - 0x10000;
  const buf = new Uint8Array(count * 4);
  for (let i = 0; i < count; i++) buf.set(fourBytes(SUPP_BASE + i), i * 4);
  const s = decoder.decode(buf);
  let i = 0;
  for (const ch of s) {
    if (ch.codePointAt(0) !== 0x10000 + i) fail(`supplementary ${hex(0x10000 + i, 6)} is not algorithmic`);
    i++;
  }
  if (i !== count) fail(`supplementary decode gave ${i} code points, expected ${count}`);
  if (decodeOne(fourBytes(SUPP_BASE + count)) !== null) fail('0xE3329A36 decodes');
}

// --- coverage: which BMP code points have no canonical code at all ----------------
const unmappable = [];
for (let cp = 0x80; cp <= 0xffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  if (!twoByteCode.has(cp) && !fourByteLinear.has(cp)) unmappable.push(cp);
}
if (unmappable.length > 64) fail(`${unmappable.length} BMP code points unmappable; decoder looks wrong`);

// --- fixture: pseudo-random code points, bytes checked by TextDecoder ---------------
function encodeRef(cp) {
  if (cp < 0x80) return [cp];
  if (twoByteCode.has(cp)) return [twoByteCode.get(cp) >> 8, twoByteCode.get(cp) & 0xff];
  if (fourByteLinear.has(cp)) return fourBytes(fourByteLinear.get(cp));
  if (cp >= 0x10000) return fourBytes(SUPP_BASE + cp - 0x10000);
  return null;
}
let seed = 0x18030;
const next = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
const fixture = [];
while (fixture.length < 2000) {
  // Mostly BMP (where the tables are), a quarter supplementary.
  const cp = next() % 4 === 0 ? 0x10000 + (next() % 0x100000) : next() % 0x10000;
  const bytes = encodeRef(cp);
  if (bytes === null) continue; // surrogates and the unmappable few
  if (decodeOne(bytes) !== cp)
    fail(`fixture ${hex(cp)} -> ${bytes.map((b) => hex(b, 2))} does not decode back`);
  fixture.push({ cp, bytes });
}

// --- output ----------------------------------------------------------------------
const header = (what) =>
  `// GENERATED by scripts/gen-gb18030.mjs from TextDecoder('gb18030') (Node ${process.version}, ` +
  `ICU ${process.versions.icu}). Do not edit.\n// ${what}\n`;
const rows = (items, perLine) => {
  const out = [];
  for (let i = 0; i < items.length; i += perLine)
    out.push('    ' + items.slice(i, i + perLine).join(', ') + ',');
  return out.join('\n');
};

const table =
  header(
    `two-byte codes dropped as non-canonical: ${dropped.join(' ') || 'none'}; ` +
      `four-byte BMP codes skipped: ${skippedFour.length}; unmappable BMP code points: ` +
      `${unmappable.map((c) => 'U+' + c.toString(16).toUpperCase()).join(' ')}`,
  ) +
  `constexpr std::size_t kTwoByteCount = ${twoByte.length};\n` +
  `constexpr std::uint16_t kTwoByte[kTwoByteCount] = {\n${rows(
    twoByte.map((c) => hex(c)),
    12,
  )}\n};\n` +
  `constexpr FourByteRange kFourByteRanges[] = {\n` +
  `${rows(
    ranges.map((r) => `{${r.linear}, ${hex(r.cp)}, ${r.length}}`),
    4,
  )}\n};\n`;

const fixtureText =
  header('Fixture: {code point, byte count, bytes}; each checked by decoding with TextDecoder.') +
  `constexpr FixtureCase kFixture[] = {\n` +
  `${rows(
    fixture.map(
      ({ cp, bytes }) => `{${hex(cp, 6)}, ${bytes.length}, {${bytes.map((b) => hex(b, 2)).join(', ')}}}`,
    ),
    3,
  )}\n};\n`;

for (const [file, text] of [
  [tableOut, table],
  [fixtureOut, fixtureText],
]) {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
}
console.log(
  `gen-gb18030: ${twoByteCode.size} two-byte, ${ranges.length} four-byte ranges, ` +
    `${unmappable.length} unmappable, ${fixture.length} fixture cases`,
);
