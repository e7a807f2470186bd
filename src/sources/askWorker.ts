import { MediaSourceError } from './MediaSourceError';

/** What `read` answers for a reply that is not the last (a progress report): the worker runs on. */
export const workerStillWorking = Symbol('still working');

/**
 * Asks one request of a worker of its own and ends the worker with the answer, or at once when
 * `signal` aborts: the kit's background work (peaks, filmstrip sheets) never leaves a worker
 * running. `start` makes the worker (`new Worker(new URL('./x.ts', import.meta.url))` written
 * where it is called, so bundlers find the file); `read` turns each reply into the result, throws
 * the typed error of a failure, or answers `workerStillWorking`. A worker that cannot run (a
 * page's policy, a bundler that left it out) rejects as `unsupported`, naming `what` it was for.
 */
export function askWorker<Reply, Result>(
  start: () => Worker,
  request: unknown,
  { signal, url, what, read }: { signal: AbortSignal; url: string; what: string; read: (reply: Reply) => Result | typeof workerStillWorking },
): Promise<Result> {
  return new Promise<Result>((resolve, reject) => {
    if (signal.aborted) {
      reject(signal.reason);
      return;
    }
    const worker = start();
    const end = () => {
      worker.terminate();
      signal.removeEventListener('abort', abort);
    };
    function abort() {
      end();
      reject(signal.reason);
    }
    signal.addEventListener('abort', abort, { once: true });
    worker.onmessage = ({ data }: MessageEvent<Reply>) => {
      let result: Result | typeof workerStillWorking;
      try {
        result = read(data);
      } catch (error) {
        end();
        reject(error);
        return;
      }
      if (result === workerStillWorking) return;
      end();
      resolve(result);
    };
    worker.onerror = (event) => {
      end();
      reject(new MediaSourceError('unsupported', url, `${what} could not be made here: its worker did not run (${event.message || 'no reason given'}).`));
    };
    worker.postMessage(request);
  });
}
