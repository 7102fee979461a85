import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

// The run's figures as JSON (every number) and markdown (the tables), under bench/results/.

export type Row = [string, string, string, string];

export interface Report {
  startedAt: string;
  node: string;
  options: Record<string, unknown>;
  tables: { title: string; header: Row; rows: Row[] }[];
  figures: Record<string, unknown>;
}

export function markdownTable(header: Row, rows: Row[]): string {
  const line = (row: string[]) => `| ${row.join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Writes `server-<timestamp>.json` and `.md`, and the same as `server-latest.*`; returns the md path. */
export function writeReport(report: Report): string {
  const dir = fileURLToPath(new URL('../results/', import.meta.url));
  mkdirSync(dir, { recursive: true });
  const stamp = report.startedAt.replace(/[:.]/g, '-');
  const md = [
    `# Server benchmark, ${report.startedAt}`,
    '',
    `Node ${report.node}; options: \`${JSON.stringify(report.options)}\``,
    '',
    ...report.tables.flatMap((t) => [`## ${t.title}`, '', markdownTable(t.header, t.rows), '']),
  ].join('\n');
  const json = `${JSON.stringify(report, null, 2)}\n`;
  const names = [`server-${stamp}`, 'server-latest'];
  for (const name of names) {
    writeFileSync(`${dir}${name}.json`, json);
    writeFileSync(`${dir}${name}.md`, md);
  }
  // Laid out as the repository's formatter wants (short table rows on one line), so a committed
  // result passes `biome ci`; best effort: the figures are written either way.
  const biome = fileURLToPath(new URL('../../node_modules/.bin/biome', import.meta.url));
  spawnSync(biome, ['format', '--write', ...names.map((n) => `${dir}${n}.json`)], {
    stdio: 'ignore',
  });
  return `${dir}server-${stamp}.md`;
}
