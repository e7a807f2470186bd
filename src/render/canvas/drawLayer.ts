import { clipMotion, multiply, planTrackLayer, type BlendMode, type Matrix, type PictureSize, type Rect, type Track, type ClipTiming } from '../../state';

/**
 * How one layer is painted on a canvas, from its composite plan, in that canvas's pixels: plain
 * data, so it crosses to the drawing worker. The renderer reads it; it works out no geometry.
 */
export interface LayerPaint {
  /** Box-local composition pixels to canvas pixels: the plan's matrix, then the canvas's scale. */
  matrix: Matrix;
  /** The box's size, in composition pixels (box-local). */
  width: number;
  height: number;
  /** Where the picture lies in the box (box-local); the whole box until the picture's size is known. */
  picture: Rect;
  /** The part of the source drawn there, as fractions of the source picture (its crop, and its cut under `cover`). */
  source: Rect;
  /** The size, in whole canvas pixels, the source picture is staged at so that its drawn part lands pixel for pixel. */
  staged: PictureSize;
  opacity: number;
  blend: BlendMode;
  /** Whether the box is filled with the composite's background under the picture (a video's, as a `<video>` element's box is). */
  backdrop: boolean;
  /** A colour layer's colour, painted over the picture's place; such a layer has no picture. */
  fill?: string;
}

/** A layer's picture as the board holds it: made from a frame, or a still's bitmap. */
export type LayerPicture = OffscreenCanvas | ImageBitmap;

/** The canvas's `globalCompositeOperation` for each blend mode of a look. */
const canvasBlend: Record<BlendMode, GlobalCompositeOperation> = {
  normal: 'source-over',
  multiply: 'multiply',
  screen: 'screen',
  overlay: 'overlay',
  lighten: 'lighten',
  darken: 'darken',
  add: 'lighter',
};

const whole: Rect = { x: 0, y: 0, width: 1, height: 1 };

/**
 * How `track`'s layer is painted while `clip` plays (its look over the track's, moved by its
 * keyframes to the playhead `playheadMs`: exactly the time of the frame being painted), on a
 * canvas of `scale` canvas pixels per composition pixel, for a source picture of `media` size
 * (unknown: the box alone is painted). The screen and the export both paint from this.
 */
export function layerPaint(track: Track, clip: ClipTiming | undefined, playheadMs: number, scale: { x: number; y: number }, media?: PictureSize): LayerPaint {
  const planned = planTrackLayer(track, clip?.look, media, clip && clipMotion(clip, playheadMs));
  const { look, picture, source } = planned;
  const fraction = source && media ? { x: source.x / media.width, y: source.y / media.height, width: source.width / media.width, height: source.height / media.height } : whole;
  // The drawn part, at its size on the canvas, is `fraction` of the staged picture.
  const drawnWidth = planned.drawnSize.width * scale.x;
  const drawnHeight = planned.drawnSize.height * scale.y;
  const staged = {
    width: Math.max(1, Math.round(drawnWidth / Math.max(fraction.width, 1e-6))),
    height: Math.max(1, Math.round(drawnHeight / Math.max(fraction.height, 1e-6))),
  };
  return {
    matrix: multiply([scale.x, 0, 0, scale.y, 0, 0], planned.matrix),
    width: look.width,
    height: look.height,
    picture,
    source: fraction,
    staged,
    opacity: planned.opacity,
    blend: planned.blend,
    backdrop: track.kind === 'video',
    ...(track.kind === 'color' && track.color ? { fill: track.color } : {}),
  };
}

/**
 * Paints a layer as the element renderer shows one: a video's box filled with the composite's
 * background, its picture (staged at `paint.staged`, or any size: it is scaled) or its colour in
 * the box, all placed by the plan's matrix, at its opacity and blend. Without a picture yet, a
 * video's box alone.
 */
export function drawLayer(context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, picture: LayerPicture | undefined, paint: LayerPaint, background: string): void {
  context.save();
  try {
    context.setTransform(...paint.matrix);
    context.globalAlpha = paint.opacity;
    context.globalCompositeOperation = canvasBlend[paint.blend];
    if (paint.backdrop) {
      context.fillStyle = background;
      context.fillRect(0, 0, paint.width, paint.height);
    }
    const { source, picture: at } = paint;
    if (paint.fill) {
      context.fillStyle = paint.fill;
      context.fillRect(at.x, at.y, at.width, at.height);
      return;
    }
    if (!picture || picture.width === 0 || picture.height === 0) return;
    context.drawImage(
      picture,
      source.x * picture.width,
      source.y * picture.height,
      source.width * picture.width,
      source.height * picture.height,
      at.x,
      at.y,
      at.width,
      at.height,
    );
  } finally {
    context.restore();
  }
}

/**
 * Paints a whole composite: the background over all of it, then each layer, bottom first. Opaque,
 * so a layer's blend mode mixes with what is beneath it as it does in the element renderer (with
 * the composite's background where no layer is) and in an export, not with a transparent canvas.
 */
export function drawComposite(
  context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D,
  width: number,
  height: number,
  background: string,
  layers: readonly { picture: LayerPicture | undefined; paint: LayerPaint }[],
): void {
  context.save();
  context.setTransform(1, 0, 0, 1, 0, 0);
  context.globalAlpha = 1;
  context.globalCompositeOperation = 'copy';
  context.fillStyle = background;
  context.fillRect(0, 0, width, height);
  context.restore();
  for (const { picture, paint } of layers) drawLayer(context, picture, paint, background);
}

/** An upright box in canvas pixels with its picture filling it: the renderer's own checks draw one. */
export function boxPaint(box: Rect): LayerPaint {
  return {
    matrix: [1, 0, 0, 1, box.x, box.y],
    width: box.width,
    height: box.height,
    picture: { x: 0, y: 0, width: box.width, height: box.height },
    source: whole,
    staged: { width: Math.max(1, Math.round(box.width)), height: Math.max(1, Math.round(box.height)) },
    opacity: 1,
    blend: 'normal',
    backdrop: true,
  };
}
