// Bundles the board into the query side's static resources (the folder given, by the Maven build:
// target/classes/static/board). MapLibre's worker is copied beside the bundle, where MapLibre looks
// for it; nothing is fetched from elsewhere at run time, so the board works offline.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node build.mjs <output folder>');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
await build({
  entryPoints: ['src/main.js', 'src/board.css'],
  bundle: true,
  format: 'esm',
  minify: true,
  sourcemap: true,
  target: ['es2022'],
  outdir: out,
  logLevel: 'warning',
});
copyFileSync('src/index.html', join(out, 'index.html'));
copyFileSync('node_modules/maplibre-gl/dist/maplibre-gl-worker.mjs', join(out, 'maplibre-gl-worker.mjs'));
