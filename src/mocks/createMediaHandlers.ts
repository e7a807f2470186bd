import { bypass, delay, http, HttpResponse, type HttpHandler } from 'msw';
import { allowedMethods, contentTypeFor, MediaPathError, mediaPathSegments, planFileResponse, type FileFacts } from '../http';
import { cutShort, throttle } from './mediaBodies';

/** Where a served file's bytes come from: a URL the real server has, or the bytes themselves. */
export type MockMediaFile = { url: string } | { bytes: Uint8Array<ArrayBuffer> | Blob };

/** A fault a file's requests suffer until it is cleared, to show each failure state. */
export type MediaFault =
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: number }
  | { kind: 'network-error' }
  /** The body stops after this many bytes, as a reset connection does. */
  | { kind: 'cut-short'; afterBytes: number }
  /** Always the whole file with 200; with `advertise`, still claiming `Accept-Ranges: bytes`. */
  | { kind: 'ignore-range'; advertise?: boolean }
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
}

export interface MockMedia {
  handlers: HttpHandler[];
  /** The URL a file is served at. */
  urlOf(name: string): string;
  /** Sets or (with `undefined`) clears the fault of a file's later requests. */
  setFault(name: string, fault: MediaFault | undefined): void;
  /** Every request the handlers answered, oldest first. */
  readonly requests: readonly MediaRequestRecord[];
  /** Forgets the request log and puts back the faults the handlers were made with. */
  reset(): void;
}

/** About 2 MiB, as desktop asset protocols cap a response: Chromium asks again from the next byte. */
export const defaultMaxRangeBytes = 2 * 1024 * 1024;

let registrations = 0;

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

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash.toString(16);
}

interface ServedFile {
  facts(): Promise<FileFacts>;
  /** The bytes from `start` to `end` inclusive, streamed, never the whole file in memory. */
  read(start: number, end: number): Promise<ReadableStream<Uint8Array> | null>;
}

function servedFile(name: string, file: MockMediaFile): ServedFile {
  registrations += 1;
  const registeredAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const contentType = contentTypeFor(name);

  if ('bytes' in file) {
    const blob = file.bytes instanceof Blob ? file.bytes : new Blob([file.bytes]);
    const facts: FileFacts = {
      size: blob.size,
      etag: `"${blob.size.toString(16)}-${registrations.toString(16)}"`,
      lastModified: registeredAt,
      contentType,
    };
    return {
      facts: async () => facts,
      read: async (start, end) => blob.slice(start, end + 1).stream(),
    };
  }

  let known: Promise<FileFacts> | undefined;
  return {
    // One HEAD to the static server tells the size and validators; the bytes stay there.
    facts: () =>
      (known ??= fetch(bypass(file.url, { method: 'HEAD' })).then((response) => {
        if (!response.ok) throw new Error(`mock media: ${file.url} answered ${response.status}`);
        const size = Number(response.headers.get('content-length'));
        const modified = Date.parse(response.headers.get('last-modified') ?? '');
        const validator = response.headers.get('etag') ?? response.headers.get('last-modified') ?? '';
        return {
          size,
          etag: `"${size.toString(16)}-${hashText(validator)}"`,
          lastModified: Number.isFinite(modified) ? new Date(modified) : registeredAt,
          contentType,
        };
      })),
    read: async (start, end) => {
      const upstream = await fetch(bypass(file.url, { headers: { Range: `bytes=${start}-${end}` } }));
      return upstream.body;
    },
  };
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
}: CreateMediaHandlersOptions): MockMedia {
  const prefix = baseUrl.replace(/\/+$/, '');
  const prefixPath = new URL(prefix, 'http://base').pathname.replace(/\/+$/, '');
  const served = new Map(Object.entries(files).map(([name, file]) => [name, servedFile(name, file)]));
  const activeFaults = new Map<string, MediaFault>();
  const requests: MediaRequestRecord[] = [];

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

    if (request.method !== 'GET' && request.method !== 'HEAD') return respond(null, 405, { Allow: allowedMethods });
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
        : planFileResponse(
            {
              method: request.method,
              range: request.headers.get('range'),
              ifRange: request.headers.get('if-range'),
              ifNoneMatch: request.headers.get('if-none-match'),
              ifModifiedSince: request.headers.get('if-modified-since'),
            },
            facts,
            { maxRangeBytes },
          );
    const headers = { ...plan.headers };
    if (fault?.kind === 'ignore-range' && !fault.advertise) delete headers['Accept-Ranges'];
    if (!plan.body || request.method === 'HEAD') return respond(null, plan.status, headers);

    let body = await file.read(plan.body.start, plan.body.end);
    if (body && fault?.kind === 'cut-short') body = cutShort(body, fault.afterBytes);
    if (body && fault?.kind === 'throttle') body = throttle(body, fault.bytesPerSecond);
    return respond(body ? countBytes(body, record) : null, plan.status, headers);
  });

  const reset = () => {
    requests.length = 0;
    activeFaults.clear();
    for (const [name, fault] of Object.entries(faults)) activeFaults.set(name, fault);
  };
  reset();

  return {
    handlers: [handler],
    urlOf: (name) => `${prefix}/${name.split('/').map(encodeURIComponent).join('/')}`,
    setFault: (name, fault) => {
      if (fault) activeFaults.set(name, fault);
      else activeFaults.delete(name);
    },
    requests,
    reset,
  };
}
