import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';

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
 * Maps the path of a request URL to a regular file under `root`, or throws `MediaPathError`.
 * Every rule here answers a known traversal bug of a static server:
 * - the path is percent-decoded exactly once, and the decision is made on the decoded string
 *   that is then opened (malformed encoding, NUL: 400);
 * - backslashes, `.` and `..` segments, drive letters and empty segments are refused (400), so
 *   `%2e%2e`, `%2f` and `..\\` tricks have nothing to work with;
 * - a segment that starts with a dot is not served (404);
 * - the real path, symlinks resolved, must be the root or inside it, compared with a trailing
 *   separator so `/media-evil` is not "inside" `/media`;
 * - only regular files are served: no directory listings (404).
 */
export async function resolveMediaPath(root: string, rawUrlPath: string): Promise<string> {
  const rawPath = rawUrlPath.split(/[?#]/, 1)[0];
  let decoded: string;
  try {
    decoded = decodeURIComponent(rawPath);
  } catch {
    throw new MediaPathError(400, 'The path is not valid percent-encoding.');
  }
  if (decoded.includes('\0') || decoded.includes('\\')) throw new MediaPathError(400, 'The path has a forbidden character.');
  if (!decoded.startsWith('/')) throw new MediaPathError(400, 'The path must be absolute.');

  const segments = decoded.slice(1).split('/');
  if (segments.some((segment) => segment === '' || segment === '.' || segment === '..' || /^[a-z]:$/i.test(segment))) {
    throw new MediaPathError(400, 'The path has a forbidden segment.');
  }
  if (segments.some((segment) => segment.startsWith('.'))) throw new MediaPathError(404, 'Not found.');

  const realRoot = await realpath(root);
  let realFile: string;
  try {
    realFile = await realpath(path.join(realRoot, ...segments));
  } catch {
    throw new MediaPathError(404, 'Not found.');
  }
  if (!realFile.startsWith(realRoot + path.sep)) throw new MediaPathError(404, 'Not found.');
  const info = await stat(realFile);
  if (!info.isFile()) throw new MediaPathError(404, 'Not found.');
  return realFile;
}
