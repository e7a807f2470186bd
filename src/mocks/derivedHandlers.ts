import { http, HttpResponse, type HttpHandler } from 'msw';
import {
  allowedMethods,
  derivedPaths,
  derivedQuery,
  parseDerivedParams,
  planFileResponse,
  refuseMethod,
  requestFactsOf,
  type DerivedErrorCode,
  type DerivedStatus,
  type FilmstripTile,
} from '../http';
import type { MockMediaFile } from './createMediaHandlers';
import { escapeRegExp, servedFile, type ServedFile } from './servedFile';

/** A derived item (a proxy, a file's peaks, a filmstrip sheet) as the mock media server makes it, without ffmpeg. */
export interface MockDerivedItem {
  /** What is served once it is ready (a fixture made by the real pipeline). */
  file: MockMediaFile;
  /** Status polls while "making" it before it is ready, progress rising evenly; 0 (default): ready at once. */
  pollsToReady?: number;
  /** It fails instead, as the server says when ffmpeg cannot make it. */
  failure?: { code: DerivedErrorCode; message: string };
  /** The first this many requests are refused as the server's full queue does (429, Retry-After: 1). */
  busyPosts?: number;
  /** A proxy: the tallest the server makes them, as its status says; 720 by default. */
  maxHeight?: number;
  /** A filmstrip sheet: its thumbnails' size and grid, as its status says. */
  tile?: FilmstripTile;
}

/** A file's preview proxy as the mock media server makes it (the `proxy` kind). */
export type MockProxy = Omit<MockDerivedItem, 'tile'>;

/** Where an item is, as the mock keys it: `<kind>/<file name><query>`, as in its URL (`peaks/a.m4a`, `filmstrip/a.mp4?height=48&step=1000&sheet=0`). */
export type DerivedItemKey = string;

/** The same name of an item, whichever order the query came in. */
function keyOf(kind: string, name: string, query: URLSearchParams): DerivedItemKey | { invalid: string } {
  const params = parseDerivedParams(kind, query);
  return 'invalid' in params ? params : `${kind}/${name}${derivedQuery(params)}`;
}

/**
 * The media server's derived-media protocol (`derivedPaths`: `POST /.derived/<kind>/<path>`,
 * `GET /.derived-status/<kind>/<path>`, `GET /.derived/<kind>/<path>`), over fixtures: the same statuses, JSON bodies, refusals and Range semantics as
 * the real server, so stories and tests show derived media being made without ffmpeg.
 */
export function createDerivedHandlers(prefixPath: string, items: Record<DerivedItemKey, MockDerivedItem>, maxRangeBytes: number) {
  const requested = new Map<DerivedItemKey, number>();
  const refusedPosts = new Map<DerivedItemKey, number>();
  const files = new Map<DerivedItemKey, ServedFile>();
  const fileOf = (key: DerivedItemKey, item: MockDerivedItem) => {
    let file = files.get(key);
    if (!file) {
      // Named by what it is, so its Content-Type is the server's: video/mp4, image/jpeg, peaks.
      const kind = key.slice(0, key.indexOf('/'));
      file = servedFile(`${key}.${kind === 'proxy' ? 'mp4' : kind === 'peaks' ? 'peaks' : 'jpg'}`, item.file);
      files.set(key, file);
    }
    return file;
  };

  const statusOf = async (key: DerivedItemKey, item: MockDerivedItem): Promise<DerivedStatus> => {
    const polls = requested.get(key);
    if (polls === undefined) return { state: 'none' };
    if (item.failure) return { state: 'failed', error: item.failure };
    const steps = item.pollsToReady ?? 0;
    if (polls < steps) return { state: 'generating', progress: polls / steps };
    const facts = await fileOf(key, item).facts();
    const kind = key.slice(0, key.indexOf('/'));
    return {
      state: 'ready',
      bytes: facts.size,
      contentType: facts.contentType,
      ...(kind === 'proxy' ? { maxHeight: item.maxHeight ?? 720 } : {}),
      ...(item.tile ? { tile: item.tile } : {}),
    };
  };

  const json = (status: number, body: DerivedStatus | { error: string }) => HttpResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });

  /** The answer to one request for an item, by its key. */
  async function answer(request: Request, key: DerivedItemKey, forStatus: boolean): Promise<Response> {
    const item = items[key];
    if (forStatus) {
      const refused = refuseMethod(request.method, 'GET');
      if (refused) return new HttpResponse(null, refused);
      if (!item) return new HttpResponse(null, { status: 404 });
      // Each poll of an item being "made" moves its made-up progress on.
      if ((await statusOf(key, item)).state === 'generating') requested.set(key, (requested.get(key) ?? 0) + 1);
      return json(200, await statusOf(key, item));
    }
    if (request.method === 'POST') {
      if (!item) return new HttpResponse(null, { status: 404 });
      const refused = refusedPosts.get(key) ?? 0;
      if (refused < (item.busyPosts ?? 0)) {
        refusedPosts.set(key, refused + 1);
        return new HttpResponse(null, { status: 429, headers: { 'Retry-After': '1' } });
      }
      if (!requested.has(key)) requested.set(key, 0);
      const status = await statusOf(key, item);
      return json(status.state === 'ready' ? 200 : 202, status);
    }
    const refused = refuseMethod(request.method, `${allowedMethods}, POST`);
    if (refused) return new HttpResponse(null, refused);
    if (!item || (await statusOf(key, item)).state !== 'ready') return new HttpResponse(null, { status: 404 });
    const file = fileOf(key, item);
    const plan = planFileResponse(requestFactsOf(request.method, (header) => request.headers.get(header)), await file.facts(), { maxRangeBytes });
    const body = plan.body && request.method !== 'HEAD' ? await file.read(plan.body.start, plan.body.end) : null;
    return new HttpResponse(body, { status: plan.status, headers: plan.headers });
  }

  const route = (path: string) => new RegExp(`^[a-z]+://[^/]+${escapeRegExp(path)}/([^/]+)${escapeRegExp(prefixPath)}/([^?]+)`, 'i');

  const derivedRoute = (path: string, forStatus: boolean) =>
    http.all(route(path), async ({ request }) => {
      const url = new URL(request.url);
      const [, kind, name] = route(path).exec(request.url) ?? [];
      const key = keyOf(kind, decodeURIComponent(name), url.searchParams);
      if (typeof key !== 'string') return json(400, { error: key.invalid });
      return answer(request, key, forStatus);
    });

  return {
    handlers: [
      derivedRoute(derivedPaths.status, true),
      derivedRoute(derivedPaths.item, false),
    ] as HttpHandler[],
    reset: () => {
      requested.clear();
      refusedPosts.clear();
    },
  };
}
