// The raw Embind surface of qrpos_tools (wasm/tools/*.cpp): EMV merchant- and
// consumer-presented QR and protocol message parsing, for tests, tools and admin
// screens; the kiosk's boot core (core-module.d.ts) leaves them out to stay small.
// test/wasm/core.test.mjs checks the module's exports against tools-module*.d.ts.
import type { EmvCpmFunctions } from './tools-module-emv-cpm';
import type { EmvMpmFunctions } from './tools-module-emv-mpm';
import type { HeartbeatFunctions } from './tools-module-heartbeat';
import type { ToolsJournalChainFunctions } from './tools-module-journal-chain';
import type { MessagesFunctions } from './tools-module-messages';
export type * from './tools-module-emv-cpm';
export type * from './tools-module-emv-mpm';
export type * from './tools-module-heartbeat';
export type * from './tools-module-journal-chain';
export type * from './tools-module-messages';

/** Everything the module exports: one `*Functions` interface per wasm/tools/bind_*.cpp file. */
export interface ToolsModule
  extends
    EmvMpmFunctions,
    EmvCpmFunctions,
    MessagesFunctions,
    HeartbeatFunctions,
    ToolsJournalChainFunctions {}

export interface ToolsModuleOptions {
  wasmBinary?: ArrayBuffer | Uint8Array;
  locateFile?: (path: string, prefix: string) => string;
}
declare function createQrposTools(options: ToolsModuleOptions): Promise<ToolsModule>;
export default createQrposTools;
