import type { Browser } from 'playwright-core';

/** One throttling condition, applied through the DevTools protocol after the page loaded. */
export interface Condition {
  name: 'none' | '3g' | 'cpu4x' | '3g+cpu4x';
  label: string;
  network?: { latency: number; downloadThroughput: number; uploadThroughput: number };
  cpuRate?: number;
}

/** DevTools' "3G" preset (its former "Fast 3G"): 562.5 ms, 1.6 Mbps down, 750 kbps up, ×0.9. */
const THREE_G = {
  latency: 562.5,
  downloadThroughput: ((1.6 * 1024 * 1024) / 8) * 0.9,
  uploadThroughput: ((750 * 1024) / 8) * 0.9,
};

export const CONDITIONS: Condition[] = [
  { name: 'none', label: 'no throttling' },
  { name: '3g', label: '3G-like network (562.5 ms, 1.44 Mbps down)', network: THREE_G },
  { name: 'cpu4x', label: 'CPU slowed 4×', cpuRate: 4 },
  { name: '3g+cpu4x', label: '3G-like network and CPU 4×', network: THREE_G, cpuRate: 4 },
];

export type Contender = 'baton' | 'webchat';

export interface RequestTiming {
  /** Path (ids replaced), with the method. */
  request: string;
  /** Milliseconds after the click. */
  start: number;
  end: number;
}

export interface RunResult {
  contender: Contender;
  condition: Condition['name'];
  /** Click to the first bot message in the DOM (next animation frame), ms. */
  ms: number;
  /** Bytes received over HTTP after the click (headers and compressed bodies). */
  wireBytes: number;
  /** Requests after the click, in start order (resource timing: fetch, XHR, scripts). */
  requests: RequestTiming[];
  /** Script paths fetched after the click. */
  scripts: string[];
  /** WebSocket streams opened after the click. */
  webSockets: number;
}

const PAGE = { baton: '/baton.html', webchat: '/webchat.html' } as const;
const BUTTON = { baton: 'button.launcher', webchat: '#chat' } as const;

interface BenchWindow {
  __bench: { ready?: boolean; clickAt?: number; shownAt?: number };
}

/** One run: a fresh browser context (cold cache, empty storage), page loaded, then the click. */
export async function measure(
  browser: Browser,
  baseUrl: string,
  contender: Contender,
  condition: Condition,
  timeoutMs: number,
): Promise<RunResult> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}${PAGE[contender]}`, { waitUntil: 'load' });
    await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.ready === true);
    await page.locator(BUTTON[contender]).waitFor();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    if (condition.network) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        ...condition.network,
      });
    }
    if (condition.cpuRate) {
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: condition.cpuRate });
    }
    let wireBytes = 0;
    let webSockets = 0;
    cdp.on('Network.loadingFinished', (event: { encodedDataLength: number }) => {
      wireBytes += event.encodedDataLength;
    });
    cdp.on('Network.webSocketCreated', () => {
      webSockets += 1;
    });
    await page.locator(BUTTON[contender]).click();
    await page.waitForFunction(
      () => ((window as unknown as BenchWindow).__bench.shownAt ?? 0) > 0,
      null,
      { timeout: timeoutMs, polling: 250 },
    );
    const { clickAt = 0, shownAt = 0 } = await page.evaluate(
      () => (window as unknown as BenchWindow).__bench,
    );
    const entries = await page.evaluate(() =>
      performance.getEntriesByType('resource').map((entry) => {
        const timing = entry as PerformanceResourceTiming;
        return {
          name: timing.name,
          type: timing.initiatorType,
          start: timing.startTime,
          end: timing.responseEnd,
        };
      }),
    );
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
    const after = entries.filter((entry) => entry.start >= clickAt);
    return {
      contender,
      condition: condition.name,
      ms: shownAt - clickAt,
      wireBytes,
      requests: after.map((entry) => ({
        request: `${entry.type} ${new URL(entry.name).pathname.replace(/conversations\/[^/]+/, 'conversations/{id}')}`,
        start: Math.round(entry.start - clickAt),
        end: Math.round(entry.end - clickAt),
      })),
      scripts: after
        .filter((e) => e.type === 'script' || /\.js$/.test(new URL(e.name).pathname))
        .map((e) => new URL(e.name).pathname),
      webSockets,
    };
  } finally {
    await context.close();
  }
}
