// citation-js ships no types; only what we call is declared.
declare module '@citation-js/core' {
  export class Cite {
    constructor(data: unknown, options?: Record<string, unknown>);
    format(format: string, options?: Record<string, unknown>): string | object;
    data: unknown[];
  }
  interface Register<T> {
    has(name: string): boolean;
    add(name: string, value: T): void;
    get(name: string): T;
  }
  export const plugins: {
    config: { get(name: '@csl'): { styles: Register<string>; locales: Register<string> }; get(name: string): Record<string, unknown> };
    input: { has(name: string): boolean };
    output: { format(name: string, data: unknown, options?: Record<string, unknown>): string };
  };
}
declare module '@citation-js/plugin-csl';
