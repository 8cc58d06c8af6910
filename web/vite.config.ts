import { defineConfig } from 'vite';
import { fileURLToPath } from 'node:url';

// The kiosk bundle. The core's wasm build (build/wasm/wasm) is imported through an
// alias so web/ never reaches into build paths directly.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  resolve: {
    alias: { '@qrpos/core-wasm': fileURLToPath(new URL('../build/wasm/wasm', import.meta.url)) },
  },
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    assetsInlineLimit: 0, // .wasm files stay files, served as application/wasm
    reportCompressedSize: false,
  },
  logLevel: 'warn',
});
