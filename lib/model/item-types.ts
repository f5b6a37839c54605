/** The CSL item types Colophon uses, apart from the schemas so that code without zod can list them. */
export const ITEM_TYPES = [
  'book',
  'chapter',
  'report',
  'pamphlet',
  'article-journal',
  'article-magazine',
  'article-newspaper',
  'article',
  'thesis',
  'periodical',
  'paper-conference',
  'webpage',
  'document',
] as const;
