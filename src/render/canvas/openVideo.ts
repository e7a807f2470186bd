import { fileName, mediaInputOf, mediaReadError, MediaSourceError, type ResolvedSource } from '../../sources';
import { videoFrameSink, type DecodedVideoFrame } from './decodeVideo';
import type { FrameSink } from './layerFrames';

/** A source's picture opened for decoding with WebCodecs, through mediabunny. */
export interface OpenedVideo {
  /** The picture's display size, in pixels. */
  width: number;
  height: number;
  durationMs: number;
  /** The codec, as mediabunny names it (`avc`, `vp9`, ...). */
  codec: string;
  /** Decodes from any time on; each `samples` call has its own decoder. */
  frames: FrameSink<DecodedVideoFrame>;
  /** Stops every read and lets go of the file's index and read cache. */
  dispose(): void;
}

export interface OpenVideoOptions {
  /** WebCodecs' hint; `prefer-software` for a layer whose hardware decoder gave nothing. */
  hardwareAcceleration?: HardwareAcceleration;
  /** Decoded frames (and chunks queued in the decoder) a decoder may hold beyond what is taken. */
  inFlight: number;
}

/**
 * Bytes of the file kept per layer. A decoder reads from the keyframe before the playhead on;
 * 8 MiB holds several seconds of a 720p file, enough to seek back within them without reading
 * again, and little next to the frames themselves.
 */
const readCacheBytes = 8 * 1024 * 1024;

/** The error for a file with no picture. */
export const noVideoError = (url: string) => new MediaSourceError('no-video', url, `${fileName(url)} has no picture to show.`);

/** The error for a picture in a codec WebCodecs cannot decode here (HEVC in this Chromium), naming it. */
export const undecodableVideoError = (url: string, codec: string | null) =>
  new MediaSourceError('unsupported', url, `The picture of ${fileName(url)} is in a codec this browser cannot decode with WebCodecs (${codec ?? 'unknown'}).`);

/**
 * Opens a resolved source's primary video stream, checked decodable. Read by Range (mediabunny's
 * `UrlSource`), so what is read follows what is decoded. Rejects with a `MediaSourceError`.
 */
export async function openVideo(source: ResolvedSource, { hardwareAcceleration = 'no-preference', inFlight }: OpenVideoOptions): Promise<OpenedVideo> {
  const { url } = source;
  const input = mediaInputOf(source, { cacheBytes: readCacheBytes, retries: 2 });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw noVideoError(url);
    const config = (await track.canDecode()) ? await track.getDecoderConfig() : null;
    if (!config) throw undecodableVideoError(url, track.codec);
    const durationSeconds = await track.computeDuration();
    const sink = videoFrameSink(track, { config: { ...config, hardwareAcceleration }, inFlight });
    // Past the end the last frame is the frame there, as a `<video>` shows it at its end: a
    // time a millisecond before the end lies in the last frame.
    const lastFrameSeconds = Math.max(0, durationSeconds - 0.001);
    return {
      width: track.displayWidth,
      height: track.displayHeight,
      durationMs: durationSeconds * 1000,
      codec: track.codec ?? 'unknown',
      frames: { samples: (fromSeconds) => sink.samples(Math.min(fromSeconds, lastFrameSeconds)) },
      dispose: () => input.dispose(),
    };
  } catch (error) {
    input.dispose();
    throw mediaReadError(url, error, 'picture');
  }
}
