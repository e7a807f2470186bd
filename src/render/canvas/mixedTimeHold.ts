/**
 * Never a mix of times without saying so: while a layer decodes toward the playhead (a picture of
 * another time on screen, its track not saying Buffering) the composite keeps its last picture,
 * for up to `holdMs`; by then a playing layer has said Buffering and the clock waits for it. The
 * frames that arrive call for a draw again; `wake` looks again when the hold runs out, in case
 * none does.
 */
export interface MixedTimeHold {
  /** Whether this draw keeps the last picture: `mixed` now, and `canHold` (a picture worth keeping is on the canvas). */
  holds(mixed: boolean, now: number, canHold: boolean): boolean;
}

export function createMixedTimeHold(holdMs: number, wake: (afterMs: number) => void): MixedTimeHold {
  /** When the layers began to show frames of different times. */
  let mixedSince: number | undefined;
  return {
    holds(mixed, now, canHold) {
      if (mixed) mixedSince ??= now;
      else mixedSince = undefined;
      const hold = mixedSince !== undefined && now - mixedSince < holdMs && canHold;
      if (hold) wake(holdMs);
      return hold;
    },
  };
}
