/**
 * Makes the canvas renderer's drawing worker fail once it has taken the composite's canvas, while
 * `failingDrawingWorker.on` is set: the page gets the error event a worker that threw gives (as
 * Firefox's board worker threw before its context was kept), and the worker runs on, as one that
 * threw does. A story sees the renderer report it, end the worker and draw on a new canvas from
 * the page.
 */
export const failingDrawingWorker = { on: false };

if (typeof Worker !== 'undefined' && !(window as { __failingDrawingWorker?: unknown }).__failingDrawingWorker) {
  (window as { __failingDrawingWorker?: unknown }).__failingDrawingWorker = failingDrawingWorker;
  const post = Worker.prototype.postMessage as (this: Worker, message: unknown, transfer?: Transferable[]) => void;
  Worker.prototype.postMessage = function (this: Worker, message: unknown, transfer?: unknown) {
    post.call(this, message, transfer as Transferable[]);
    if (!failingDrawingWorker.on || (message as { type?: string } | null)?.type !== 'attach') return;
    setTimeout(() => {
      this.dispatchEvent(new ErrorEvent('error', { message: 'Error: the drawing worker failed (injected by the story)' }));
    }, 500);
  } as typeof Worker.prototype.postMessage;
}
