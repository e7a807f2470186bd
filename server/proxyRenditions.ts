import { realpathSync } from 'node:fs';
import path from 'node:path';
import { asProxyStatus, type ProxyStatus } from '../src/http';
import { DerivedError, DerivedQueueFullError } from './derivedErrors';
import { createDerivedMedia, type DerivedMedia, type DerivedMediaOptions } from './derivedMedia';

export type { ProxyErrorCode, ProxyStatus } from '../src/http';

/** The derived-media pipeline's settings; the name proxies had when they were its only kind. */
export type ProxyOptions = DerivedMediaOptions;

/** Why a proxy could not be made: the derived-media pipeline's error. */
export const ProxyError = DerivedError;
export type ProxyError = DerivedError;
/** Too many items are waiting: the derived-media pipeline's queue is full. */
export const ProxyQueueFullError = DerivedQueueFullError;
export type ProxyQueueFullError = DerivedQueueFullError;

/** A finished proxy being served: kept from eviction until released. */
export interface ServedProxy {
  file: string;
  release(): void;
}

/** Preview proxies: the `proxy` kind of the derived-media pipeline, as the `/.proxy` routes answer it. */
export interface ProxyRenditions {
  /** Where the proxy of `originalFile` stands, without starting anything. */
  status(originalFile: string): Promise<ProxyStatus>;
  /** Starts making the proxy unless it exists, is being made or failed lately; answers where it stands. */
  request(originalFile: string): Promise<ProxyStatus>;
  /** The finished proxy's file, pinned while served, or `undefined`: a proxy being made is never handed out. */
  serve(originalFile: string): Promise<ServedProxy | undefined>;
  /** Stops every ffmpeg run and removes what it had written. */
  close(): void;
}

/** The `proxy` kind of a derived-media pipeline, with the proxy routes' statuses. */
export function proxiesOf(derived: DerivedMedia, maxHeight = 720): ProxyRenditions {
  const kind = { kind: 'proxy' } as const;
  return {
    status: async (originalFile) => asProxyStatus(await derived.status(originalFile, kind), maxHeight),
    request: async (originalFile) => asProxyStatus(await derived.request(originalFile, kind), maxHeight),
    serve: (originalFile) => derived.serve(originalFile, kind),
    close: () => derived.close(),
  };
}

/** Preview proxies made on demand with ffmpeg (`createDerivedMedia`'s `proxy` kind), alone. */
export function createProxyRenditions(options: ProxyOptions): ProxyRenditions {
  return proxiesOf(createDerivedMedia(options), options.maxHeight);
}

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
