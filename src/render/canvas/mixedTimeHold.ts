/**
 * Never a mix of times without saying so: while a layer decodes toward the playhead (a picture of
 * another time on screen, its track not saying Buffering) the composite keeps its last picture,
 * for up to `holdMs`; by then a playing layer has said Buffering and the clock waits for it. The
 * frames that arrive call for a draw again; `redraw` looks again when the hold runs out, in case
 * none does.
 *
 * The hold runs out when its timer fires, not when a draw finds `holdMs` gone by: a page thread
 * kept busy past the hold then runs its timers in the order they fall due, so the starved layer's
 * grace (250 ms, set in the same draw) says Buffering before the hold lets the mix be painted. A
 * draw comparing clocks could paint it first, and did in WebKitGTK under load (a mixed look with
 * no track saying Buffering).
 */
export interface MixedTimeHold {
  /** Whether this draw keeps the last picture: `mixed` now, and `canHold` (a picture worth keeping is on the canvas). */
  holds(mixed: boolean, canHold: boolean): boolean;
  /** Forgets the spell and its timer (the surface went). */
  cancel(): void;
}

export function createMixedTimeHold(holdMs: number, redraw: () => void): MixedTimeHold {
  /** The layers' current showing of different times, and whether its hold has run out. */
  let spell: { ranOut: boolean; timer: ReturnType<typeof setTimeout> } | undefined;
  const cancel = () => {
    if (spell) clearTimeout(spell.timer);
    spell = undefined;
  };
  return {
    holds(mixed, canHold) {
      if (!mixed) {
        cancel();
        return false;
      }
      if (!spell) {
        const started: { ranOut: boolean; timer: ReturnType<typeof setTimeout> } = {
          ranOut: false,
          timer: setTimeout(() => {
            started.ranOut = true;
            redraw();
          }, holdMs),
        };
        spell = started;
      }
      return !spell.ranOut && canHold;
    },
    cancel,
  };
}
