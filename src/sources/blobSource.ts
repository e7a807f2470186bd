import { httpStatusError, networkError } from './MediaSourceError';
import type { ResolvedSource } from './ResolvedSource';
import type { MediaReference } from '../state';

export function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Drops a response body we will not read. Not awaited: a cancel can wait on the server side of
 * the stream, and nothing here depends on when it ends.
 */
export function discardBody(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/** `fetch`, with its failures turned into typed errors (an abort stays an abort). */
export async function fetchMedia(url: string, init: RequestInit): Promise<Response> {
  let response: Response;
  try {
    response = await fetch(url, init);
  } catch (error) {
    throw isAbort(error) ? error : networkError(url, error);
  }
  if (!response.ok) {
    discardBody(response);
    throw httpStatusError(url, response.status);
  }
  return response;
}

/**
 * Fetches a whole file into one Blob and names it with an object URL: the fallback for servers
 * that cannot stream. The URL is revoked by `watchSourceReleases` when the query holding it
 * leaves the cache, never here.
 */
export async function fetchBlobSource(source: MediaReference, signal: AbortSignal, note?: string): Promise<ResolvedSource> {
  const response = await fetchMedia(source.url, { signal });
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch (error) {
    throw isAbort(error) ? error : networkError(source.url, error);
  }
  signal.throwIfAborted();
  const typed = source.mimeType && blob.type !== source.mimeType ? blob.slice(0, blob.size, source.mimeType) : blob;
  const url = URL.createObjectURL(typed);
  return {
    kind: 'blob',
    url,
    crossOrigin: 'anonymous',
    bytesHeld: typed.size,
    release: () => URL.revokeObjectURL(url),
    note,
  };
}
