import type { MediaReference } from '../state';
import type { ResolvedSource } from './ResolvedSource';

const scheme = 'media-file:';
const files = new Map<string, Blob>();
let counter = 0;

/**
 * Registers a File (or Blob) the user picked and returns the reference a track stores; the
 * store only ever holds the string. The source is an object URL of the File itself: a File from
 * a file picker or drop is backed by the disk, so nothing is read into memory or copied.
 */
export function registerMediaFile(file: Blob, name = file instanceof File ? file.name : 'media'): MediaReference {
  counter += 1;
  const url = `${scheme}${counter}/${encodeURIComponent(name)}`;
  files.set(url, file);
  return { url, mimeType: file.type || undefined };
}

/** Forgets a registered file; tracks that still name it fail with not-found. */
export function unregisterMediaFile(reference: MediaReference): void {
  files.delete(reference.url);
}

export const isMediaFileReference = (reference: MediaReference) => reference.url.startsWith(scheme);

export function resolveFileSource(reference: MediaReference): ResolvedSource | undefined {
  const file = files.get(reference.url);
  if (!file) return undefined;
  const url = URL.createObjectURL(file);
  return {
    kind: 'file',
    url,
    crossOrigin: undefined,
    // A disk-backed File costs no memory; a Blob made in memory does.
    bytesHeld: file instanceof File ? 0 : file.size,
    release: () => URL.revokeObjectURL(url),
  };
}
