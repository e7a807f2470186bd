import { delay, http, HttpResponse, type HttpHandler } from 'msw';
import { defaultMaxRangeBytes, MediaPathError, mediaPathSegments, planFileResponse, refuseMethod, requestFactsOf } from '../http';
import { dropAfter, stallAfter, throttle, type ThrottleLink } from './mediaBodies';
import { createDerivedHandlers, type DerivedItemKey, type MockDerivedItem, type MockProxy } from './derivedHandlers';
import { escapeRegExp, servedFile } from './servedFile';

/** Where a served file's bytes come from: a URL the real server has, or the bytes themselves. */
/**
 * A file the mock serves: a static file by URL (with `firstBytes`, only its start, as a download
 * cut short leaves a file), or bytes given here.
 */
export type MockMediaFile = { url: string; firstBytes?: number } | { bytes: Uint8Array<ArrayBuffer> | Blob };

/** A fault a file's requests suffer until it is cleared, to show each failure state. */
export type MediaFault =
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: number }
  | { kind: 'network-error' }
  /** The body fails after this many bytes, as a dropped (reset) connection does. */
  | { kind: 'drop'; afterBytes: number }
  /** The body stops after this many bytes and the connection stays open, sending nothing more. */
  | { kind: 'stall'; afterBytes: number }
  /**
   * Always the whole file with 200; with `advertise`, still claiming `Accept-Ranges: bytes`; with
   * `bytesPerSecond`, over a link that slow (so re-reading from byte 0 takes a while, as it does).
   */
  | { kind: 'ignore-range'; advertise?: boolean; bytesPerSecond?: number }
  /** At most this many bytes a second, shared by every response of the file open at once (one slow link). */
  | { kind: 'throttle'; bytesPerSecond: number };

export interface MediaRequestRecord {
  url: string;
  method: string;
  range: string | null;
  status: number | 'network-error';
  /**
   * Body bytes actually read from the handler so far: what the server sent, not what the
   * response announced. A cancelled response stops counting where its reader stopped.
   */
  bytes: number;
}

export interface CreateMediaHandlersOptions {
  /**
   * Prefix the files are served under, such as `/media/my-story`. Give every story its own, so
   * the browser's media cache cannot answer one story's request with another's response.
   */
  baseUrl: string;
  files: Record<string, MockMediaFile>;
  faults?: Record<string, MediaFault>;
  /** The longest body of one 206; an open-ended request gets this much and asks again. */
  maxRangeBytes?: number;
  /** Preview proxies the mock "makes" on request (the media server's proxy protocol), by file name. */
  proxies?: Record<string, MockProxy>;
  /**
   * Derived items the mock "makes" on request (the media server's derived-media protocol), by
   * kind, file name and parameters as in their URL: `peaks/a.m4a`,
   * `filmstrip/a.mp4?height=48&step=1000&sheet=0`. Proxies given in `proxies` are the `proxy` kind.
   */
  derived?: Record<DerivedItemKey, MockDerivedItem>;
}

export interface MockMedia {
  handlers: HttpHandler[];
  /** The URL a file is served at. */
  urlOf(name: string): string;
  /** Sets or (with `undefined`) clears the fault of a file's later requests. */
  setFault(name: string, fault: MediaFault | undefined): void;
  /** The file is gone from now on (every request a 404), as a deleted file; `setFault(name, undefined)` brings it back. */
  disappear(name: string): void;
  /** Every request the handlers answered, oldest first. */
  readonly requests: readonly MediaRequestRecord[];
  /** Forgets the request log and puts back the faults the handlers were made with. */
  reset(): void;
}

export { defaultMaxRangeBytes };


function countBytes(body: ReadableStream<Uint8Array>, record: MediaRequestRecord): ReadableStream<Uint8Array> {
  return body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        record.bytes += chunk.byteLength;
        controller.enqueue(chunk);
      },
    }),
  );
}

/**
 * MSW handlers that serve media files at stable URLs with the Range semantics of the real media
 * server (one planner, `planFileResponse`, decides both), faults a story can switch on and off,
 * and a log of every request.
 */
export function createMediaHandlers({
  baseUrl,
  files,
  faults = {},
  maxRangeBytes = defaultMaxRangeBytes,
  proxies = {},
  derived = {},
}: CreateMediaHandlersOptions): MockMedia {
  const prefix = baseUrl.replace(/\/+$/, '');
  const prefixPath = new URL(prefix, 'http://base').pathname.replace(/\/+$/, '');
  const served = new Map(Object.entries(files).map(([name, file]) => [name, servedFile(name, file)]));
  const activeFaults = new Map<string, MediaFault>();
  const requests: MediaRequestRecord[] = [];
  // A throttled file's link: its responses share its rate.
  const links = new Map<string, ThrottleLink>();
  const linkOf = (name: string) => {
    let link = links.get(name);
    if (!link) {
      link = { freeAt: 0 };
      links.set(name, link);
    }
    return link;
  };

  // A RegExp, not a path pattern: MSW decodes a pattern's parameters itself and fails with a 500
  // on malformed percent-encoding, where the real server answers 400.
  const matcher = /^[a-z]+:\/\//i.test(prefix)
    ? new RegExp(`^${escapeRegExp(prefix)}/`)
    : new RegExp(`^[a-z]+://[^/]+${escapeRegExp(prefixPath)}/`, 'i');
  const handler = http.all(matcher, async ({ request }) => {
    const record: MediaRequestRecord = {
      url: request.url,
      method: request.method,
      range: request.headers.get('range'),
      status: 404,
      bytes: 0,
    };
    requests.push(record);
    const respond = (body: ReadableStream<Uint8Array> | null, status: number, headers: Record<string, string>) => {
      record.status = status;
      return new HttpResponse(body, { status, headers });
    };

    const refused = refuseMethod(request.method);
    if (refused) return respond(null, refused.status, refused.headers);
    let name: string;
    try {
      name = mediaPathSegments(new URL(request.url).pathname.slice(prefixPath.length)).join('/');
    } catch (error) {
      return respond(null, error instanceof MediaPathError ? error.status : 400, {});
    }
    const file = served.get(name);
    if (!file) return respond(null, 404, {});
    const fault = activeFaults.get(name);
    if (fault?.kind === 'network-error') {
      record.status = 'network-error';
      return HttpResponse.error();
    }
    if (fault?.kind === 'status') return respond(null, fault.status, {});
    if (fault?.kind === 'delay') await delay(fault.ms);

    const facts = await file.facts();
    const plan =
      fault?.kind === 'ignore-range'
        ? planFileResponse({ method: request.method }, facts)
        : planFileResponse(requestFactsOf(request.method, (name) => request.headers.get(name)), facts, { maxRangeBytes });
    const headers = { ...plan.headers };
    if (fault?.kind === 'ignore-range' && !fault.advertise) delete headers['Accept-Ranges'];
    if (!plan.body || request.method === 'HEAD') return respond(null, plan.status, headers);

    let body = await file.read(plan.body.start, plan.body.end);
    if (body && fault?.kind === 'drop') body = dropAfter(body, fault.afterBytes);
    if (body && fault?.kind === 'stall') body = stallAfter(body, fault.afterBytes);
    if (body && fault?.kind === 'throttle') body = throttle(body, fault.bytesPerSecond, linkOf(name));
    if (body && fault?.kind === 'ignore-range' && fault.bytesPerSecond) body = throttle(body, fault.bytesPerSecond, linkOf(name));
    return respond(body ? countBytes(body, record) : null, plan.status, headers);
  });

  const derivedItems = { ...derived, ...Object.fromEntries(Object.entries(proxies).map(([name, proxy]) => [`proxy/${name}`, proxy])) };
  const proxyProtocol = createDerivedHandlers(prefixPath, derivedItems, maxRangeBytes);
  const reset = () => {
    proxyProtocol.reset();
    requests.length = 0;
    links.clear();
    activeFaults.clear();
    for (const [name, fault] of Object.entries(faults)) activeFaults.set(name, fault);
  };
  reset();

  return {
    // The protocol's dot paths first: they are never media, whatever the prefix.
    handlers: [...proxyProtocol.handlers, handler],
    urlOf: (name) => `${prefix}/${name.split('/').map(encodeURIComponent).join('/')}`,
    setFault: (name, fault) => {
      if (fault) activeFaults.set(name, fault);
      else activeFaults.delete(name);
    },
    disappear: (name) => activeFaults.set(name, { kind: 'status', status: 404 }),
    requests,
    reset,
  };
}
