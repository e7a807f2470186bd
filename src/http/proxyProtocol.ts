/**
 * How a client asks the media server for preview proxies, shared by the server and the kit's
 * client so the two cannot drift. Dot paths are never media, so these cannot shadow a file.
 */
export const proxyPaths = {
  /** `POST` starts making the proxy of the file at the rest of the path; `GET` serves it once finished. */
  proxy: '/.proxy',
  /** `GET` says how far the proxy of the file at the rest of the path is. */
  status: '/.proxy-status',
} as const;

export type ProxyErrorCode = 'ffmpeg-missing' | 'ffmpeg-failed';

/** Where a file's proxy stands, as the media server answers it in JSON. */
export type ProxyStatus =
  | { state: 'none' }
  | { state: 'generating'; progress: number }
  /** `maxHeight`: the tallest the server makes proxies (a smaller original keeps its size). */
  | { state: 'ready'; bytes: number; maxHeight: number }
  | { state: 'failed'; error: { code: ProxyErrorCode; message: string } };
