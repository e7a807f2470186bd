import { open } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { isIPv4, type AddressInfo } from 'node:net';
import {
  allowedMethods,
  corsAllowedRequestHeaders,
  corsHeadersFor,
  defaultMaxRangeBytes,
  derivedPaths,
  hostAllowed,
  MediaPathError,
  originMayChangeState,
  parseDerivedParams,
  planFileResponse,
  refuseMethod,
  requestFactsOf,
  requestTarget,
  type CorsOrigins,
} from '../src/http';
import { loadRedisJobs } from './queueLibraries';
import { createDerivedMedia, DerivedQueueFullError, DerivedUnavailableError, type DerivedMedia, type DerivedMediaOptions } from './derivedMedia';
import { isInside } from './pathInside';
import { factsOf } from './fileFacts';
import { resolveMediaPath } from './resolveMediaPath';
import { streamFileRange } from './streamFileRange';

export interface MediaServerOptions {
  /** The directory whose regular files are served; nothing outside it ever is. */
  root: string;
  /**
   * Origins allowed to read the media from another origin (`*` for any). A page on another
   * origin plays with `crossOrigin="anonymous"`, which needs these CORS headers.
   */
  cors?: CorsOrigins;
  /**
   * Host names a request that came in on a loopback address may name besides loopback ones
   * (`localhost`, `127.0.0.1`, `[::1]`): a page whose site name was pointed at 127.0.0.1 (DNS
   * rebinding) is refused with 403 unless its name is here.
   */
  allowedHosts?: string[];
  /** A connection that sends and receives nothing this long is closed. 60 s by default; 0 never. */
  idleTimeoutMs?: number;
  /**
   * A response whose client takes none of a chunk this long is cut off (nginx's `send_timeout`:
   * between two successive writes). 60 s by default; 0 never. The idle timeout alone misses it:
   * a trickle of window updates keeps a stalled connection from ever being idle.
   */
  sendTimeoutMs?: number;
  /** The most connections open at once; further ones are closed at once. `defaultMaxConnections` (1024) unless given. */
  maxConnections?: number;
  /** Called with one line per request, when given. */
  log?: (line: string) => void;
  /** Called once per answered request with what was sent; for accounting and benchmarks. */
  onResponse?: (sent: SentResponse) => void;
  /** The longest body of one 206 (`defaultMaxRangeBytes`, 1 MiB, by default; `Infinity` for none). */
  maxRangeBytes?: number;
  /**
   * Derived media made on demand with ffmpeg (off without it): preview proxies, waveform peaks
   * and filmstrip sheets, at `derivedPaths` (`POST /.derived/<kind>/<path>` starts one, `GET
   * /.derived-status/<kind>/<path>` says how far it is, `GET /.derived/<kind>/<path>` serves it
   * once finished: 404 before, never a partial item).
   */
  derived?: Omit<DerivedMediaOptions, 'log' | 'root'>;
}

/** The connection cap when none is given: as many as a process's default 1024 descriptors could hold, about. */
export const defaultMaxConnections = 1024;

const derivedPrefix = `${derivedPaths.item}/`;
const derivedStatusPrefix = `${derivedPaths.status}/`;

export interface SentResponse {
  method: string;
  url: string;
  range: string | undefined;
  status: number;
  /** Body bytes read from disk and handed to the socket. */
  bytes: number;
}

/** One request being answered, with what every answer needs. */
interface Exchange {
  request: IncomingMessage;
  /** The request target's path and query (absolute-form reduced to it). */
  target: string;
  response: ServerResponse;
  cors: Record<string, string>;
  options: MediaServerOptions;
  /** Body bytes sent so far, for the log and `onResponse`. */
  sent: { bytes: number };
}

/** Thrown when the file changed under a response: the connection is cut, never a short body. */
class FileChangedError extends Error {
  readonly code = 'FILE_CHANGED';
}

/** Answers GET or HEAD of one file with the Range semantics of `planFileResponse`. */
async function serveFile({ request, response, cors, options, sent }: Exchange, file: string): Promise<number> {
  const method = request.method ?? 'GET';
  // One descriptor for the facts and the bytes: a file renamed over this one mid-way is not mixed in.
  const handle = await open(file, 'r');
  try {
    const facts = await factsOf(handle, file);
    const plan = planFileResponse(requestFactsOf(method, (name) => request.headers[name]), facts, { maxRangeBytes: options.maxRangeBytes ?? defaultMaxRangeBytes });
    if (plan.status === 416) {
      // The plan's headers less its empty Content-Length: the reason is the body.
      const headers = Object.fromEntries(Object.entries(plan.headers).filter(([name]) => name !== 'Content-Length'));
      return errorAnswer(response, 416, `Range not satisfiable: the file is ${facts.size} bytes.`, { ...cors, ...headers });
    }
    response.writeHead(plan.status, { ...cors, ...plan.headers });
    if (!plan.body || method === 'HEAD') {
      response.end();
      return plan.status;
    }
    // Streams the planned bytes from disk: memory stays flat however large the file.
    const read = await streamFileRange(handle, plan.body.start, plan.body.end, response, (bytes) => (sent.bytes += bytes), {
      sendTimeoutMs: options.sendTimeoutMs ?? 60_000,
    });
    // A file cut short while it streamed would leave the body short of its Content-Length, and a
    // client would read the next response on the connection as the rest: the connection is cut.
    // One that grew (a recording in progress) has sent the bytes it announced, as nginx does.
    const now = await handle.stat();
    if (read !== plan.body.end - plan.body.start + 1 || now.size < facts.size) {
      throw new FileChangedError('The file was cut short while it was sent.');
    }
    response.end();
    return plan.status;
  } finally {
    await handle.close();
  }
}

/**
 * An error answer with its reason as a short line of text (a HEAD gets the headers only), so a
 * person reading a failed request in the network panel or a log sees why. Reasons name no path
 * outside the root (none names a path at all).
 */
function errorAnswer(response: ServerResponse, status: number, reason: string, headers: Record<string, string> = {}): number {
  const text = `${reason}\n`;
  response.writeHead(status, {
    ...headers,
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    'Cache-Control': 'no-store',
  });
  response.end(text);
  return status;
}

const methodRefused = (method: string, allow: string) => `The method ${method} is not allowed here (allowed: ${allow}).`;

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

/** One derived item's routes, whichever path named it: where it stands, a request to make it, the item. */
interface ItemRoutes {
  status(): Promise<{ state: string }>;
  request(): Promise<{ state: string }>;
  serve(): Promise<{ file: string; release(): void } | undefined>;
}

/**
 * GET of its status, POST to make it (202 until ready, 429 when the queue is full), GET/HEAD of
 * the finished item; 503 with when to ask again while the job queue cannot be reached.
 */
async function answerItem(exchange: Exchange, forStatus: boolean, item: ItemRoutes): Promise<number> {
  try {
    return await answerItemRoute(exchange, forStatus, item);
  } catch (error) {
    if (!(error instanceof DerivedUnavailableError) || exchange.response.headersSent) throw error;
    return errorAnswer(exchange.response, 503, `${error.message} Try again in ${error.retryAfterSeconds} s.`, {
      ...exchange.cors,
      'Retry-After': String(error.retryAfterSeconds),
    });
  }
}

async function answerItemRoute(exchange: Exchange, forStatus: boolean, item: ItemRoutes): Promise<number> {
  const { request, response, cors } = exchange;
  const method = request.method ?? 'GET';
  if (forStatus) {
    const refused = refuseMethod(method, 'GET');
    if (refused) return errorAnswer(response, refused.status, methodRefused(method, refused.headers.Allow), { ...cors, ...refused.headers });
    return jsonAnswer(response, 200, await item.status(), cors);
  }
  if (method === 'POST') {
    // A request starts a run unless the item is ready: its outcome comes from the status.
    try {
      const status = await item.request();
      return jsonAnswer(response, status.state === 'ready' ? 200 : 202, status, cors);
    } catch (error) {
      if (!(error instanceof DerivedQueueFullError)) throw error;
      return errorAnswer(response, 429, `The derived-media queue is full: try again in ${error.retryAfterSeconds} s.`, {
        ...cors,
        'Retry-After': String(error.retryAfterSeconds),
      });
    }
  }
  const refused = refuseMethod(method, `${allowedMethods}, POST`);
  if (refused) return errorAnswer(response, refused.status, methodRefused(method, refused.headers.Allow), { ...cors, ...refused.headers });
  const served = await item.serve();
  if (!served) return errorAnswer(response, 404, 'Not made yet: POST to this address makes it; its status says when it is ready.', cors);
  try {
    return await serveFile(exchange, served.file);
  } finally {
    served.release();
  }
}

/** `/.derived/<kind>/<path>?<params>` and its status: one protocol for every kind (`derivedPaths`). */
async function answerDerived(exchange: Exchange, derived: DerivedMedia): Promise<number> {
  const { response, cors, options, target } = exchange;
  const forStatus = target.startsWith(derivedStatusPrefix);
  const queryAt = target.indexOf('?');
  const rest = (queryAt < 0 ? target : target.slice(0, queryAt)).slice((forStatus ? derivedStatusPrefix : derivedPrefix).length);
  const slash = rest.indexOf('/');
  const params = parseDerivedParams(slash < 0 ? rest : rest.slice(0, slash), new URLSearchParams(queryAt < 0 ? '' : target.slice(queryAt + 1)));
  if ('invalid' in params) return jsonAnswer(response, 400, { error: params.invalid }, cors);
  if (slash < 0) return errorAnswer(response, 404, 'Not found: the address names no file.', cors);
  const original = await resolveMediaPath(options.root, rest.slice(slash));
  return answerItem(exchange, forStatus, {
    status: () => derived.status(original, params),
    request: () => derived.request(original, params),
    serve: () => derived.serve(original, params),
  });
}

/** Whether the connection came in on a loopback address, so only loopback host names are expected. */
function arrivedOnLoopback(request: IncomingMessage): boolean {
  const local = request.socket.localAddress ?? '';
  const address = local.startsWith('::ffff:') && isIPv4(local.slice(7)) ? local.slice(7) : local;
  return address === '::1' || address.startsWith('127.');
}

async function answer(
  request: IncomingMessage,
  response: ServerResponse,
  options: MediaServerOptions,
  derived: DerivedMedia | undefined,
  sent: { bytes: number },
): Promise<number> {
  const cors = corsHeadersFor(request.headers.origin, options.cors);
  const method = request.method ?? 'GET';
  const { path: url, authority = request.headers.host } = requestTarget(request.url ?? '/');
  if (arrivedOnLoopback(request) && !hostAllowed(authority, options.allowedHosts)) {
    return errorAnswer(response, 403, 'Forbidden: the Host header names a site this server does not answer for (--allowed-host).', cors);
  }
  const isDerivedPath = derived !== undefined && (url.startsWith(derivedPrefix) || url.startsWith(derivedStatusPrefix));
  // Starting a transcode changes state: a page of another site may not, unless CORS allows it.
  if (method === 'POST' && !originMayChangeState(request.headers.origin, authority, options.cors)) {
    return errorAnswer(response, 403, 'Forbidden: a page of another origin may not start making derived media (--cors).', cors);
  }

  if (method === 'OPTIONS' && cors['Access-Control-Allow-Origin']) {
    response.writeHead(204, {
      ...cors,
      'Access-Control-Allow-Methods': isDerivedPath ? `${allowedMethods}, POST` : allowedMethods,
      'Access-Control-Allow-Headers': corsAllowedRequestHeaders,
      'Access-Control-Max-Age': '600',
    });
    response.end();
    return 204;
  }
  try {
    const exchange: Exchange = { request, target: url, response, cors, options, sent };
    if (isDerivedPath) return await answerDerived(exchange, derived);
    const refused = refuseMethod(method);
    if (refused) return errorAnswer(response, refused.status, methodRefused(method, refused.headers.Allow), { ...cors, ...refused.headers });
    return await serveFile(exchange, await resolveMediaPath(options.root, url));
  } catch (error) {
    if (response.headersSent) throw error;
    if (error instanceof MediaPathError) return errorAnswer(response, error.status, error.message, cors);
    throw error;
  }
}

/**
 * The production media server: GET and HEAD of the files under `root`, with the Range
 * semantics of `planFileResponse` (the same planner the MSW mocks use) and a strict root jail.
 * Returns an `http.Server` that is not listening yet.
 */
export function createMediaServer(options: MediaServerOptions): Server {
  if (options.derived && isInside(options.derived.cacheDir, options.root)) {
    throw new Error('The derived-media cache must be outside the media root: derived media are not media to serve by path.');
  }
  const derived = options.derived && createDerivedMedia({ ...options.derived, root: options.root, log: options.log });
  const server = createServer({ headersTimeout: 10_000, requestTimeout: 30_000 }, (request, response) => {
    const started = performance.now();
    const sent = { bytes: 0 };
    // A client that closes its side (FIN) while its answer is still being sent has gone away: the
    // answer is cut at once, not left to stall until a timeout (HTTP/1.1 clients do not half-close).
    const clientEnded = () => {
      if (!response.writableFinished) response.destroy();
    };
    request.socket.once('end', clientEnded);
    response.once('close', () => request.socket.off('end', clientEnded));
    const report = (status: number) => {
      options.onResponse?.({ method: request.method ?? 'GET', url: request.url ?? '/', range: request.headers.range, status, bytes: sent.bytes });
      options.log?.(
        `${request.method} ${request.url} ${request.headers.range ?? '-'} ${status} ${sent.bytes}B ${Math.round(performance.now() - started)}ms`,
      );
    };
    answer(request, response, options, derived, sent)
      .then(report)
      .catch((error: unknown) => {
        // A client that goes away mid-body ends the pipeline; anything else is a 500 with no detail.
        if (!response.headersSent) {
          errorAnswer(response, 500, 'The server failed to answer this request.');
        } else {
          response.destroy();
        }
        const code = (error as NodeJS.ErrnoException).code;
        // A player that cancels a response it no longer needs is normal: account for what it got.
        if (code === 'ERR_STREAM_PREMATURE_CLOSE' || code === 'ERR_STREAM_DESTROYED') report(response.statusCode);
        else options.log?.(`${request.method} ${request.url} failed: ${code ?? 'error'}`);
      });
  });
  server.once('close', () => derived?.close());
  // A client that stops reading (or never sends) holds a socket and its buffers: cut it off.
  const idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
  if (idleTimeoutMs > 0) server.setTimeout(idleTimeoutMs, (socket) => socket.destroy());
  server.maxConnections = options.maxConnections ?? defaultMaxConnections;
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
  // The queue's libraries loaded before the server answers anything: where they are missing it
  // does not start (QueueLibrariesMissingError), and its Redis connection opens as it starts.
  if (options.derived?.jobs) await loadRedisJobs();
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
