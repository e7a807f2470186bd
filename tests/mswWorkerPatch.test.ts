import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { patchMarker, patchWorker } from '../scripts/patch-msw-worker.js';

const require = createRequire(import.meta.url);
const committed = readFileSync(new URL('../public/mockServiceWorker.js', import.meta.url), 'utf8');
const stock = readFileSync(require.resolve('msw/mockServiceWorker.js'), 'utf8');

describe('the MSW worker served to Storybook', () => {
  it('carries the patch that keeps media responses from being cloned', () => {
    expect(committed).toContain(patchMarker);
    expect(committed).toMatch(/isEventStreamResponse \|\| isMediaRequest \? null : response\.clone\(\)/);
  });

  it('is exactly the installed msw worker with the patch applied, so an msw upgrade shows here', () => {
    expect(patchWorker(stock)).toBe(committed);
  });

  it('refuses to patch a worker that no longer has the line it replaces', () => {
    expect(() => patchWorker('self.addEventListener("fetch", () => {})')).toThrow(/msw worker changed/);
  });
});
