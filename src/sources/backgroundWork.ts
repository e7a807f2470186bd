/**
 * Turns for the kit's background work in workers (waveform peaks, filmstrip sheets made in the
 * browser): each keeps a core busy decoding, and an editor opening a project asks for many at
 * once, so two run at a time and the rest wait their turn, in the order asked. One pool for every
 * kind, so waveforms and filmstrips together do not take more of the machine than either alone.
 */
const turnsAtOnce = 2;
let running = 0;
const waiting: (() => void)[] = [];

/** Waits for a turn; resolves with the function that gives it back (calling it twice is harmless). */
export function backgroundWorkTurn(signal: AbortSignal): Promise<() => void> {
  return new Promise((resolve, reject) => {
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
    else if (running < turnsAtOnce) start();
    else {
      waiting.push(start);
      signal.addEventListener('abort', cancel, { once: true });
    }
  });
}

/** Runs `work` in a turn of its own, giving the turn back however it ends. */
export async function inBackgroundTurn<T>(signal: AbortSignal, work: () => Promise<T>): Promise<T> {
  const giveBack = await backgroundWorkTurn(signal);
  try {
    return await work();
  } finally {
    giveBack();
  }
}
