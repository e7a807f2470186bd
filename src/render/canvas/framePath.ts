/**
 * How a decoded frame becomes a layer's picture:
 * - `'convert'`: its planes are copied out and scaled to RGBA in script (`pictureStager.ts`).
 *   Costs script time (in the drawing worker), holds the picture once, at its drawn size.
 * - `'direct'`: the browser draws the frame itself, scaled (2D `drawImage`). Where the canvas is
 *   drawn on a GPU this costs next to no script time; where it is rasterised in software (as on a
 *   machine without a GPU) each frame drawn becomes an image the software raster caches, and the
 *   cache filled to about 470 MB in Chromium.
 */
export type FramePath = 'convert' | 'direct';

/** The `framePath` option: a path, or `'auto'` (chosen by what draws the canvases here). */
export type FramePathChoice = FramePath | 'auto';

/** Renderers that rasterise in software: SwiftShader (Chromium), llvmpipe, softpipe and lavapipe (Mesa), Microsoft's basic driver. */
const softwareRenderers = /swiftshader|llvmpipe|softpipe|lavapipe|software|basic render/i;

/**
 * The path for a graphics renderer's name (WebGL's): direct on a GPU, converted in software or
 * where no name is known (no WebGL at all is most often no GPU).
 */
export function framePathFor(renderer: string | undefined): FramePath {
  return renderer && !softwareRenderers.test(renderer) ? 'direct' : 'convert';
}

/** The name of what draws WebGL here (unmasked where the browser tells it), or undefined. */
function graphicsRenderer(): string | undefined {
  if (typeof OffscreenCanvas === 'undefined') return undefined;
  const canvas = new OffscreenCanvas(1, 1);
  const gl = (canvas.getContext('webgl2') ?? canvas.getContext('webgl')) as WebGLRenderingContext | null;
  if (!gl) return undefined;
  try {
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(info ? info.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } finally {
    // A page has few WebGL contexts: this one goes at once.
    gl.getExtension('WEBGL_lose_context')?.loseContext();
  }
}

let detected: FramePath | undefined;

/** The path a choice means on this page: `'auto'` looks once (a WebGL context made and lost). */
export function resolveFramePath(choice: FramePathChoice): FramePath {
  if (choice !== 'auto') return choice;
  if (detected === undefined) {
    try {
      detected = framePathFor(graphicsRenderer());
    } catch {
      // A browser that throws while asked is no place to trust the browser's own drawing.
      detected = 'convert';
    }
  }
  return detected;
}
