import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { corsHeadersFor, defaultMaxRangeBytes, MediaPathError, planFileResponse, refuseMethod, requestFactsOf, type CorsOrigins } from '../src/http';
import { factsOf } from './fileFacts';
import { resolveMediaPath } from './resolveMediaPath';

export interface MediaRequestHandlerOptions {
  /** The directory whose regular files are served; nothing outside it ever is. */
  root: string;
  /** Origins allowed to read the media from another origin (`*` for any); none by default. */
  cors?: CorsOrigins;
  /** The longest body of one 206 (`defaultMaxRangeBytes`, 1 MiB, by default; `Infinity` for none). */
  maxRangeBytes?: number;
}

/**
 * The media server's answers as a Fetch-API handler, `(Request) => Promise<Response>`, for
 * Electron's `protocol.handle`, a service worker's host, Deno or Bun: GET and HEAD of the files
 * under `root` with the same Range planner, path rules and root jail as `createMediaServer`.
 * Only the path of the request URL is read (any scheme and host), so `media://local/a.mp4` and
 * `http://127.0.0.1/a.mp4` name the same file. Bodies stream from disk; a file cut short or
 * changed while it streams makes the body fail instead of ending short.
 */
export function createMediaRequestHandler(options: MediaRequestHandlerOptions): (request: Request) => Promise<Response> {
  return async (request) => {
    const cors = corsHeadersFor(request.headers.get('origin') ?? undefined, options.cors);
    const refused = refuseMethod(request.method);
    if (refused) return new Response(null, { status: refused.status, headers: { ...cors, ...refused.headers } });
    let file: string;
    try {
      // The raw path as the URL holds it: `resolveMediaPath` decodes it once and applies the rules.
      file = await resolveMediaPath(options.root, new URL(request.url).pathname);
    } catch (error) {
      if (error instanceof MediaPathError) return new Response(null, { status: error.status, headers: cors });
      throw error;
    }
    const handle = await open(file, 'r');
    let streaming = false;
    try {
      const facts = await factsOf(handle, file);
      const plan = planFileResponse(requestFactsOf(request.method, (name) => request.headers.get(name)), facts, { maxRangeBytes: options.maxRangeBytes ?? defaultMaxRangeBytes });
      const headers = { ...cors, ...plan.headers };
      if (!plan.body || request.method === 'HEAD') return new Response(null, { status: plan.status, headers });
      const expected = plan.body.end - plan.body.start + 1;
      let sent = 0;
      const checked = new TransformStream<Uint8Array, Uint8Array>({
        transform(chunk, controller) {
          sent += chunk.byteLength;
          controller.enqueue(chunk);
        },
        async flush(controller) {
          // By path: the descriptor is closed by now (the stream's end closes it).
          const now = await stat(file).catch(() => undefined);
          if (sent !== expected || now?.size !== facts.size || now.mtimeMs !== facts.mtimeMs) {
            controller.error(new Error('The file changed while it was sent.'));
          }
        },
      });
      // The stream closes the file when it ends, fails or is cancelled.
      const body = Readable.toWeb(handle.createReadStream({ start: plan.body.start, end: plan.body.end })) as ReadableStream<Uint8Array>;
      streaming = true;
      return new Response(body.pipeThrough(checked), { status: plan.status, headers });
    } finally {
      if (!streaming) await handle.close();
    }
  };
}
