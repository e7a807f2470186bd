// What runs inside a Storybook preview page (iframe.html) to play one story and check what it
// leaves behind, the same checks as .storybook/test-runner.ts makes in Chromium. Each function is
// sent to the page as source (scripts/engines/engines.js `run`), so it closes over nothing.

/** Waits for the preview to boot, then records console errors and uncaught errors from then on. */
export function preparePreview(renderer) {
  return new Promise((resolve, reject) => {
    const until = performance.now() + 60_000;
    const check = () => {
      const ready = window.__STORYBOOK_ADDONS_CHANNEL__ && window.__STORYBOOK_PREVIEW__?.storyStoreValue;
      if (ready) {
        // The canvas pass: read by stories/support/storyRenderer.ts when each story renders.
        if (renderer) window.__storyRenderer = renderer;
        if (!window.__engineErrors) {
          const errors = [];
          window.__engineErrors = errors;
          const error = console.error.bind(console);
          console.error = (...args) => {
            errors.push(args.map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : String(part))).join(' '));
            error(...args);
          };
          // With where it was thrown (the first lines of its stack): a report has to be traceable.
          const withStack = (error) => [String(error), ...String(error?.stack ?? '').split('\n').slice(0, 3)].join('\n      at ');
          window.addEventListener('error', (event) => errors.push(event.error ? withStack(event.error) : String(event.message)));
          window.addEventListener('unhandledrejection', (event) => errors.push(`Unhandled rejection: ${withStack(event.reason)}`));
        }
        resolve(true);
      } else if (performance.now() > until) reject(new Error('the Storybook preview did not boot in 60 s'));
      else setTimeout(check, 100);
    };
    check();
  });
}

/** Starts a story; its outcome lands in `window.__engineOutcome` (read by `storyOutcome`). */
export async function startStory(storyId) {
  const channel = window.__STORYBOOK_ADDONS_CHANNEL__;
  const story = await window.__STORYBOOK_PREVIEW__.storyStoreValue.loadStory({ storyId });
  window.__engineErrors.length = 0;
  window.__engineOutcome = undefined;
  window.__engineAllowed = story.parameters.allowedConsoleErrors ?? [];
  const listeners = {};
  let harnessErrorOnly = false;
  const settle = (outcome) => {
    if (window.__engineOutcome) return;
    window.__engineOutcome = outcome;
    for (const [name, listener] of Object.entries(listeners)) channel.off(name, listener);
  };
  const message = (error) => (error && (error.message || error.description)) || String(error);
  Object.assign(listeners, {
    storyFinished: ({ storyId: id, status, reporters = [] }) => {
      if (id !== storyId) return;
      const failedReports = reporters.filter((report) => report.status === 'failed');
      // Storybook counts an unhandled error as the story's even when the runner set it aside as
      // the harness's (below): with nothing else against it, the story passed.
      if (status === 'success' || (harnessErrorOnly && failedReports.length === 0)) return settle({ passed: true });
      const reports = failedReports.map((report) => `${report.type}: ${JSON.stringify(report.result ?? report.status).slice(0, 300)}`).join('; ');
      settle({ error: `the story finished with status ${status}${reports ? ` (${reports})` : ' (no failed report: an error thrown while it rendered or cleaned up)'}` });
    },
    storyErrored: (error) => settle({ error: message(error) }),
    storyThrewException: (error) => settle({ error: message(error) }),
    playFunctionThrewException: (error) => settle({ error: message(error) }),
    unhandledErrorsWhilePlaying: (errors) => {
      // The browser's own update check of the mock's service worker, failing as a page of the
      // previous story goes (seen once in Chromium under load): the harness's, not the story's.
      // A story whose requests the worker failed to answer fails on its own.
      const storys = errors.filter((error) => !/update a ServiceWorker .*mockServiceWorker\.js/.test(message(error)));
      if (storys.length === 0) harnessErrorOnly = true;
      else settle({ error: `unhandled while playing: ${message(storys[0])}` });
    },
    storyMissing: (id) => id === storyId && settle({ error: 'the story is missing' }),
  });
  for (const [name, listener] of Object.entries(listeners)) channel.on(name, listener);
  channel.emit('setCurrentStory', { storyId, viewMode: 'story' });
  return true;
}

/** The story's outcome; or, while it plays, `{ screenshot: true }` when it asks for one (stories/support/pageScreenshot.ts). */
export function storyOutcome() {
  return window.__engineOutcome ?? (window.__screenshotWanted ? { screenshot: true } : null);
}

/** Hands the story the screenshot it asked for. */
export function deliverScreenshot(png) {
  window.__screenshotTaken?.(png);
  return true;
}

/**
 * Unmounts the story and says what it left: object URLs not revoked and `VideoFrame`s not
 * closed (given 5 s, as decoders close a little after the unmount), console errors it did not
 * declare. What is found is cleared, so the next story starts from zero.
 */
export async function afterStory() {
  window.__storyLifetime?.unmount();
  const settled = async (count) => {
    const until = performance.now() + 5000;
    while (count() > 0 && performance.now() < until) await new Promise((resolve) => setTimeout(resolve, 100));
    return count();
  };
  const urls = await settled(() => window.__objectUrls?.live.size ?? 0);
  for (const url of window.__objectUrls?.live ?? []) URL.revokeObjectURL(url);
  const frames = await settled(() => window.__videoFrames?.open.size ?? 0);
  for (const frame of window.__videoFrames?.open ?? []) frame.close();
  const allowed = window.__engineAllowed ?? [];
  // The mock worker's own update check failing as a page goes is the harness's (see startStory).
  const errors = window.__engineErrors.filter((text) => !allowed.some((part) => text.includes(part)) && !/update a ServiceWorker .*mockServiceWorker\.js/.test(text));
  window.__engineErrors.length = 0;
  return { urls, frames, errors };
}
