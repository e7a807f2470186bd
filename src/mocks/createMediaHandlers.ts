import { bypass, delay, http, HttpResponse, type HttpHandler } from 'msw';
import { contentTypeFor } from './contentType';

/** Where a served file's bytes come from: a URL the real server has, or the bytes themselves. */
export type MockMediaFile = { url: string } | { bytes: Uint8Array<ArrayBuffer> | Blob };

/** A fault a file's requests suffer until it is cleared, to show each failure state. */
export type MediaFault =
  | { kind: 'delay'; ms: number }
  | { kind: 'status'; status: number }
  | { kind: 'network-error' };

export interface MediaRequestRecord {
  url: string;
  method: string;
  range: string | null;
  status: number | 'network-error';
}

export interface CreateMediaHandlersOptions {
  /**
   * Prefix the files are served under, such as `/media/my-story`. Give every story its own, so
   * the browser's media cache cannot answer one story's request with another's response.
   */
  baseUrl: string;
  files: Record<string, MockMediaFile>;
  faults?: Record<string, MediaFault>;
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

async function serveFile(file: MockMediaFile, request: Request, name: string): Promise<Response> {
  if ('bytes' in file) {
    const body = request.method === 'HEAD' ? null : file.bytes;
    const length = file.bytes instanceof Blob ? file.bytes.size : file.bytes.byteLength;
    return new HttpResponse(body, {
      status: 200,
      headers: { 'Content-Type': contentTypeFor(name), 'Content-Length': String(length) },
    });
  }
  // Pass the Range on to the static file server, which answers it properly; the body streams
  // through without being held here.
  const headers = new Headers();
  const range = request.headers.get('range');
  if (range) headers.set('Range', range);
  const upstream = await fetch(bypass(file.url, { method: request.method, headers }));
  const responseHeaders = new Headers(upstream.headers);
  responseHeaders.set('Content-Type', contentTypeFor(name));
  return new HttpResponse(upstream.body, { status: upstream.status, headers: responseHeaders });
}

/** MSW handlers that serve media files at stable URLs, with faults a story can switch on and off. */
export function createMediaHandlers({ baseUrl, files, faults = {} }: CreateMediaHandlersOptions): MockMedia {
  const prefix = baseUrl.replace(/\/+$/, '');
  const activeFaults = new Map<string, MediaFault>();
  const requests: MediaRequestRecord[] = [];

  const handler = http.all(`${prefix}/:name`, async ({ request, params }) => {
    const name = String(params.name);
    const record: MediaRequestRecord = {
      url: request.url,
      method: request.method,
      range: request.headers.get('range'),
      status: 404,
    };
    requests.push(record);

    const respond = (response: Response) => {
      record.status = response.type === 'error' ? 'network-error' : response.status;
      return response;
    };

    if (request.method !== 'GET' && request.method !== 'HEAD') {
      return respond(new HttpResponse(null, { status: 405, headers: { Allow: 'GET, HEAD' } }));
    }
    const file = files[name];
    if (!file) return respond(new HttpResponse(null, { status: 404 }));

    const fault = activeFaults.get(name);
    if (fault?.kind === 'network-error') return respond(HttpResponse.error());
    if (fault?.kind === 'status') return respond(new HttpResponse(null, { status: fault.status }));
    if (fault?.kind === 'delay') await delay(fault.ms);
    return respond(await serveFile(file, request, name));
  });

  const reset = () => {
    requests.length = 0;
    activeFaults.clear();
    for (const [name, fault] of Object.entries(faults)) activeFaults.set(name, fault);
  };
  reset();

  return {
    handlers: [handler],
    reset,
    urlOf: (name) => `${prefix}/${encodeURIComponent(name)}`,
    setFault: (name, fault) => {
      if (fault) activeFaults.set(name, fault);
      else activeFaults.delete(name);
    },
    requests,
  };
}
