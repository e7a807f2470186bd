/**
 * A buffering track whose download has stopped (the server hung, the connection died without a
 * reset) raises no error: it waits for ever, and the whole composite with it. The network stall
 * watch calls it gone when it has buffered for `noBytesMs` while fetching with no byte arriving,
 * so the track fails as a network fault and reconnects. Starved by a slow decoder, with its bytes
 * all there (nothing is being fetched), it is left buffering. Both renderers use it: the element
 * renderer with its element's network state and `progress`, the canvas renderer with its
 * reader's requests (`ReadWatch`).
 */
export interface NetworkStallOptions {
  noBytesMs: number;
  /** Whether the track's media is being fetched now (an element's `networkState` is `NETWORK_LOADING`). */
  fetching(): boolean;
  onGone(): void;
  setTimer(callback: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

export interface NetworkStallWatch {
  /** The track is buffering, or not any more. */
  buffering(isBuffering: boolean): void;
  /** Bytes arrived (an element's `progress` event). */
  bytesArrived(): void;
  stop(): void;
}

export function createNetworkStallWatch(options: NetworkStallOptions): NetworkStallWatch {
  let timer: unknown;
  let watching = false;
  const clear = () => {
    if (timer !== undefined) options.clearTimer(timer);
    timer = undefined;
  };
  const arm = () => {
    clear();
    timer = options.setTimer(() => {
      timer = undefined;
      if (!watching) return;
      if (options.fetching()) options.onGone();
      else arm();
    }, options.noBytesMs);
  };
  return {
    buffering(isBuffering) {
      if (isBuffering === watching) return;
      watching = isBuffering;
      if (watching) arm();
      else clear();
    },
    bytesArrived() {
      if (watching) arm();
    },
    stop() {
      watching = false;
      clear();
    },
  };
}
