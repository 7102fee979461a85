import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { Browser } from './chromium';

const axeSource = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);

export interface OpenedPage {
  page: Page;
  /** Console errors and uncaught page errors. */
  problems: string[];
  /** CSP violations reported by the page (securitypolicyviolation events). */
  violations(): Promise<string[]>;
}

export async function openPage(browser: Browser, url: string): Promise<OpenedPage> {
  const page = await browser.context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // The scenarios link to images on public hosts; this machine resolves no public names.
    if (message.text().includes('net::ERR_NAME_NOT_RESOLVED')) return;
    if (message.type() !== 'error') return;
    // Which request failed, by path (its query may hold a session id): a CI log then says.
    const url = message.location().url;
    const path = url ? ` (${new URL(url).pathname})` : '';
    problems.push(`console: ${message.text()}${path}`);
  });
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  await page.addInitScript(() => {
    const record = (event: SecurityPolicyViolationEvent) => {
      const w = window as unknown as { __violations?: string[] };
      w.__violations = w.__violations ?? [];
      w.__violations.push(`${event.violatedDirective} ${event.blockedURI} ${event.sample}`);
    };
    document.addEventListener('securitypolicyviolation', record, true);
  });
  await page.goto(url);
  return {
    page,
    problems,
    violations: () =>
      page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []),
  };
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  nodes: { target: unknown; failureSummary?: string }[];
}

/** axe-core run inside the page (through the DevTools protocol, so the page's CSP allows it). */
export async function axeViolations(page: Page): Promise<AxeViolation[]> {
  await page.evaluate(axeSource);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
}
