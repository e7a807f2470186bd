import { noRangeSupportError } from './rangeSource';
import type { MediaSourceError } from './MediaSourceError';

/**
 * What a mediabunny reader's requests are doing, seen through the `fetch` it is given: whether a
 * request is open, when bytes arrive, and a server that answers a Range request with the whole
 * file. A `<video>` tells the element renderer the same through its events (`networkState`,
 * `progress`); a reader says nothing, so the canvas renderer watches its fetches.
 */
export interface ReadWatch {
  /** The `fetch` the reader is to use (mediabunny's `UrlSource` `fetchFn`). */
  readonly fetchFn: typeof fetch;
  /** Whether a request is open: sent, and its body neither read to the end nor given up. */
  fetching(): boolean;
  /** Told each time bytes arrive; returns the unsubscribe. */
  onBytes(listener: () => void): () => void;
  /**
   * Told once when a request for a range was answered with the whole file (200): the server
   * stopped honouring Range, and every seek now reads from byte 0. A listener that comes after
   * (another layer of the same file) is told at once. Returns the unsubscribe.
   */
  onRangeLost(listener: (error: MediaSourceError) => void): () => void;
}

export function createReadWatch(url: string): ReadWatch {
  let open = 0;
  const bytesListeners = new Set<() => void>();
  const rangeListeners = new Set<(error: MediaSourceError) => void>();
  let rangeLost: MediaSourceError | undefined;

  /** The body read through a counter: a chunk is bytes arriving; its end, error or cancel closes the request. */
  const watchedBody = (body: ReadableStream<Uint8Array>, closed: () => void) => {
    const reader = body.getReader();
    return new ReadableStream<Uint8Array>({
      async pull(controller) {
        try {
          const { done, value } = await reader.read();
          if (done) {
            closed();
            controller.close();
            return;
          }
          for (const listener of bytesListeners) listener();
          controller.enqueue(value);
        } catch (error) {
          closed();
          controller.error(error);
        }
      },
      cancel(reason) {
        closed();
        return reader.cancel(reason);
      },
    });
  };

  const fetchFn: typeof fetch = async (input, init) => {
    open += 1;
    let counted = true;
    const closed = () => {
      if (!counted) return;
      counted = false;
      open -= 1;
    };
    try {
      const response = await fetch(input, init);
      if (new Headers(init?.headers).has('range') && response.status === 200 && !rangeLost) {
        rangeLost = noRangeSupportError(url, response.headers.get('accept-ranges')?.toLowerCase().includes('bytes') ?? false);
        for (const listener of rangeListeners) listener(rangeLost);
      }
      if (!response.body) {
        closed();
        return response;
      }
      // The response itself is kept (its type, URL and redirect flag are what the reader reads);
      // only its body is read through the counter.
      Object.defineProperty(response, 'body', { value: watchedBody(response.body, closed) });
      return response;
    } catch (error) {
      closed();
      throw error;
    }
  };

  const listen = <T>(listeners: Set<T>, listener: T) => {
    listeners.add(listener);
    return () => {
      listeners.delete(listener);
    };
  };

  return {
    fetchFn,
    fetching: () => open > 0,
    onBytes: (listener) => listen(bytesListeners, listener),
    onRangeLost(listener) {
      if (rangeLost) listener(rangeLost);
      return listen(rangeListeners, listener);
    },
  };
}
