/**
 * `npm run bench`: speed as figures, never as timed assertions in tests. Each file in scripts/bench/ that
 * exports `run(context)` is a section returning named figures (ms unless the name says otherwise).
 *   npm run bench                      a table on stdout, progress on stderr
 *   npm run --silent bench -- --json   one JSON object with every figure
 *   npm run bench -- --only extract    one section
 */
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { BenchContext } from './bench/util';

const { values } = parseArgs({ options: { json: { type: 'boolean', default: false }, only: { type: 'string' } } });
const root = resolve(import.meta.dirname, '..');
const context: BenchContext = { root, log: (line) => void (values.json || process.stderr.write(line + '\n')) };

const sections = readdirSync(join(import.meta.dirname, 'bench'))
  .filter((f) => f.endsWith('.ts') && !['util.ts', 'pages.ts'].includes(f))
  .filter((f) => !values.only || f.startsWith(values.only))
  .sort();
const results: Record<string, number> = {};
for (const file of sections) {
  const section = (await import(`./bench/${file}`)) as { run?: (c: BenchContext) => Promise<Record<string, number>> };
  if (!section.run) continue;
  context.log(`— ${file}`);
  Object.assign(results, await section.run(context));
}

if (values.json) process.stdout.write(JSON.stringify(results) + '\n');
else for (const [k, v] of Object.entries(results)) console.log(`${k.padEnd(32)} ${v}`);
