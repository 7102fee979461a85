// biome-ignore-all lint/suspicious/noConsole: a benchmark script reports what it measured
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { startBenchPortal } from './widget/portal';

/**
 * `npx tsx --conditions=source bench/widget-profile.ts [--runs 5] [--cpu 4] [--out prof.json]`:
 * Baton's click → greeting on the bench page with a CPU profile (CDP `Profiler`), and the
 * main thread's CPU time in that span from a trace (`Tracing`, toplevel tasks). Robust to a
 * loaded machine: prints each run's time, the main-thread busy time and the top functions
 * by self time (ms, throttled), summed over runs.
 */
const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5' },
    cpu: { type: 'string', default: '4' },
    out: { type: 'string' },
  },
});
const runs = Number(values.runs);
const cpuRate = Number(values.cpu);

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}
interface TraceEvent {
  name: string;
  cat: string;
  ph: string;
  ts: number;
  dur?: number;
  tdur?: number;
  tid: number;
  pid: number;
  args?: { data?: Record<string, unknown> };
}

const portal = await startBenchPortal();
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
});
const self = new Map<string, number>();
const byEvent = new Map<string, number>();
const spans: number[] = [];
const cpus: number[] = [];
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? 0;
try {
  for (let run = 0; run <= runs; run += 1) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
    const page = await context.newPage();
    await page.goto(`${portal.url}/baton.html`, { waitUntil: 'load' });
    await page.waitForFunction(
      () => (window as never as { __bench: { ready?: boolean } }).__bench.ready === true,
    );
    await page.locator('button.launcher').waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuRate });
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    const events: TraceEvent[] = [];
    cdp.on('Tracing.dataCollected', (e) => {
      events.push(...(e.value as unknown as TraceEvent[]));
    });
    const traceDone = new Promise<void>((resolve) =>
      cdp.once('Tracing.tracingComplete', () => resolve()),
    );
    await cdp.send('Tracing.start', {
      categories:
        'devtools.timeline,disabled-by-default-devtools.timeline,v8.execute,blink.user_timing',
      transferMode: 'ReportEvents',
    });
    await page.evaluate(() => performance.mark('bench-before-click'));
    await page.locator('button.launcher').click();
    await page.waitForFunction(
      () => ((window as never as { __bench: { shownAt?: number } }).__bench.shownAt ?? 0) > 0,
      null,
      { timeout: 60_000, polling: 100 },
    );
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    await cdp.send('Tracing.end');
    await traceDone;
    const bench = await page.evaluate(
      () => (window as never as { __bench: { clickAt: number; shownAt: number } }).__bench,
    );
    const requests = await page.evaluate(
      (clickAt) =>
        performance
          .getEntriesByType('resource')
          .filter((e) => e.startTime >= clickAt)
          .map(
            (e) =>
              `${new URL(e.name).pathname.split('/').pop()} ${(e.startTime - clickAt).toFixed(0)}→${((e as PerformanceResourceTiming).responseEnd - clickAt).toFixed(0)}`,
          ),
      bench.clickAt,
    );
    await context.close();
    if (run === 0) continue; // warm-up
    // Trace: main thread = the renderer thread with the click's EventDispatch.
    const click = events.find((e) => e.name === 'EventDispatch' && e.args?.data?.type === 'click');
    if (!click) throw new Error('no click in the trace');
    const span = bench.shownAt - bench.clickAt;
    const end = click.ts + span * 1000;
    const main = events.filter(
      (e) =>
        e.pid === click.pid &&
        e.tid === click.tid &&
        e.ph === 'X' &&
        e.ts >= click.ts &&
        e.ts <= end,
    );
    const runTasks = main.filter((e) => e.name === 'RunTask');
    const busy = runTasks.reduce((sum, e) => sum + (e.dur ?? 0), 0) / 1000;
    // Thread time (CPU, not wall clock): robust to other processes; still ×cpuRate.
    const cpu = runTasks.reduce((sum, e) => sum + (e.tdur ?? 0), 0) / 1000;
    spans.push(span);
    cpus.push(cpu);
    for (const e of main) {
      if (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') continue;
      const key =
        e.name === 'FunctionCall' || e.name === 'EvaluateScript' || e.name === 'v8.compile'
          ? e.name
          : e.name;
      byEvent.set(key, (byEvent.get(key) ?? 0) + (e.dur ?? 0) / 1000);
    }
    // Profile: self time per function (all of the profile: starts just before the click).
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const n = nodes.get(id);
      if (!n) return;
      const f = n.callFrame;
      const file = f.url.split('/').pop() ?? '';
      const key = `${f.functionName || '(anon)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
      self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000);
    });
    const tasks = main
      .filter((e) => e.name === 'RunTask' && (e.dur ?? 0) > 2000)
      .map((e) => `${((e.ts - click.ts) / 1000).toFixed(0)}+${((e.dur ?? 0) / 1000).toFixed(0)}`);
    console.log(
      `run ${run}: click→greeting ${span.toFixed(0)} ms, main thread busy ${busy.toFixed(0)} ms, CPU ${cpu.toFixed(0)} ms; tasks>2ms (start+dur): ${tasks.join(' ')}\n  requests: ${requests.join(', ')}`,
    );
    if (values.out && run === runs) writeFileSync(values.out, JSON.stringify({ profile, events }));
  }
  const top = (m: Map<string, number>, n: number) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => `${(v / runs).toFixed(1).padStart(7)} ms  ${k}`)
      .join('\n');
  console.log(
    `median: click→greeting ${median(spans).toFixed(0)} ms, main-thread CPU ${median(cpus).toFixed(0)} ms`,
  );
  console.log(`\ntrace events, per run (nested, so they overlap):\n${top(byEvent, 25)}`);
  console.log(`\nprofile self time, per run:\n${top(self, 30)}`);
} finally {
  await browser.close();
  await portal.close();
}
