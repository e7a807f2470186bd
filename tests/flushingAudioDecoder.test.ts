import { EncodedPacket, type AudioSample } from 'mediabunny';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { FlushingAudioDecoder } from '../src/audio/withheldAudioOutput';

/**
 * An `AudioDecoder` that behaves as WebKitGTK's does: nothing out until `flush()`, then one output
 * a chunk decoded since the last flush, and a flush forgets what came before (the state the next
 * chunk overlaps with). Each output says whether it had that state (`primed`).
 */
class WithholdingDecoder {
  static made: WithholdingDecoder[] = [];
  decoded: number[] = [];
  private pending: number[] = [];
  private last: number | undefined;
  private readonly init: { output: (data: FakeAudioData) => void };
  constructor(init: { output: (data: FakeAudioData) => void; error: (error: Error) => void }) {
    this.init = init;
    WithholdingDecoder.made.push(this);
  }
  state = 'unconfigured';
  configure() {
    this.state = 'configured';
  }
  decode(chunk: { timestamp: number }) {
    this.decoded.push(chunk.timestamp);
    this.pending.push(chunk.timestamp);
  }
  async flush() {
    for (const timestamp of this.pending) {
      this.init.output(new FakeAudioData(timestamp, this.last !== undefined));
      this.last = timestamp;
    }
    this.pending = [];
    this.last = undefined;
  }
  close() {
    this.state = 'closed';
  }
}

/** What mediabunny's `AudioSample` reads of an `AudioData`. */
class FakeAudioData {
  static open = 0;
  format = 'f32-planar';
  sampleRate = 48_000;
  numberOfFrames = 1024;
  numberOfChannels = 2;
  constructor(
    readonly timestamp: number,
    readonly primed: boolean,
  ) {
    FakeAudioData.open += 1;
  }
  close() {
    FakeAudioData.open -= 1;
  }
}

class FakeChunk {
  readonly timestamp: number;
  constructor(init: { timestamp: number }) {
    this.timestamp = init.timestamp;
  }
}

beforeEach(() => {
  WithholdingDecoder.made = [];
  FakeAudioData.open = 0;
  vi.stubGlobal('AudioDecoder', WithholdingDecoder);
  vi.stubGlobal('AudioData', FakeAudioData);
  vi.stubGlobal('EncodedAudioChunk', FakeChunk);
});
afterEach(() => vi.unstubAllGlobals());

const chunkSeconds = 1024 / 48_000;
const packet = (index: number) => new EncodedPacket(new Uint8Array([index]), 'key', index * chunkSeconds, chunkSeconds);

function decoderHearing(heard: { timestamp: number; primed: boolean }[]) {
  const decoder = new FlushingAudioDecoder();
  Object.assign(decoder, {
    codec: 'aac',
    config: { codec: 'mp4a.40.2', sampleRate: 48_000, numberOfChannels: 2 },
    onSample: (sample: AudioSample) => {
      const data = (sample as unknown as { _data: FakeAudioData })._data;
      heard.push({ timestamp: Math.round(sample.timestamp * 1e6), primed: data.primed });
      sample.close();
    },
    onError: (error: Error) => {
      throw error;
    },
  });
  decoder.init();
  return decoder;
}

describe('decoding with a decoder that withholds output until flushed', () => {
  it('gives every chunk once, in order, each decoded after the chunk before it (no step at a flush)', async () => {
    const heard: { timestamp: number; primed: boolean }[] = [];
    const decoder = decoderHearing(heard);
    for (let index = 0; index < 40; index += 1) await decoder.decode(packet(index));
    await decoder.flush();
    expect(heard.map(({ timestamp }) => timestamp)).toEqual(Array.from({ length: 40 }, (_, index) => packet(index).microsecondTimestamp));
    // Only the very first chunk had nothing before it.
    expect(heard.filter(({ primed }) => !primed).map(({ timestamp }) => timestamp)).toEqual([0]);
    // The chunk before each periodic flush was decoded again after it, and its second output left unheard and closed.
    const decoded = WithholdingDecoder.made[0].decoded;
    expect(decoded.filter((timestamp) => timestamp === packet(15).microsecondTimestamp)).toHaveLength(2);
    expect(decoded.filter((timestamp) => timestamp === packet(31).microsecondTimestamp)).toHaveLength(2);
    expect(FakeAudioData.open).toBe(0);
    decoder.close();
  });

  it('primes nothing after a flush it was asked for (a seek: what comes next need not follow on)', async () => {
    const heard: { timestamp: number; primed: boolean }[] = [];
    const decoder = decoderHearing(heard);
    for (let index = 0; index < 3; index += 1) await decoder.decode(packet(index));
    await decoder.flush();
    for (let index = 100; index < 103; index += 1) await decoder.decode(packet(index));
    await decoder.flush();
    expect(WithholdingDecoder.made[0].decoded).toEqual([0, 1, 2, 100, 101, 102].map((index) => packet(index).microsecondTimestamp));
    expect(heard).toHaveLength(6);
    decoder.close();
  });
});
