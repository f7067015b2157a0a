import { readFile, writeFile } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import zlib from 'node:zlib';
import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compileCatalogue, type Catalogue } from './src/web/i18n/compile.js';

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

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);

/**
 * Writes a .br and a .gz beside every text file of the build, compressed once at the highest
 * levels: the server sends them as they are (src/server/http/web.ts) and spends no CPU per request.
 */
function precompress(): Plugin {
  return {
    name: 'lotse-precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir ?? outDir;
      const files = Object.keys(bundle).filter((name) => /\.(?:js|css|html|json|svg|txt)$/.test(name));
      await Promise.all(
        files.map(async (name) => {
          const file = join(dir, name);
          const data = await readFile(file);
          if (data.length < 1024) return;
          const [br, gz] = await Promise.all([
            brotli(data, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
            gzip(data, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
        }),
      );
    },
  };
}

/**
 * `locales/xx.json?catalogue` is the address of the catalogue with its ICU messages compiled
 * (src/web/i18n/compile.ts): a hashed JSON file under /assets/ in the build, a route of the dev
 * server while developing. The browser formats the compiled parts and ships no ICU parser.
 */
function catalogues(): Plugin {
  const QUERY = '?catalogue';
  const DEV_PREFIX = '/@lotse-catalogue/';
  const VIRTUAL = '\0lotse-catalogue:';
  const localesDir = fileURLToPath(new URL('./locales', import.meta.url));
  let serving = false;
  const compiled = async (file: string) => {
    const locale = basename(file, '.json');
    return JSON.stringify(compileCatalogue(JSON.parse(await readFile(file, 'utf8')) as Catalogue, locale));
  };
  return {
    name: 'lotse-catalogues',
    enforce: 'pre',
    configResolved(config) {
      serving = config.command === 'serve';
    },
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        const m = req.url?.startsWith(DEV_PREFIX) ? /^([a-z]{2})\.json$/.exec(req.url.slice(DEV_PREFIX.length)) : null;
        if (!m) return next();
        compiled(join(localesDir, `${m[1]}.json`)).then(
          (body) => {
            res.setHeader('Content-Type', 'application/json; charset=utf-8');
            res.end(body);
          },
          (error: unknown) => next(error),
        );
      });
    },
    // A module id of its own (not ending in .json): Vite's JSON plugin would take it for the JSON itself.
    async resolveId(source, importer) {
      if (!source.endsWith(QUERY)) return null;
      const resolved = await this.resolve(source.slice(0, -QUERY.length), importer, { skipSelf: true });
      return resolved ? `${VIRTUAL}${resolved.id}.js` : null;
    },
    async load(id) {
      if (!id.startsWith(VIRTUAL)) return null;
      const file = id.slice(VIRTUAL.length, -'.js'.length);
      if (serving) return `export default ${JSON.stringify(DEV_PREFIX + basename(file))};`;
      this.addWatchFile(file);
      const ref = this.emitFile({ type: 'asset', name: basename(file), source: await compiled(file) });
      return `export default import.meta.ROLLUP_FILE_URL_${ref};`;
    },
  };
}

// Preact's compatibility layer stands in for React and React DOM in the browser (docs/decisions/0016-web-delivery.md):
// the same components and libraries (Mantine, React Router, TanStack Query), ≈ 50 KB less to download.
const preact = [
  { find: /^react$/, replacement: 'preact/compat' },
  { find: /^react-dom$/, replacement: 'preact/compat' },
  { find: /^react-dom\/client$/, replacement: 'preact/compat/client' },
  { find: /^react\/jsx-runtime$/, replacement: 'preact/compat/jsx-runtime' },
  { find: /^react\/jsx-dev-runtime$/, replacement: 'preact/compat/jsx-dev-runtime' },
];

export default defineConfig({
  root,
  plugins: [react(), catalogues(), precompress()],
  resolve: { alias: preact },
  // The catalogues live in locales/ at the repository root, outside the web root.
  server: { proxy, fs: { allow: [fileURLToPath(new URL('.', import.meta.url))] } },
  preview: { proxy },
  // Source maps stay beside the build for whoever runs it, linked from no file; the server never sends them.
  // Small shared chunks (one Mantine component each) are merged where no page runs more code for it:
  // on a slow line every request costs a round trip.
  build: { outDir, emptyOutDir: true, sourcemap: 'hidden', rollupOptions: { output: { experimentalMinChunkSize: 20_000 } } },
});
