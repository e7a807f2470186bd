import { httpStatusError, networkError } from './MediaSourceError';
import type { ResolvedSource } from './ResolvedSource';
import type { MediaReference } from '../state';

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/**
 * Fetches a whole file into one Blob and names it with an object URL. The URL is revoked by
 * `watchSourceReleases` when the query holding it leaves the cache, never here.
 */
export async function fetchBlobSource(source: MediaReference, signal: AbortSignal): Promise<ResolvedSource> {
  let response: Response;
  try {
    response = await fetch(source.url, { signal });
  } catch (error) {
    throw isAbort(error) ? error : networkError(source.url, error);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw httpStatusError(source.url, response.status);
  }
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch (error) {
    throw isAbort(error) ? error : networkError(source.url, error);
  }
  signal.throwIfAborted();
  const typed = source.mimeType && blob.type !== source.mimeType ? blob.slice(0, blob.size, source.mimeType) : blob;
  return { kind: 'blob', url: URL.createObjectURL(typed), crossOrigin: 'anonymous', bytesHeld: typed.size };
}
