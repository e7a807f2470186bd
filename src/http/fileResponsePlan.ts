import parseRange from 'range-parser';

/** What a media server knows of a file before it answers: enough to decide the whole response. */
export interface FileFacts {
  size: number;
  /** A strong validator, quoted: `"abc-123"`. */
  etag: string;
  lastModified: Date;
  contentType: string;
}

/** The request headers that decide a file response (header names are case-insensitive). */
export interface RequestFacts {
  method: string;
  range?: string | null;
  ifRange?: string | null;
  ifNoneMatch?: string | null;
  ifModifiedSince?: string | null;
}

export interface FilePlanOptions {
  /**
   * The longest body one 206 carries. An open-ended `bytes=N-` is answered with at most this
   * many bytes and the player asks again from where it stopped, so a cancelled request never
   * drags the rest of the file along. Infinity by default.
   */
  maxRangeBytes?: number;
}

/**
 * The longest 206 the kit's servers (the media server, the request handler, the mocks) send unless
 * told otherwise: 1 MiB, as desktop asset protocols cap a response; a player asks again from the
 * next byte. It also bounds what a client that stops reading can make the server push into its
 * socket (measured: 200 such clients on a 512 MiB file filled 740 MiB of kernel buffers uncapped,
 * 375 MiB at 2 MiB, 175 MiB at 1 MiB; a normal request meanwhile waited 1.2-2.1 s, 0.35-1.0 s,
 * 0.16-0.37 s).
 */
export const defaultMaxRangeBytes = 1024 * 1024;

/** How to answer: status, headers, and which bytes of the file (inclusive) the body carries. */
export interface FileResponsePlan {
  status: 200 | 206 | 304 | 405 | 416;
  headers: Record<string, string>;
  body: { start: number; end: number } | null;
}

export const allowedMethods = 'GET, HEAD';

/**
 * The 405 for a method a file route does not take, or `undefined` for GET and HEAD: checked
 * before anything else (the path, the file) is looked at.
 */
export function refuseMethod(method: string, allow = allowedMethods): { status: 405; headers: { Allow: string } } | undefined {
  const upper = method.toUpperCase();
  return allow.split(', ').includes(upper) ? undefined : { status: 405, headers: { Allow: allow } };
}

/** The request facts of any request, from a function that reads a header by its lower-case name. */
export function requestFactsOf(method: string, header: (name: string) => string | string[] | null | undefined): RequestFacts {
  const one = (name: string) => {
    const value = header(name);
    return Array.isArray(value) ? value.join(', ') : (value ?? null);
  };
  return {
    method,
    range: one('range'),
    ifRange: one('if-range'),
    ifNoneMatch: one('if-none-match'),
    ifModifiedSince: one('if-modified-since'),
  };
}

/**
 * The one recipe for a file's strong validator: it changes with the size or the version (a
 * modification time in seconds, or whatever identifies a registration), as nginx's does.
 */
export function fileEtag(size: number, version: number | string): string {
  const versionTag = typeof version === 'number' ? Math.floor(version).toString(16) : version;
  return `"${versionTag}-${size.toString(16)}"`;
}

const httpDate = (date: Date) => date.toUTCString();
const wholeSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

function opaqueTag(tag: string): string {
  return tag.trim().replace(/^W\//, '');
}

/** If-None-Match uses the weak comparison: the opaque tags match, weakness aside. */
function noneMatchHits(header: string, etag: string): boolean {
  if (header.trim() === '*') return true;
  return header.split(',').some((tag) => opaqueTag(tag) === opaqueTag(etag));
}

/** If-Range uses the strong comparison only: a weak tag or any mismatch means "send it all". */
function ifRangeHolds(header: string, file: FileFacts): boolean {
  const value = header.trim();
  if (value.startsWith('W/')) return false;
  if (value.startsWith('"')) return value === file.etag;
  const date = Date.parse(value);
  return Number.isFinite(date) && Math.floor(date / 1000) === wholeSeconds(file.lastModified);
}

const suffixRange = /^bytes=\s*-(\d+)\s*$/i;

/**
 * The single byte range a Range header asks for, `'ignore'` to answer with the whole file, or
 * `'unsatisfiable'` for a 416. Policy, the same as nginx with `max_ranges 1`:
 * - a header whose unit is not `bytes` is ignored;
 * - a `bytes=` header that does not parse (`bytes=5-2`, `bytes=x-100`) or starts at or past the
 *   end (`bytes=-0`, `bytes=<size>-`) is unsatisfiable;
 * - a suffix longer than the file (`bytes=-999999`) is the whole file;
 * - several ranges are answered with the whole file (never a multipart body), so overlapping
 *   or many small ranges cannot amplify a response.
 */
function pickRange(header: string, size: number): { start: number; end: number } | 'ignore' | 'unsatisfiable' {
  // Another unit, or `bytes=` with nothing after it, is no byte range at all.
  if (!/^bytes=\s*\S/i.test(header.trim())) return 'ignore';
  const suffix = suffixRange.exec(header.trim());
  if (suffix && Number(suffix[1]) >= size && Number(suffix[1]) > 0) return { start: 0, end: size - 1 };
  const ranges = parseRange(size, header.trim().replace(/^bytes=/i, 'bytes='));
  if (ranges === -1 || ranges === -2) return 'unsatisfiable';
  if (ranges.length !== 1) return 'ignore';
  return ranges[0];
}

/** Decides the whole response to a GET or HEAD of a file, per RFC 9110. The caller sends it. */
export function planFileResponse(
  request: RequestFacts,
  file: FileFacts,
  { maxRangeBytes = Number.POSITIVE_INFINITY }: FilePlanOptions = {},
): FileResponsePlan {
  const refused = refuseMethod(request.method);
  if (refused) return { ...refused, body: null };

  const validators = { ETag: file.etag, 'Last-Modified': httpDate(file.lastModified) };
  const base = { ...validators, 'Accept-Ranges': 'bytes', 'Content-Type': file.contentType };

  if (request.ifNoneMatch != null) {
    if (noneMatchHits(request.ifNoneMatch, file.etag)) return { status: 304, headers: validators, body: null };
  } else if (request.ifModifiedSince != null) {
    const since = Date.parse(request.ifModifiedSince);
    if (Number.isFinite(since) && wholeSeconds(file.lastModified) <= Math.floor(since / 1000)) {
      return { status: 304, headers: validators, body: null };
    }
  }

  const whole: FileResponsePlan = {
    status: 200,
    headers: { ...base, 'Content-Length': String(file.size) },
    body: file.size > 0 ? { start: 0, end: file.size - 1 } : null,
  };
  // A zero-length file has no byte to range over: it is always the whole (empty) file.
  if (!request.range || file.size === 0) return whole;
  if (request.ifRange != null && !ifRangeHolds(request.ifRange, file)) return whole;

  const range = pickRange(request.range, file.size);
  if (range === 'ignore') return whole;
  if (range === 'unsatisfiable') {
    return {
      status: 416,
      headers: { 'Accept-Ranges': 'bytes', 'Content-Range': `bytes */${file.size}`, 'Content-Length': '0' },
      body: null,
    };
  }
  const end = Math.min(range.end, range.start + Math.max(1, maxRangeBytes) - 1);
  return {
    status: 206,
    headers: {
      ...base,
      'Content-Range': `bytes ${range.start}-${end}/${file.size}`,
      'Content-Length': String(end - range.start + 1),
    },
    body: { start: range.start, end },
  };
}
