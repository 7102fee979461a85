// biome-ignore-all lint/suspicious/noConsole: a benchmark script reports what it measured
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { cpus } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { CONDITIONS, type Contender, measure, type RunResult } from './widget/measure';
import { startBenchPortal } from './widget/portal';
import { markdown, summarize } from './widget/report';

/**
 * `npm run bench` (second part) or `npx tsx --conditions=source bench/widget.ts [--runs 9]
 * [--only none,3g,cpu4x,3g+cpu4x]`: the time from a click on an already-loaded portal page to
 * the bot's first message, Baton beside Bot Framework Web Chat's `webchat-minimal.js`, in
 * Chromium, in four conditions, with the bytes each needs. Runs alternate (Baton first, then
 * Web Chat first) so drift on a shared machine hits both. Loopback only; every wait bounded.
 * Results: bench/results/widget-<time>.{json,md} and widget-latest.{json,md}.
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '9' },
    only: { type: 'string' },
    'timeout-seconds': { type: 'string', default: '120' },
  },
});
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 100)
  throw new TypeError('--runs must be 1 to 100');
const only = values.only?.split(',');
const conditions = CONDITIONS.filter((c) => !only || only.includes(c.name));
const timeoutMs = Number(values['timeout-seconds']) * 1000;

const resultsDir = join(dirname(fileURLToPath(import.meta.url)), 'results');
const portal = await startBenchPortal();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
const results: RunResult[] = [];
try {
  // A warm-up pair (not counted): Chromium's first context pays for its own start-up.
  for (const contender of ['baton', 'webchat'] as const)
    await measure(
      browser,
      portal.url,
      contender,
      CONDITIONS[0] as (typeof CONDITIONS)[0],
      timeoutMs,
    );
  for (const condition of conditions) {
    for (let i = 0; i < runs; i += 1) {
      const order: Contender[] = i % 2 === 0 ? ['baton', 'webchat'] : ['webchat', 'baton'];
      for (const contender of order) {
        const result = await measure(browser, portal.url, contender, condition, timeoutMs);
        results.push(result);
        console.log(
          `${condition.name.padEnd(9)} ${String(i + 1).padStart(2)} ${contender.padEnd(7)} ${result.ms.toFixed(0).padStart(6)} ms`,
        );
      }
    }
  }
  const report = summarize(results, portal.files, {
    cpus: cpus().length,
    node: process.version,
    chromium: browser.version(),
  });
  mkdirSync(resultsDir, { recursive: true });
  const stamp = report.date.replace(/[:.]/g, '-');
  const md = markdown(report);
  const written: string[] = [];
  for (const name of [`widget-${stamp}`, 'widget-latest']) {
    writeFileSync(join(resultsDir, `${name}.json`), `${JSON.stringify(report, null, 2)}\n`);
    writeFileSync(join(resultsDir, `${name}.md`), md);
    written.push(join(resultsDir, `${name}.json`));
  }
  // The repository's formatter checks committed results: write them as it would.
  const biome = createRequire(import.meta.url).resolve('@biomejs/biome/bin/biome');
  execFileSync(process.execPath, [biome, 'format', '--write', ...written], { stdio: 'ignore' });
  console.log(`\n${md}`);
} finally {
  await browser.close();
  await portal.close();
}
