/**
 * Node command line over the same citation code as the extension:
 *   npm run --silent cite -- --format bibtex|biblatex|ris|csl-json|backup|text|html [--style STYLE] [--citation] FILE.json
 * reads a JSON array of CSL-JSON items and prints them in the format. `text` and `html` print the bibliography in
 * the style (APA unless `--style apa|chicago-author-date|chicago-note|mla|harvard|ieee|vancouver`), or with
 * `--citation` the in-text citation of all items together. Items that are not valid CSL-JSON are reported on stderr.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { FILE_FORMATS, formatRecords, STYLE_NAMES, unsupportedFields, type FileFormatName, type StyleName } from '../lib/cite';
import { cslItemSchema, type LibraryRecord } from '../lib/model';

const usage = `usage: npm run --silent cite -- --format ${[...Object.keys(FILE_FORMATS), 'text', 'html'].join('|')} [--style ${STYLE_NAMES.join('|')}] [--citation] FILE.json\n`;
const { values, positionals } = parseArgs({
  options: { format: { type: 'string' }, style: { type: 'string' }, citation: { type: 'boolean', default: false } },
  allowPositionals: true,
});
const file = positionals[0];
const format = values.format;
const style = values.style ?? 'apa';
const isFile = format !== undefined && format in FILE_FORMATS;
if (!file || !format || (!isFile && format !== 'text' && format !== 'html') || !(STYLE_NAMES as string[]).includes(style)) {
  process.stderr.write(usage);
  process.exit(2);
}

let data: unknown;
try {
  data = JSON.parse(readFileSync(file, 'utf8'));
} catch (error) {
  process.stderr.write(`${file}: ${(error as Error).message}\n`);
  process.exit(1);
}
if (!Array.isArray(data)) {
  process.stderr.write(`${file}: expected a JSON array of CSL-JSON items\n`);
  process.exit(1);
}
// The same trust boundary as the extension: every item is parsed before it is formatted.
const records: LibraryRecord[] = [];
data.forEach((candidate: unknown, i) => {
  const parsed = cslItemSchema.safeParse(candidate);
  if (parsed.success) records.push({ id: `item-${i + 1}`, savedAt: 0, updatedAt: 0, tags: [], note: '', item: parsed.data, provenance: {} });
  else process.stderr.write(`item ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.') || 'item'}: ${x.message}`).join('; ')}\n`);
});

if (isFile) {
  for (const { field, records: n } of unsupportedFields(format as FileFormatName, records)) {
    process.stderr.write(`note: ${format} cannot hold "${field}" (${n} item${n === 1 ? '' : 's'})\n`);
  }
  process.stdout.write(formatRecords(records, { format: format as FileFormatName }));
} else {
  const out = formatRecords(records, { format: values.citation ? 'citation' : 'bibliography', style: style as StyleName, output: format as 'text' | 'html' });
  process.stdout.write(out.endsWith('\n') ? out : out + '\n');
}
