// The web UI's build: web/ → dist/web (index.html + hashed assets), served by the server at `/`
// (src/server/web-ui.ts). Everything is bundled: no CDN, no inline script (helmet's CSP).
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../dist/web', import.meta.url)),
    emptyOutDir: true,
    // The module-preload polyfill would be an inline script; every browser we support has it.
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 800,
  },
  server: {
    // `npx vite web` for UI work against a running server on :8080.
    proxy: { '/api': { target: 'http://127.0.0.1:8080', ws: true } },
  },
});
