/**
 * Counts element seeks in flight across the composite, so scrubbing can wait for the decoders
 * instead of piling seeks on them.
 */
export interface SeekTally {
  /** Marks one seek started; call the returned function once it lands or is abandoned. */
  begin(): () => void;
  readonly inFlight: number;
  /** Calls `listener` each time the count drops to zero; returns the unsubscribe. */
  onIdle(listener: () => void): () => void;
}

export function createSeekTally(): SeekTally {
  let inFlight = 0;
  const listeners = new Set<() => void>();
  return {
    begin() {
      inFlight += 1;
      let ended = false;
      return () => {
        if (ended) return;
        ended = true;
        inFlight -= 1;
        if (inFlight === 0) for (const listener of [...listeners]) listener();
      };
    },
    get inFlight() {
      return inFlight;
    },
    onIdle(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
