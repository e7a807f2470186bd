import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { MediaPathError, mediaPathSegments } from '../src/http';

/**
 * Maps the path of a request URL to a regular file under `root`, or throws `MediaPathError`.
 * On top of the name rules of `mediaPathSegments`: the real path, symlinks resolved, must be
 * inside the root, compared with a trailing separator so `/media-evil` is not "inside"
 * `/media`; and only regular files are served, never a directory listing.
 */
export async function resolveMediaPath(root: string, rawUrlPath: string): Promise<string> {
  const segments = mediaPathSegments(rawUrlPath);
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
