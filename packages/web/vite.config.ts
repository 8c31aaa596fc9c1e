/**
 * Builds the web app (packages/web/index.html → packages/web/dist). The API serves dist at `/`
 * (packages/api/src/plugins/web.ts); `/embed/*` falls back to index.html there.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Budget: the JS the dashboard loads stays within 120 KB gzip (bench: web.dashboard-js-gzip); a warning beyond
    // 500 KB raw for one chunk would flag a regression.
    chunkSizeWarningLimit: 500,
    reportCompressedSize: true,
    rollupOptions: {
      // The LP solver (HiGHS, 3.5 MB of wasm) is only for calibration, which the browser never runs: the API
      // returns base levels. Keeping it external stops its wasm from being copied into dist.
      external: ['highs'],
    },
  },
  server: {
    // `vite` in dev: the API runs on 8080 (npm start).
    proxy: { '/api': 'http://127.0.0.1:8080' },
  },
});
