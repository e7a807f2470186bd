import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import {
  allowedMethods,
  contentTypeFor,
  fileEtag,
  MediaPathError,
  planFileResponse,
  proxyPaths,
  refuseMethod,
  requestFactsOf,
  type FileFacts,
} from '../src/http';
import { createProxyRenditions, isInside, type ProxyOptions, type ProxyRenditions } from './proxyRenditions';
import { resolveMediaPath } from './resolveMediaPath';

export interface MediaServerOptions {
  /** The directory whose regular files are served; nothing outside it ever is. */
  root: string;
  /**
   * Origins allowed to read the media from another origin (`*` for any). A page on another
   * origin plays with `crossOrigin="anonymous"`, which needs these CORS headers.
   */
  cors?: string | string[];
  /** Called with one line per request, when given. */
  log?: (line: string) => void;
  /** Called once per answered request with what was sent; for accounting and benchmarks. */
  onResponse?: (sent: SentResponse) => void;
  /** The longest body of one 206; unlimited by default. */
  maxRangeBytes?: number;
  /**
   * Preview proxies made on demand with ffmpeg (off without it), at `proxyPaths`:
   * `POST /.proxy/<path>` starts one, `GET /.proxy-status/<path>` says how far it is,
   * `GET /.proxy/<path>` serves it once finished (404 before: never a partial proxy).
   */
  proxies?: Omit<ProxyOptions, 'log'>;
}

const proxyPrefix = `${proxyPaths.proxy}/`;
const proxyStatusPrefix = `${proxyPaths.status}/`;

export interface SentResponse {
  method: string;
  url: string;
  range: string | undefined;
  status: number;
  /** Body bytes read from disk and handed to the socket. */
  bytes: number;
}

const exposedHeaders = 'Accept-Ranges, Content-Range, Content-Length, ETag, Last-Modified';

function corsHeaders(request: IncomingMessage, cors: MediaServerOptions['cors']): Record<string, string> {
  if (!cors) return {};
  const origins = Array.isArray(cors) ? cors : [cors];
  const origin = request.headers.origin;
  const allowed = origins.includes('*') ? '*' : origin && origins.includes(origin) ? origin : undefined;
  if (!allowed) return {};
  return { 'Access-Control-Allow-Origin': allowed, 'Access-Control-Expose-Headers': exposedHeaders, Vary: 'Origin' };
}

async function factsOf(file: string): Promise<FileFacts> {
  const info = await stat(file);
  const modified = new Date(Math.floor(info.mtimeMs / 1000) * 1000);
  return {
    size: info.size,
    etag: fileEtag(info.size, info.mtimeMs / 1000),
    lastModified: modified,
    contentType: contentTypeFor(path.basename(file)),
  };
}

/** One request being answered, with what every answer needs. */
interface Exchange {
  request: IncomingMessage;
  response: ServerResponse;
  cors: Record<string, string>;
  options: MediaServerOptions;
  /** Body bytes sent so far, for the log and `onResponse`. */
  sent: { bytes: number };
}

/** Answers GET or HEAD of one file with the Range semantics of `planFileResponse`. */
async function serveFile({ request, response, cors, options, sent }: Exchange, file: string): Promise<number> {
  const method = request.method ?? 'GET';
  const plan = planFileResponse(requestFactsOf(method, (name) => request.headers[name]), await factsOf(file), {
    maxRangeBytes: options.maxRangeBytes,
  });
  response.writeHead(plan.status, { ...cors, ...plan.headers });
  if (!plan.body || method === 'HEAD') {
    response.end();
    return plan.status;
  }
  // Streams the planned bytes from disk: memory stays flat however large the file.
  const body = createReadStream(file, { start: plan.body.start, end: plan.body.end });
  try {
    await pipeline(body, response);
  } finally {
    sent.bytes = body.bytesRead;
  }
  return plan.status;
}

function emptyAnswer(response: ServerResponse, status: number, headers: Record<string, string> = {}): number {
  response.writeHead(status, { ...headers, 'Content-Length': '0' });
  response.end();
  return status;
}

function jsonAnswer(response: ServerResponse, status: number, body: unknown, cors: Record<string, string>): number {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    ...cors,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  response.end(text);
  return status;
}

async function answerProxy(exchange: Exchange, proxies: ProxyRenditions): Promise<number> {
  const { request, response, cors, options } = exchange;
  const method = request.method ?? 'GET';
  const url = request.url ?? '/';
  const forStatus = url.startsWith(proxyStatusPrefix);
  const original = await resolveMediaPath(options.root, url.slice((forStatus ? proxyStatusPrefix : proxyPrefix).length - 1));
  if (forStatus) {
    const refused = refuseMethod(method, 'GET');
    if (refused) return emptyAnswer(response, refused.status, { ...cors, ...refused.headers });
    return jsonAnswer(response, 200, await proxies.status(original), cors);
  }
  if (method === 'POST') {
    // A request starts a run unless the proxy is ready: its outcome comes from the status.
    const status = await proxies.request(original);
    return jsonAnswer(response, status.state === 'ready' ? 200 : 202, status, cors);
  }
  const refused = refuseMethod(method, `${allowedMethods}, POST`);
  if (refused) return emptyAnswer(response, refused.status, { ...cors, ...refused.headers });
  const file = await proxies.fileOf(original);
  if (!file) return emptyAnswer(response, 404, cors);
  return serveFile(exchange, file);
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  options: MediaServerOptions,
  proxies: ProxyRenditions | undefined,
  sent: { bytes: number },
): Promise<number> {
  const cors = corsHeaders(request, options.cors);
  const method = request.method ?? 'GET';
  const url = request.url ?? '/';
  const isProxyPath = proxies !== undefined && (url.startsWith(proxyPrefix) || url.startsWith(proxyStatusPrefix));

  if (method === 'OPTIONS' && cors['Access-Control-Allow-Origin']) {
    response.writeHead(204, {
      ...cors,
      'Access-Control-Allow-Methods': isProxyPath ? `${allowedMethods}, POST` : allowedMethods,
      'Access-Control-Allow-Headers': 'Range, If-Range, If-None-Match, If-Modified-Since',
      'Access-Control-Max-Age': '600',
    });
    response.end();
    return 204;
  }
  try {
    const exchange: Exchange = { request, response, cors, options, sent };
    if (isProxyPath) return await answerProxy(exchange, proxies);
    const refused = refuseMethod(method);
    if (refused) return emptyAnswer(response, refused.status, { ...cors, ...refused.headers });
    return await serveFile(exchange, await resolveMediaPath(options.root, url));
  } catch (error) {
    if (response.headersSent) throw error;
    if (error instanceof MediaPathError) return emptyAnswer(response, error.status, cors);
    throw error;
  }
}

/**
 * The production media server: GET and HEAD of the files under `root`, with the Range
 * semantics of `planFileResponse` (the same planner the MSW mocks use) and a strict root jail.
 * Returns an `http.Server` that is not listening yet.
 */
export function createMediaServer(options: MediaServerOptions): Server {
  if (options.proxies && isInside(options.proxies.cacheDir, options.root)) {
    throw new Error('The proxy cache must be outside the media root: proxies are not media to serve by path.');
  }
  const proxies = options.proxies && createProxyRenditions({ ...options.proxies, log: options.log });
  const server = createServer((request, response) => {
    const started = performance.now();
    const sent = { bytes: 0 };
    const report = (status: number) => {
      options.onResponse?.({ method: request.method ?? 'GET', url: request.url ?? '/', range: request.headers.range, status, bytes: sent.bytes });
      options.log?.(
        `${request.method} ${request.url} ${request.headers.range ?? '-'} ${status} ${sent.bytes}B ${Math.round(performance.now() - started)}ms`,
      );
    };
    answer(request, response, options, proxies, sent)
      .then(report)
      .catch((error: unknown) => {
        // A client that goes away mid-body ends the pipeline; anything else is a 500 with no detail.
        if (!response.headersSent) {
          response.writeHead(500, { 'Content-Length': '0' });
          response.end();
        } else {
          response.destroy();
        }
        const code = (error as NodeJS.ErrnoException).code;
        // A player that cancels a response it no longer needs is normal: account for what it got.
        if (code === 'ERR_STREAM_PREMATURE_CLOSE') report(response.statusCode);
        else options.log?.(`${request.method} ${request.url} failed: ${code ?? 'error'}`);
      });
  });
  server.once('close', () => proxies?.close());
  return server;
}

export interface RunningMediaServer {
  /** Where the server listens, like `http://127.0.0.1:41234`. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/** Starts a media server; on loopback unless told otherwise, on a free port when `port` is 0. */
export async function startMediaServer(
  options: MediaServerOptions & { port?: number; host?: string },
): Promise<RunningMediaServer> {
  const server = createMediaServer(options);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
