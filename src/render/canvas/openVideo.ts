import type { InputVideoTrack } from 'mediabunny';
import { createReadWatch, createSharedOpener, mediaInputOf, mediaReadError, noVideoError, undecodableVideoError, type ReadWatch, type ResolvedSource } from '../../sources';
import { videoFrameSink, type DecodedVideoFrame } from './decodeVideo';
import type { FrameSink } from './layerFrames';

/** A source's picture opened for decoding with WebCodecs, through mediabunny. */
export interface OpenedVideo {
  /** The picture's display size, in pixels. */
  width: number;
  height: number;
  durationMs: number;
  /** Decodes from any time on; each `samples` call has its own decoder. */
  frames: FrameSink<DecodedVideoFrame>;
  /** The file's requests, as its reader makes them (shared by the layers of one file). */
  reads: ReadWatch;
  /** Gives back this layer's use of the file; the last use stops its reads and lets go of its index and cache. */
  dispose(): void;
}

export interface OpenVideoOptions {
  /** WebCodecs' hint; `prefer-software` for a layer whose hardware decoder gave nothing. */
  hardwareAcceleration?: HardwareAcceleration;
  /** Decoded frames (and chunks queued in the decoder) a decoder may hold beyond what is taken. */
  inFlight: number;
}

/**
 * Bytes of a file kept while it is open (once however many layers show it). A decoder reads from
 * the keyframe before the playhead on; 8 MiB holds several seconds of a 720p file, enough to seek
 * back within them without reading again, and little next to the frames themselves.
 */
const readCacheBytes = 8 * 1024 * 1024;

/** A source's picture as opened once: what every layer showing that source shares. */
interface OpenedTrack {
  track: InputVideoTrack;
  config: VideoDecoderConfig;
  durationSeconds: number;
  reads: ReadWatch;
  close(): void;
}

async function openOnce(source: ResolvedSource): Promise<OpenedTrack> {
  const { url } = source;
  const reads = createReadWatch(url);
  const input = mediaInputOf(source, { cacheBytes: readCacheBytes, retries: 2, fetchFn: reads.fetchFn });
  try {
    const track = await input.getPrimaryVideoTrack();
    if (!track) throw noVideoError(url);
    const config = (await track.canDecode()) ? await track.getDecoderConfig() : null;
    if (!config) throw undecodableVideoError(url, track.codec);
    return { track, config, durationSeconds: await track.computeDuration(), reads, close: () => input.dispose() };
  } catch (error) {
    input.dispose();
    throw mediaReadError(url, error, 'picture');
  }
}

/**
 * Layers of one source (a file on several tracks) share its reader, index and read cache, as
 * `<video>` elements of one URL share the browser's media cache: measured, five layers of one
 * 720p file each reading their own fetched 114 MB in 12 s of play, against 19 MB for elements.
 */
const openShared = createSharedOpener(openOnce);

/**
 * Opens a resolved source's primary video stream, checked decodable. Read by Range (mediabunny's
 * `UrlSource`), so what is read follows what is decoded. Rejects with a `MediaSourceError`.
 */
export async function openVideo(source: ResolvedSource, { hardwareAcceleration = 'no-preference', inFlight }: OpenVideoOptions): Promise<OpenedVideo> {
  const { value: opened, release } = await openShared(source);
  const { track, config, durationSeconds, reads } = opened;
  // Without reordering buffers and frame threads: a software H.264 decoder holds fewer frames
  // (measured, five 720p layers playing: 250 MB against 333 MB without).
  const sink = videoFrameSink(track, { config: { ...config, hardwareAcceleration, optimizeForLatency: true }, inFlight });
  // Past the end the last frame is the frame there, as a `<video>` shows it at its end: a time a
  // millisecond before the end lies in the last frame.
  const lastFrameSeconds = Math.max(0, durationSeconds - 0.001);
  return {
    width: track.displayWidth,
    height: track.displayHeight,
    durationMs: durationSeconds * 1000,
    frames: { samples: (fromSeconds) => sink.samples(Math.min(fromSeconds, lastFrameSeconds)) },
    reads,
    dispose: release,
  };
}
