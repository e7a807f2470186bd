import type { Browser, Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { afterAll, beforeAll } from 'vitest';
import { launchBrowser } from './chromium';

/**
 * A Chromium page on 127.0.0.1 (a secure context, as hosts run in: WebCodecs and Web Audio are
 * there) to which Vite serves the kit's TypeScript modules and, from `public/`, the fixtures.
 * In the page, import a module with `globalThis.eval("import('/src/...')")`: vitest rewrites a
 * plain `import()` in a test file for Node, not for the page.
 */
export interface KitPage {
  page: Page;
  close(): Promise<void>;
}

export async function openKitPage(): Promise<KitPage> {
  const vite: ViteDevServer = await createServer({
    configFile: false,
    root: process.cwd(),
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0 },
    // Every dependency the kit's modules import, found from the kit's entry and bundled before the
    // page loads: one found later would make Vite reload the page under a running test (as on a
    // clean clone, with no cache).
    optimizeDeps: { entries: ['src/index.ts'] },
  });
  await vite.listen();
  let browser: Browser | undefined;
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    await page.goto(`${vite.resolvedUrls?.local[0]}tests/browser/blank.html`);
    const opened = browser;
    return {
      page,
      async close() {
        await opened.close();
        await vite.close();
      },
    };
  } catch (error) {
    await browser?.close();
    await vite.close();
    throw error;
  }
}

/** One kit page for a whole test file: opened before its tests, closed after. Read `page` inside a test. */
export function kitPageForFile(): { readonly page: Page } {
  let kit: KitPage | undefined;
  beforeAll(async () => {
    kit = await openKitPage();
  }, 60_000);
  afterAll(() => kit?.close());
  return {
    get page() {
      if (!kit) throw new Error('the kit page is not open yet: read it inside a test');
      return kit.page;
    },
  };
}
