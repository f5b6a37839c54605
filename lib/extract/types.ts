/**
 * Shared shapes of the extractor: what a source proposes (a Draft), and the names and dates inside it.
 * A Draft is raw: merge cleans, caps and checks it against the record schema.
 */
export interface DraftName {
  family?: string;
  given?: string;
  literal?: string;
}

/** CSL-like fields a source may propose; `issued` is `[year, month?, day?]`. */
export interface DraftItem {
  type?: string;
  title?: string;
  author?: DraftName[];
  editor?: DraftName[];
  publisher?: string;
  'publisher-place'?: string;
  issued?: number[];
  'number-of-pages'?: string;
  page?: string;
  'container-title'?: string;
  'collection-title'?: string;
  volume?: string;
  issue?: string;
  edition?: string;
  DOI?: string;
  ISBN?: string;
  ISSN?: string;
  language?: string;
  abstract?: string;
}
export type DraftField = keyof DraftItem;

/**
 * One source's description of one publication (`describes: 'publication'`) or of the page itself (`'page'`:
 * og:title, Readability's byline; used only to complete a publication the page is known to be).
 */
export interface Draft {
  source: string;
  describes: 'publication' | 'page';
  /** Position in the page (block index) so that several publications come out in page order. */
  order: number;
  /** Confidence (0–1) for every field of `item`; `fieldConfidence` overrides it per field. */
  confidence: number;
  fieldConfidence?: Partial<Record<DraftField, number>>;
  item: DraftItem;
  /** Scholarly metadata (Highwire, DC with a creator, JSON-LD ScholarlyArticle/Book...): the page IS this item. */
  authoritative?: boolean;
}

export interface SourceOutput {
  drafts: Draft[];
  notes?: string[];
}
