import { ALL_FORMATS, Input, UnsupportedInputFormatError, UrlSource } from 'mediabunny';
import { fileName, httpStatusError, MediaSourceError, networkError } from './MediaSourceError';
import type { ResolvedSource } from './ResolvedSource';

/**
 * A mediabunny `Input` reading a resolved source by Range, with the source's CORS mode. The
 * caller disposes it. `cacheBytes` bounds what it keeps of the file; `retries` is how often one
 * read is tried again before the failure is the caller's (whose own policy then applies);
 * `parallelism` how many requests may be open at once (mediabunny's default, 2, unless given);
 * `fetchFn` the fetch it reads with (a `ReadWatch`'s, to see its requests).
 */
export function mediaInputOf(
  source: Pick<ResolvedSource, 'url' | 'crossOrigin'>,
  { cacheBytes, retries, parallelism, fetchFn }: { cacheBytes: number; retries: number; parallelism?: number; fetchFn?: typeof fetch },
): Input {
  return new Input({
    formats: ALL_FORMATS,
    source: new UrlSource(source.url, {
      maxCacheSize: cacheBytes,
      parallelism,
      requestInit: source.crossOrigin ? { mode: 'cors', credentials: source.crossOrigin === 'use-credentials' ? 'include' : 'same-origin' } : undefined,
      getRetryDelay: (attempts) => (attempts <= retries ? 0.25 * 2 ** attempts : null),
      fetchFn,
      // A prefetch that fails while no read waits for it (a file gone mid-play) would be an
      // unhandled rejection; the read that needs those bytes fails in turn and tells the track.
      handleUnhandledError: () => undefined,
    }),
  });
}

/**
 * The typed error for what went wrong reading or decoding a file through mediabunny: its HTTP
 * status, a network failure, a format it cannot read, or a decode failure of the file's `part`
 * (its sound or its picture).
 */
export function mediaReadError(url: string, error: unknown, part: 'sound' | 'picture'): MediaSourceError {
  if (error instanceof MediaSourceError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const status = /: (\d{3}) /.exec(message);
  if (status && /^Error fetching/.test(message)) return httpStatusError(url, Number(status[1]));
  if (error instanceof UnsupportedInputFormatError) {
    return new MediaSourceError('unsupported', url, `${fileName(url)} is not in a format this browser plays.`, undefined, { cause: error });
  }
  if (error instanceof TypeError) return networkError(url, error);
  return new MediaSourceError('decode', url, `The ${part} of ${fileName(url)} could not be decoded: ${message}`, undefined, { cause: error });
}

/** The error for a file with no picture. */
export const noVideoError = (url: string) => new MediaSourceError('no-video', url, `${fileName(url)} has no picture to show.`);

/** The error for a picture in a codec WebCodecs cannot decode here (HEVC in this Chromium), naming it. */
export const undecodableVideoError = (url: string, codec: string | null) =>
  new MediaSourceError('unsupported', url, `The picture of ${fileName(url)} is in a codec this browser cannot decode with WebCodecs (${codec ?? 'unknown'}).`);
