import type { Provenance } from '@/lib/model';

const LABELS: Record<string, string> = {
  heading: 'page heading',
  announcement: 'bibliographic line',
  'citation-meta': 'citation_* meta tags',
  'dublin-core': 'Dublin Core',
  'json-ld': 'schema.org JSON-LD',
  'open-graph': 'Open Graph',
  coins: 'COinS',
  readability: 'article text',
  page: 'page address',
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
