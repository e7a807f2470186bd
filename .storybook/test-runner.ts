import { getStoryContext, type TestRunnerConfig } from '@storybook/test-runner';
import type { Page } from 'playwright';

const consoleErrors = new WeakMap<Page, string[]>();

function errorsOf(page: Page): string[] {
  let errors = consoleErrors.get(page);
  if (!errors) {
    const collected: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') collected.push(message.text());
    });
    page.on('pageerror', (error) => collected.push(String(error)));
    consoleErrors.set(page, collected);
    errors = collected;
  }
  return errors;
}

/**
 * Checks every story the same way once its play function passed: unmounted, it leaves no object
 * URL unrevoked and no decoded `VideoFrame` open, and it logged no console error but the ones it declares
 * (`parameters.allowedConsoleErrors`, substrings of the message).
 */
/** The renderer this pass runs the stories under (`scripts/test-stories.js --renderer canvas`), else the default. */
const storyRenderer = process.env.STORY_RENDERER;

const config: TestRunnerConfig = {
  // The canvas pass tells the preview before it loads (`stories/support/storyRenderer.ts`).
  async prepare({ page }) {
    if (storyRenderer) {
      await page.addInitScript((name) => {
        (window as unknown as { __storyRenderer?: string }).__storyRenderer = name;
      }, storyRenderer);
    }
    // What the screen shows, for stories that compare it (stories/support/pageScreenshot.ts).
    await page.exposeFunction('__takeScreenshot', async () => (await page.screenshot()).toString('base64'));
    await page.goto(new URL('iframe.html', process.env.TARGET_URL).toString(), { waitUntil: 'load' });
  },
  async preVisit(page) {
    errorsOf(page).length = 0;
  },
  async postVisit(page, context) {
    const story = await getStoryContext(page, context);
    if (storyRenderer) {
      // The pass must have run under the renderer it names, or it proved nothing.
      const used = await page.evaluate(() => document.querySelector('[role="region"][aria-label="Composite"]')?.getAttribute('data-renderer'));
      if (used && used !== storyRenderer) throw new Error(`${context.title} ${context.name}: ran under the ${used} renderer, not ${storyRenderer}`);
    }
    await page.evaluate(() => window.__storyLifetime?.unmount());
    const leaked = await page
      .waitForFunction(() => window.__objectUrls.live.size === 0, undefined, { timeout: 5000 })
      .then(() => 0)
      .catch(() => page.evaluate(() => window.__objectUrls.live.size));
    if (leaked > 0) {
      // Start the next story from zero, so one leak is reported once.
      await page.evaluate(() => {
        for (const url of window.__objectUrls.live) URL.revokeObjectURL(url);
      });
      throw new Error(`${context.title} ${context.name}: ${leaked} object URL(s) left unrevoked after unmount`);
    }

    // Frames are closed as their decoders are torn down, a little after the unmount.
    const openFrames = await page
      .waitForFunction(() => (window.__videoFrames?.open.size ?? 0) === 0, undefined, { timeout: 5000 })
      .then(() => 0)
      .catch(() => page.evaluate(() => window.__videoFrames.open.size));
    if (openFrames > 0) {
      await page.evaluate(() => {
        for (const frame of window.__videoFrames.open) frame.close();
      });
      throw new Error(`${context.title} ${context.name}: ${openFrames} VideoFrame(s) left open after unmount`);
    }

    const allowed: string[] = story.parameters.allowedConsoleErrors ?? [];
    const unexpected = errorsOf(page).filter((text) => !allowed.some((part) => text.includes(part)));
    if (unexpected.length > 0) {
      throw new Error(`${context.title} ${context.name} logged console errors:\n${unexpected.join('\n')}`);
    }
  },
};

export default config;
