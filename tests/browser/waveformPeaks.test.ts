// Waveform peaks as the kit makes them in Chromium: in a worker, from files read by Range or from
// a picked file, checked against what the fixtures are known to hold.
import { describe, expect, it } from 'vitest';
import type { ComputePeaks } from '../../src/audio/computePeaks';
import type { WaveformPeaks } from '../../src/derived';
import { kitPageForFile } from '../support/kitPage';

const kit = kitPageForFile();

type Made = { peaks: { durationMs: number; levels: { bucketMs: number; data: number[] }[] }; ms: number } | { error: { code: string; message: string } };

/** Makes the peaks of a fixture in the page (as a URL, or as a picked file's object URL). */
function peaksOf(file: string, as: 'url' | 'file' = 'url'): Promise<Made> {
  return kit.page.evaluate(
    async ({ file, as }) => {
      const { computePeaksInWorker } = (await globalThis.eval("import('/src/audio/computePeaks.ts')")) as { computePeaksInWorker: ComputePeaks };
      let url = `/fixtures/${file}`;
      if (as === 'file') url = URL.createObjectURL(new File([await (await fetch(url)).blob()], file));
      const started = performance.now();
      try {
        const peaks: WaveformPeaks = await computePeaksInWorker(
          { kind: as === 'file' ? 'file' : 'range', url, crossOrigin: undefined, bytesHeld: 0, release() {} },
          { signal: new AbortController().signal },
        );
        return {
          ms: performance.now() - started,
          peaks: { durationMs: peaks.durationMs, levels: peaks.levels.map((level) => ({ bucketMs: level.bucketMs, data: [...level.data] })) },
        };
      } catch (caught) {
        const error = caught as { code: string; message: string };
        return { error: { code: error.code, message: error.message } };
      } finally {
        if (as === 'file') URL.revokeObjectURL(url);
      }
    },
    { file, as },
  );
}

/** The loudest sample (0 to 1) in each finest bucket. */
const loudness = (made: Made) => {
  if ('error' in made) throw new Error(made.error.message);
  const { data } = made.peaks.levels[0];
  return Array.from({ length: data.length / 2 }, (_, bucket) => Math.max(-data[bucket * 2], data[bucket * 2 + 1]) / 127);
};

describe('waveform peaks', () => {
  it.each(['beeps-aac.m4a', 'beeps-opus.webm', 'beeps-mono.wav'])('finds the beeps of %s where they are', async (file) => {
    const made = await peaksOf(file);
    const loud = loudness(made);
    if ('error' in made) throw new Error(made.error.message);
    expect(made.peaks.durationMs).toBeCloseTo(12_000, -2);
    // 20 ms buckets: a beep (0.5, 50 ms at 0.5 s + n) fills buckets 25-27 of each second.
    expect(loud).toHaveLength(Math.ceil(made.peaks.durationMs / 20));
    for (let second = 0; second < 12; second += 1) {
      // Lossy codecs ring a little past the tone's 0.5.
      expect(loud[second * 50 + 26], `beep ${second}`).toBeGreaterThan(0.45);
      expect(loud[second * 50 + 26], `beep ${second}`).toBeLessThan(0.6);
      expect(loud[second * 50 + 10], `quiet before beep ${second}`).toBeLessThan(0.02);
      expect(loud[second * 50 + 40], `quiet after beep ${second}`).toBeLessThan(0.02);
    }
  });

  it('folds four buckets into one at each coarser level', async () => {
    const made = await peaksOf('beeps-aac.m4a');
    if ('error' in made) throw new Error(made.error.message);
    expect(made.peaks.levels.map((level) => [level.bucketMs, level.data.length / 2])).toEqual([
      [20, 600],
      [80, 150],
      [320, 38],
      [1280, 10],
    ]);
    const [fine, coarse] = made.peaks.levels;
    for (let bucket = 0; bucket < 150; bucket += 1) {
      const group = fine.data.slice(bucket * 8, bucket * 8 + 8);
      expect(coarse.data[bucket * 2]).toBe(Math.min(...group.filter((_, index) => index % 2 === 0)));
      expect(coarse.data[bucket * 2 + 1]).toBe(Math.max(...group.filter((_, index) => index % 2 === 1)));
    }
  });

  it('reads a picked file the same as its URL', async () => {
    expect(loudness(await peaksOf('beeps-aac.m4a', 'file'))).toEqual(loudness(await peaksOf('beeps-aac.m4a')));
  });

  it('makes an hour of sound into a few hundred KB of peaks', async () => {
    const made = await peaksOf('hour-tone.m4a');
    if ('error' in made) throw new Error(made.error.message);
    console.log(`hour: ${made.ms.toFixed(0)} ms`);
    const bytes = made.peaks.levels.reduce((sum, level) => sum + level.data.length, 0);
    expect(bytes).toBeLessThan(500_000);
    const loud = loudness(made);
    // A 0.5 tone for the first 5 minutes of every 10 (AAC at 8 kbit/s rings well past it), silence
    // for the rest.
    for (let block = 0; block < 6; block += 1) {
      const start = block * 30_000;
      for (const bucket of [start + 100, start + 14_000]) {
        expect(loud[bucket]).toBeGreaterThan(0.4);
        expect(loud[bucket]).toBeLessThan(0.8);
      }
      expect(loud[start + 15_100]).toBeLessThan(0.01);
      expect(loud[start + 29_000]).toBeLessThan(0.01);
    }
  }, 120_000);

  it('stops reading and ends its worker when no one needs the peaks any more', async () => {
    // Requests the worker makes, seen by the browser.
    const reads: number[] = [];
    const onRequest = (request: { url(): string }) => {
      if (request.url().includes('hour-tone')) reads.push(Date.now());
    };
    kit.page.on('request', onRequest);
    const result = await kit.page.evaluate(async () => {
      // Workers counted from outside the kit: made, and ended.
      const counts = { made: 0, ended: 0 };
      const Original = globalThis.Worker;
      globalThis.Worker = class extends Original {
        constructor(...args: ConstructorParameters<typeof Worker>) {
          super(...args);
          counts.made += 1;
        }
        terminate() {
          counts.ended += 1;
          super.terminate();
        }
      };
      try {
        const { computePeaksInWorker } = (await globalThis.eval("import('/src/audio/computePeaks.ts')")) as { computePeaksInWorker: ComputePeaks };
        const source = { kind: 'range' as const, url: '/fixtures/hour-tone.m4a', crossOrigin: undefined, bytesHeld: 0, release() {} };
        const controller = new AbortController();
        const progress: number[] = [];
        const made = computePeaksInWorker(source, { signal: controller.signal, onProgress: (share) => progress.push(share) });
        // Aborted once it has said it is under way.
        while (progress.length === 0) await new Promise((resolve) => setTimeout(resolve, 20));
        controller.abort(new DOMException('no clip shows it', 'AbortError'));
        const outcome = await made.then(() => 'made', (error: Error) => error.name);
        return { outcome, counts, progress: progress[0] };
      } finally {
        globalThis.Worker = Original;
      }
    });
    expect(result.outcome).toBe('AbortError');
    expect(result.counts).toEqual({ made: 1, ended: 1 });
    expect(result.progress).toBeGreaterThan(0);
    expect(result.progress).toBeLessThan(1);
    // Reading stops: what was asked before the abort may still be reported (the browser's
    // events reach the test late on a busy machine), but no read is asked for after that.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const readsSoonAfter = reads.length;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    kit.page.off('request', onRequest);
    expect(readsSoonAfter).toBeGreaterThan(0);
    expect(reads.length).toBe(readsSoonAfter);
  });

  it.each([
    ['sync-h264.mp4', 'no-audio', /has no sound/],
    ['beeps-ac3.mp4', 'unsupported', /cannot decode \(ac3\)/],
    ['missing.m4a', 'not-found', /missing\.m4a/],
  ])('says why it cannot make peaks of %s', async (file, code, message) => {
    const made = await peaksOf(file);
    expect('error' in made && made.error.code).toBe(code);
    expect('error' in made && made.error.message).toMatch(message);
  });
});
