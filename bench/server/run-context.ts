import type { BenchOptions } from './options';
import type { Report, Row } from './report';
import type { AckedResult } from './scale-phases';

// What every section of a run shares: the options, the report it fills, number formats.

export const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
export const ms = (value: number) => `${value.toFixed(2)} ms`;
export const ratio = (baton: number, bare: number) => `${(baton / bare).toFixed(2)}×`;

/**
 * A ratio of two memory growths: none when either fell (at a small size RSS moves by what the
 * allocator hands back, more than the connections add: two negative figures give a
 * meaningless ratio).
 */
export const growthRatio = (baton: number, bare: number) =>
  baton > 0 && bare > 0 ? ratio(baton, bare) : '— (a reading fell: noise at this size)';

export class BenchRun {
  readonly report: Report;
  readonly options: BenchOptions;

  constructor(options: BenchOptions) {
    this.options = options;
    this.report = {
      startedAt: new Date().toISOString(),
      node: process.version,
      options: { ...options.raw },
      tables: [],
      figures: {},
    };
  }

  has(phase: string): boolean {
    return this.options.only.has(phase);
  }

  /** A new table of the report; returns its rows to fill. */
  table(title: string, header: Row): Row[] {
    const rows: Row[] = [];
    this.report.tables.push({ title, header, rows });
    return rows;
  }

  /**
   * `--repeats` runs of each measurement, taken in turn (a, b, c, a, b, c …): a machine that
   * slows down or speeds up during the run weighs on every side alike.
   */
  async interleaved(measures: (() => Promise<AckedResult>)[]) {
    const runs: AckedResult[][] = measures.map(() => []);
    for (let i = 0; i < this.options.repeats; i += 1)
      for (const [index, measure] of measures.entries()) runs[index]!.push(await measure());
    return runs.map(summary);
  }

  spread(r: { perSecond: number; min: number; max: number }): string {
    return this.options.repeats > 1
      ? `${r.perSecond.toFixed(0)} (${r.min.toFixed(0)}–${r.max.toFixed(0)})`
      : r.perSecond.toFixed(0);
  }
}

/** Median, min and max of runs of one measurement. */
function summary(runs: AckedResult[]) {
  const rates = runs.map((r) => r.perSecond).sort((a, b) => a - b);
  const cpu = runs.map((r) => r.cpuMicrosPerMessage).sort((a, b) => a - b);
  const busy = runs.map((r) => r.loopBusy).sort((a, b) => a - b);
  const mid = Math.floor(runs.length / 2);
  return {
    perSecond: rates[mid]!,
    min: rates[0]!,
    max: rates.at(-1)!,
    cpu: cpu[mid]!,
    loopBusy: busy[mid]!,
    runs,
  };
}

export function printTable(header: string[], body: string[][]): void {
  const all = [header, ...body];
  const widths = header.map((_, col) => Math.max(...all.map((row) => (row[col] ?? '').length)));
  const line = (row: string[]) =>
    `| ${row.map((cell, col) => cell.padEnd(widths[col] ?? 0)).join(' | ')} |`;
  console.log(line(header));
  console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of body) console.log(line(row));
}
