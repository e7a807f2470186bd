/**
 * Counts the `<video>` elements that hold a source right now (each one a live decoder with its
 * frame buffers). Elements report themselves; the memory monitor reads the count.
 */
export interface DecoderTally {
  /** Counts one more live decoder; call the returned function when it lets go of its source. */
  acquire(): () => void;
  count(): number;
}

export function createDecoderTally(): DecoderTally {
  let live = 0;
  return {
    acquire() {
      live += 1;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        live -= 1;
      };
    },
    count: () => live,
  };
}
