import { CONDITIONS, type Contender, type RunResult } from './measure';
import type { ServedFile } from './portal';

export const BUDGET_RATIO = 0.2;

export interface ConditionSummary {
  condition: string;
  label: string;
  runs: number;
  baton: { medianMs: number; minMs: number; maxMs: number; medianWireBytes: number };
  webchat: { medianMs: number; minMs: number; maxMs: number; medianWireBytes: number };
  ratio: number;
  withinBudget: boolean;
}

export interface BytesSummary {
  contender: Contender;
  scripts: string[];
  bytes: number;
  gzipBytes: number;
  brotliBytes: number;
}

export interface WidgetBenchReport {
  date: string;
  machine: { cpus: number; node: string; chromium: string };
  budgetRatio: number;
  bytes: BytesSummary[];
  bytesRatio: { gzip: number; brotli: number };
  conditions: ConditionSummary[];
  /** The median run of each contender on the 3G-like network: what waits for what. */
  waterfalls: {
    contender: Contender;
    condition: string;
    ms: number;
    requests: RunResult['requests'];
    webSockets: number;
  }[];
  runs: RunResult[];
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
};
const round = (value: number, digits = 0) => Number(value.toFixed(digits));

function stats(runs: RunResult[]) {
  const ms = runs.map((run) => run.ms);
  return {
    medianMs: round(median(ms)),
    minMs: round(Math.min(...ms)),
    maxMs: round(Math.max(...ms)),
    medianWireBytes: round(median(runs.map((run) => run.wireBytes))),
  };
}

function bytesOf(
  contender: Contender,
  runs: RunResult[],
  files: Map<string, ServedFile>,
): BytesSummary {
  const scripts = [
    ...new Set(runs.filter((r) => r.contender === contender).flatMap((r) => r.scripts)),
  ].sort();
  // The loader is on the page before the click, but the patient needs it for the first message.
  if (contender === 'baton') scripts.unshift('/baton/baton.js');
  const list = scripts.map((path) => files.get(path)).filter((file) => file !== undefined);
  return {
    contender,
    scripts,
    bytes: list.reduce((sum, file) => sum + file.body.length, 0),
    gzipBytes: list.reduce((sum, file) => sum + file.gzip.length, 0),
    brotliBytes: list.reduce((sum, file) => sum + file.brotli.length, 0),
  };
}

export function summarize(
  runs: RunResult[],
  files: Map<string, ServedFile>,
  machine: WidgetBenchReport['machine'],
): WidgetBenchReport {
  const conditions = CONDITIONS.filter((c) => runs.some((r) => r.condition === c.name)).map((c) => {
    const of = (contender: Contender) =>
      runs.filter((r) => r.condition === c.name && r.contender === contender);
    const baton = stats(of('baton'));
    const webchat = stats(of('webchat'));
    const ratio = round(baton.medianMs / webchat.medianMs, 3);
    return {
      condition: c.name,
      label: c.label,
      runs: of('baton').length,
      baton,
      webchat,
      ratio,
      withinBudget: ratio <= BUDGET_RATIO,
    };
  });
  const bytes = [bytesOf('baton', runs, files), bytesOf('webchat', runs, files)];
  const [baton, webchat] = bytes as [BytesSummary, BytesSummary];
  const waterfallCondition = runs.some((r) => r.condition === '3g')
    ? '3g'
    : (runs[0]?.condition ?? 'none');
  const waterfalls = (['baton', 'webchat'] as const).map((contender) => {
    const of = runs
      .filter((r) => r.condition === waterfallCondition && r.contender === contender)
      .sort((a, b) => a.ms - b.ms);
    const run = of[Math.floor((of.length - 1) / 2)] as RunResult;
    return {
      contender,
      condition: waterfallCondition,
      ms: round(run.ms),
      requests: run.requests,
      webSockets: run.webSockets,
    };
  });
  return {
    date: new Date().toISOString(),
    machine,
    budgetRatio: BUDGET_RATIO,
    bytes,
    bytesRatio: {
      gzip: round(baton.gzipBytes / webchat.gzipBytes, 3),
      brotli: round(baton.brotliBytes / webchat.brotliBytes, 3),
    },
    conditions,
    waterfalls,
    runs,
  };
}

const n = (value: number) => value.toLocaleString('en-US');

export function markdown(report: WidgetBenchReport): string {
  const lines = [
    `# Widget benchmark: Baton beside Bot Framework Web Chat 4.18.1 (${report.date})`,
    '',
    `Machine: ${report.machine.cpus} CPUs, Node ${report.machine.node}, Chromium ${report.machine.chromium}. ` +
      `Click on an already-loaded page → the bot's first message in the DOM; same emulator, same \`InitConversation\`; ` +
      `medians of ${report.conditions[0]?.runs ?? 0} alternating runs per condition. Budget: Baton ≤ ${report.budgetRatio}× Web Chat.`,
    '',
    '| condition | Baton median (min–max) | Web Chat median (min–max) | ratio | budget | wire bytes after click (Baton / Web Chat) |',
    '|---|---|---|---|---|---|',
    ...report.conditions.map(
      (c) =>
        `| ${c.label} | ${n(c.baton.medianMs)} ms (${n(c.baton.minMs)}–${n(c.baton.maxMs)}) | ${n(c.webchat.medianMs)} ms (${n(c.webchat.minMs)}–${n(c.webchat.maxMs)}) | **${c.ratio}×** | ${c.withinBudget ? 'met' : 'MISSED'} | ${n(c.baton.medianWireBytes)} / ${n(c.webchat.medianWireBytes)} |`,
    ),
    '',
    '## Bytes each needs for the first message (scripts)',
    '',
    '| | scripts | raw | gzip -9 | brotli 11 |',
    '|---|---|---|---|---|',
    ...report.bytes.map(
      (b) =>
        `| ${b.contender === 'baton' ? 'Baton' : 'Web Chat'} | ${b.scripts.map((s) => `\`${s}\``).join(', ')} | ${n(b.bytes)} | ${n(b.gzipBytes)} | ${n(b.brotliBytes)} |`,
    ),
    `| ratio | | | ${report.bytesRatio.gzip}× | ${report.bytesRatio.brotli}× |`,
    '',
    '## What waits for what (median run on the 3G-like network; ms after the click)',
    '',
  ];
  for (const w of report.waterfalls) {
    lines.push(
      `${w.contender === 'baton' ? 'Baton' : 'Web Chat'}: first message at ${n(w.ms)} ms, ${w.webSockets} WebSocket stream(s).`,
      '',
    );
    lines.push('| request | start | end |', '|---|---|---|');
    for (const r of w.requests) lines.push(`| \`${r.request}\` | ${n(r.start)} | ${n(r.end)} |`);
    lines.push('');
  }
  return `${lines.join('\n')}\n`;
}
