/**
 * Node command line over the same import code as the extension:
 *   npm run --silent import -- [--format bibtex|ris|csl-json|backup] FILE
 * prints the valid entries as a JSON array of CSL-JSON items on stdout and each rejected entry as
 * `FILE:LINE: reason` on stderr (warnings too, marked as such). Exits 1 when nothing could be imported.
 */
import { readFileSync, statSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { IMPORT_FORMATS, MAX_IMPORT_BYTES, parseImportBytes, ImportTooLargeError, type ImportFormatName } from '../lib/cite';

const { values, positionals } = parseArgs({ options: { format: { type: 'string' } }, allowPositionals: true });
const file = positionals[0];
if (!file || (values.format !== undefined && !(values.format in IMPORT_FORMATS))) {
  process.stderr.write(`usage: npm run --silent import -- [--format ${Object.keys(IMPORT_FORMATS).join('|')}] FILE\n`);
  process.exit(2);
}
try {
  // Refuse before reading, as the extension does.
  if (statSync(file).size > MAX_IMPORT_BYTES) throw new ImportTooLargeError(statSync(file).size);
  const result = parseImportBytes(new Uint8Array(readFileSync(file)), values.format ? { format: values.format as ImportFormatName } : {});
  for (const e of result.errors) process.stderr.write(`${file}:${e.line}: ${e.key ? `[${e.key}] ` : ''}${e.reason}\n`);
  for (const w of result.warnings) process.stderr.write(`${file}:${w.line}: warning: ${w.key ? `[${w.key}] ` : ''}${w.reason}\n`);
  process.stdout.write(JSON.stringify(result.entries.map((e) => e.item), null, 2) + '\n');
  process.stderr.write(`${result.entries.length} imported, ${result.errors.length} rejected (${result.format ?? 'unknown format'})\n`);
  if (result.entries.length === 0 && result.errors.length > 0) process.exit(1);
} catch (error) {
  process.stderr.write(`${file}: ${(error as Error).message}\n`);
  process.exit(error instanceof ImportTooLargeError ? 2 : 1);
}
