import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SOURCES } from '../../lib/extract';

const here = dirname(fileURLToPath(import.meta.url));
// Sources whose tests live in a file named differently from the source.
const ALIASES: Record<string, string> = {};

describe('source registry', () => {
  it('every registered source has its own test file', () => {
    const tests = new Set(readdirSync(here).filter((f) => f.endsWith('.test.ts')).map((f) => f.replace(/\.test\.ts$/, '')));
    for (const s of SOURCES) expect(tests.has(ALIASES[s.name] ?? s.name), `tests/extract/${s.name}.test.ts`).toBe(true);
  });
  it('every source file in lib/extract that exports an extractor is registered', () => {
    const lib = join(here, '../../lib/extract');
    const names = new Set(SOURCES.map((s) => s.name));
    for (const f of ['meta-tags', 'json-ld', 'coins', 'readability', 'record', 'announcement', 'listing']) {
      expect(readdirSync(lib)).toContain(`${f}.ts`);
      expect(names.has(f)).toBe(true);
    }
  });
});
