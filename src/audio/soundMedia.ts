import { AudioSampleSink, type AudioSample } from 'mediabunny';
import { decodeSoundPromptly } from './withheldAudioOutput';
import { copySamplePlanes } from './samplePlanes';
import { createSharedOpener, fileName, mediaInputOf, mediaReadError, MediaSourceError, type ResolvedSource } from '../sources';

/** A stretch of decoded sound and where it sits in the source. */
export interface DecodedSound {
  /** Source time of its first frame, in seconds. */
  timestamp: number;
  sampleRate: number;
  /** Left and right, 32-bit float (a mono source's one channel on both): the caller's to keep or transfer. */
  channels: [Float32Array<ArrayBuffer>, Float32Array<ArrayBuffer>];
}

/**
 * A track's sound, read by Range and decoded a little at a time (mediabunny on WebCodecs'
 * `AudioDecoder`). Only what is being played is ever decoded: memory does not grow with the file.
 */
export interface SoundMedia {
  /** The sound's length in ms. */
  readonly durationMs: number;
  /** Decoded sound from `fromSeconds` (the stretch holding it first) to before `toSeconds`, in order. */
  buffers(fromSeconds: number, toSeconds?: number): AsyncGenerator<DecodedSound, void, unknown>;
  /** Stops every read and decode, and lets go of the cache. */
  dispose(): void;
}

/** Opens a resolved source for its sound; rejects with a `MediaSourceError` saying why it cannot. */
export type OpenSound = (source: ResolvedSource) => Promise<SoundMedia>;

/**
 * Bytes of the file mediabunny may keep, per source (every track of a source shares its reader).
 * Its default, 64 MiB, would hold an hour of AAC; the decoders read ahead a few seconds, so 4 MiB
 * (about six minutes at 96 kbit/s) serves tracks playing different parts of a file.
 */
const readCacheBytes = 4 * 1024 * 1024;

/** Retries of one read before the fault is the track's (which the kit's reconnect policy then retries). */
const readRetries = 2;

/** The typed error for what went wrong reading or decoding a track's sound. */
export const soundMediaError = (url: string, error: unknown): MediaSourceError => mediaReadError(url, error, 'sound');

/** The error for a file with no sound stream. */
export const noSoundError = (url: string) => new MediaSourceError('no-audio', url, `${fileName(url)} has no sound to play.`);

/** The error for sound in a codec the browser cannot decode (AC-3 in Chromium), naming it. */
export const undecodableSoundError = (url: string, codec: string | null) =>
  new MediaSourceError('unsupported', url, `The sound of ${fileName(url)} is in a codec this browser cannot decode (${codec ?? 'unknown'}).`);

/** A source's sound as opened once: what every track playing that source shares. */
interface OpenedSound {
  durationMs: number;
  sink: AudioSampleSink;
  close(): void;
}

/** The copy every sample's channels are split from, shared: a copy is made and split in one synchronous call. */
let interleaved: Float32Array<ArrayBuffer> | undefined;

/**
 * A decoded sample's planes copied out as stereo float, and the sample closed at once: its
 * decoder memory goes back now, not when a garbage collection finds an AudioBuffer (measured:
 * twenty tracks decoding into AudioBuffers held about 6 MB a track).
 */
function stereoOf(sample: AudioSample): DecodedSound {
  try {
    const frames = sample.numberOfFrames;
    const left = new Float32Array(frames);
    const right = new Float32Array(frames);
    interleaved = copySamplePlanes(sample, [left, right], interleaved);
    if (sample.numberOfChannels === 1) right.set(left);
    return { timestamp: sample.timestamp, sampleRate: sample.sampleRate, channels: [left, right] };
  } finally {
    sample.close();
  }
}

async function* decoded(samples: AsyncGenerator<AudioSample, void, unknown>): AsyncGenerator<DecodedSound, void, unknown> {
  try {
    for await (const sample of samples) yield stereoOf(sample);
  } finally {
    await samples.return();
  }
}

async function openOnce(source: ResolvedSource): Promise<OpenedSound> {
  const { url } = source;
  const input = mediaInputOf(source, { cacheBytes: readCacheBytes, retries: readRetries });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (!track) throw noSoundError(url);
    if (!(await track.canDecode())) throw undecodableSoundError(url, track.codec);
    await decodeSoundPromptly(track);
    const durationMs = (await track.computeDuration()) * 1000;
    return { durationMs, sink: new AudioSampleSink(track), close: () => input.dispose() };
  } catch (error) {
    input.dispose();
    throw soundMediaError(url, error);
  }
}

/**
 * A file's index (an MP4's sample table: 170 thousand entries for an hour of AAC) and its read
 * cache are held once however many tracks play it: measured, twenty tracks of an hour-long file
 * each opening their own held 100 MB more than of a five-minute one. Each track still decodes on
 * its own, from its own place.
 */
const openShared = createSharedOpener(openOnce);

/**
 * Opens a resolved source for its sound: the primary audio stream, checked decodable. Rejects
 * with a `MediaSourceError`. Tracks of the same source share one reader; each `dispose` gives
 * back one use, and the last closes it.
 */
export const openSoundMedia: OpenSound = async (source) => {
  const { value: sound, release } = await openShared(source);
  return {
    durationMs: sound.durationMs,
    buffers: (fromSeconds, toSeconds) => decoded(sound.sink.samples(fromSeconds, toSeconds)),
    dispose: release,
  };
};
