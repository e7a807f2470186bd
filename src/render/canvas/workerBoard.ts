import type { BoardReply, BoardRequest } from './boardProtocol';
import type { FramePath } from './framePath';
import { createLocalBoard, refreshMs, type PaintedLayer, type PictureBoard } from './pictureBoard';

/** Whether this page can hand a canvas to a worker and draw into it there. */
export const workerBoardSupported = () =>
  typeof Worker !== 'undefined' && typeof OffscreenCanvas !== 'undefined' && typeof HTMLCanvasElement.prototype.transferControlToOffscreen === 'function';

/** Told when the worker fails: before it took the canvas (the board draws on the page), or after (the board is done). */
export interface WorkerBoardWatch {
  failed(reason: string): void;
  lost(reason: string): void;
}

/**
 * The picture board in a worker (`boardWorker.ts`) that owns the composite's canvas: the page
 * sends each frame to make a picture of (a reference, not the bytes) and each paint; the worker
 * converts and draws. Measured with 20 720p layers playing, the page's thread was busy 0.65-0.75
 * of the time drawing on it, against 0.48-0.51 with `<video>` elements (bench/results/canvas.md).
 *
 * The canvas is handed over only once the worker runs: a worker that cannot start (a page whose
 * policy forbids it, a bundler that left it out) leaves the canvas to the page, which draws on it
 * itself, as without this (`failed` says why). A worker that fails after it took the canvas cannot
 * give it back: `lost` says so, and the caller draws on a new canvas.
 */
export function createWorkerBoard(canvas: HTMLCanvasElement, { failed, lost }: WorkerBoardWatch, framePath: FramePath = 'convert'): PictureBoard {
  let local: PictureBoard | undefined;
  let worker: Worker | undefined;
  let attached = false;
  /** The worker's script runs (it said so): it can read an end. */
  let running = false;
  let disposed = false;
  /** The last paint asked for before the canvas was handed over, painted once it is. */
  let waitingPaint: [number, number, string, readonly PaintedLayer[]] | undefined;
  let nextId = 1;
  const pending = new Map<number, (reply: BoardReply | undefined) => void>();
  /** The asks that sent a frame, not yet answered. */
  const staging = new Set<number>();

  const settleAll = () => {
    for (const settle of pending.values()) settle(undefined);
    pending.clear();
    staging.clear();
  };
  /**
   * A worker sent frames it has not answered for is asked to end itself once it has closed them:
   * ended from here, the messages it had not read would take their frames with them unclosed.
   */
  const endWorker = () => {
    if (running && staging.size > 0) worker?.postMessage({ type: 'end' } satisfies BoardRequest);
    else worker?.terminate();
    worker = undefined;
    settleAll();
  };
  const drawHere = () => {
    endWorker();
    if (disposed || attached) return;
    local = createLocalBoard(() => canvas, () => framePath);
    if (waitingPaint) local.paint(...waitingPaint);
    waitingPaint = undefined;
  };
  const post = (request: BoardRequest, transfer: Transferable[] = []) => worker?.postMessage(request, transfer);
  /** Asks the worker and waits for its answer; undefined if it went first. */
  const ask = (request: BoardRequest & { id: number }) =>
    new Promise<BoardReply | undefined>((resolve) => {
      if (!worker) {
        resolve(undefined);
        return;
      }
      pending.set(request.id, resolve);
      post(request);
    });

  try {
    worker = new Worker(new URL('./boardWorker.ts', import.meta.url), { type: 'module', name: 'multitrack-kit composite' });
  } catch (error) {
    failed(String(error));
    drawHere();
  }
  if (worker) {
    post({ type: 'configure', framePath });
    worker.onmessage = ({ data }: MessageEvent<BoardReply>) => {
      if (data.type === 'ready') {
        running = true;
        if (disposed || attached) return;
        let offscreen: OffscreenCanvas;
        try {
          offscreen = canvas.transferControlToOffscreen();
        } catch (error) {
          // A canvas that already has a context, or was handed over before, stays the page's.
          failed(`the canvas could not be handed to it: ${String(error)}`);
          drawHere();
          return;
        }
        post({ type: 'attach', canvas: offscreen }, [offscreen]);
        attached = true;
        if (waitingPaint) {
          const [width, height, background, layers] = waitingPaint;
          post({ type: 'paint', width, height, background, layers });
        }
        waitingPaint = undefined;
        return;
      }
      const settle = pending.get(data.id);
      pending.delete(data.id);
      staging.delete(data.id);
      settle?.(data);
    };
    // Before the canvas is handed over, the page draws instead; after, nothing can take it back,
    // and the caller draws on a new canvas. Either way the watch reports it (the event's default,
    // a console line with no context, is replaced by that report).
    worker.onerror = (event) => {
      event.preventDefault();
      const reason = event.message || 'the worker could not be started';
      const wasAttached = attached;
      drawHere();
      if (disposed) return;
      if (wasAttached) lost(reason);
      else failed(reason);
    };
  }

  return {
    async stage(picture, frame, width, height, stillWanted) {
      if (local) return local.stage(picture, frame, width, height, stillWanted);
      if (!stillWanted()) return false;
      // Sent at once, not after the one before is made: the worker queues them, and of the
      // requests for one picture still waiting it makes only the latest.
      const id = nextId++;
      staging.add(id);
      const reply = await ask({ type: 'stage', id, picture, frame, width, height }).catch(() => undefined);
      staging.delete(id);
      return reply?.type === 'staged' && reply.done;
    },
    place(picture, bitmap) {
      if (local) local.place(picture, bitmap);
      else if (worker) post({ type: 'place', picture, bitmap }, [bitmap]);
      else bitmap.close();
    },
    paint(width, height, background, layers) {
      if (local) local.paint(width, height, background, layers);
      else if (attached) post({ type: 'paint', width, height, background, layers });
      else waitingPaint = [width, height, background, layers];
    },
    async copy(picture) {
      if (local) return local.copy(picture);
      const reply = await ask({ type: 'copy', id: nextId++, picture });
      return reply?.type === 'copied' ? reply.bitmap : undefined;
    },
    async snapshot() {
      if (local) return local.snapshot();
      const reply = await ask({ type: 'snapshot', id: nextId++ });
      return reply?.type === 'snapshot' ? reply.pixels : undefined;
    },
    free(picture) {
      if (local) local.free(picture);
      else post({ type: 'free', picture });
    },
    idle() {
      if (local) local.idle();
      else post({ type: 'idle' });
    },
    get leadMs() {
      return local ? local.leadMs : 2 * refreshMs;
    },
    dispose() {
      disposed = true;
      endWorker();
      local?.dispose();
    },
  };
}
