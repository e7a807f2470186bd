import { bypass } from 'msw';
import { contentTypeFor, fileEtag, type FileFacts } from '../http';
import type { MockMediaFile } from './createMediaHandlers';

let registrations = 0;

export const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function hashText(text: string): string {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193) >>> 0;
  }
  return hash.toString(16);
}

export interface ServedFile {
  facts(): Promise<FileFacts>;
  /** The bytes from `start` to `end` inclusive, streamed, never the whole file in memory. */
  read(start: number, end: number): Promise<ReadableStream<Uint8Array> | null>;
}

export function servedFile(name: string, file: MockMediaFile): ServedFile {
  registrations += 1;
  const registeredAt = new Date(Math.floor(Date.now() / 1000) * 1000);
  const contentType = contentTypeFor(name);

  if ('bytes' in file) {
    const blob = file.bytes instanceof Blob ? file.bytes : new Blob([file.bytes]);
    const facts: FileFacts = {
      size: blob.size,
      etag: fileEtag(blob.size, registrations),
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
        const whole = Number(response.headers.get('content-length'));
        const size = file.firstBytes === undefined ? whole : Math.min(whole, file.firstBytes);
        const modified = Date.parse(response.headers.get('last-modified') ?? '');
        const validator = response.headers.get('etag') ?? response.headers.get('last-modified') ?? '';
        return {
          size,
          etag: fileEtag(size, hashText(validator)),
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

