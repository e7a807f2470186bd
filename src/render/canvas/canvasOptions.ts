/** How the canvas renderer decodes and draws. */
export interface CanvasRendererOptions {
  /**
   * Frames decoded ahead of the one on screen, per layer, at most. Each is a decoded picture
   * (1.4 MB at 720p): more smooths over a busy main thread, fewer holds less. Measured with 20
   * 720p layers playing: 3 ahead (and 2 in flight) 441 MB, 2 (1) 382 MB, 1 (1) 354 MB, with no
   * more frames skipped.
   */
  framesAhead: number;
  /**
   * Chunks waiting in a layer's decoder plus frames it has decoded and the layer has not taken,
   * at most. Enough to keep a decoder busy; each decoded one is a picture held.
   */
  decoderInFlight: number;
  /**
   * How far past what a layer has decoded the playhead may be and still be decoded toward in
   * order; further (a seek, a scrub), the layer decodes again from the keyframe before it.
   */
  jumpSeconds: number;
  /**
   * A layer whose decoder gives no frame for this long after being asked (hardware decoders that
   * silently never output) is opened again with a software decoder, and says so.
   */
  silentDecoderMs: number;
  /**
   * While a layer decodes toward the playhead (a seek, a cut, a slow decoder), the composite keeps
   * its last picture in which every layer was at one time, for up to this long, rather than show
   * layers at different times. Longer than the buffering grace, so a playing composite says
   * Buffering and waits before this runs out.
   */
  holdMixedMs: number;
  /**
   * Paused on its frame this long, a layer lets go of its decoder and decoded frames and keeps
   * only its picture (a canvas of the layer's size); the next seek or play decodes again.
   */
  restAfterMs: number;
  /**
   * A layer's last picture stays this long after its media closes, and shows while the track opens
   * its media again (another rendition, a software decoder, a retry) until the first frame.
   */
  partingMs: number;
  /**
   * Where pictures are made and the composite painted: `'worker'` hands the canvas to a worker
   * (`OffscreenCanvas`), so converting and drawing frames leave the page's thread (the page still
   * decodes and picks each layer's frame); `'page'` draws on the page's thread. Where a worker
   * cannot start, or cannot be handed a canvas, the page draws.
   */
  drawIn: 'worker' | 'page';
}

export type CanvasRendererConfig = Partial<CanvasRendererOptions>;

export const defaultCanvasRendererOptions: CanvasRendererOptions = {
  framesAhead: 1,
  decoderInFlight: 1,
  jumpSeconds: 1,
  silentDecoderMs: 3000,
  holdMixedMs: 1000,
  restAfterMs: 1000,
  partingMs: 3000,
  drawIn: 'worker',
};

export function withCanvasDefaults(config: CanvasRendererConfig = {}): CanvasRendererOptions {
  return { ...defaultCanvasRendererOptions, ...config };
}
