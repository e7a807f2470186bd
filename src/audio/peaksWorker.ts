/// <reference lib="webworker" />
// The peaks worker: reads one file by Range (or an object URL), decodes its sound a stretch at a
// time with mediabunny on WebCodecs, and keeps only the peaks. Started and ended by
// `computePeaksInWorker`; it imports nothing of the kit but what reads media, so it stays small.
import { AudioSampleSink, type AudioSample } from 'mediabunny';
import { decodeSoundPromptly } from './withheldAudioOutput';
import { copySamplePlanes } from './samplePlanes';
import { mediaInputOf } from '../sources/mediaInput';
import type { PeaksFailure, PeaksReply, PeaksRequest } from './peaksProtocol';
import { createPeaksAccumulator, type PeaksAccumulator } from '../derived';

declare const self: DedicatedWorkerGlobalScope;

/** Bytes of the file kept while reading: it is read once, front to back. */
const readCacheBytes = 2 * 1024 * 1024;
const progressEveryMs = 250;

/** Reused for every decoded stretch: the only decoded sound held is one stretch. */
let scratch: Float32Array[] = [];
let interleaved: Float32Array<ArrayBuffer> | undefined;

function addSample(peaks: PeaksAccumulator, sample: AudioSample): void {
  const frames = sample.numberOfFrames;
  const channels = sample.numberOfChannels;
  if (scratch.length < channels || (scratch[0]?.length ?? 0) < frames) {
    const length = Math.max(frames, scratch[0]?.length ?? 0);
    scratch = Array.from({ length: Math.max(channels, scratch.length) }, () => new Float32Array(length));
  }
  const planes = scratch.slice(0, channels);
  interleaved = copySamplePlanes(sample, planes, interleaved);
  peaks.add(sample.timestamp, sample.sampleRate, planes, frames);
}

function failureOf(error: unknown): PeaksFailure {
  if (error instanceof Error) return { name: error.name, message: error.message };
  return { name: 'Error', message: String(error) };
}

async function compute({ url, crossOrigin }: PeaksRequest): Promise<PeaksReply> {
  // One request at a time: the file is read front to back, and a second request racing the first
  // to the same bytes read them twice (measured: 1.9 times the file with mediabunny's default of 2).
  const input = mediaInputOf({ url, crossOrigin }, { cacheBytes: readCacheBytes, retries: 2, parallelism: 1 });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (!track) return { type: 'failed', failure: { name: 'NoAudio', message: 'no sound' } };
    if (!(await track.canDecode())) return { type: 'failed', failure: { name: 'UnsupportedCodec', message: track.codec ?? 'unknown' } };
    await decodeSoundPromptly(track);
    const durationSeconds = await track.computeDuration();
    const peaks = createPeaksAccumulator(durationSeconds * 1000);
    let reportedAt = performance.now();
    for await (const sample of new AudioSampleSink(track).samples()) {
      try {
        addSample(peaks, sample);
      } finally {
        sample.close();
      }
      if (performance.now() - reportedAt > progressEveryMs) {
        reportedAt = performance.now();
        self.postMessage({ type: 'progress', share: Math.min(1, sample.timestamp / durationSeconds) } satisfies PeaksReply);
      }
    }
    return { type: 'done', peaks: peaks.finish() };
  } catch (error) {
    return { type: 'failed', failure: failureOf(error) };
  } finally {
    input.dispose();
    scratch = [];
  }
}

self.onmessage = async (event: MessageEvent<PeaksRequest>) => {
  const reply = await compute(event.data);
  if (reply.type === 'done') self.postMessage(reply, reply.peaks.levels.map((level) => level.data.buffer));
  else self.postMessage(reply);
};
