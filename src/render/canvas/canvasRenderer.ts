import type { CompositorRenderer } from '../renderer';
import { createElementRenderer, type ElementRendererConfig } from '../elements';
import { CanvasLayer } from './CanvasLayer';
import { withCanvasDefaults, type CanvasRendererConfig } from './canvasOptions';
import { createCanvasSession } from './canvasSession';
import { CanvasSurface } from './CanvasSurface';

/**
 * Whether this browser has the APIs the canvas renderer needs (WebCodecs' video decoder and
 * frames), at once and without trying them; `checkCanvasRenderer()` tries them.
 */
export function canvasRendererSupported(): boolean {
  return typeof VideoDecoder !== 'undefined' && typeof VideoFrame !== 'undefined';
}

export interface CanvasRendererSetup extends CanvasRendererConfig {
  /** The element renderer's settings, for a browser without WebCodecs (where it is used instead). */
  fallback?: ElementRendererConfig;
}

/**
 * The renderer that draws every seen track into one `<canvas>`, from frames decoded with
 * WebCodecs (demuxed by mediabunny, read by Range): each layer shows exactly the frame its clip
 * names at the clock's time, and holds a few frames, no more. Where WebCodecs is missing (an
 * insecure page, an old browser) it is the element renderer instead: `renderer.name` says which.
 * An option it cannot take throws a `RendererError` (`bad-option`) naming it.
 */
export function createCanvasRenderer({ fallback, ...config }: CanvasRendererSetup = {}): CompositorRenderer {
  // Checked first: options it cannot take are refused in every browser, not only where it runs.
  const options = withCanvasDefaults(config);
  if (!canvasRendererSupported()) return createElementRenderer(fallback);
  return {
    name: 'canvas',
    createSession: (host) => createCanvasSession(options, host),
    Surface: CanvasSurface,
    Layer: CanvasLayer,
  };
}
