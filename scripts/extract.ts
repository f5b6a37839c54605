/**
 * Node command line over the same extraction code as the extension:
 *   npm run --silent extract -- --url URL FILE.html
 * prints a JSON array of CSL-JSON items ([] when the page describes no publication).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { parseHTML } from 'linkedom';
import { extractPage } from '../lib/extract';
import { extractResultSchema } from '../lib/model';

const { values, positionals } = parseArgs({ options: { url: { type: 'string' } }, allowPositionals: true });
const file = positionals[0];
if (!file || !values.url) {
  process.stderr.write('usage: npm run --silent extract -- --url URL FILE.html\n');
  process.exit(2);
}
const { document } = parseHTML(readFileSync(file, 'utf8'));
// The same trust boundary as the extension: the result is parsed before anyone sees it.
const result = extractResultSchema.parse(extractPage(document as unknown as Document, values.url));
process.stdout.write(JSON.stringify(result.items.map((c) => c.item), null, 2) + '\n');
