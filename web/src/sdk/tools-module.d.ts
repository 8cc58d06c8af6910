// The raw Embind surface of qrpos_tools (wasm/tools/*.cpp): what a kiosk needs rarely
// or never — reconciliation (the Today screen), journal chain verification, EMV
// merchant- and consumer-presented QR and protocol message parsing (tests, tools, admin
// screens). The kiosk loads it lazily (web/src/sdk/tools.ts); the boot core
// (core-module.d.ts) leaves it all out to stay small.
// test/wasm/core.test.mjs checks the module's exports against tools-module*.d.ts.
import type { EmvCpmFunctions } from './tools-module-emv-cpm';
import type { EmvMpmFunctions } from './tools-module-emv-mpm';
import type { ToolsJournalChainFunctions } from './tools-module-journal-chain';
import type { MessagesFunctions } from './tools-module-messages';
import type { ReconcileFunctions } from './tools-module-reconcile';
export type * from './tools-module-emv-cpm';
export type * from './tools-module-emv-mpm';
export type * from './tools-module-journal-chain';
export type * from './tools-module-messages';
export type * from './tools-module-reconcile';

/** Everything the module exports: one `*Functions` interface per wasm/tools/bind_*.cpp file. */
export interface ToolsModule
  extends
    EmvMpmFunctions,
    EmvCpmFunctions,
    MessagesFunctions,
    ToolsJournalChainFunctions,
    ReconcileFunctions {}

export interface ToolsModuleOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
  /** libsodium's entropy source inside the module (it signs report requests; nothing seals) */
  getRandomValue?: () => number;
}
declare function createQrposTools(options: ToolsModuleOptions): Promise<ToolsModule>;
export default createQrposTools;
