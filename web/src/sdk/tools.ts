// The door to the wasm tools module (reconciliation, chain verification): the kiosk
// needs it rarely (the Today screen's reconcile, always online), so it loads on first
// use, once, as its own chunk, never on the boot path and never precached. Like core.ts, the only
// importer of the module; callers read its { ok, error } values (terminal.ts).
import type { ToolsModule, ToolsModuleOptions } from '@qrpos/core-wasm/qrpos_tools.mjs';
import { QrposError } from './errors';

let loading: Promise<ToolsModule> | undefined;

/** Loads the tools module (memoized; a failed load is tried again next time). */
export function loadTools(): Promise<ToolsModule> {
  loading ??= Promise.all([
    import('@qrpos/core-wasm/qrpos_tools.mjs'),
    import('@qrpos/core-wasm/qrpos_tools.wasm?url'),
  ])
    .then(([{ default: createQrposTools }, { default: wasmUrl }]) => {
      const options: ToolsModuleOptions = {
        locateFile: (path) => (path.endsWith('.wasm') ? wasmUrl : path),
        // libsodium's entropy source inside the module, as for the core (core.ts)
        getRandomValue: () => crypto.getRandomValues(new Uint32Array(1))[0],
      };
      return createQrposTools(options);
    })
    .catch((e: unknown) => {
      loading = undefined;
      throw new QrposError('core', 'core_failed', `the tools module did not load: ${String(e)}`);
    });
  return loading;
}
