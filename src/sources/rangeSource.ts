import { discardBody, fetchMedia } from './blobSource';
import { MediaSourceError } from './MediaSourceError';
import { defaultNoBytesTimeoutMs, noBytesWatchdog } from './noBytesWatchdog';
import type { ResolvedSource, SourceKind } from './ResolvedSource';

/**
 * Checks once, with a two-byte Range request, that a URL can be streamed: a `<video>` seeks by
 * asking for byte ranges, so a server that answers 200 instead of 206 either cannot seek at all
 * (no Accept-Ranges: a seek silently restarts from 0) or re-downloads the whole file on every
 * seek. Throws `MediaSourceError('no-range-support')` saying which.
 */
export async function probeRangeSupport(url: string, signal: AbortSignal, noBytesTimeoutMs = defaultNoBytesTimeoutMs): Promise<void> {
  const watchdog = noBytesWatchdog(url, signal, noBytesTimeoutMs);
  let response: Response;
  try {
    // `bytes=0-1` is a CORS-safelisted Range: no preflight, even cross-origin.
    response = await fetchMedia(url, { headers: { Range: 'bytes=0-1' }, signal: watchdog.signal });
  } catch (error) {
    throw watchdog.failure(error);
  } finally {
    watchdog.stop();
  }
  discardBody(response);
  if (response.status === 206) return;
  throw noRangeSupportError(url, response.headers.get('accept-ranges')?.toLowerCase().includes('bytes') ?? false);
}

/**
 * The error for a server that answered a Range request with the whole file: one that says it
 * serves ranges (`advertised`, Accept-Ranges: bytes) would send the file again on every seek; one
 * that does not cannot seek at all.
 */
export function noRangeSupportError(url: string, advertised: boolean): MediaSourceError {
  return new MediaSourceError(
    'no-range-support',
    url,
    advertised
      ? 'The media server claims to serve byte ranges but sent the whole file: every seek would download it again.'
      : 'The media server ignores byte ranges: the video could not seek, and would restart from the beginning.',
  );
}

/** The note on a track whose server stopped honouring Range while it plays (it plays on). */
export const rangeLossNote = (error: MediaSourceError) => `${error.message} Seeking reads the file again from its start.`;

/** A URL the `<video>` element streams itself, after a one-time probe that ranges work. */
export async function resolveRangeSource(
  url: string,
  signal: AbortSignal,
  kind: SourceKind = 'range',
  crossOrigin: ResolvedSource['crossOrigin'] = 'anonymous',
  noBytesTimeoutMs?: number,
): Promise<ResolvedSource> {
  await probeRangeSupport(url, signal, noBytesTimeoutMs);
  // The element streams it; nothing was acquired here.
  return { kind, url, crossOrigin, bytesHeld: 0, release: () => undefined };
}
