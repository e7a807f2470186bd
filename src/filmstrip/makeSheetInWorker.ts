import type { FilmstripParams } from '../http';
import { inBackgroundTurn, MediaSourceError, type ResolvedSource } from '../sources';
import type { SheetReply, SheetRequest, SheetTile } from './sheetProtocol';

export interface MadeSheet {
  bitmap: ImageBitmap;
  tile: SheetTile;
}

/**
 * One filmstrip sheet made in a worker of its own (`filmstripWorker.ts`), in a turn of the kit's
 * background work; the worker ends with the answer, or at once when `signal` aborts. Rejects with
 * a `MediaSourceError` (no picture, a codec this browser cannot decode, the file unreadable).
 */
export function makeSheetInWorker(source: ResolvedSource, params: FilmstripParams, signal: AbortSignal): Promise<MadeSheet> {
  return inBackgroundTurn(signal, () => sheetFromWorker(source, params, signal));
}

const sheetFromWorker = (source: ResolvedSource, params: FilmstripParams, signal: AbortSignal) =>
  new Promise<MadeSheet>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = new Worker(new URL('./filmstripWorker.ts', import.meta.url), { type: 'module', name: 'multitrack-kit filmstrip' });
    const end = () => {
      worker.terminate();
      signal.removeEventListener('abort', abort);
    };
    function abort() {
      end();
      reject(signal.reason);
    }
    signal.addEventListener('abort', abort, { once: true });
    worker.onmessage = ({ data }: MessageEvent<SheetReply>) => {
      end();
      if (data.type === 'done') resolve({ bitmap: data.bitmap, tile: data.tile });
      else reject(new MediaSourceError(data.code, source.url, data.message, data.status));
    };
    worker.onerror = (event) => {
      end();
      // A page whose policy forbids the worker, or a bundler that left it out.
      reject(new MediaSourceError('unsupported', source.url, `The filmstrip could not be made here: its worker did not run (${event.message || 'no reason given'}).`));
    };
    worker.postMessage({ url: source.url, crossOrigin: source.crossOrigin, ...params } satisfies SheetRequest);
  });
