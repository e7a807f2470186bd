import { ALL_FORMATS, Input, UrlSource } from 'mediabunny';
import type { ResolvedSource } from './ResolvedSource';

/**
 * A mediabunny `Input` reading a resolved source by Range, with the source's CORS mode. The
 * caller disposes it. `cacheBytes` bounds what it keeps of the file; `retries` is how often one
 * read is tried again before the failure is the caller's (whose own policy then applies);
 * `parallelism` how many requests may be open at once (mediabunny's default, 2, unless given).
 */
export function mediaInputOf(
  source: Pick<ResolvedSource, 'url' | 'crossOrigin'>,
  { cacheBytes, retries, parallelism }: { cacheBytes: number; retries: number; parallelism?: number },
): Input {
  return new Input({
    formats: ALL_FORMATS,
    source: new UrlSource(source.url, {
      maxCacheSize: cacheBytes,
      parallelism,
      requestInit: source.crossOrigin ? { mode: 'cors', credentials: source.crossOrigin === 'use-credentials' ? 'include' : 'same-origin' } : undefined,
      getRetryDelay: (attempts) => (attempts <= retries ? 0.25 * 2 ** attempts : null),
    }),
  });
}
