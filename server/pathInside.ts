import { realpathSync } from 'node:fs';
import path from 'node:path';

/** Whether `inner` is `outer` or inside it, compared by the real paths of their nearest existing ancestors. */
export function isInside(inner: string, outer: string): boolean {
  const innerReal = realPathSoFar(inner);
  const outerReal = realPathSoFar(outer);
  return innerReal === outerReal || innerReal.startsWith(outerReal + path.sep);
}

/**
 * The real path of `dir`, or of its nearest existing ancestor with the rest appended: a cache
 * directory not made yet, under a symlink into the root, is still seen to be inside it.
 */
function realPathSoFar(dir: string): string {
  const absolute = path.resolve(dir);
  const rest: string[] = [];
  let existing = absolute;
  for (;;) {
    try {
      return path.join(realpathSync(existing), ...rest);
    } catch {
      const parent = path.dirname(existing);
      if (parent === existing) return absolute;
      rest.unshift(path.basename(existing));
      existing = parent;
    }
  }
}
