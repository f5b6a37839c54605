/**
 * What every format file in lib/cite provides, so that `index.ts` can list them in one table (STYLE.md 1).
 */
import type { CslItem, LibraryRecord } from '../model';

export type CslField = keyof CslItem;

/** A file format records are exported to. */
export interface ExportFormat {
  label: string;
  /** File name extension, without the dot. */
  extension: string;
  mime: string;
  /** Records → file text. */
  format(records: readonly LibraryRecord[]): string;
  /** The fields of `item` this format cannot hold (`type` when its type is approximated). */
  dropped(item: CslItem): CslField[];
}

/** One entry read from an import file, before validation: `candidate` is parsed with zod by the importer. */
export interface ReadEntry {
  /** 1-based line where the entry starts. */
  line: number;
  key?: string;
  candidate: unknown;
}
export interface ReadProblem {
  line: number;
  key?: string;
  reason: string;
}
export interface ReadResult {
  /**
   * The entries, possibly read one at a time as the importer takes them (a .bib file's are converted lazily), so
   * the first can be validated and saved while later ones are still being read. `errors` is complete only once
   * they have all been taken.
   */
  entries: Iterable<ReadEntry>;
  /** How many `entries` yields at most (an entry that fails its conversion is an error instead). */
  count: number;
  errors: ReadProblem[];
  warnings: ReadProblem[];
}

/** A file format records are imported from. */
export interface ImportFormat {
  label: string;
  read(text: string): ReadResult;
}
