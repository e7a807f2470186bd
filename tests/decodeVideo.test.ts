import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';
import { videoFrameSink } from '../src/render/canvas/decodeVideo';

/** A frame as the sink handles it: a timestamp, a duration and `close`, counted. */
interface FakeFrame {
  timestamp: number;
  duration: number;
  closed: boolean;
  close(): void;
}

/**
 * A WebCodecs `VideoDecoder` that decodes each chunk into one frame on the next task and, like
 * Firefox 153's now and then, gives one more frame after `close()`.
 */
function installLateOutputDecoder() {
  const frames: FakeFrame[] = [];
  const makeFrame = (timestamp: number, duration: number): FakeFrame => {
    const frame: FakeFrame = {
      timestamp,
      duration,
      closed: false,
      close() {
        frame.closed = true;
      },
    };
    frames.push(frame);
    return frame;
  };
  class LateOutputDecoder {
    state: 'unconfigured' | 'configured' | 'closed' = 'unconfigured';
    decodeQueueSize = 0;
    private last = { timestamp: 0, duration: 0 };
    constructor(private readonly init: { output(frame: FakeFrame): void; error(error: unknown): void }) {}
    configure() {
      this.state = 'configured';
    }
    addEventListener() {}
    decode(chunk: { timestamp: number; duration: number }) {
      this.last = chunk;
      setTimeout(() => this.init.output(makeFrame(chunk.timestamp, chunk.duration)), 0);
    }
    async flush() {
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    close() {
      this.state = 'closed';
      const { timestamp, duration } = this.last;
      setTimeout(() => this.init.output(makeFrame(timestamp + duration, duration)), 0);
    }
  }
  class Chunk {
    timestamp: number;
    duration: number;
    constructor(init: { timestamp: number; duration?: number }) {
      this.timestamp = init.timestamp;
      this.duration = init.duration ?? 0;
    }
  }
  vi.stubGlobal('VideoDecoder', LateOutputDecoder);
  vi.stubGlobal('EncodedVideoChunk', Chunk);
  return frames;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the video frame sink', () => {
  it('closes a frame the decoder gives after it was closed, as Firefox does', async () => {
    const frames = installLateOutputDecoder();
    const input = new Input({ formats: ALL_FORMATS, source: new BufferSource(readFileSync('public/fixtures/sync-h264.mp4')) });
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw new Error('the fixture has a picture');
    const sink = videoFrameSink(track, { config: (await track.getDecoderConfig()) as VideoDecoderConfig, inFlight: 1 });

    // A reader takes two frames and stops, as a layer does on a seek.
    const taken = [];
    for await (const decoded of sink.samples(1)) {
      taken.push(decoded);
      if (taken.length === 2) break;
    }
    for (const decoded of taken) decoded.close();
    await new Promise((resolve) => setTimeout(resolve, 20));

    const late = frames.at(-1);
    expect(late, 'a frame came after close').toBeDefined();
    expect(frames.filter((frame) => !frame.closed)).toEqual([]);
    input.dispose();
  });
});
