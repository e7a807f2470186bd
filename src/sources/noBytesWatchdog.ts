import { MediaSourceError } from './MediaSourceError';

/** How long a load waits for bytes before it calls the server gone; a `SourceOptions` setting. */
export const defaultNoBytesTimeoutMs = 10_000;

/**
 * An AbortSignal for one fetch that aborts with the caller's `signal`, or when nothing has
 * arrived for `ms` (`touch` on every chunk): a server that accepted the connection and then sent
 * nothing would otherwise leave a track Loading for ever.
 */
export function noBytesWatchdog(url: string, signal: AbortSignal, ms: number) {
  const controller = new AbortController();
  let timedOut = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = () => controller.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const touch = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, ms);
  };
  touch();
  return {
    signal: controller.signal,
    touch,
    stop() {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    },
    /** The typed error to throw instead of the abort, when it was the watchdog that fired. */
    failure(error: unknown): unknown {
      if (!timedOut) return error;
      const seconds = Math.round(ms / 100) / 10;
      return new MediaSourceError('network', url, `The media server sent nothing for ${seconds} s. It may be down or overloaded; trying again.`, undefined, { cause: error });
    },
  };
}
