import { readFileSync } from 'node:fs';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { describe, expect, it } from 'vitest';
import { readableLength } from '../src/sources/probeMedia';
import { createCompositorStore, formatClock, retryCanHelp, selectTrackById, trackDurationLearnt, tracksAdded, withLinkedSound } from '../src/state';

/** What `probeMedia` learns of the fixture's first `share` of bytes (the whole file at 1). */
async function lengthOf(fixture: string, share: number) {
  const bytes = readFileSync(`public/fixtures/${fixture}`);
  const input = new Input({ formats: ALL_FORMATS, source: new BufferSource(new Uint8Array(bytes.subarray(0, Math.floor(bytes.length * share)))) });
  try {
    return await readableLength(input, await input.getTracks());
  } finally {
    input.dispose();
  }
}

describe('a file cut short, read at the door', () => {
  it.each(['frame-code-h264.mp4', 'flash-beeps.mp4', 'frame-code-vp9.webm', 'beeps-opus.webm', 'beeps-aac.m4a'])('%s whole is not cut short', async (fixture) => {
    const length = await lengthOf(fixture, 1);
    expect(length.statedMs).toBeGreaterThan(3900);
    expect(length.cutShortAtMs).toBeUndefined();
  });

  it('an MP4 of 10 s with half its bytes ends where its last whole packet does, before its stated length', async () => {
    // The frame-coded fixture's frames are all of a size: half the bytes is about half the frames.
    const length = await lengthOf('frame-code-h264.mp4', 0.5);
    expect(length.statedMs).toBe(10_000);
    expect(length.cutShortAtMs).toBeGreaterThan(4000);
    expect(length.cutShortAtMs).toBeLessThan(6000);
    // A frame's end: a multiple of 1/30 s.
    expect(((length.cutShortAtMs ?? 0) * 30) / 1000).toBeCloseTo(Math.round(((length.cutShortAtMs ?? 0) * 30) / 1000), 6);
  });

  it('a video with sound ends where the first of its tracks runs out', async () => {
    const whole = await lengthOf('flash-beeps.mp4', 1);
    const cut = await lengthOf('flash-beeps.mp4', 0.5);
    expect(cut.statedMs).toBe(whole.statedMs);
    expect(cut.cutShortAtMs).toBeGreaterThan(2000);
    expect(cut.cutShortAtMs).toBeLessThan((whole.statedMs ?? 0) * 0.6);
  });

  it('leaves a WebM unchecked: finding its last packet could mean reading it whole', async () => {
    const length = await lengthOf('frame-code-vp9.webm', 0.5);
    expect(length).toEqual({ statedMs: 10_000 });
  });
});

describe('a track of a file cut short', () => {
  const camera = { id: 'cam', name: 'Camera', source: { url: '/cam.mp4' }, cutShortAtMs: 4300 };

  it('lasts as long as the file really does, its sound too, whatever an element reads later', () => {
    const store = createCompositorStore();
    store.dispatch(tracksAdded(withLinkedSound(camera)));
    for (const id of ['cam', 'cam.sound']) {
      expect(selectTrackById(store.getState(), id)).toMatchObject({ cutShortAtMs: 4300, mediaDurationMs: 4300, clips: [{ startMs: 0, inMs: 0, outMs: 4300 }] });
    }
    // The element reads the header's 10 s: not taken.
    store.dispatch(trackDurationLearnt({ id: 'cam', durationMs: 10_000 }));
    expect(selectTrackById(store.getState(), 'cam')?.clips).toEqual([{ startMs: 0, inMs: 0, outMs: 4300 }]);
  });

  it('keeps no clip past the cut', () => {
    const store = createCompositorStore();
    store.dispatch(
      tracksAdded([
        { ...camera, clips: [{ startMs: 0, inMs: 1000, outMs: 3000 }, { startMs: 5000, inMs: 2000, outMs: 8000 }, { startMs: 9000, inMs: 6000, outMs: 7000 }] },
      ]),
    );
    expect(selectTrackById(store.getState(), 'cam')?.clips).toEqual([
      { startMs: 0, inMs: 1000, outMs: 3000 },
      { startMs: 5000, inMs: 2000, outMs: 4300 },
      { startMs: 9000, inMs: 4300, outMs: 4300 },
    ]);
  });

  it('is a failure of the file, which no Retry mends', () => {
    expect(retryCanHelp({ kind: 'cut-short', message: '' })).toBe(false);
  });
});

describe('a length on a clock', () => {
  it('reads m:ss, h:mm:ss past the hour, whole seconds rounded down', () => {
    expect([0, 4999, 65_000, 599_999, 3_600_000, 3_725_500, -5].map(formatClock)).toEqual(['0:00', '0:04', '1:05', '9:59', '1:00:00', '1:02:05', '0:00']);
  });
});
