import { describe, expect, it, vi } from 'vitest';
import { createLayerFrames, type DecodedFrame, type FrameSink } from '../src/render/canvas/layerFrames';

const fps = 30;
const frameSeconds = 1 / fps;

interface FakeFrame extends DecodedFrame {
  readonly index: number;
}

/**
 * A source of 300 frames at 30 fps with a keyframe every 30, decoded as mediabunny's sink does:
 * from the keyframe at or before the time asked, giving frames from the one showing then on.
 * Each frame costs `decodeMs` of (fake) time; it counts what is open and refuses a double close.
 */
function fakeSink({ frames = 300, decodeMs = 0 } = {}) {
  const open = new Set<number>();
  const decoded: number[] = [];
  let starts = 0;
  let stopped = 0;
  const sink: FrameSink<FakeFrame> = {
    async *samples(fromSeconds) {
      starts += 1;
      const first = Math.min(frames - 1, Math.max(0, Math.floor(fromSeconds * fps + 1e-6)));
      const keyframe = first - (first % 30);
      try {
        for (let index = keyframe; index < frames; index += 1) {
          if (decodeMs > 0) await new Promise((resolve) => setTimeout(resolve, decodeMs));
          else await Promise.resolve();
          if (index < first) continue;
          decoded.push(index);
          open.add(index * 1000 + starts);
          const key = index * 1000 + starts;
          let closed = false;
          yield {
            index,
            timestamp: index * frameSeconds,
            duration: frameSeconds,
            close() {
              if (closed) throw new Error(`frame ${index} closed twice`);
              closed = true;
              open.delete(key);
            },
          };
        }
      } finally {
        stopped += 1;
      }
    },
  };
  return {
    sink,
    open,
    decoded,
    get starts() {
      return starts;
    },
    get stopped() {
      return stopped;
    },
  };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 5));

function layer(sink: FrameSink<FakeFrame>, options: { framesAhead?: number; jumpSeconds?: number; onFrame?: () => void } = {}) {
  const onError = vi.fn();
  const frames = createLayerFrames(sink, { framesAhead: 3, jumpSeconds: 1, onFrame: () => undefined, onError, ...options });
  return { frames, onError };
}

/** Asks for a time until the frame there shows (a few draws), as the draw loop does. */
async function showExact(frames: ReturnType<typeof layer>['frames'], seconds: number) {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    const shown = frames.show(seconds);
    if (shown.exact) return shown.frame as FakeFrame;
    await settle();
  }
  throw new Error(`never showed ${seconds}`);
}

describe('a canvas layer\'s frames', () => {
  it('shows the frame at each time while playing forward, holding a few decoded ahead and closing each once', async () => {
    const source = fakeSink();
    const { frames } = layer(source.sink);
    const seen: number[] = [];
    let mostOpen = 0;
    for (let tick = 0; tick < 120; tick += 1) {
      // Every animation frame at 60 Hz from 0.5 s: each video frame is asked for twice.
      const frame = await showExact(frames, 0.5 + tick / 60);
      seen.push(frame.index);
      mostOpen = Math.max(mostOpen, source.open.size);
    }
    expect(seen[0]).toBe(15);
    expect(seen.at(-1)).toBe(15 + 59);
    for (let tick = 0; tick < 120; tick += 1) expect(seen[tick]).toBe(Math.floor((0.5 + tick / 60) * fps + 1e-6));
    // One decoder for the whole run: moving forward never decodes again from a keyframe.
    expect(source.starts).toBe(1);
    // The frame on screen and three ahead (plus the one the pump holds between reads).
    expect(mostOpen).toBeLessThanOrEqual(5);
    frames.dispose();
    await settle();
    expect(source.open.size).toBe(0);
    expect(source.stopped).toBe(1);
  });

  it('lands exactly on a seek backward and on a jump forward past its reach, decoding from the keyframe', async () => {
    const source = fakeSink();
    const { frames } = layer(source.sink);
    expect((await showExact(frames, 5)).index).toBe(150);
    expect((await showExact(frames, 2.01)).index).toBe(60);
    expect((await showExact(frames, 2.01 + frameSeconds)).index).toBe(61);
    expect((await showExact(frames, 8.5)).index).toBe(255);
    expect(source.starts).toBe(3);
    frames.dispose();
    await settle();
    expect(source.open.size).toBe(0);
  });

  it('while decoding toward a jump, holds the newest frame it has and says it is not the one asked for', async () => {
    const source = fakeSink({ decodeMs: 2 });
    const { frames } = layer(source.sink);
    await showExact(frames, 1);
    const held = frames.show(7);
    expect(held.exact).toBe(false);
    // The frame at 1 s or one decoded after it, never a blank.
    expect((held.frame as FakeFrame).index).toBeGreaterThanOrEqual(30);
    expect((held.frame as FakeFrame).index).toBeLessThan(40);
    expect((await showExact(frames, 7)).index).toBe(210);
    frames.dispose();
    await settle();
    expect(source.open.size).toBe(0);
  });

  it('scrubbing coalesces: only the latest time counts, and what was decoded for earlier ones is dropped unseen', async () => {
    const source = fakeSink({ decodeMs: 1 });
    const { frames } = layer(source.sink);
    await showExact(frames, 0);
    // Twenty far-apart times in one burst, as a drag of the playhead between draws.
    for (let step = 1; step <= 20; step += 1) frames.show((step * 37) % 290 / fps);
    const last = ((20 * 37) % 290) / fps;
    expect((await showExact(frames, last)).index).toBe((20 * 37) % 290);
    // Far fewer starts than asks: the burst's earlier times were never decoded to.
    expect(source.starts).toBeLessThanOrEqual(3);
    frames.dispose();
    await settle();
    expect(source.open.size).toBe(0);
  });

  it('never shows a frame after a later one when the decoder gives them out of order', async () => {
    // A decoder whose frames the test hands out one at a time, in the order it chooses.
    const waiting: FakeFrame[] = [];
    const open = new Set<number>();
    let wake: (() => void) | undefined;
    const give = (index: number) => {
      open.add(index);
      waiting.push({ index, timestamp: index * frameSeconds, duration: frameSeconds, close: () => open.delete(index) });
      wake?.();
    };
    const sink: FrameSink<FakeFrame> = {
      async *samples() {
        for (;;) {
          while (waiting.length === 0) await new Promise<void>((resolve) => (wake = resolve));
          yield waiting.shift() as FakeFrame;
        }
      },
    };
    const { frames } = layer(sink, { jumpSeconds: 10 });
    const at = (index: number) => (index + 0.5) * frameSeconds;
    frames.show(at(19));
    give(19);
    await settle();
    expect(frames.show(at(19)).frame?.index).toBe(19);
    // The playhead is at frame 21 when the decoder gives 21, then 20 (out of order).
    give(21);
    await settle();
    expect(frames.show(at(21)).frame?.index).toBe(21);
    give(20);
    await settle();
    expect(frames.show(at(21)).frame?.index, 'the earlier frame is past').toBe(21);
    expect(open.has(20), 'and closed').toBe(false);
    // Given out of order ahead of the playhead, frames still show in presentation order.
    give(23);
    give(22);
    await settle();
    expect(frames.show(at(22)).frame?.index).toBe(22);
    expect(frames.show(at(23)).frame?.index).toBe(23);
    frames.dispose();
    await settle();
    expect([...open]).toEqual([]);
  });

  it('counts frames decoded too late to be seen and drops them', async () => {
    const source = fakeSink();
    let arrived = 0;
    const { frames } = layer(source.sink, { jumpSeconds: 10, onFrame: () => (arrived += 1) });
    await showExact(frames, 0);
    // The playhead moves on three frames for each frame the decoder gives: frames arrive after
    // their time, and the ones a later frame supersedes are dropped unseen.
    for (let tick = 1; tick <= 20; tick += 1) {
      const before = arrived;
      frames.show((tick * 3) / fps);
      await vi.waitUntil(() => arrived > before);
    }
    expect(frames.skipped).toBeGreaterThan(5);
    frames.dispose();
    await settle();
    expect(source.open.size).toBe(0);
  });

  it('going idle lets go of the decoder and every frame; showing again starts over at the time', async () => {
    const source = fakeSink();
    const { frames } = layer(source.sink);
    await showExact(frames, 3);
    expect(frames.decoding).toBe(true);
    frames.idle();
    await settle();
    expect(frames.decoding).toBe(false);
    expect(source.open.size).toBe(0);
    expect(frames.show(4).frame).toBeUndefined();
    expect((await showExact(frames, 4)).index).toBe(120);
    frames.dispose();
    await settle();
    expect(source.open.size).toBe(0);
  });

  it('at the end of the source holds its last frame as the frame there', async () => {
    const source = fakeSink({ frames: 40 });
    const { frames } = layer(source.sink);
    expect((await showExact(frames, 1.2)).index).toBe(36);
    expect((await showExact(frames, 3)).index).toBe(39);
    frames.dispose();
    await settle();
    expect(source.open.size).toBe(0);
  });

  it('reports a read or decode failure and keeps what it showed', async () => {
    const failing: FrameSink<FakeFrame> = {
      // eslint-disable-next-line require-yield
      async *samples() {
        throw new Error('decode failed');
      },
    };
    const { frames, onError } = layer(failing);
    frames.show(1);
    await settle();
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'decode failed' }));
    frames.dispose();
  });
});
