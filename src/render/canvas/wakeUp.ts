/**
 * A draw asked for after a while, once: when nothing else would call for one (a hold that runs
 * out, a layer due to rest, a decoder that stays silent). Asked again while waiting, it keeps the
 * first time; `cancel` forgets it (the surface went).
 */
export interface WakeUp {
  after(ms: number): void;
  cancel(): void;
}

export function createWakeUp(wake: () => void): WakeUp {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    after(ms) {
      timer ??= setTimeout(() => {
        timer = undefined;
        wake();
      }, ms);
    },
    cancel() {
      clearTimeout(timer);
      timer = undefined;
    },
  };
}
