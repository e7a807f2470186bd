import type { ClipTiming } from './clipTiming';
import { animatedLook, type Animation } from './keyframes';
import { resolveLook, type LayerLook, type LookChange } from './layerLook';
import type { Track } from './tracksSlice';

/**
 * The composite plan's geometry: from a layer's look (and its picture's size, once known) where
 * its picture is drawn on the composite, as one 2D matrix and what follows from it: the corners
 * and bounds on the composite, the size the picture is drawn at, whether any of it is on the
 * composite, whether a layer above hides it, and which layer a point hits. Pure; renderers,
 * the off-composite rule, proxy choice and hit testing read these results and compute none.
 */

/** A 2D affine matrix in canvas `setTransform(a, b, c, d, e, f)` order: x' = a x + c y + e, y' = b x + d y + f. */
export type Matrix = readonly [a: number, b: number, c: number, d: number, e: number, f: number];

export interface Point {
  x: number;
  y: number;
}

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface PictureSize {
  width: number;
  height: number;
}

export const identity: Matrix = [1, 0, 0, 1, 0, 0];

/** `m` after `n`: the matrix that applies `n`, then `m`. */
export function multiply(m: Matrix, n: Matrix): Matrix {
  const [a, b, c, d, e, f] = m;
  const [a2, b2, c2, d2, e2, f2] = n;
  return [a * a2 + c * b2, b * a2 + d * b2, a * c2 + c * d2, b * c2 + d * d2, a * e2 + c * f2 + e, b * e2 + d * f2 + f];
}

export function apply(m: Matrix, { x, y }: Point): Point {
  const [a, b, c, d, e, f] = m;
  return { x: a * x + c * y + e, y: b * x + d * y + f };
}

/** The inverse of `m`, or undefined where it flattens the plane (a scale of 0). */
export function invert(m: Matrix): Matrix | undefined {
  const [a, b, c, d, e, f] = m;
  const determinant = a * d - b * c;
  if (!Number.isFinite(determinant) || Math.abs(determinant) < 1e-12) return undefined;
  return [d / determinant, -b / determinant, -c / determinant, a / determinant, (c * f - d * e) / determinant, (b * e - a * f) / determinant];
}

/**
 * Box-local coordinates (0..width, 0..height) to the composite's: moved to the box's place, then
 * scaled, flipped and rotated about the anchor.
 */
export function layerMatrix(look: LayerLook): Matrix {
  const ax = look.anchor.x * look.width;
  const ay = look.anchor.y * look.height;
  const radians = (look.rotation * Math.PI) / 180;
  const cos = Math.cos(radians);
  const sin = Math.sin(radians);
  const sx = look.scale.x * (look.flip.horizontal ? -1 : 1);
  const sy = look.scale.y * (look.flip.vertical ? -1 : 1);
  // translate(x + ax, y + ay) . rotate . scale . translate(-ax, -ay)
  const turned: Matrix = [cos * sx, sin * sx, -sin * sy, cos * sy, 0, 0];
  const about = multiply(turned, [1, 0, 0, 1, -ax, -ay]);
  return multiply([1, 0, 0, 1, look.x + ax, look.y + ay], about);
}

/**
 * Where the picture lies in its box (box-local) and which part of the source it shows (source
 * pixels), by the look's crop and fit. Before the picture's size is known it fills the box.
 */
export function fitPicture(look: LayerLook, media: PictureSize | undefined): { picture: Rect; source: Rect | undefined } {
  const box = { x: 0, y: 0, width: look.width, height: look.height };
  if (!media || media.width <= 0 || media.height <= 0 || look.width <= 0 || look.height <= 0) return { picture: box, source: undefined };
  const { top, right, bottom, left } = look.crop;
  let source: Rect = {
    x: media.width * left,
    y: media.height * top,
    width: media.width * (1 - left - right),
    height: media.height * (1 - top - bottom),
  };
  if (look.fit === 'fill') return { picture: box, source };
  const sourceAspect = source.width / source.height;
  const boxAspect = look.width / look.height;
  if (look.fit === 'contain') {
    const width = sourceAspect >= boxAspect ? look.width : look.height * sourceAspect;
    const height = sourceAspect >= boxAspect ? look.width / sourceAspect : look.height;
    return { picture: { x: (look.width - width) / 2, y: (look.height - height) / 2, width, height }, source };
  }
  // cover: the box is filled, and the source is cut further, about its centre, to the box's aspect.
  if (sourceAspect > boxAspect) {
    const width = source.height * boxAspect;
    source = { ...source, x: source.x + (source.width - width) / 2, width };
  } else {
    const height = source.width / boxAspect;
    source = { ...source, y: source.y + (source.height - height) / 2, height };
  }
  return { picture: box, source };
}

/** How one layer is drawn: everything a renderer, the off-composite rule and hit testing read. */
export interface PlannedLayer {
  trackId: string;
  look: LayerLook;
  /** Box-local to composite coordinates. */
  matrix: Matrix;
  /** Where the picture lies in its box, box-local, after crop and fit. */
  picture: Rect;
  /** The part of the source drawn there, in source pixels; undefined until the source's size is known. */
  source: Rect | undefined;
  /** The drawn picture's corners on the composite: top-left, top-right, bottom-right, bottom-left of the picture. */
  corners: [Point, Point, Point, Point];
  /** The smallest upright rectangle holding `corners`. */
  bounds: Rect;
  /** The picture's size on the composite as drawn, in composition pixels: what pictures are staged at and proxies chosen by. */
  drawnSize: PictureSize;
  opacity: number;
  blend: LayerLook['blend'];
  /** Its picture has no transparency (a video's, an opaque colour's), so at opacity 1 in the normal blend it hides what is under it. */
  opaque: boolean;
}

export function planLayer(trackId: string, look: LayerLook, media?: PictureSize, opaque = true): PlannedLayer {
  const matrix = layerMatrix(look);
  const { picture, source } = fitPicture(look, media);
  const corners = [
    { x: picture.x, y: picture.y },
    { x: picture.x + picture.width, y: picture.y },
    { x: picture.x + picture.width, y: picture.y + picture.height },
    { x: picture.x, y: picture.y + picture.height },
  ].map((corner) => apply(matrix, corner)) as PlannedLayer['corners'];
  const xs = corners.map(({ x }) => x);
  const ys = corners.map(({ y }) => y);
  const bounds = { x: Math.min(...xs), y: Math.min(...ys), width: Math.max(...xs) - Math.min(...xs), height: Math.max(...ys) - Math.min(...ys) };
  return {
    trackId,
    look,
    matrix,
    picture,
    source,
    corners,
    bounds,
    drawnSize: { width: picture.width * Math.abs(look.scale.x), height: picture.height * Math.abs(look.scale.y) },
    opacity: look.opacity,
    blend: look.blend,
    opaque,
  };
}

// A colour with no alpha channel: #rgb, #rrggbb, rgb()/hsl() of three values, or a name but `transparent`.
const opaqueColour = (colour: string) => /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i.test(colour) || /^(?:rgb|hsl)\([^,/]*(?:,[^,/]*){0,2}\)$/i.test(colour) || /^(?!transparent$)[a-z]+$/i.test(colour);

/** A clip's keyframes and how far into the clip a frame is: what an animated look is read at. */
export interface LookMotion {
  animation: Animation | undefined;
  /** Ms from the clip's start on the timeline. */
  clipMs: number;
}

/** The motion of `clip`'s look with the playhead at `playheadMs`. */
export const clipMotion = (clip: ClipTiming, playheadMs: number): LookMotion => ({ animation: clip.animation, clipMs: playheadMs - clip.startMs });

/**
 * How a track's layer is drawn while a clip with `clipLook` plays (its look over the track's), for
 * a picture of `measured` size, at a moment of the clip (`motion`, where it has keyframes; without
 * it, its look as set): the one way every reader plans a track. A colour or a title is made at its
 * box's size, so its crop and fit work on the box; a video is taken as opaque, an image or a title
 * as not (either may hold transparency), a colour by its alpha.
 */
export function planTrackLayer(track: Track, clipLook?: LookChange, measured?: PictureSize, motion?: LookMotion): PlannedLayer {
  const resolved = resolveLook(track.layout, track.look, clipLook);
  const look = motion ? animatedLook(resolved, motion.animation, motion.clipMs) : resolved;
  const made = track.kind === 'color' || track.kind === 'text';
  const media = made ? { width: look.width, height: look.height } : measured;
  const opaque = track.kind === 'video' || (track.kind === 'color' && track.color !== undefined && opaqueColour(track.color));
  return planLayer(track.id, look, media, opaque);
}

/** The corners' projections on `axis`, as [min, max]. */
function extent(points: readonly Point[], axis: Point): [number, number] {
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const { x, y } of points) {
    const along = x * axis.x + y * axis.y;
    min = Math.min(min, along);
    max = Math.max(max, along);
  }
  return [min, max];
}

/** The outward-facing axes of a convex quad's edges. */
const edgeAxes = (quad: readonly Point[]): Point[] => quad.map((point, index) => {
  const next = quad[(index + 1) % quad.length];
  return { x: next.y - point.y, y: point.x - next.x };
});

/**
 * Whether any of the layer's picture lies on a `width` x `height` composite, with area to see
 * and opacity above 0 (separating axes: a rotated layer whose bounds touch the composite but whose
 * picture does not is off it). A composite of unknown size holds every layer.
 */
export function seenOnComposite(layer: PlannedLayer, size: { width?: number; height?: number }): boolean {
  if (layer.opacity <= 0 || layer.drawnSize.width <= 0 || layer.drawnSize.height <= 0) return false;
  const { bounds } = layer;
  const { width, height } = size;
  // Until a view says the composite's size, it is unbounded to the right and below.
  if (width === undefined || height === undefined) return bounds.x + bounds.width > 0 && bounds.y + bounds.height > 0;
  const composite = [
    { x: 0, y: 0 },
    { x: width, y: 0 },
    { x: width, y: height },
    { x: 0, y: height },
  ];
  return [{ x: 1, y: 0 }, { x: 0, y: 1 }, ...edgeAxes(layer.corners)].every((axis) => {
    const [layerMin, layerMax] = extent(layer.corners, axis);
    const [compositeMin, compositeMax] = extent(composite, axis);
    return layerMax > compositeMin && layerMin < compositeMax;
  });
}

/** Whether `point` lies inside (or on the edge of) the convex quad `quad`, whichever way it winds. */
function insideQuad(quad: readonly Point[], point: Point): boolean {
  let sign = 0;
  for (let index = 0; index < quad.length; index += 1) {
    const a = quad[index];
    const b = quad[(index + 1) % quad.length];
    const cross = (b.x - a.x) * (point.y - a.y) - (b.y - a.y) * (point.x - a.x);
    if (Math.abs(cross) < 1e-9) continue;
    if (sign === 0) sign = Math.sign(cross);
    else if (Math.sign(cross) !== sign) return false;
  }
  return true;
}

/**
 * Whether `upper`, drawn above `lower`, hides all of it: `upper` is opaque (opacity 1, normal
 * blend, a picture with no transparency) and its picture holds every corner of `lower`'s.
 */
export function hides(upper: PlannedLayer, lower: PlannedLayer): boolean {
  if (!upper.opaque || upper.opacity < 1 || upper.blend !== 'normal') return false;
  return lower.corners.every((corner) => insideQuad(upper.corners, corner));
}

/** The topmost layer (last in paint order) whose box holds `point`, through its transform. */
export function layerAt(layers: readonly PlannedLayer[], point: Point): PlannedLayer | undefined {
  for (let index = layers.length - 1; index >= 0; index -= 1) {
    const layer = layers[index];
    const inverse = invert(layer.matrix);
    if (!inverse || layer.opacity <= 0) continue;
    const local = apply(inverse, point);
    if (local.x >= 0 && local.y >= 0 && local.x <= layer.look.width && local.y <= layer.look.height) return layer;
  }
  return undefined;
}
