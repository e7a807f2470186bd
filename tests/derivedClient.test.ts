import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decodePeaks } from '../src/derived';
import { createMediaHandlers, derivedFixtureItems } from '../src/mocks';
import { http, HttpResponse } from 'msw';
import { fetchFromServerPipeline, MediaSourceError, requestServerDerived } from '../src/sources';
import { serveMediaDuringTests } from './support/compositorHarness';

const server = serveMediaDuringTests();
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(`../public/fixtures/${name}`, import.meta.url)));
const toneBytes = fixture('tone-aac.m4a');
const tonePeaks = fixture(derivedFixtureItems['peaks/tone-aac.m4a'].name);
let run = 0;

function mockServer(derived: Parameters<typeof createMediaHandlers>[0]['derived']) {
  run += 1;
  const media = createMediaHandlers({ baseUrl: `http://derived.test/run-${run}`, files: { 'tone.m4a': { bytes: toneBytes } }, derived });
  server.use(...media.handlers);
  return media;
}

describe('asking the media server for derived media', () => {
  it('waits while peaks are made, tells the progress, and gives where to fetch them', async () => {
    const media = mockServer({ 'peaks/tone.m4a': { file: { bytes: tonePeaks }, pollsToReady: 2 } });
    const progress: number[] = [];
    const item = await requestServerDerived(media.urlOf('tone.m4a'), { kind: 'peaks' }, { pollMs: 1, onProgress: (share) => progress.push(share) });
    expect(item.url).toBe(`http://derived.test/.derived/peaks/run-${run}/tone.m4a`);
    expect(item.status).toEqual({ state: 'ready', bytes: tonePeaks.byteLength, contentType: 'application/vnd.multitrack-kit.peaks' });
    expect(progress).toEqual([0, 0.5]);
    const peaks = decodePeaks(await (await fetch(item.url)).arrayBuffer());
    // The fixture tone is 12 s of a sine at half scale.
    expect(Math.round(peaks.durationMs / 100)).toBe(120);
    expect(Math.max(...peaks.levels[3].data)).toBeGreaterThan(60);
  });

  it('names a filmstrip sheet by its parameters, and gives its grid', async () => {
    const media = mockServer({ 'filmstrip/tone.m4a?height=48&step=1000&sheet=2': { file: { bytes: tonePeaks }, tile: { width: 86, height: 48, columns: 10, rows: 10 } } });
    const item = await requestServerDerived(media.urlOf('tone.m4a'), { kind: 'filmstrip', height: 48, stepMs: 1000, sheet: 2 }, { pollMs: 1 });
    expect(item.url).toBe(`http://derived.test/.derived/filmstrip/run-${run}/tone.m4a?height=48&step=1000&sheet=2`);
    expect(item.status.tile).toEqual({ width: 86, height: 48, columns: 10, rows: 10 });
  });

  it('fails as no-audio for a file without sound, derived-failed for other failures, not-found for a missing file', async () => {
    const media = mockServer({
      'peaks/tone.m4a': { file: { bytes: tonePeaks }, failure: { code: 'no-audio', message: 'This file has no audio, so waveform peaks cannot be made of it.' } },
      'filmstrip/tone.m4a?height=48&step=1000&sheet=0': { file: { bytes: tonePeaks }, failure: { code: 'ffmpeg-failed', message: 'ffmpeg could not make a filmstrip of this file.' } },
    });
    const noAudio = requestServerDerived(media.urlOf('tone.m4a'), { kind: 'peaks' }, { pollMs: 1 });
    await expect(noAudio).rejects.toBeInstanceOf(MediaSourceError);
    await expect(noAudio).rejects.toMatchObject({ code: 'no-audio', message: 'This file has no audio, so waveform peaks cannot be made of it.' });
    await expect(requestServerDerived(media.urlOf('tone.m4a'), { kind: 'filmstrip', height: 48, stepMs: 1000, sheet: 0 }, { pollMs: 1 })).rejects.toMatchObject({ code: 'derived-failed' });
    await expect(requestServerDerived(media.urlOf('gone.m4a'), { kind: 'peaks' }, { pollMs: 1 })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('stops waiting when aborted', async () => {
    const media = mockServer({ 'peaks/tone.m4a': { file: { bytes: tonePeaks }, pollsToReady: 1000 } });
    const controller = new AbortController();
    const waiting = requestServerDerived(media.urlOf('tone.m4a'), { kind: 'peaks' }, { pollMs: 5, signal: controller.signal });
    setTimeout(() => controller.abort(new DOMException('Left the page', 'AbortError')), 30);
    await expect(waiting).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('derived media from the server, or made in the browser', () => {
  const signal = new AbortController().signal;

  it('fetches the item from a server with the pipeline', async () => {
    const media = mockServer({ 'peaks/tone.m4a': { file: { bytes: tonePeaks }, pollsToReady: 1 } });
    const made = await fetchFromServerPipeline(media.urlOf('tone.m4a'), { kind: 'peaks' }, signal);
    expect(new Uint8Array(await (made as Response).arrayBuffer())).toEqual(tonePeaks);
  });

  it('answers nothing, for the browser to make it, where the server has no pipeline or fails to make it', async () => {
    // The kit's mock without the item: 404, as the real server says for a file it does not have.
    const media = mockServer({ 'filmstrip/tone.m4a?height=48&step=1000&sheet=0': { file: { bytes: tonePeaks }, failure: { code: 'ffmpeg-missing', message: 'ffmpeg is not installed.' } } });
    await expect(fetchFromServerPipeline(media.urlOf('tone.m4a'), { kind: 'peaks' }, signal)).resolves.toBeUndefined();
    // ffmpeg missing there: a browser may still decode it.
    await expect(fetchFromServerPipeline(media.urlOf('tone.m4a'), { kind: 'filmstrip', height: 48, stepMs: 1000, sheet: 0 }, signal)).resolves.toBeUndefined();
    // A static server refusing the POST (nginx: 405), and a dev server answering its page.
    server.use(
      http.post('http://static.test/.derived/*', () => new HttpResponse(null, { status: 405 })),
      http.post('http://spa.test/.derived/*', () => HttpResponse.html('<!doctype html><title>app</title>')),
    );
    await expect(fetchFromServerPipeline('http://static.test/a.m4a', { kind: 'peaks' }, signal)).resolves.toBeUndefined();
    await expect(fetchFromServerPipeline('http://spa.test/a.m4a', { kind: 'peaks' }, signal)).resolves.toBeUndefined();
  });

  it('answers nothing, for the browser to make it, where the server cannot reach its queue or does not answer', async () => {
    server.use(
      http.post('http://queue-down.test/.derived/*', () => new HttpResponse('The media server cannot reach its job queue.', { status: 503, headers: { 'Retry-After': '5' } })),
      // A server that takes the request and never answers it.
      http.post('http://hung.test/.derived/*', () => new Promise<never>(() => undefined)),
    );
    await expect(fetchFromServerPipeline('http://queue-down.test/a.m4a', { kind: 'peaks' }, signal)).resolves.toBeUndefined();
    await expect(fetchFromServerPipeline('http://hung.test/a.m4a', { kind: 'peaks' }, signal, { requestTimeoutMs: 50 })).resolves.toBeUndefined();
  });

  it('asks nothing of anyone for a picked file', async () => {
    // No handler answers blob: URLs: a request would fail the test (unhandled requests are errors here).
    await expect(fetchFromServerPipeline('blob:http://app.test/5f2c', { kind: 'peaks' }, signal)).resolves.toBeUndefined();
  });

  it('passes on that the file has no sound, which no one can make a waveform of', async () => {
    const media = mockServer({ 'peaks/tone.m4a': { file: { bytes: tonePeaks }, failure: { code: 'no-audio', message: 'This file has no audio.' } } });
    await expect(fetchFromServerPipeline(media.urlOf('tone.m4a'), { kind: 'peaks' }, signal)).rejects.toMatchObject({ code: 'no-audio' });
  });
});
