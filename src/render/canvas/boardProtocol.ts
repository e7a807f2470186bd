import type { FramePath } from './framePath';
import type { PaintedLayer } from './pictureBoard';

/** What the page asks the picture board's worker (`boardWorker.ts`); replies carry the asking `id`. */
export type BoardRequest =
  /** Sent first: how frames become pictures. */
  | { type: 'configure'; framePath: FramePath }
  | { type: 'attach'; canvas: OffscreenCanvas }
  /** `frame` is the worker's own reference (sent, not transferred): it closes it. */
  | { type: 'stage'; id: number; picture: number; frame: VideoFrame; width: number; height: number }
  /** `bitmap` is transferred: the worker's board holds it. */
  | { type: 'place'; picture: number; bitmap: ImageBitmap }
  | { type: 'paint'; width: number; height: number; background: string; layers: readonly PaintedLayer[] }
  | { type: 'copy'; id: number; picture: number }
  /** The composite's pixels as last painted. */
  | { type: 'snapshot'; id: number }
  | { type: 'free'; picture: number }
  | { type: 'idle' }
  /** The page is done with the worker: it closes itself once the frames it was sent are closed. */
  | { type: 'end' };

export type BoardReply =
  /** The worker runs (its script loaded): the page may hand it the canvas. */
  | { type: 'ready' }
  | { type: 'staged'; id: number; done: boolean }
  | { type: 'copied'; id: number; bitmap: ImageBitmap | undefined }
  | { type: 'snapshot'; id: number; pixels: ImageData | undefined };
