// citation-js ships no types; only what we call is declared.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    format(format: string, options?: Record<string, unknown>): string | object;
    data: unknown[];
  }
  /** The part of citeproc-js's CSL.Engine we call. */
  interface CiteprocEngine {
    /**
     * The application's side (citeproc's `sys`): `retrieveItem` gives citeproc a record by id; plugin-csl adds
     * `wrapBibliographyEntry`, called with each entry's id as it is rendered, returning text to put before and after.
     */
    sys: { retrieveItem(id: string): unknown; wrapBibliographyEntry?: ((id: string) => [string, string]) | undefined };
    /** Registers the items and returns their ids in the style's bibliography order. */
    updateItems(ids: string[]): string[];
    setOutputFormat(format: string): void;
    /** The meta data's `entry_ids` lists each entry's item id(s), in the entries' order. */
    makeBibliography(): [{ bibstart: string; bibend: string; entry_ids: string[][] }, string[]];
    /** Citeproc's registry: each registered item's bibliography sort keys, and the style's comparison of them. */
    registry: {
      registry: Record<string, { sortkeys?: (string | undefined)[] } | undefined>;
      sorter: { compareKeys(a: { sortkeys: (string | undefined)[]; seq: number }, b: { sortkeys: (string | undefined)[]; seq: number }): number };
    };
  }
  interface Register<T> {
    has(name: string): boolean;
    add(name: string, value: T): void;
    get(name: string): T;
  }
  export const plugins: {
    config: {
      get(name: '@csl'): {
        styles: Register<string>;
        locales: Register<string>;
        /** plugin-csl's prepareEngine: the style's cached citeproc engine, given the items it may retrieve. */
        engine(data: readonly { id: string }[], style: string, lang: string | undefined, format: string): CiteprocEngine;
      };
      get(name: string): Record<string, unknown>;
    };
    input: { has(name: string): boolean };
    output: { format(name: string, data: unknown, options?: Record<string, unknown>): string };
  };
}
declare module '@citation-js/plugin-csl';
