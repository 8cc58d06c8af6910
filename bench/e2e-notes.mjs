// The size analysis behind the end-to-end goals: profiled once by hand (these builds are
// not part of `npm run bench`), so it carries its date. Redo it with
// `cmake --preset wasm -B build/size-exp -DCMAKE_EXE_LINKER_FLAGS=--profiling-funcs`,
// `cmake --build build/size-exp --target qrpos_core_wasm` and
// `node bench/wasm-sections.mjs build/size-exp/wasm/qrpos_core.wasm`.
export const SIZE_NOTES = `
### Where the core .wasm's bytes go (profiled 2026-11-26, sources of that day)

Core builds with the same sources, name section stripped; node:zlib gzip -9 / brotli 11 of the whole file, KB:

| core .wasm build | raw | gzip -9 | brotli 11 |
|---|---|---|---|
| before (\`-Oz\`, dlmalloc) | 326.9 | 156.5 | 129.9 |
| + \`-sMALLOC=emmalloc\` | 319.2 | 153.6 | 127.6 |
| + \`-flto\` (compile and link, LTO system libraries) | 299.3 | 146.2 | 122.4 |
| + \`-fno-rtti -fno-exceptions -DEMSCRIPTEN_HAS_UNBOUND_TYPE_NAMES=0\` | 296.4 | 145.1 | 121.3 |
| before, then \`wasm-opt -Oz --converge\` (binaryen 108) | 325.2 | −0.8 | — |
| \`-flto\` + emmalloc, without the bindings the kiosk never calls: \`parseMpm\`, \`buildMpm\`, \`encodeMpm\`, \`crc16\`, \`parseCpm\`, \`maskPan\` | 254.7 | 127.5 | 107.5 |
| the same, also without \`parseMessage\` (**what is built now**: these seven are the qrpos_tools module) | 247.7 | 125.0 | 105.7 |
| the same with \`-fno-rtti -fno-exceptions\` | 244.9 | 124.8 | 105.1 |

With \`-flto -sMALLOC=emmalloc\` the receipt module goes from 100.2 to 94.2 KB gzip as well. All 60
\`test/wasm\` tests pass on that pair of modules. Code of the \`-flto\` + emmalloc build by origin (function
names from \`--profiling-funcs\`; "gzip alone" compresses that origin's function bodies by themselves):

| code from | raw KB | gzip alone KB |
|---|---|---|
| qrpos core (core/src, with the JSON handling inlined into it) | 64.8 | 28.3 |
| Embind glue (wasm/bind_*.cpp: JSON in, DTOs out) | 41.7 | 18.2 |
| nlohmann-json (out-of-line: lexer, parser, serializer, two instantiations) | 49.1 | 17.4 |
| libsodium (Ed25519, X25519, BLAKE2b, SHA-2) | 40.4 | 16.7 |
| printf, strtod and soft-float long double (nlohmann's float parsing; 3 snprintf calls) | 14.6 | 7.2 |
| libc++ | 14.6 | 6.4 |
| other libc, static constructors | 7.7 | 4.1 |
| Embind runtime | 5.0 | 2.0 |
| emmalloc (dlmalloc: 9.1 KB raw) | 0.9 | 0.5 |

The data section is 56.7 KB raw, 40.3 KB gzip: libsodium's Ed25519 base-point table (30.8 KB of random-looking
bytes, about 28 KB gzip) and the error-message strings (13.4 KB). Compiler flags reach about 145 KB gzip. The
web app never called seven of the core's exports (above; only tests did, and the scan classifier uses the EMV C++
directly): they are now the separate qrpos_tools module (wasm/tools/), and with \`-flto\` and emmalloc the core
is ~126 KB. The last 6 KB need one more structural change: strtod and the
soft-float long double (7.2 KB gzip alone) come from nlohmann-json's float parsing, which \`sessionStep\` relies on
(\`get<double>()\`); a small purpose-built JSON reader and writer instead of nlohmann-json (the core needs objects,
arrays, strings, numbers and booleans) would remove them and most of the 17 KB of nlohmann code. libsodium's share
(about 45 KB gzip) stays whatever the flags.

### Whole kiosk

ZXing-C++'s reader (zxing-wasm 3.1.4, every format) is more than half of everything. Options, none built here:
a ZXing-C++ reader build with only the families the kiosk reads (\`ZXING_ENABLE_QRCODE\` and \`ZXING_ENABLE_1D\`, which
holds Code 128; Aztec, DataMatrix, MaxiCode and PDF417 off, no writers; the goal's note says how small its .wasm
must be to meet the goal by itself); brotli delivery (the brotli total is in the
table) meets it as things are. That build is not possible on this machine: Debian ships ZXing-C++ only as a
native library and zxing-wasm publishes no per-format reader (shared/toolchain.md). The service worker (issue 9)
precaches every file of the build except the tools module and the portal pages, so its fetches are in the "boot"
rows above: the first start downloads the whole kiosk once, every later start (and an offline one) reads it from
the worker's cache. The sandbox acquirer marks \`/assets/\` (content-hashed) immutable as well.
`;
