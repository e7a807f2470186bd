/**
 * Turns for work that takes a core, or a burst of memory, each: at most `atOnce` run at a time,
 * the rest wait their turn in the order asked, and a wait whose signal aborts leaves the line.
 */
export interface Turns {
  /** Waits for a turn; resolves with the function that gives it back (calling it twice is harmless). */
  turn(signal: AbortSignal): Promise<() => void>;
  /** Runs `work` in a turn of its own, giving the turn back however it ends. */
  inTurn<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T>;
}

export function createTurns(atOnce: number): Turns {
  let running = 0;
  const waiting: (() => void)[] = [];
  const turn = (signal: AbortSignal) =>
    new Promise<() => void>((resolve, reject) => {
      const start = () => {
        signal.removeEventListener('abort', cancel);
        running += 1;
        let given = false;
        resolve(() => {
          if (given) return;
          given = true;
          running -= 1;
          waiting.shift()?.();
        });
      };
      function cancel() {
        const place = waiting.indexOf(start);
        if (place >= 0) waiting.splice(place, 1);
        reject(signal.reason);
      }
      if (signal.aborted) reject(signal.reason);
      else if (running < atOnce) start();
      else {
        waiting.push(start);
        signal.addEventListener('abort', cancel, { once: true });
      }
    });
  return {
    turn,
    async inTurn(signal, work) {
      const giveBack = await turn(signal);
      try {
        return await work();
      } finally {
        giveBack();
      }
    },
  };
}

/**
 * Turns for the kit's background work in workers (waveform peaks, filmstrip sheets made in the
 * browser): each keeps a core busy decoding, and an editor opening a project asks for many at
 * once, so two run at a time. One pool for every kind, so waveforms and filmstrips together do
 * not take more of the machine than either alone.
 */
const backgroundWork = createTurns(2);

export const backgroundWorkTurn = backgroundWork.turn;
export const inBackgroundTurn = backgroundWork.inTurn;
