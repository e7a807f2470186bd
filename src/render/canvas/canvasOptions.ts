import { RendererError } from '../renderer';
import type { FramePathChoice } from './framePath';

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
  /**
   * How a decoded frame becomes its layer's picture: `'convert'` copies its planes out and scales
   * them to RGBA in script (what a machine without a GPU needs: the browser's own drawing there
   * filled a ~470 MB raster cache); `'direct'` has the browser draw the frame, scaled (next to no
   * script time where canvases are drawn on a GPU); `'auto'` looks once at what draws WebGL on
   * the page (a software renderer such as SwiftShader or llvmpipe, or none: convert; a GPU:
   * direct). The composite's canvas says which it took (`data-frame-path`).
   */
  framePath: FramePathChoice;
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
  framePath: 'auto',
};

const counts = ['framesAhead', 'decoderInFlight'] as const;
const durations = ['jumpSeconds', 'silentDecoderMs', 'holdMixedMs', 'restAfterMs', 'partingMs'] as const;
const choices = { drawIn: ['worker', 'page'], framePath: ['auto', 'convert', 'direct'] } as const;

const badOption = (name: string, value: unknown, wanted: string) =>
  new RendererError('bad-option', 'canvas', `The canvas renderer's ${name} must be ${wanted}, not ${JSON.stringify(value) ?? String(value)}.`);

/** The options with the defaults filled in; one it cannot take throws a `RendererError` (`bad-option`) naming it. */
export function withCanvasDefaults(config: CanvasRendererConfig = {}): CanvasRendererOptions {
  const options = { ...defaultCanvasRendererOptions, ...config };
  for (const name of counts) if (!Number.isInteger(options[name]) || options[name] < 1) throw badOption(name, options[name], 'a whole number of 1 or more');
  for (const name of durations) if (!Number.isFinite(options[name]) || options[name] < 0) throw badOption(name, options[name], 'a number of 0 or more');
  for (const [name, allowed] of Object.entries(choices)) {
    const value = options[name as keyof typeof choices];
    if (!(allowed as readonly string[]).includes(value)) throw badOption(name, value, `one of ${allowed.map((choice) => `'${choice}'`).join(', ')}`);
  }
  return options;
}
