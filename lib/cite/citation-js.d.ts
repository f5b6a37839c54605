// citation-js ships no types; only what we call is declared.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    format(format: string, options?: Record<string, unknown>): string | object;
    data: unknown[];
  }
  export const plugins: {
    config: { get(name: string): Record<string, unknown> };
    input: { has(name: string): boolean };
  };
}
declare module '@citation-js/plugin-bibtex';
declare module '@citation-js/plugin-csl';
declare module '@citation-js/plugin-ris';
