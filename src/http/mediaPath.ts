/** Why a request path was refused. Messages never name a filesystem path. */
export class MediaPathError extends Error {
  override readonly name = 'MediaPathError';
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Turns the path of a request URL into the segments of a media file name, or throws
 * `MediaPathError`. The real server and the mock both decide with it, so a path the one refuses
 * the other refuses with the same status (and as nginx does):
 * - the path is percent-decoded exactly once, and every check runs on the decoded string that
 *   is then used (malformed encoding or a NUL: 400);
 * - `.` and `..` segments are refused (400), whether written plainly or as `%2e`/`%2f`;
 * - backslashes, drive letters (`C:`), empty segments and segments that start with a dot are
 *   not found (404): nothing with such a name is ever served.
 */
export function mediaPathSegments(rawUrlPath: string): string[] {
  const rawPath = rawUrlPath.split(/[?#]/, 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    throw new MediaPathError(400, 'The path is not valid percent-encoding.');
  }
  if (decoded.includes('\0')) throw new MediaPathError(400, 'The path has a NUL character.');
  if (!decoded.startsWith('/')) throw new MediaPathError(400, 'The path must start with a slash.');

  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '.' || segment === '..')) {
    throw new MediaPathError(400, 'The path has a dot segment.');
  }
  const unservable = (segment: string) =>
    segment === '' || segment.startsWith('.') || segment.includes('\\') || /^[a-z]:/i.test(segment);
  if (segments.some(unservable)) throw new MediaPathError(404, 'Not found.');
  return segments;
}
