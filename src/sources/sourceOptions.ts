import type { DecoderBudget, ProxyPolicy } from '../state';
import { defaultNoBytesTimeoutMs } from './noBytesWatchdog';
import { defaultResolvers, type SourceResolver } from './resolvers';

/** How the kit acquires and keeps media. Every field has a default; a host overrides any of them. */
export interface SourceOptions {
  /**
   * Which resolver turns which media reference into a playable URL, first match wins. Default:
   * picked files, then web URLs streamed with Range requests.
   */
  resolvers: readonly SourceResolver[];
  /** When a server cannot stream: `'blob'` loads the whole file instead (the reason is shown), `'error'` fails. */
  rangeFallback: 'blob' | 'error';
  /** Loads running at once; more wait as Queued. Browsers open about 6 connections per host. */
  concurrency: number;
  /** Retries of a transient fault (5xx, dropped connection); a 4xx is never retried. */
  maxRetries: number;
  /**
   * A load that receives no bytes this long fails as a network error (and the track then tries
   * again by itself, saying Reconnecting). 10 000 ms by default.
   */
  noBytesTimeoutMs: number;
  /**
   * How long a source nobody uses is kept before it is released, in ms. 0 gives memory back at
   * once; a longer time makes showing a track again instant at the cost of holding its media.
   */
  releaseAfterMs: number;
  /**
   * Decoders the tracks under the playhead may hold at once (count and estimated bytes). Over it,
   * the least important tracks are suspended: their media let go, a still of their last frame
   * shown. 16 by default (about what iOS WebKit allows in hardware), no byte limit.
   */
  decoderBudget: DecoderBudget;
  /**
   * When previews play a track's proxy (`source.proxy`) instead of its original: `'auto'`
   * (default) except for the selected track drawn taller than the proxy, `'always'`, or `'never'`.
   */
  proxies: ProxyPolicy;
  /**
   * Whether waveforms and filmstrips are first asked of the media server the file comes from
   * (its derived-media pipeline, `derivedPaths`), which makes them once for every client and
   * sends a few KB of peaks or a sheet of thumbnails instead of the browser reading and decoding
   * the file. Where that server has no pipeline, or for picked files, they are made in a worker
   * in the browser. False by default: the kit does not send requests a server never offered to
   * answer (to a CDN, a bucket) unless the host says its media server has the pipeline.
   */
  derivedFromServer: boolean;
  /**
   * Bytes of decoded filmstrip sheets kept for the timeline (each sheet is 100 thumbnails, about
   * 1.6 MB at 48 px). Past it the sheets used longest ago that no clip in view shows are let go.
   * 32 MiB by default; the memory reading counts what is held.
   */
  filmstripCacheBytes: number;
}

export const defaultSourceOptions: SourceOptions = {
  resolvers: defaultResolvers,
  rangeFallback: 'blob',
  concurrency: 6,
  maxRetries: 2,
  noBytesTimeoutMs: defaultNoBytesTimeoutMs,
  releaseAfterMs: 0,
  decoderBudget: { maxDecoders: 16, maxBytes: Number.POSITIVE_INFINITY },
  proxies: 'auto',
  derivedFromServer: false,
  filmstripCacheBytes: 32 * 1024 * 1024,
};

/** Source options as a host gives them: any field, and any part of the decoder budget. */
export type SourceConfig = Partial<Omit<SourceOptions, 'decoderBudget'>> & { decoderBudget?: Partial<DecoderBudget> };

export function withSourceDefaults(options: SourceConfig = {}): SourceOptions {
  return { ...defaultSourceOptions, ...options, decoderBudget: { ...defaultSourceOptions.decoderBudget, ...options.decoderBudget } };
}
