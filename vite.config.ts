import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./src/web', import.meta.url));
// WEB_DIR (as the server reads it) lets a second build go elsewhere than dist/web.
const outDir = process.env.WEB_DIR ? resolve(process.env.WEB_DIR) : fileURLToPath(new URL('./dist/web', import.meta.url));
const apiTarget = process.env.LOTSE_API_URL ?? 'http://localhost:3000';
// Only the server's own paths: /api/… alone would also catch the web app's modules in src/web/api/.
const proxy = {
  '/api/v1': { target: apiTarget },
  '/api/docs': { target: apiTarget },
  '/api/openapi.json': { target: apiTarget },
  '/healthz': { target: apiTarget },
  '/readyz': { target: apiTarget },
};

export default defineConfig({
  root,
  plugins: [react()],
  // The catalogues live in locales/ at the repository root, outside the web root.
  server: { proxy, fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] } },
  preview: { proxy },
  build: { outDir, emptyOutDir: true, sourcemap: true, chunkSizeWarningLimit: 1500 },
});
