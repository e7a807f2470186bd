import { derivedPaths, derivedQuery, type DerivedParams, type DerivedStatus } from '../http';
import type { ProxyReference } from '../state';
import { httpStatusError, MediaSourceError } from './MediaSourceError';

export interface ServerProxyOptions {
  /** Stops waiting (the server goes on making the proxy for whoever asks next). */
  signal?: AbortSignal;
  /** Told how far the proxy is, from 0 to 1, while the server makes it. */
  onProgress?: (progress: number) => void;
  /** How often to ask, in ms; 500 by default. */
  pollMs?: number;
  /** The proxy's picture height, when the host knows it; the server's `--proxy-height` otherwise. */
  height?: number;
  /**
   * How long one request may go unanswered (its headers), in ms; 15 000 by default. A server
   * whose queue hangs (Redis away, an old server) fails the wait as a network error instead of
   * holding it for ever.
   */
  requestTimeoutMs?: number;
}

/** A proxy's height when neither the host nor the server's status says it: the server's default `--proxy-height`. */
const defaultProxyHeight = 720;

/** The default of `ServerProxyOptions.requestTimeoutMs`. */
export const derivedRequestTimeoutMs = 15_000;

/**
 * `fetch`, failing as a `TimeoutError` when no answer (its headers) has come in `timeoutMs`;
 * the body, once answered, is read for as long as it takes (until `signal` aborts).
 */
async function fetchWithin(url: string, init: RequestInit, timeoutMs: number, signal?: AbortSignal): Promise<Response> {
  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException(`No answer in ${timeoutMs} ms.`, 'TimeoutError')), timeoutMs);
  try {
    return await fetch(url, { ...init, signal: signal ? AbortSignal.any([signal, deadline.signal]) : deadline.signal });
  } finally {
    clearTimeout(timer);
  }
}

/** Waits `ms`, or rejects when `signal` aborts; either way it leaves no listener on the signal. */
const wait = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** How long a busy server asked to wait (Retry-After in seconds), kept between 1 and 60 s. */
function retryAfterMs(header: string | null): number {
  const seconds = Number(header);
  return Math.min(60, Math.max(1, Number.isFinite(seconds) ? seconds : 5)) * 1000;
}

/** What `waitForItem` needs of a protocol's statuses: the states every kind shares. */
type ItemStatus = { state: 'none' } | { state: 'generating'; progress: number } | { state: 'ready' } | { state: 'failed'; error: { code: string; message: string } };

/**
 * Asks the media server to make an item (POST `itemUrl`), waits while it is made (GET
 * `statusUrl`), and answers its ready status: a busy server (429) is asked again after its
 * Retry-After, an item made and then lost (its cache was cleared) is asked for again.
 */
async function waitForItem<Status extends ItemStatus>(
  mediaUrl: string,
  itemUrl: string,
  statusUrl: string,
  options: Omit<ServerProxyOptions, 'height'>,
  failed: (error: { code: string; message: string }) => MediaSourceError,
): Promise<Extract<Status, { state: 'ready' }>> {
  const { signal, onProgress, pollMs = 500, requestTimeoutMs = derivedRequestTimeoutMs } = options;
  const ask = async (url: string, method: 'GET' | 'POST'): Promise<Status | { state: 'busy'; retryAfterMs: number }> => {
    let response: Response;
    try {
      response = await fetchWithin(url, { method, cache: 'no-store' }, requestTimeoutMs, signal);
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new MediaSourceError('network', mediaUrl, 'The media server could not be reached to make what was asked of this file.', undefined, { cause: error });
    }
    // The protocol answers 200 (ready, or a status) or 202 (being made, or failed) with a JSON
    // status, or 429 when its queue is full (ask again after Retry-After); any other status is
    // the server's own error about the request (a missing file, say).
    if (response.status === 429) {
      response.body?.cancel().catch(() => undefined);
      return { state: 'busy', retryAfterMs: retryAfterMs(response.headers.get('retry-after')) };
    }
    if (response.status !== 200 && response.status !== 202) {
      response.body?.cancel().catch(() => undefined);
      throw httpStatusError(mediaUrl, response.status);
    }
    return (await response.json()) as Status;
  };

  let status = await ask(itemUrl, 'POST');
  for (;;) {
    if (status.state === 'ready') return status as Extract<Status, { state: 'ready' }>;
    if (status.state === 'failed') throw failed(status.error);
    if (status.state === 'generating') onProgress?.(status.progress);
    if (status.state === 'busy') {
      await wait(status.retryAfterMs, signal);
      status = await ask(itemUrl, 'POST');
      continue;
    }
    await wait(pollMs, signal);
    status = await ask(statusUrl, 'GET');
    // Made, then lost (the cache was cleared): ask for it again.
    if (status.state === 'none') status = await ask(itemUrl, 'POST');
  }
}

/**
 * Asks the kit's media server (started with `--cache`) for the preview proxy of a file it serves
 * (the derived `proxy` kind), waits while it is made, and gives the reference to dispatch with
 * `trackProxyChanged` (or to add a track with). A proxy made before is answered at once.
 */
export async function requestServerProxy(mediaUrl: string, options: ServerProxyOptions = {}): Promise<ProxyReference> {
  const { height, ...waiting } = options;
  const { url, status } = await requestServerDerived(mediaUrl, { kind: 'proxy' }, waiting);
  return { url, height: height ?? status.maxHeight ?? defaultProxyHeight };
}

/** A derived item the media server made: where to fetch it, and what its status said of it. */
export interface DerivedItem {
  url: string;
  status: Extract<DerivedStatus, { state: 'ready' }>;
}

/**
 * Asks the kit's media server for an item derived from a file it serves (`derivedPaths`: its
 * waveform peaks, a filmstrip sheet, its proxy), waits while it is made, and answers where to
 * fetch it. A file without the stream the kind needs fails as `no-audio` / `no-video`; any other
 * failure as `derived-failed` (`proxy-failed` for a proxy), with the server's words.
 */
export async function requestServerDerived(mediaUrl: string, params: DerivedParams, options: Omit<ServerProxyOptions, 'height'> = {}): Promise<DerivedItem> {
  const media = new URL(mediaUrl, globalThis.location?.href);
  const tail = `/${params.kind}${media.pathname}${derivedQuery(params)}`;
  const url = `${media.origin}${derivedPaths.item}${tail}`;
  const status = await waitForItem<DerivedStatus>(mediaUrl, url, `${media.origin}${derivedPaths.status}${tail}`, options, (error) => {
    const code = error.code === 'no-audio' || error.code === 'no-video' ? error.code : params.kind === 'proxy' ? 'proxy-failed' : 'derived-failed';
    return new MediaSourceError(code, mediaUrl, error.message);
  });
  return { url, status };
}

/** Whether a URL is one a media server could have made derived media of (not a picked file's object URL, not a host protocol). */
const servedOverHttp = (url: string) => /^https?:$/.test(new URL(url, globalThis.location?.href).protocol);

/**
 * A derived item from the media server the file comes from, fetched whole, or `undefined` when
 * that server cannot give it and the caller should make it itself: the file is not served over
 * HTTP (a picked file), the server has no pipeline (it answers the protocol's POST with 404 or
 * 405, or not in JSON: a static server, nginx, a dev server), it cannot reach its queue (503) or
 * does not answer within `requestTimeoutMs`, or it tried and failed (ffmpeg missing or unable; a
 * browser may still decode what ffmpeg could not). A file without the
 * stream the kind needs rejects (`no-audio` / `no-video`): no one can make it. So does an abort.
 */
export async function fetchFromServerPipeline(
  mediaUrl: string,
  params: DerivedParams,
  signal: AbortSignal,
  { requestTimeoutMs = derivedRequestTimeoutMs }: Pick<ServerProxyOptions, 'requestTimeoutMs'> = {},
): Promise<Response | undefined> {
  if (!servedOverHttp(mediaUrl)) return undefined;
  try {
    const item = await requestServerDerived(mediaUrl, params, { signal, requestTimeoutMs });
    const response = await fetchWithin(item.url, {}, requestTimeoutMs, signal);
    if (response.ok) return response;
    response.body?.cancel().catch(() => undefined);
    return undefined;
  } catch (error) {
    if (signal.aborted) throw error;
    if (error instanceof MediaSourceError && (error.code === 'no-audio' || error.code === 'no-video')) throw error;
    // Anything else: a server without the pipeline (404/405/a page instead of JSON), one that
    // failed to make it, or one that cannot be reached: the browser makes it instead.
    return undefined;
  }
}
