// What every benchmark shares: the page built from the kit, and Debian's Chromium to run it in.
import { chromium, type Browser, type BrowserServer } from 'playwright-core';
import { build, preview } from 'vite';

export const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

const browserArgs = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required',
  '--enable-precise-memory-info',
];

/** Builds bench/page and serves it on loopback; returns its URL and how to stop serving. */
export async function serveBenchPage(): Promise<{ pageUrl: string; close(): Promise<void> }> {
  const configFile = new URL('./vite.config.ts', import.meta.url).pathname;
  await build({ configFile });
  const page = await preview({ configFile, preview: { port: 0, host: '127.0.0.1' } });
  return {
    pageUrl: page.resolvedUrls?.local[0]?.replace(/\/$/, '') + '/index.html',
    close: () => new Promise<void>((resolve) => page.httpServer.close(() => resolve())),
  };
}

/** A fresh headless Chromium, and the pid of its browser process (for memory readings). */
export async function launchChromium(extraArgs: string[] = []): Promise<{ browser: Browser; server: BrowserServer; pid: number; close(): Promise<void> }> {
  const server = await chromium.launchServer({ executablePath: chromiumPath, args: [...browserArgs, ...extraArgs], headless: true });
  const browser = await chromium.connect(server.wsEndpoint());
  return {
    browser,
    server,
    pid: server.process().pid as number,
    async close() {
      await browser.close().catch(() => undefined);
      await server.close();
    },
  };
}

/** Every 206 the benchmarks' media server sends is at most this long, as desktop asset protocols cap them. */
export const benchMaxRangeBytes = 1024 * 1024;

export const settle = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
