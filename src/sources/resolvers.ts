import type { MediaReference } from '../state';
import { fetchBlobSource } from './blobSource';
import { isMediaFileReference, resolveFileSource } from './fileSource';
import { MediaSourceError } from './MediaSourceError';
import { resolveRangeSource } from './rangeSource';
import type { ResolvedSource } from './ResolvedSource';

export interface ResolveContext {
  signal: AbortSignal;
  /** What to do when a server cannot stream: load the whole file as a Blob, or fail. */
  rangeFallback: 'blob' | 'error';
  /** A fetch that receives nothing this long fails as a network error (the server is gone); 10 s by default. */
  noBytesTimeoutMs?: number;
}

/** Turns some media references into playable sources. The first in the chain that accepts wins. */
export interface SourceResolver {
  name: string;
  accepts(reference: MediaReference): boolean;
  resolve(reference: MediaReference, context: ResolveContext): Promise<ResolvedSource>;
}

async function streamOrFallBack(
  reference: MediaReference,
  streamed: () => Promise<ResolvedSource>,
  context: ResolveContext,
): Promise<ResolvedSource> {
  try {
    return await streamed();
  } catch (error) {
    if (!(error instanceof MediaSourceError) || error.code !== 'no-range-support' || context.rangeFallback !== 'blob') {
      throw error;
    }
    return fetchBlobSource(reference, context.signal, `${error.message} Loaded whole instead.`, context.noBytesTimeoutMs);
  }
}

const isWebUrl = (url: string) => /^(https?:|\/|\.\.?\/)/i.test(url);

/** Files the user picked, registered with `registerMediaFile`. */
export const fileResolver: SourceResolver = {
  name: 'file',
  accepts: isMediaFileReference,
  async resolve(reference) {
    const resolved = resolveFileSource(reference);
    if (!resolved) {
      throw new MediaSourceError('not-found', reference.url, 'The picked file is no longer available. Pick it again.');
    }
    return resolved;
  },
};

/** Web URLs the `<video>` element streams with Range requests; the default. */
export const rangeResolver: SourceResolver = {
  name: 'range',
  accepts: (reference) => isWebUrl(reference.url),
  resolve: (reference, context) =>
    streamOrFallBack(reference, () => resolveRangeSource(reference.url, context.signal, 'range', 'anonymous', context.noBytesTimeoutMs), context),
};

/** Web URLs loaded whole into a Blob shared by every track of the file: no streaming. */
export const blobResolver: SourceResolver = {
  name: 'blob',
  accepts: (reference) => isWebUrl(reference.url),
  resolve: (reference, context) => fetchBlobSource(reference, context.signal, undefined, context.noBytesTimeoutMs),
};

export interface HostProtocolOptions {
  /**
   * Maps a media path to a URL the webview can load: Tauri's `convertFileSrc`, an Electron
   * `protocol.handle` scheme (`(path) => 'media://local' + encodeURI(path)`), or a URL template.
   */
  toUrl: (path: string) => string;
  /**
   * Which references are host paths. By default every one that is not an http(s), blob or data
   * URL or a picked file: in a desktop shell, `/Users/me/clip.mp4` is a path on disk.
   */
  accepts?: (reference: MediaReference) => boolean;
  /** The CORS mode for the mapped URL; `anonymous` unless the protocol needs otherwise. */
  crossOrigin?: ResolvedSource['crossOrigin'];
}

/**
 * Media paths of a desktop shell, mapped to a URL by a function the host passes in, then
 * streamed like any range source (the protocol must answer Range requests). The kit needs no
 * desktop dependency.
 */
export function hostProtocolResolver({ toUrl, accepts, crossOrigin = 'anonymous' }: HostProtocolOptions): SourceResolver {
  return {
    name: 'host',
    accepts: accepts ?? ((reference) => !/^(https?|blob|data):/i.test(reference.url) && !isMediaFileReference(reference)),
    resolve: (reference, context) => {
      const url = toUrl(reference.url);
      return streamOrFallBack(
        { ...reference, url },
        () => resolveRangeSource(url, context.signal, 'host', crossOrigin, context.noBytesTimeoutMs),
        context,
      );
    },
  };
}

/** `hostProtocolResolver` for a URL template such as `http://127.0.0.1:8787/{path}`. */
export function urlTemplateResolver(template: string): SourceResolver {
  return hostProtocolResolver({
    toUrl: (path) => template.replace('{path}', path.replace(/^\/+/, '').split('/').map(encodeURIComponent).join('/')),
  });
}

export const defaultResolvers: SourceResolver[] = [fileResolver, rangeResolver];

/** Resolves a reference with the first resolver of the chain that accepts it. */
export function resolveWithChain(
  reference: MediaReference,
  resolvers: readonly SourceResolver[],
  context: ResolveContext,
): Promise<ResolvedSource> {
  const resolver = resolvers.find((candidate) => candidate.accepts(reference));
  if (!resolver) {
    return Promise.reject(
      new MediaSourceError('unsupported', reference.url, `No source resolver accepts ${reference.url}. Configure one for it.`),
    );
  }
  return resolver.resolve(reference, context);
}
