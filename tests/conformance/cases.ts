/**
 * One list of requests and the answers every media server of the kit must give: the MSW
 * handlers, the Node media server, and nginx configured as a production media server
 * (`max_ranges 1`, dotfiles denied). Where nginx answers differently by design, the case says
 * so in `nginx`, and why.
 */
export interface ConformanceCase {
  name: string;
  method?: string;
  /** The request path, sent as written. */
  path: string;
  headers?: (file: FileValidators) => Record<string, string>;
  expect: Expected;
  /** nginx's answer where it differs by design, or `'skip'` where it cannot be compared. */
  nginx?: Expected | 'skip';
  /**
   * A path no URL parser leaves as it is (`..`): a browser, and so MSW, can never send it.
   * Sent raw to the real servers only.
   */
  raw?: boolean;
  /** A case about files on disk (symlinks): only for servers that have a filesystem. */
  filesystemOnly?: boolean;
}

export interface Expected {
  status: number;
  /** The bytes of the fixture the body must be, inclusive; `'none'` for no body. */
  body?: [number, number] | 'whole' | 'none';
  contentRange?: string;
  /** The media type of a 200 or 206; `video/mp4` unless given. */
  contentType?: string;
}

export interface FileValidators {
  etag: string;
  lastModified: string;
}

/** Size of tests/conformance fixture `clip.mp4` is read at run time; ranges are built from it. */
export function conformanceCases(size: number): ConformanceCase[] {
  const last = size - 1;
  const range = (value: string) => () => ({ Range: value });
  const partial = (start: number, end: number): Expected => ({
    status: 206,
    body: [start, end],
    contentRange: `bytes ${start}-${end}/${size}`,
  });
  const whole: Expected = { status: 200, body: 'whole' };
  // No media bytes; nginx adds an HTML error page, so the body is not compared.
  const unsatisfiable: Expected = { status: 416, contentRange: `bytes */${size}` };

  return [
    { name: 'GET without Range: the whole file', path: '/clip.mp4', expect: whole },
    { name: 'bytes=a-b', path: '/clip.mp4', headers: range('bytes=0-99'), expect: partial(0, 99) },
    { name: 'bytes=a- to the end', path: '/clip.mp4', headers: range('bytes=100-'), expect: partial(100, last) },
    { name: 'suffix bytes=-n', path: '/clip.mp4', headers: range('bytes=-100'), expect: partial(size - 100, last) },
    { name: 'suffix longer than the file: all of it', path: '/clip.mp4', headers: range('bytes=-999999'), expect: partial(0, last) },
    { name: 'end past the file: clamped', path: '/clip.mp4', headers: range('bytes=0-999999'), expect: partial(0, last) },
    { name: 'a single byte', path: '/clip.mp4', headers: range('bytes=0-0'), expect: partial(0, 0) },
    { name: 'the last byte', path: '/clip.mp4', headers: range(`bytes=${last}-`), expect: partial(last, last) },
    { name: 'start at the length: 416', path: '/clip.mp4', headers: range(`bytes=${size}-`), expect: unsatisfiable },
    { name: 'start far past the end: 416', path: '/clip.mp4', headers: range('bytes=999999-'), expect: unsatisfiable },
    { name: 'bytes=-0: 416', path: '/clip.mp4', headers: range('bytes=-0'), expect: unsatisfiable },
    { name: 'start after end: 416', path: '/clip.mp4', headers: range('bytes=5-2'), expect: unsatisfiable },
    { name: 'letters for a number: 416', path: '/clip.mp4', headers: range('bytes=x-100'), expect: unsatisfiable },
    { name: 'digits then letters (no parseInt leniency): 416', path: '/clip.mp4', headers: range('bytes=1a-5'), expect: unsatisfiable },
    { name: 'a signed number: 416', path: '/clip.mp4', headers: range('bytes=+1-5'), expect: unsatisfiable },
    { name: 'a lone dash: 416', path: '/clip.mp4', headers: range('bytes=-'), expect: unsatisfiable },
    { name: 'a start of 2^64: 416', path: '/clip.mp4', headers: range('bytes=18446744073709551616-'), expect: unsatisfiable },
    { name: 'the unit is case-insensitive', path: '/clip.mp4', headers: range('BYTES=0-9'), expect: partial(0, 9) },
    { name: 'white space after the unit', path: '/clip.mp4', headers: range('bytes= 0-5'), expect: partial(0, 5) },
    { name: 'no unit: ignored', path: '/clip.mp4', headers: range('abc'), expect: whole },
    { name: 'another unit: ignored', path: '/clip.mp4', headers: range('items=0-5'), expect: whole },
    { name: 'an empty range set: ignored', path: '/clip.mp4', headers: range('bytes='), expect: whole },
    { name: 'two ranges: the whole file, never multipart', path: '/clip.mp4', headers: range('bytes=0-1,5-6'), expect: whole },
    { name: 'two ranges with a space: the whole file', path: '/clip.mp4', headers: range('bytes=0-9, 20-29'), expect: whole },
    { name: 'overlapping ranges: the whole file, no amplification', path: '/clip.mp4', headers: range('bytes=0-10,5-20,0-10'), expect: whole },

    { name: 'HEAD: the headers of GET, no body', method: 'HEAD', path: '/clip.mp4', expect: { status: 200, body: 'none' } },
    { name: 'HEAD with Range: 206 headers, no body', method: 'HEAD', path: '/clip.mp4', headers: range('bytes=0-9'), expect: { status: 206, body: 'none', contentRange: `bytes 0-9/${size}` } },
    { name: 'HEAD with an unsatisfiable Range: 416', method: 'HEAD', path: '/clip.mp4', headers: range('bytes=999999-'), expect: unsatisfiable },

    { name: 'an empty file: 200 and no bytes', path: '/empty.mp4', expect: { status: 200, body: 'none' } },
    { name: 'an empty file with Range: 200, not 416', path: '/empty.mp4', headers: range('bytes=0-9'), expect: { status: 200, body: 'none' } },
    { name: 'an empty file with a suffix Range: 200', path: '/empty.mp4', headers: range('bytes=-5'), expect: { status: 200, body: 'none' } },

    { name: 'If-Range with the current ETag: 206', path: '/clip.mp4', headers: (file) => ({ Range: 'bytes=0-9', 'If-Range': file.etag }), expect: partial(0, 9) },
    { name: 'If-Range with a stale ETag: the whole file', path: '/clip.mp4', headers: () => ({ Range: 'bytes=0-9', 'If-Range': '"stale"' }), expect: whole },
    { name: 'If-Range with a weak ETag: the whole file', path: '/clip.mp4', headers: (file) => ({ Range: 'bytes=0-9', 'If-Range': `W/${file.etag}` }), expect: whole },
    { name: 'If-Range with the Last-Modified date: 206', path: '/clip.mp4', headers: (file) => ({ Range: 'bytes=0-9', 'If-Range': file.lastModified }), expect: partial(0, 9) },
    { name: 'If-Range with an older date: the whole file', path: '/clip.mp4', headers: () => ({ Range: 'bytes=0-9', 'If-Range': 'Mon, 01 Jan 2001 00:00:00 GMT' }), expect: whole },
    { name: 'If-None-Match with the ETag: 304', path: '/clip.mp4', headers: (file) => ({ 'If-None-Match': file.etag }), expect: { status: 304, body: 'none' } },
    { name: 'If-None-Match with another ETag: 200', path: '/clip.mp4', headers: () => ({ 'If-None-Match': '"other"' }), expect: whole },
    { name: 'If-None-Match *: 304', path: '/clip.mp4', headers: () => ({ 'If-None-Match': '*' }), expect: { status: 304, body: 'none' } },
    { name: 'If-Modified-Since the Last-Modified date: 304', path: '/clip.mp4', headers: (file) => ({ 'If-Modified-Since': file.lastModified }), expect: { status: 304, body: 'none' } },
    { name: 'If-Modified-Since an older date: 200', path: '/clip.mp4', headers: () => ({ 'If-Modified-Since': 'Mon, 01 Jan 2001 00:00:00 GMT' }), expect: whole },
    { name: 'Range with a matching If-None-Match: 304', path: '/clip.mp4', headers: (file) => ({ Range: 'bytes=0-9', 'If-None-Match': file.etag }), expect: { status: 304, body: 'none' } },

    { name: 'a missing file: 404', path: '/nope.mp4', expect: { status: 404 } },
    { name: 'a missing directory: 404', path: '/nope/', expect: { status: 404 } },
    { name: 'a query string is not part of the name', path: '/clip.mp4?v=1', expect: whole },
    { name: 'a file in a subdirectory', path: '/sub/a.mp4', expect: { status: 200, body: 'whole' } },
    { name: 'a directory with a slash: 404, no listing', path: '/sub/', expect: { status: 404 }, nginx: { status: 403 } },
    { name: 'a directory without a slash: 404, no redirect', path: '/sub', expect: { status: 404 }, nginx: { status: 301 } },
    { name: 'a dotfile: 404', path: '/.secret', expect: { status: 404 } },
    { name: 'an encoded dotfile: 404', path: '/%2esecret', expect: { status: 404 } },
    { name: 'encoded slashes and dot segments: 400', path: '/sub%2f..%2f..%2fetc%2fpasswd', expect: { status: 400 } },
    { name: 'malformed percent-encoding: 400', path: '/%zz', expect: { status: 400 } },
    { name: 'an encoded NUL: 400', path: '/clip%00.mp4', expect: { status: 400 } },
    { name: 'encoded backslashes: 404', path: '/..%5c..%5cetc%5cpasswd', expect: { status: 404 } },
    { name: 'a doubled slash to an absolute path: 404', path: '//etc/passwd', expect: { status: 404 } },
    { name: 'a drive letter: 404', path: '/C:/x.mp4', expect: { status: 404 } },
    { name: 'plain dot-dot above the root: 400', path: '/../etc/passwd', raw: true, expect: { status: 400 } },
    { name: 'encoded dot-dot above the root: 400', path: '/%2e%2e/%2e%2e/etc/passwd', raw: true, expect: { status: 400 } },
    {
      name: 'dot-dot that stays inside the root: refused all the same',
      path: '/sub/../clip.mp4',
      raw: true,
      expect: { status: 400 },
      // nginx resolves the segments first and serves the file: it never leaves the root.
      nginx: { status: 200, body: 'whole' },
    },
    {
      name: 'a symlink that leaves the root: 404',
      path: '/escape.mp4',
      filesystemOnly: true,
      expect: { status: 404 },
      // nginx follows symlinks unless `disable_symlinks` is set.
      nginx: 'skip',
    },

    { name: 'POST: 405', method: 'POST', path: '/clip.mp4', expect: { status: 405 } },
    { name: 'PUT: 405', method: 'PUT', path: '/clip.mp4', expect: { status: 405 } },
    { name: 'DELETE: 405', method: 'DELETE', path: '/clip.mp4', expect: { status: 405 } },
    { name: 'PATCH: 405', method: 'PATCH', path: '/clip.mp4', expect: { status: 405 } },
    { name: 'OPTIONS without CORS: 405', method: 'OPTIONS', path: '/clip.mp4', expect: { status: 405 } },
  ];
}

/** Sound files in the media root: what each is, and the type every server of the kit names it. */
export const soundFiles = [
  { path: '/sound.m4a', fixture: 'beeps-aac.m4a', contentType: 'audio/mp4', nginx: 'audio/x-m4a' },
  { path: '/sound.mp3', fixture: 'beeps.mp3', contentType: 'audio/mpeg' },
  { path: '/sound.webm', fixture: 'beeps-opus.webm', contentType: 'video/webm' },
  // nginx's stock types know no wav: its default type.
  { path: '/sound.wav', fixture: 'beeps-mono.wav', contentType: 'audio/wav', nginx: 'text/plain' },
] as const;

/**
 * Sound is served as pictures are: each sound file whole, by the ranges a player and a decoder
 * ask for (the first bytes, from a place to the end, the last bytes where an index lives), and
 * refused past its end. `sizes` by path.
 */
export function soundCases(sizes: Record<string, number>): ConformanceCase[] {
  return soundFiles.flatMap(({ path, contentType, ...file }) => {
    const size = sizes[path];
    const name = path.slice(1);
    const typed = (expected: Expected): Expected => ({ ...expected, contentType });
    const partial = (start: number, end: number) => typed({ status: 206, body: [start, end], contentRange: `bytes ${start}-${end}/${size}` });
    const cases: ConformanceCase[] = [
      { name: `${name}: the whole file`, path, expect: typed({ status: 200, body: 'whole' }) },
      { name: `${name}: its first bytes`, path, headers: () => ({ Range: 'bytes=0-1' }), expect: partial(0, 1) },
      { name: `${name}: from the middle to the end`, path, headers: () => ({ Range: `bytes=${Math.floor(size / 2)}-` }), expect: partial(Math.floor(size / 2), size - 1) },
      { name: `${name}: its last 4 KiB`, path, headers: () => ({ Range: 'bytes=-4096' }), expect: partial(size - 4096, size - 1) },
      { name: `${name}: past its end: 416`, path, headers: () => ({ Range: `bytes=${size}-` }), expect: { status: 416, contentRange: `bytes */${size}` } },
      { name: `${name}: HEAD`, method: 'HEAD', path, expect: typed({ status: 200, body: 'none' }) },
    ];
    const nginxType = 'nginx' in file ? file.nginx : undefined;
    if (!nginxType) return cases;
    return cases.map((testCase) => (testCase.expect.status === 416 ? testCase : { ...testCase, nginx: { ...testCase.expect, contentType: nginxType } }));
  });
}
