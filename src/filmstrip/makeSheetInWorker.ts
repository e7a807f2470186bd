import type { FilmstripParams } from '../http';
import { askWorker, inBackgroundTurn, MediaSourceError, type ResolvedSource } from '../sources';
import type { SheetReply, SheetRequest } from './sheetProtocol';

/**
 * One filmstrip sheet made in a worker of its own (`filmstripWorker.ts`), in a turn of the kit's
 * background work; the worker ends with the answer, or at once when `signal` aborts. Rejects with
 * a `MediaSourceError` (no picture, a codec this browser cannot decode, the file unreadable).
 */
export function makeSheetInWorker(source: ResolvedSource, params: FilmstripParams, signal: AbortSignal): Promise<ImageBitmap> {
  return inBackgroundTurn(signal, () => sheetFromWorker(source, params, signal));
}

const sheetFromWorker = (source: ResolvedSource, params: FilmstripParams, signal: AbortSignal) =>
  askWorker(() => new Worker(new URL('./filmstripWorker.ts', import.meta.url), { type: 'module', name: 'multitrack-kit filmstrip' }), { url: source.url, crossOrigin: source.crossOrigin, ...params } satisfies SheetRequest, {
    signal,
    url: source.url,
    what: 'The filmstrip',
    read: (reply: SheetReply) => {
      if (reply.type === 'failed') throw new MediaSourceError(reply.code, source.url, reply.message, reply.status);
      return reply.bitmap;
    },
  });
