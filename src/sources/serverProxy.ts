import { proxyPaths, type ProxyStatus } from '../http';
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

/**
 * Asks the kit's media server (started with `--proxy-cache`) for the preview proxy of a file it
 * serves, waits while it is made, and gives the reference to dispatch with `trackProxyChanged`
 * (or to add a track with). A proxy made before is answered at once.
 */
export async function requestServerProxy(mediaUrl: string, options: ServerProxyOptions = {}): Promise<ProxyReference> {
  const { signal, onProgress, pollMs = 500, height } = options;
  const media = new URL(mediaUrl, globalThis.location?.href);
  const proxyUrl = `${media.origin}${proxyPaths.proxy}${media.pathname}`;
  const ask = async (url: string, method: 'GET' | 'POST'): Promise<ProxyStatus | { state: 'busy'; retryAfterMs: number }> => {
    let response: Response;
    try {
      response = await fetch(url, { method, signal, cache: 'no-store' });
    } catch (error) {
      if (signal?.aborted) throw error;
      throw new MediaSourceError('network', mediaUrl, 'The media server could not be reached to make a proxy.', undefined, { cause: error });
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
    return (await response.json()) as ProxyStatus;
  };

  let status = await ask(proxyUrl, 'POST');
  for (;;) {
    if (status.state === 'ready') return { url: proxyUrl, height: height ?? status.maxHeight };
    if (status.state === 'failed') throw new MediaSourceError('proxy-failed', mediaUrl, status.error.message);
    if (status.state === 'generating') onProgress?.(status.progress);
    if (status.state === 'busy') {
      await wait(status.retryAfterMs, signal);
      status = await ask(proxyUrl, 'POST');
      continue;
    }
    await wait(pollMs, signal);
    status = await ask(`${media.origin}${proxyPaths.status}${media.pathname}`, 'GET');
    // Made, then lost (the cache was cleared): ask for it again.
    if (status.state === 'none') status = await ask(proxyUrl, 'POST');
  }
}
