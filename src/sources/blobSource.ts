import { httpStatusError, MediaSourceError, networkError } from './MediaSourceError';
import { defaultNoBytesTimeoutMs, noBytesWatchdog } from './noBytesWatchdog';
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
export async function fetchBlobSource(
  source: MediaReference,
  signal: AbortSignal,
  note?: string,
  noBytesTimeoutMs = defaultNoBytesTimeoutMs,
): Promise<ResolvedSource> {
  const watchdog = noBytesWatchdog(source.url, signal, noBytesTimeoutMs);
  const chunks: Uint8Array<ArrayBuffer>[] = [];
  let type: string;
  try {
    const response = await fetchMedia(source.url, { signal: watchdog.signal });
    type = response.headers.get('content-type') ?? '';
    // Read chunk by chunk, so a body that stops arriving is noticed (the watchdog).
    const reader = (response.body as ReadableStream<Uint8Array<ArrayBuffer>> | null)?.getReader();
    // Not every fetch ends a body's pending read on abort: cancel it, so the read ends at once.
    watchdog.signal.addEventListener('abort', () => reader?.cancel().catch(() => undefined), { once: true });
    while (reader) {
      watchdog.touch();
      const { done, value } = await reader.read();
      watchdog.signal.throwIfAborted();
      if (done) break;
      chunks.push(value);
    }
  } catch (error) {
    const failure = watchdog.failure(error);
    throw failure !== error || isAbort(error) || error instanceof MediaSourceError ? failure : networkError(source.url, error);
  } finally {
    watchdog.stop();
  }
  signal.throwIfAborted();
  const typed = new Blob(chunks, { type: source.mimeType ?? type });
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
