import type { Provenance } from '@/lib/model';

/** Extractor source ids (lib/extract) in words a user understands. */
const LABELS: Record<string, string> = {
  heading: 'page heading',
  announcement: 'bibliographic line',
  listing: 'listing entry',
  byline: 'byline',
  record: 'catalogue record',
  highwire: 'citation_* meta tags',
  'dublin-core': 'Dublin Core meta tags',
  prism: 'PRISM meta tags',
  'json-ld': 'schema.org JSON-LD',
  microdata: 'schema.org microdata',
  'open-graph': 'Open Graph tags',
  coins: 'COinS',
  readability: 'article text',
  page: 'the page',
  selection: 'selected text',
  user: 'your edit',
};

/** A small mark saying where a field's value came from; hover for the source and confidence. */
export function ProvenanceMark({ provenance }: { provenance: Provenance | undefined }) {
  if (!provenance) return null;
  const label = LABELS[provenance.source] ?? provenance.source;
  return (
    <span class="prov" title={`From ${label} (confidence ${Math.round(provenance.confidence * 100)}%)`} aria-label={`from ${label}`}>
      {label}
    </span>
  );
}
