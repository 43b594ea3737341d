// Builds the web console into console/dist with esbuild: one ESM bundle and its CSS under assets/
// with content hashes (fonts and images that PatternFly's CSS points at copied beside them), and an
// index.html that loads them. Vite was the first choice, but its bundler (rollup) ships per-platform
// optional packages that the registry mirror here does not carry, which leaves package-lock.json
// unusable for `npm ci`; esbuild (already in the lock through tsx) has every platform's package.
import { build } from 'esbuild';
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { basename, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('.', import.meta.url));
const dist = join(root, 'dist');
// Built aside (ignored by git and lint even if a build dies half-way), then swapped in.
const tmp = join(root, '../node_modules/.cache/vireo-console-build');

rmSync(tmp, { recursive: true, force: true });
const result = await build({
  entryPoints: [join(root, 'src/main.tsx')],
  bundle: true,
  outdir: join(tmp, 'assets'),
  entryNames: '[name]-[hash]',
  assetNames: '[name]-[hash]',
  format: 'esm',
  target: ['es2022'],
  jsx: 'automatic',
  minify: process.env.VIREO_CONSOLE_MINIFY !== '0', // 0: readable names, for profiling
  sourcemap: false,
  metafile: true,
  legalComments: 'none',
  define: { 'process.env.NODE_ENV': '"production"' },
  loader: { '.woff2': 'file', '.woff': 'file', '.ttf': 'file', '.svg': 'file', '.png': 'file', '.jpg': 'file', '.gif': 'file' },
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((p) => relative(join(tmp, 'assets'), join(process.cwd(), p)));
const js = outputs.find((o) => /^main-.*\.js$/.test(basename(o)));
const css = outputs.find((o) => /^main-.*\.css$/.test(basename(o)));
if (!js) throw new Error(`console build: no main bundle among ${outputs.join(', ')}`);

mkdirSync(tmp, { recursive: true });
writeFileSync(
  join(tmp, 'index.html'),
  `<!doctype html>
<html lang="en">
  <head>
    <meta charset="UTF-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1.0" />
    <title>Vireo</title>
${css ? `    <link rel="stylesheet" href="/assets/${css}" />\n` : ''}    <script type="module" src="/assets/${js}"></script>
  </head>
  <body>
    <div id="root"></div>
  </body>
</html>
`,
);
rmSync(dist, { recursive: true, force: true });
// Swap in the finished build only now, so a server never sees half of one.
renameSync(tmp, dist);
