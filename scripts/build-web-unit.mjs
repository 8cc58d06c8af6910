// Bundles the web modules that have Node-runnable unit tests (test/web/) into
// build/web-unit/<name>.js, one ES module each. Only modules free of DOM and Vite
// asset imports belong here; the browser-bound ones are tested end to end.
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'vite';

export const WEB_UNITS = {
  wedge: 'web/src/sdk/wedge.ts',
  runner: 'web/src/sdk/runner.ts',
  'qr-matrix': 'web/src/ui/qr-matrix.ts',
  'camera-errors': 'web/src/sdk/camera-errors.ts',
  'printer-status': 'web/src/sdk/printer-status.ts',
  'scan-pipeline': 'web/src/sdk/scan-pipeline.ts',
  'shell-routes': 'web/src/sw/shell-routes.ts',
  'kiosk-policy': 'web/src/ui/kiosk-policy.ts',
  recovery: 'web/src/ui/recovery.ts',
  i18n: 'web/src/ui/i18n.ts',
  'journal-chain': 'web/src/sdk/journal-chain.ts',
  heartbeat: 'web/src/sdk/heartbeat.ts',
  health: 'web/src/ui/health.ts',
  'clock-banner': 'web/src/ui/clock-banner.ts',
  lookup: 'web/src/sdk/lookup.ts',
  'scenario-settings': 'web/src/ui/scenarios/settings.ts',
  'table-codes': 'web/src/ui/scenarios/table-codes.ts',
  'self-service': 'web/src/ui/scenarios/self-service.ts',
};

export async function buildWebUnits(root) {
  const entry = Object.fromEntries(
    Object.entries(WEB_UNITS)
      .filter(([, file]) => fs.existsSync(path.join(root, file)))
      .map(([name, file]) => [name, path.join(root, file)]),
  );
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      outDir: path.join(root, 'build/web-unit'),
      emptyOutDir: true,
      target: 'es2022',
      minify: false,
      lib: { entry, formats: ['es'], fileName: (_format, name) => `${name}.js` },
    },
  });
}
