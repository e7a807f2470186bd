import type { SeekTally } from './seekTally';

export interface ScrubThrottle {
  /** Asks for the playhead at `ms`: applied now when no seek is in flight, else when they land. */
  request(ms: number): void;
  /** Applies the last requested position now, whatever is in flight (the end of a drag). */
  flush(): void;
  stop(): void;
}

/**
 * Keeps a drag from flooding the decoders: one seek at a time, and of the positions asked for
 * meanwhile only the latest is applied. The last position is never dropped.
 */
export function createScrubThrottle(seeks: SeekTally, apply: (ms: number) => void, maxWaitMs = 250): ScrubThrottle {
  let pending: number | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const applyPending = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending === undefined) return;
    const ms = pending;
    pending = undefined;
    apply(ms);
  };
  const unsubscribe = seeks.onIdle(applyPending);
  return {
    request(ms) {
      pending = ms;
      if (seeks.inFlight === 0) applyPending();
      // A seek that never lands (an element torn down mid-seek) must not freeze the scrub.
      else timer ??= setTimeout(applyPending, maxWaitMs);
    },
    flush: applyPending,
    stop() {
      unsubscribe();
      if (timer !== undefined) clearTimeout(timer);
      pending = undefined;
    },
  };
}
