import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';
import { offlineShell } from './offline-shell-plugin.ts';

const page = (name: string) => fileURLToPath(new URL(name, import.meta.url));

// The kiosk bundle. The core's wasm build (build/wasm/wasm) is imported through an
// alias so web/ never reaches into build paths directly.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: { '@qrpos/core-wasm': fileURLToPath(new URL('../build/wasm/wasm', import.meta.url)) },
  },
  worker: { format: 'es' },
  plugins: [offlineShell()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0, // .wasm files stay files, served as application/wasm
    reportCompressedSize: false,
    // The kiosk plus the pages around the element: the iframe embed, a demo merchant
    // portal that frames it, and the kiosk under the strictest CSP we promise to run in.
    rolldownOptions: {
      input: {
        index: page('index.html'),
        embed: page('embed.html'),
        portal: page('portal.html'),
        csp: page('csp.html'),
      },
    },
  },
  logLevel: 'warn',
});
