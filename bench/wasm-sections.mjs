// What a .wasm's bytes are: gzip -9 size per section, and, when the module keeps its
// function names (link with --profiling-funcs), code bytes per origin (nlohmann-json,
// libsodium, libc++, the core, the Embind glue ...). Used by bench/end-to-end.mjs for the
// section split, and alone to see where the core's size goes:
//
//   node bench/wasm-sections.mjs build/size-exp/wasm/qrpos_core.wasm
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const SECTION_NAMES = [
  'custom',
  'type',
  'import',
  'function',
  'table',
  'memory',
  'global',
  'export',
  'start',
  'element',
  'code',
  'data',
  'datacount',
];

function reader(bytes, at) {
  let pos = at;
  return {
    get pos() {
      return pos;
    },
    skip: (n) => (pos += n),
    byte: () => bytes[pos++],
    leb() {
      let result = 0;
      let shift = 0;
      let b;
      do {
        b = bytes[pos++];
        result += (b & 0x7f) * 2 ** shift;
        shift += 7;
      } while (b & 0x80);
      return result;
    },
    name() {
      const n = this.leb();
      pos += n;
      return bytes.subarray(pos - n, pos).toString('utf8');
    },
  };
}

/** [{ name, raw, gzip, body }] for every section. */
export function sections(bytes) {
  const out = [];
  const r = reader(bytes, 8);
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.leb();
    const start = r.pos;
    let name = SECTION_NAMES[id] ?? `section ${id}`;
    if (id === 0) name = `custom "${reader(bytes, start).name()}"`;
    const body = bytes.subarray(start, start + size);
    out.push({ name, raw: size, gzip: gzipSync(body, { level: 9 }).length, body });
    r.skip(size);
  }
  return out;
}

// Function names from the "name" section's function subsection, by function index.
function functionNames(bytes, all) {
  const names = new Map();
  const section = all.find((s) => s.name === 'custom "name"');
  if (!section) return names;
  const r = reader(section.body, 0);
  r.name();
  while (r.pos < section.body.length) {
    const kind = r.byte();
    const size = r.leb();
    const end = r.pos + size;
    if (kind === 1) {
      for (let n = r.leb(); n > 0; n--) names.set(r.leb(), r.name());
    }
    r.skip(end - r.pos);
  }
  return names;
}

// Function indices count imported functions first: the code section starts after them.
function importedFunctions(all) {
  const section = all.find((s) => s.name === 'import');
  if (!section) return 0;
  const r = reader(section.body, 0);
  const limits = () => (r.byte() & 1 ? [r.leb(), r.leb()] : [r.leb()]);
  let functions = 0;
  for (let n = r.leb(); n > 0; n--) {
    r.name(); // module
    r.name(); // field
    const kind = r.byte();
    if (kind === 0) {
      functions += 1;
      r.leb(); // type index
    } else if (kind === 1) {
      r.byte(); // table element type
      limits();
    } else if (kind === 2) {
      limits(); // memory
    } else if (kind === 3) {
      r.skip(2); // global type and mutability
    }
  }
  return functions;
}

const ORIGINS = [
  ['nlohmann-json', (n) => n.includes('nlohmann::')],
  ['Embind runtime', (n) => /emscripten::|_embind_|EmscriptenBindingInitializer/.test(n)],
  [
    'libsodium',
    (n) =>
      /^(crypto_|ge25519|fe25519|sc25519|blake2b|SHA(256|512)|randombytes|sodium|_crypto|stream_ref|escrypt)/.test(
        n,
      ),
  ],
  ['qrpos core (core/src)', (n) => n.includes('qrpos::')],
  ['Embind glue (wasm/bind_*.cpp)', (n) => n.startsWith('(anonymous namespace)')],
  ['libc++', (n) => n.includes('std::') || n.includes('__cxxabiv1')],
  [
    'printf, strtod, long double',
    (n) =>
      /printf|fmt_|pop_arg|strto|floatscan|shgetc|shlim|scalbn|fmodl|copysignl|frexp|__\w+tf\d?$|__\w+ti3$/.test(
        n,
      ),
  ],
  ['malloc', (n) => /malloc|dlfree|dispose_chunk|sbrk|^free$|realloc|memalign|emmalloc/.test(n)],
];

/** Code bytes per origin: [{ origin, bytes, functions }], largest first (empty without names). */
export function codeByOrigin(bytes) {
  const all = sections(bytes);
  const names = functionNames(bytes, all);
  const code = all.find((s) => s.name === 'code');
  if (!names.size || !code) return [];
  const base = importedFunctions(all);
  const totals = new Map();
  const r = reader(code.body, 0);
  const count = r.leb();
  for (let i = 0; i < count; i++) {
    const size = r.leb();
    const body = code.body.subarray(r.pos, r.pos + size);
    r.skip(size);
    const name = names.get(base + i) ?? '';
    const origin = (ORIGINS.find(([, test]) => test(name)) ?? ['other (libc, ctors, ...)'])[0];
    const t = totals.get(origin) ?? { origin, bytes: 0, functions: 0, bodies: [] };
    t.bytes += size;
    t.functions += 1;
    t.bodies.push(body);
    totals.set(origin, t);
  }
  // gzip of one origin's code alone: its share of the compressed code, roughly.
  return [...totals.values()]
    .map(({ bodies, ...t }) => ({ ...t, gzip: gzipSync(Buffer.concat(bodies), { level: 9 }).length }))
    .sort((a, b) => b.bytes - a.bytes);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bytes = fs.readFileSync(process.argv[2]);
  console.log('| section | raw bytes | gzip -9 bytes |\n|---|---|---|');
  for (const s of sections(bytes)) console.log(`| ${s.name} | ${s.raw} | ${s.gzip} |`);
  const origins = codeByOrigin(bytes);
  if (origins.length) {
    const total = origins.reduce((a, o) => a + o.bytes, 0);
    console.log('\n| code from | bytes | share | gzip -9 alone | functions |\n|---|---|---|---|---|');
    for (const o of origins) {
      const share = ((100 * o.bytes) / total).toFixed(1);
      console.log(`| ${o.origin} | ${o.bytes} | ${share}% | ${o.gzip} | ${o.functions} |`);
    }
  }
}
