/** Shared pieces of the benchmark sections. */
export interface BenchContext {
  /** The project root. */
  root: string;
  /** Progress for humans (stderr; silent with --json). */
  log(line: string): void;
}

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export function quantile(xs: readonly number[], q: number): number {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(q * s.length) - 1))]! : NaN;
}
export const round = (x: number) => Math.round(x * 10) / 10;
