// A track's sound as the output plays it, in Chromium: the fixture's beeps (1 kHz, 50 ms, at
// 0.5 s and every second after in the source) decoded by the kit's sound player, scheduled on an
// OfflineAudioContext and read back sample by sample. Where each beep starts on the output says
// which source time played when.
import { describe, expect, it } from 'vitest';
import type { SoundMedia } from '../../src/audio/soundMedia';
import type { TrackSoundPlayer } from '../../src/audio/trackSoundPlayer';
import type { ClipTiming } from '../../src/state';
import { kitPageForFile } from '../support/kitPage';

const kit = kitPageForFile();

interface Heard {
  /** Output times (s) where a beep starts: a sample above 0.05 after at least 20 ms below it. */
  onsets: number[];
  /** Largest sample anywhere: the beeps are 0.5. */
  peak: number;
  /** Largest change between neighbouring samples: a click is a big one. */
  maxStep: number;
  /** Spans the audio thread still held once the render was over: all played out, none. */
  spansAfter: number;
}

interface Played {
  file: string;
  clips: ClipTiming[];
  /** The playhead heard at output time `atSeconds`. */
  anchor: { playheadMs: number; atSeconds: number };
  seconds: number;
  /** The context's rate: 48 kHz, as the files, unless a test says otherwise. */
  rate?: number;
}

/** Plays `file`'s sound for `clips` from the anchor, rendered offline at 48 kHz, and finds its beeps. */
function hear(played: Played): Promise<Heard | { error: { code: string; message: string } }> {
  return kit.page.evaluate(async ({ file, clips, anchor, seconds, rate = 48_000 }) => {
    const { openSoundMedia } = (await globalThis.eval("import('/src/audio/soundMedia.ts')")) as {
      openSoundMedia(source: object): Promise<SoundMedia>;
    };
    const { createTrackSoundPlayer } = (await globalThis.eval("import('/src/audio/trackSoundPlayer.ts')")) as {
      createTrackSoundPlayer(options: object): TrackSoundPlayer;
    };
    const { registerSoundFeed } = (await globalThis.eval("import('/src/audio/soundFeedProcessor.ts')")) as {
      registerSoundFeed(context: BaseAudioContext): Promise<void>;
    };
    let media: SoundMedia;
    try {
      media = await openSoundMedia({ kind: 'range', url: `/fixtures/${file}`, crossOrigin: undefined, bytesHeld: 0, release() {} });
    } catch (caught) {
      const error = caught as { code: string; message: string };
      return { error: { code: error.code, message: error.message } };
    }
    const context = new OfflineAudioContext({ numberOfChannels: 2, length: rate * seconds, sampleRate: rate });
    await registerSoundFeed(context);
    const failures: unknown[] = [];
    const player = createTrackSoundPlayer({
      context,
      output: context.destination,
      media,
      onError: (error: unknown) => failures.push(error),
      lookaheadSeconds: 1000,
    });
    player.follow(clips, { playheadMs: anchor.playheadMs, baseMs: anchor.atSeconds * 1000 });
    await player.scheduled();
    if (failures.length) throw failures[0];
    const output = (await context.startRendering()).getChannelData(0);
    const onsets: number[] = [];
    let quietSince = 0;
    let peak = 0;
    let maxStep = 0;
    for (let index = 0; index < output.length; index += 1) {
      const level = Math.abs(output[index]);
      peak = Math.max(peak, level);
      if (index > 0) maxStep = Math.max(maxStep, Math.abs(output[index] - output[index - 1]));
      if (level < 0.05) continue;
      if (index - quietSince > 0.02 * rate) onsets.push(index / rate);
      quietSince = index;
    }
    // The audio thread says a span is over by a message, which may land after the render.
    for (let waited = 0; player.pendingSpans() > 0 && waited < 2000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    const spansAfter = player.pendingSpans();
    player.dispose();
    media.dispose();
    return { onsets, peak, maxStep, spansAfter };
  }, played);
}

/** Where a beep's first loud sample lands after its true start: the sine reaches 0.05 within a few samples. */
const onsetSlackSeconds = 0.001;

function expectOnsetsNear(heard: Awaited<ReturnType<typeof hear>>, expected: number[], slackSeconds = onsetSlackSeconds): void {
  if ('error' in heard) throw new Error(`could not play: ${heard.error.message}`);
  expect(heard.onsets).toHaveLength(expected.length);
  heard.onsets.forEach((onset, index) => {
    expect(Math.abs(onset - expected[index])).toBeLessThan(slackSeconds);
  });
}

// MP3 cannot say how much silence its encoder put first except in LAME's own tag, which
// mediabunny does not read yet (Vanilagy/mediabunny#463): its sound is late by the encoder's
// delay (1105 samples, 23 ms here). Within a video frame, not within a sample.
const slackOf = (file: string) => (file.endsWith('.mp3') ? 1 / 30 : onsetSlackSeconds);

describe('given an AAC track with two clips and a gap', () => {
  it('plays each clip from its in point at its place on the timeline, silent between', async () => {
    // Clip 1: timeline 0-1 s plays source 0-1 s (beep at 0.5). Clip 2: timeline 2-3 s plays
    // source 3-4 s (beep at source 3.5, so timeline 2.5). The playhead 0 is heard at 0.1 s.
    const heard = await hear({
      file: 'beeps-aac.m4a',
      clips: [
        { startMs: 0, inMs: 0, outMs: 1000 },
        { startMs: 2000, inMs: 3000, outMs: 4000 },
      ],
      anchor: { playheadMs: 0, atSeconds: 0.1 },
      seconds: 4,
    });
    expectOnsetsNear(heard, [0.6, 2.6]);
  });

  it('starts mid-clip at the playhead: the source time the playhead maps to is what is heard', async () => {
    // From playhead 1.2 s in a clip at 0 s with in point 0: the beeps at source 1.5 and 2.5
    // are heard 0.3 s and 1.3 s after the anchor.
    const heard = await hear({
      file: 'beeps-aac.m4a',
      clips: [{ startMs: 0, inMs: 0, outMs: 3000 }],
      anchor: { playheadMs: 1200, atSeconds: 0.2 },
      seconds: 2,
    });
    expectOnsetsNear(heard, [0.5, 1.5]);
  });
});

describe('given a track that starts to sound while the clock already runs (unmuted mid-play)', () => {
  it('plays from where the output is, in time with the clock', async () => {
    // The playhead 0 was heard 5 s before the output's start: now is the playhead 5 s, so the
    // beep at source 5.5 s is heard 0.5 s in.
    const heard = await hear({ file: 'beeps-aac.m4a', clips: [{ startMs: 0, inMs: 0, outMs: 12_000 }], anchor: { playheadMs: 0, atSeconds: -5 }, seconds: 2 });
    expectOnsetsNear(heard, [0.5, 1.5]);
  });
});

describe('given the same beeps in other formats', () => {
  for (const file of ['beeps-opus.webm', 'beeps.mp3', 'beeps-mono.wav', 'flash-beeps.mp4']) {
    it(`plays ${file} with its beeps where the source has them`, async () => {
      const heard = await hear({ file, clips: [{ startMs: 0, inMs: 0, outMs: 2000 }], anchor: { playheadMs: 0, atSeconds: 0 }, seconds: 2 });
      expectOnsetsNear(heard, [0.5, 1.5], slackOf(file));
      if (!('error' in heard)) {
        // As loud as the file: each buffer once, none overlapping the next.
        expect(heard.peak).toBeGreaterThan(0.45);
        expect(heard.peak).toBeLessThan(0.55);
        expect(heard.spansAfter).toBe(0);
      }
    });
  }
});

describe('given a 48 kHz file and a 44.1 kHz output (the rate of Chromium here)', () => {
  it('plays a steady tone without a click at any join between decoded buffers', async () => {
    const heard = await hear({ file: 'tone-aac.m4a', clips: [{ startMs: 0, inMs: 0, outMs: 3000 }], anchor: { playheadMs: 0, atSeconds: 0 }, seconds: 3, rate: 44_100 });
    if ('error' in heard) throw new Error(heard.error.message);
    // A 440 Hz sine at half scale moves at most 0.031 between samples at 44.1 kHz. Decoded
    // buffers played one by one overlapped at their joins here: peaks of 0.85 and steps of 0.4.
    const sineStep = (0.5 * 2 * Math.PI * 440) / 44_100;
    expect(heard.peak).toBeLessThan(0.55);
    expect(heard.maxStep).toBeLessThan(sineStep * 1.2);
  });
});

describe('given a track playing on a running output', () => {
  it('decodes only a bounded window ahead of what is heard, not the file', async () => {
    const { decodedSeconds, playedSeconds } = await kit.page.evaluate(async () => {
      // Decoder calls counted from outside: an AAC packet is 1024 samples, 21.3 ms at 48 kHz.
      let packets = 0;
      const decode = AudioDecoder.prototype.decode;
      AudioDecoder.prototype.decode = function (...args: Parameters<AudioDecoder['decode']>) {
        packets += 1;
        return decode.apply(this, args);
      };
      const { openSoundMedia } = (await globalThis.eval("import('/src/audio/soundMedia.ts')")) as { openSoundMedia(source: object): Promise<SoundMedia> };
      const { createTrackSoundPlayer } = (await globalThis.eval("import('/src/audio/trackSoundPlayer.ts')")) as { createTrackSoundPlayer(options: object): TrackSoundPlayer };
      const { registerSoundFeed } = (await globalThis.eval("import('/src/audio/soundFeedProcessor.ts')")) as { registerSoundFeed(context: BaseAudioContext): Promise<void> };
      const context = new AudioContext();
      await context.resume();
      await registerSoundFeed(context);
      const media = await openSoundMedia({ kind: 'range', url: '/fixtures/beeps-aac.m4a', crossOrigin: undefined, bytesHeld: 0, release() {} });
      const player = createTrackSoundPlayer({ context, output: context.destination, media, onError() {} });
      const startedAt = context.currentTime;
      player.follow([{ startMs: 0, inMs: 0, outMs: 12_000 }], { playheadMs: 0, baseMs: startedAt * 1000 });
      await new Promise((resolve) => setTimeout(resolve, 2000));
      const played = context.currentTime - startedAt;
      player.dispose();
      media.dispose();
      AudioDecoder.prototype.decode = decode;
      await context.close();
      return { decodedSeconds: (packets * 1024) / 48_000, playedSeconds: played };
    });
    // The file is 12 s: decoding it all would be 12 s ahead after 2 s played. The window is a
    // second, and the decoder reads a few packets further.
    expect(decodedSeconds).toBeLessThan(playedSeconds + 2);
    expect(decodedSeconds).toBeGreaterThan(playedSeconds);
  });
});

describe('given two tracks of one source', () => {
  it('opens it once for both, and the one left plays on after the other lets go', async () => {
    const result = await kit.page.evaluate(async () => {
      const { openSoundMedia } = (await globalThis.eval("import('/src/audio/soundMedia.ts')")) as { openSoundMedia(source: object): Promise<SoundMedia> };
      const source = { kind: 'range', url: '/fixtures/beeps-aac.m4a', crossOrigin: undefined, bytesHeld: 0, release() {} };
      // Reads counted at fetch, which mediabunny reads through.
      let reads = 0;
      const fetchOfPage = globalThis.fetch;
      globalThis.fetch = (...args: Parameters<typeof fetch>) => {
        reads += 1;
        return fetchOfPage(...args);
      };
      const first = await openSoundMedia(source);
      const afterFirst = reads;
      const second = await openSoundMedia(source);
      const afterSecond = reads;
      globalThis.fetch = fetchOfPage;
      first.dispose();
      let buffers = 0;
      for await (const decoded of second.buffers(0, 0.5)) buffers += decoded.channels[0].length > 0 ? 1 : 0;
      second.dispose();
      return { readsForFirst: afterFirst, readsForSecond: afterSecond - afterFirst, buffers };
    });
    expect(result.readsForFirst).toBeGreaterThan(0);
    expect(result.readsForSecond).toBe(0);
    expect(result.buffers).toBeGreaterThan(10);
  });
});

describe('given media it cannot play', () => {
  it('says a video without sound has no sound', async () => {
    const heard = await hear({ file: 'clip-h264.mp4', clips: [{ startMs: 0, inMs: 0 }], anchor: { playheadMs: 0, atSeconds: 0 }, seconds: 1 });
    expect(heard).toEqual({ error: { code: 'no-audio', message: 'clip-h264.mp4 has no sound to play.' } });
  });

  it('says which codec it cannot decode', async () => {
    const heard = await hear({ file: 'beeps-ac3.mp4', clips: [{ startMs: 0, inMs: 0 }], anchor: { playheadMs: 0, atSeconds: 0 }, seconds: 1 });
    expect(heard).toMatchObject({ error: { code: 'unsupported', message: expect.stringMatching(/^The sound of beeps-ac3\.mp4 is in a codec this browser cannot decode \(ac3\)/) } });
  });

  it('says a missing file was not found', async () => {
    const heard = await hear({ file: 'gone.m4a', clips: [{ startMs: 0, inMs: 0 }], anchor: { playheadMs: 0, atSeconds: 0 }, seconds: 1 });
    expect(heard).toMatchObject({ error: { code: 'not-found' } });
  });
});

describe('given clips at other speeds', () => {
  it('plays twice as fast with the beeps twice as often, and half as fast half as often', async () => {
    // The source beeps at 0.5 s and every second after: at 2x every half second from 0.25 s.
    expectOnsetsNear(await hear({ file: 'beeps-aac.m4a', clips: [{ startMs: 0, inMs: 0, outMs: 6000, speed: 2 }], anchor: { playheadMs: 0, atSeconds: 0 }, seconds: 3 }), [0.25, 0.75, 1.25, 1.75, 2.25, 2.75], 0.002);
    // At 0.5x every two seconds from 1 s.
    expectOnsetsNear(await hear({ file: 'beeps-aac.m4a', clips: [{ startMs: 0, inMs: 0, outMs: 2000, speed: 0.5 }], anchor: { playheadMs: 0, atSeconds: 0 }, seconds: 4 }), [1, 3], 0.002);
  });
});

describe("given a clip whose level and pan have keyframes or fades", () => {
  /**
   * The fixture's tone (440 Hz at 0.5) played offline as a 3 s clip with `changes` (its
   * `animation`, its `fades`, another length), each channel's peak in 100 ms windows, and the
   * largest step between two samples (a click is a big one).
   */
  function peaksOf(changes: Partial<ClipTiming>, anchor = { playheadMs: 0, atSeconds: 0 }) {
    return kit.page.evaluate(
      async ({ changes, anchor }) => {
        const { openSoundMedia } = (await globalThis.eval("import('/src/audio/soundMedia.ts')")) as { openSoundMedia(source: object): Promise<SoundMedia> };
        const { createTrackSoundPlayer } = (await globalThis.eval("import('/src/audio/trackSoundPlayer.ts')")) as { createTrackSoundPlayer(options: object): TrackSoundPlayer };
        const { registerSoundFeed } = (await globalThis.eval("import('/src/audio/soundFeedProcessor.ts')")) as { registerSoundFeed(context: BaseAudioContext): Promise<void> };
        const rate = 48_000;
        const context = new OfflineAudioContext({ numberOfChannels: 2, length: rate * 3, sampleRate: rate });
        await registerSoundFeed(context);
        const media = await openSoundMedia({ kind: 'range', url: '/fixtures/tone-aac.m4a', crossOrigin: undefined, bytesHeld: 0, release() {} });
        const failures: unknown[] = [];
        const player = createTrackSoundPlayer({ context, output: context.destination, media, onError: (error: unknown) => failures.push(error), lookaheadSeconds: 1000 });
        player.follow([{ startMs: 0, inMs: 0, outMs: 3000, ...changes }], { playheadMs: anchor.playheadMs, baseMs: anchor.atSeconds * 1000 });
        await player.scheduled();
        const rendered = await context.startRendering();
        player.dispose();
        media.dispose();
        if (failures.length) throw new Error(String(failures[0]));
        const windows = (channel: Float32Array) =>
          Array.from({ length: 30 }, (_, index) => channel.subarray(index * 4800, (index + 1) * 4800).reduce((peak, sample) => Math.max(peak, Math.abs(sample)), 0));
        const left = rendered.getChannelData(0);
        let maxStep = 0;
        for (let index = 1; index < left.length; index += 1) maxStep = Math.max(maxStep, Math.abs(left[index] - left[index - 1]));
        return { left: windows(left), right: windows(rendered.getChannelData(1)), maxStep };
      },
      { changes, anchor },
    );
  }

  it('follows a fade of its level on the output, sample-timed from the clip start, linear in decibels', async () => {
    // Full from 0 to 1 s, falling to -40 dB by 2 s, then held there.
    const { left } = await peaksOf({ animation: { volumeDb: [{ atMs: 1000, value: 0 }, { atMs: 2000, value: -40 }] } });
    // The tone at 0.5 (each window holds many cycles), a window's peak at its loudest point: its start while falling.
    for (const index of [2, 5, 8]) expect(left[index]).toBeCloseTo(0.5, 1);
    // A window's peak is the tone's first crest in it, a few ms in: within 3% of the level at its start.
    for (const index of [10, 12, 15, 18]) {
      const expected = 0.5 * 10 ** ((-40 * (index / 10 - 1)) / 20);
      expect(left[index] / expected, `window ${index}`).toBeGreaterThan(0.97);
      expect(left[index] / expected, `window ${index}`).toBeLessThan(1.01);
    }
    for (const index of [22, 28]) expect(left[index]).toBeCloseTo(0.005, 3);
  });

  it('takes up a fade part-way when playing starts in the middle of it', async () => {
    // From playhead 1.5 s (heard at 0): the level is -20 dB at once, -40 dB half a second later.
    const { left } = await peaksOf({ animation: { volumeDb: [{ atMs: 1000, value: 0 }, { atMs: 2000, value: -40 }] } }, { playheadMs: 1500, atSeconds: 0 });
    expect(left[1]).toBeCloseTo(0.5 * 10 ** (-24 / 20), 2);
    expect(left[7]).toBeCloseTo(0.005, 3);
  });

  it('moves its pan from one side to the other', async () => {
    const { left, right } = await peaksOf({ animation: { pan: [{ atMs: 0, value: -1, easing: 'hold' }, { atMs: 2000, value: 1 }] } });
    // Hard left until 2 s (the tone's two channels both in the left), then hard right.
    expect(right[0]).toBeLessThan(0.05);
    expect(left[0]).toBeGreaterThan(0.6);
    expect(left[25]).toBeLessThan(1e-3);
    expect(right[25]).toBeGreaterThan(0.6);
  });

  it('rises from silence along its fade-in and falls to silence along its fade-out, sample-timed at the clip\'s edges', async () => {
    // A linear fade-in over the first second; an S-curve fade-out over the last.
    const { left } = await peaksOf({ fades: { in: { durationMs: 1000, curve: 'linear' }, out: { durationMs: 1000, curve: 's-curve' } } });
    // Rising, a window's loudest crest is near its end: within 3% (and a crest's width) of the line there.
    for (const index of [1, 3, 5, 8]) {
      const expected = 0.5 * ((index + 1) / 10);
      expect(left[index] / expected, `window ${index}`).toBeGreaterThan(0.95);
      expect(left[index] / expected, `window ${index}`).toBeLessThan(1.01);
    }
    expect(left[15]).toBeCloseTo(0.5, 1);
    // Falling, near its start: the S-curve's gain 0.1 s after each window's start or sooner.
    for (const index of [21, 25, 28]) {
      const progress = 1 - (index - 20) / 10;
      const expected = 0.5 * ((1 - Math.cos(progress * Math.PI)) / 2);
      expect(left[index] / expected, `window ${index}`).toBeGreaterThan(0.9);
      expect(left[index] / expected, `window ${index}`).toBeLessThan(1.01);
    }
    // The last window ends in silence: the S-curve's last 100 ms are below 0.025 of full.
    expect(left[29]).toBeLessThan(0.5 * 0.025);
    expect(left[0]).toBeLessThan(0.5 * 0.1 * 1.01);
  });

  it('clicks at neither edge of a clip without fades', async () => {
    // A 2 s clip heard from 0.5 s of the output: it starts and stops mid-wave.
    const { left, maxStep } = await peaksOf({ outMs: 2000 }, { playheadMs: 0, atSeconds: 0.5 });
    expect(left[2]).toBeLessThan(1e-4);
    expect(left[10]).toBeCloseTo(0.5, 1);
    expect(left[27]).toBeLessThan(1e-4);
    // A 440 Hz sine at 0.5 moves at most 0.029 between samples at 48 kHz; a cut wave steps by up to 0.5.
    expect(maxStep).toBeLessThan(((0.5 * 2 * Math.PI * 440) / 48_000) * 1.5);
  });
});
