import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { conformanceCases, soundCases, soundFiles, type ConformanceCase, type Expected, type FileValidators } from './cases';
import {
  fixturePath,
  makeMediaRoot,
  startMswTarget,
  startNginxTarget,
  startHandlerTarget,
  startServerTarget,
  type Target,
} from './targets';

const clip = readFileSync(fixturePath('clip-h264.mp4'));
const nested = readFileSync(fixturePath('clip-h264-b.mp4'));
const sounds = Object.fromEntries(soundFiles.map((sound) => [sound.path, readFileSync(fixturePath(sound.fixture))]));
const cases = [...conformanceCases(clip.byteLength), ...soundCases(Object.fromEntries(Object.entries(sounds).map(([name, bytes]) => [name, bytes.byteLength])))];

it('has at least 40 cases, each named once', () => {
  expect(cases.length).toBeGreaterThanOrEqual(40);
  expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
});

function expectationFor(target: Target['name'], testCase: ConformanceCase): Expected | 'skip' {
  // A Request's URL is parsed like a page's fetch: paths a raw socket can send do not survive it.
  if (testCase.raw && (target === 'msw' || target === 'handler')) return 'skip';
  if (testCase.filesystemOnly && target === 'msw') return 'skip';
  if (target === 'nginx' && testCase.nginx) return testCase.nginx;
  return testCase.expect;
}

const starters = { msw: startMswTarget, server: startServerTarget, nginx: startNginxTarget, handler: startHandlerTarget };

describe.each(['msw', 'server', 'nginx', 'handler'] as const)('the %s media server', (targetName) => {
  let target: Target;
  let cleanup: () => Promise<void>;
  let validators: FileValidators;

  beforeAll(async () => {
    const made = await makeMediaRoot();
    cleanup = made.cleanup;
    target = await starters[targetName](made.root);
    const head = await target.send('HEAD', '/clip.mp4', {});
    validators = { etag: String(head.headers.etag), lastModified: String(head.headers['last-modified']) };
  });

  afterAll(async () => {
    await target?.stop();
    await cleanup?.();
  });

  it('sends a strong ETag and a Last-Modified date', () => {
    expect(validators.etag).toMatch(/^"[^"]+"$/);
    expect(Number.isNaN(Date.parse(validators.lastModified))).toBe(false);
  });

  const runnable = cases.filter((testCase) => expectationFor(targetName, testCase) !== 'skip');
  it.each(runnable.map((testCase) => [testCase.name, testCase] as const))('%s', async (_name, testCase) => {
    const expected = expectationFor(targetName, testCase) as Expected;
    const method = testCase.method ?? 'GET';
    const response = await target.send(method, testCase.path, testCase.headers?.(validators) ?? {});
    const source = testCase.path.endsWith('/sub/a.mp4') ? nested : (sounds[testCase.path] ?? clip);

    expect(response.status).toBe(expected.status);
    if (expected.contentRange) expect(response.headers['content-range']).toBe(expected.contentRange);
    if (expected.body === 'none') expect(response.body.byteLength).toBe(0);
    if (expected.body === 'whole') expect(Buffer.compare(response.body, source)).toBe(0);
    if (Array.isArray(expected.body)) {
      const [start, end] = expected.body;
      expect(response.body.byteLength).toBe(end - start + 1);
      expect(Buffer.compare(response.body, source.subarray(start, end + 1))).toBe(0);
    }
    if (expected.status === 200 || expected.status === 206) {
      // On a 200 this is how a player learns it may seek; a 206 says so by itself (nginx omits it).
      if (expected.status === 200) expect(response.headers['accept-ranges']).toBe('bytes');
      expect(response.headers['content-type']).toBe(expected.contentType ?? 'video/mp4');
      const [, first, last] = /^bytes (\d+)-(\d+)\//.exec(String(response.headers['content-range'])) ?? [];
      const length = expected.status === 206 ? Number(last) - Number(first) + 1 : source.byteLength;
      if (testCase.path !== '/empty.mp4') expect(response.headers['content-length']).toBe(String(length));
    }
  });
});
