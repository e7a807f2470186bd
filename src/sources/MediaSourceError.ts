import type { LoadError } from '../state';

export type MediaSourceErrorCode =
  | 'not-found'
  | 'forbidden'
  | 'server-error'
  | 'http-error'
  | 'network'
  | 'decode'
  | 'unsupported'
  | 'no-audio'
  | 'no-video'
  | 'no-range-support'
  /** The file ends before the length its header states (`useAddMedia` refuses it when asked to). */
  | 'cut-short'
  | 'proxy-failed'
  /** The media server could not make a derived item (peaks, a filmstrip sheet) of the file. */
  | 'derived-failed';

const transientCodes: ReadonlySet<MediaSourceErrorCode> = new Set(['server-error', 'network']);

/** Why a track's media could not be had, with what a person needs to act on it. */
export class MediaSourceError extends Error {
  override readonly name = 'MediaSourceError';

  constructor(
    readonly code: MediaSourceErrorCode,
    readonly url: string,
    message: string,
    readonly status?: number,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }

  /** A fault that may pass by itself (a 5xx, a dropped connection): worth retrying. */
  get transient(): boolean {
    return transientCodes.has(this.code);
  }
}

/** The file a URL names, for messages a person reads. */
export function fileName(url: string): string {
  const path = url.split(/[?#]/, 1)[0];
  return decodeURIComponent(path.slice(path.lastIndexOf('/') + 1)) || url;
}

/** The typed error for an HTTP answer that carries no media. */
export function httpStatusError(url: string, status: number): MediaSourceError {
  const file = fileName(url);
  if (status === 404 || status === 410) {
    return new MediaSourceError('not-found', url, `${file} was not found (${status}). Check that the file still exists.`, status);
  }
  if (status === 401 || status === 403) {
    return new MediaSourceError('forbidden', url, `Access to ${file} was refused (${status}).`, status);
  }
  if (status >= 500) {
    return new MediaSourceError('server-error', url, `The media server failed on ${file} (${status}). Try again.`, status);
  }
  return new MediaSourceError('http-error', url, `The media server answered ${status} for ${file}.`, status);
}

/** A stream that stopped: bytes were being fetched and none came for `ms` (the server hung, the connection died without a reset). */
export function mediaStoppedError(url: string, ms: number): MediaSourceError {
  return new MediaSourceError('network', url, `The media stopped arriving: nothing for ${ms / 1000} s.`);
}

export function networkError(url: string, cause: unknown): MediaSourceError {
  return new MediaSourceError(
    'network',
    url,
    `${fileName(url)} could not be fetched: the connection failed. Check the network and try again.`,
    undefined,
    { cause },
  );
}

/** The serialisable form of any failure, for a track's load state. */
export function toLoadError(error: unknown): LoadError {
  if (error instanceof MediaSourceError) return { kind: error.code, message: error.message };
  return { kind: 'unknown', message: error instanceof Error ? error.message : String(error) };
}
