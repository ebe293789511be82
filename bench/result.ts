/** One measured number, printed by `npm run bench` next to its target. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  /** Human-readable target, e.g. "< 300 ms" or ">= 20000 msg/s". */
  target?: string;
}
