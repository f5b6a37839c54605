#!/usr/bin/env node
// Runs a TypeScript command line (scripts/extract.ts, …) from a cached esbuild bundle.
// tsx compiles every file on every start (~1.3 s); the corpus scorer starts the extractor once per page, so
// the bundle is rebuilt only when one of its input files changed (checked by size and mtime of each input).
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [entry, ...args] = process.argv.slice(2);
if (!entry) {
  process.stderr.write('usage: node scripts/run-ts.mjs SCRIPT.ts [args…]\n');
  process.exit(2);
}
const root = resolve(import.meta.dirname, '..');
const cacheDir = join(root, 'node_modules/.cache/colophon-cli');
const name = basename(entry).replace(/\.ts$/, '');
const bundle = join(cacheDir, `${name}.mjs`);
const manifest = join(cacheDir, `${name}.inputs.json`);

const stamp = (file) => {
  try {
    const s = statSync(join(root, file));
    return `${s.size}:${s.mtimeMs}`;
  } catch {
    return 'missing';
  }
};

function fresh() {
  try {
    const inputs = JSON.parse(readFileSync(manifest, 'utf8'));
    statSync(bundle);
    return Object.entries(inputs).every(([file, s]) => stamp(file) === s);
  } catch {
    return false;
  }
}

if (!fresh()) {
  const { build } = await import('esbuild');
  mkdirSync(cacheDir, { recursive: true });
  const result = await build({
    entryPoints: [join(root, entry)],
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external', // dependencies load from node_modules as usual
    outfile: bundle,
    metafile: true,
    logLevel: 'error',
  });
  const inputs = Object.fromEntries(Object.keys(result.metafile.inputs).map((file) => [file, stamp(file)]));
  writeFileSync(manifest, JSON.stringify(inputs));
}

process.argv = [process.argv[0], join(root, entry), ...args];
await import(pathToFileURL(bundle).href);
