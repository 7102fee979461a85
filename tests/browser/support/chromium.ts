import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type BrowserContext, chromium } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Browser tests skip only when Chromium is missing on a developer machine; with CI=true a
 * missing Chromium fails them instead (launching throws).
 */
export const skipBrowserTests = !existsSync(CHROMIUM_PATH) && !process.env.CI;

const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

export interface Browser {
  context: BrowserContext;
  close(): Promise<void>;
}

/** A fresh Chromium with a new empty profile. */
export async function launchChromium(
  options: {
    viewport?: { width: number; height: number };
    hasTouch?: boolean;
    /** The browser's language (`navigator.languages`), e.g. `es-ES`. */
    locale?: string;
  } = {},
): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'baton-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: ARGS,
    viewport: options.viewport ?? { width: 1280, height: 800 },
    ...(options.hasTouch ? { hasTouch: true, isMobile: true } : {}),
    ...(options.locale ? { locale: options.locale } : {}),
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
