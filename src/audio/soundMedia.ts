import { AudioBufferSink, UnsupportedInputFormatError } from 'mediabunny';
import { fileName, httpStatusError, mediaInputOf, MediaSourceError, networkError, type ResolvedSource } from '../sources';

/** A stretch of decoded sound and where it sits in the source. */
export interface DecodedSound {
  buffer: AudioBuffer;
  /** Source time of its first sample, in seconds. */
  timestamp: number;
}

/**
 * A track's sound, read by Range and decoded a little at a time (mediabunny on WebCodecs'
 * `AudioDecoder`). Only what is being played is ever decoded: memory does not grow with the file.
 */
export interface SoundMedia {
  /** The sound's length in ms. */
  readonly durationMs: number;
  /** Decoded buffers from `fromSeconds` (the one holding it first) to before `toSeconds`, in order. */
  buffers(fromSeconds: number, toSeconds?: number): AsyncGenerator<DecodedSound, void, unknown>;
  /** Stops every read and decode, and lets go of the cache. */
  dispose(): void;
}

/** Opens a resolved source for its sound; rejects with a `MediaSourceError` saying why it cannot. */
export type OpenSound = (source: ResolvedSource) => Promise<SoundMedia>;

/**
 * Bytes of the file mediabunny may keep per track. Its default (64 MiB) would hold a whole
 * hour of AAC for each of twenty tracks; the decoder reads ahead a few seconds, so 2 MiB (about
 * three minutes at 96 kbit/s) is plenty and bounds twenty tracks at 40 MiB.
 */
const readCacheBytes = 2 * 1024 * 1024;

/** Retries of one read before the fault is the track's (which the kit's reconnect policy then retries). */
const readRetries = 2;

/** The typed error for what went wrong reading or decoding a track's sound. */
export function soundMediaError(url: string, error: unknown): MediaSourceError {
  if (error instanceof MediaSourceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const status = /: (\d{3}) /.exec(message);
  if (status && /^Error fetching/.test(message)) return httpStatusError(url, Number(status[1]));
  if (error instanceof UnsupportedInputFormatError) {
    return new MediaSourceError('unsupported', url, `${fileName(url)} is not in a format this browser plays.`, undefined, { cause: error });
  }
  if (error instanceof TypeError) return networkError(url, error);
  return new MediaSourceError('decode', url, `The sound of ${fileName(url)} could not be decoded: ${message}`, undefined, { cause: error });
}

/** Opens a resolved source for its sound: the primary audio stream, checked decodable. Rejects with a `MediaSourceError`. */
export const openSoundMedia: OpenSound = async (source) => {
  const { url } = source;
  const input = mediaInputOf(source, { cacheBytes: readCacheBytes, retries: readRetries });
  try {
    const track = await input.getPrimaryAudioTrack();
    if (!track) throw new MediaSourceError('no-audio', url, `${fileName(url)} has no sound to play.`);
    if (!(await track.canDecode())) {
      throw new MediaSourceError('unsupported', url, `The sound of ${fileName(url)} is in a codec this browser cannot decode (${track.codec ?? 'unknown'}).`);
    }
    const durationMs = (await track.computeDuration()) * 1000;
    const sink = new AudioBufferSink(track);
    return {
      durationMs,
      buffers: (fromSeconds, toSeconds) => sink.buffers(fromSeconds, toSeconds),
      dispose: () => input.dispose(),
    };
  } catch (error) {
    input.dispose();
    throw soundMediaError(url, error);
  }
};
