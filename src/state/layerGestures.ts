import { apply, type PlannedLayer, type Point } from './compositePlan';
import type { LookChange } from './layerLook';

/**
 * What a person's gestures on the composite do to a layer's look, as pure functions of the layer's
 * plan when the gesture began and where the pointer is now, in composition pixels. The handles
 * (`useLayerHandles`) call these and dispatch what they return; nothing here touches the store.
 */

/** Where a moved layer's edges and centre catch: the composite's edges and centre. */
export interface SnapTargets {
  width: number;
  height: number;
  /** How near, in composition pixels, an edge or centre must come to catch. */
  within: number;
}

/** The smallest shift that puts one of `edges` on one of `targets`, if it is within `within`; else 0. */
function snapShift(edges: number[], targets: number[], within: number): number {
  let best: number | undefined;
  for (const edge of edges) {
    for (const target of targets) {
      const shift = target - edge;
      if (Math.abs(shift) <= within && (best === undefined || Math.abs(shift) < Math.abs(best))) best = shift;
    }
  }
  return best ?? 0;
}

/**
 * The layer moved by (`dx`, `dy`): its box's place. With `snap`, a moved layer whose bounds' edge
 * or centre comes within `snap.within` of the composite's edges or centre lands on it, per axis.
 */
export function movedLook(start: PlannedLayer, dx: number, dy: number, snap?: SnapTargets): Pick<LookChange, 'x' | 'y'> {
  let shiftX = dx;
  let shiftY = dy;
  if (snap) {
    const { x, y, width, height } = start.bounds;
    shiftX += snapShift([x + dx, x + dx + width / 2, x + dx + width], [0, snap.width / 2, snap.width], snap.within);
    shiftY += snapShift([y + dy, y + dy + height / 2, y + dy + height], [0, snap.height / 2, snap.height], snap.within);
  }
  return { x: start.look.x + shiftX, y: start.look.y + shiftY };
}

/** The anchor's place on the composite: what the layer scales and turns about. */
export function anchorOnComposite(layer: PlannedLayer): Point {
  return apply(layer.matrix, { x: layer.look.anchor.x * layer.look.width, y: layer.look.anchor.y * layer.look.height });
}

/** `vector` turned back by the layer's rotation: along the layer's own axes. */
function unturned(layer: PlannedLayer, vector: Point): Point {
  const radians = (-layer.look.rotation * Math.PI) / 180;
  return { x: vector.x * Math.cos(radians) - vector.y * Math.sin(radians), y: vector.x * Math.sin(radians) + vector.y * Math.cos(radians) };
}

/** The smallest scale a gesture leaves (a layer scaled to nothing could not be grabbed again). */
export const minimumGestureScale = 0.01;

const atLeast = (scale: number, was: number) => (Math.abs(scale) < minimumGestureScale ? minimumGestureScale * (Math.sign(was) || 1) : scale);

/**
 * The layer scaled by dragging a point of it (a corner handle) from `from` to `to`, about its
 * anchor: each axis by how far the point now is from the anchor along the layer's own axes. With
 * `keepAspect`, both axes by one factor (the drag projected on the line from the anchor).
 */
export function scaledLook(start: PlannedLayer, from: Point, to: Point, keepAspect: boolean): { scale: { x: number; y: number } } {
  const anchor = anchorOnComposite(start);
  const before = unturned(start, { x: from.x - anchor.x, y: from.y - anchor.y });
  const after = unturned(start, { x: to.x - anchor.x, y: to.y - anchor.y });
  const { x: scaleX, y: scaleY } = start.look.scale;
  if (keepAspect) {
    const length = before.x * before.x + before.y * before.y;
    const factor = length > 0 ? (after.x * before.x + after.y * before.y) / length : 1;
    return { scale: { x: atLeast(scaleX * factor, scaleX), y: atLeast(scaleY * factor, scaleY) } };
  }
  // A point on the anchor's own line along an axis says nothing about that axis: left as it was.
  const along = (now: number, was: number, scale: number) => (Math.abs(was) < 1e-6 ? scale : atLeast((scale * now) / was, scale));
  return { scale: { x: along(after.x, before.x, scaleX), y: along(after.y, before.y, scaleY) } };
}

/** Degrees into (-180, 180]. */
export const normalDegrees = (degrees: number) => {
  const turned = ((((degrees + 180) % 360) + 360) % 360) - 180;
  return turned === -180 ? 180 : turned;
};

/**
 * The layer turned by dragging a point (the rotation handle) from `from` to `to` about its anchor,
 * by the angle between them; with `step`, to the nearest multiple of `step` degrees.
 */
export function rotatedLook(start: PlannedLayer, from: Point, to: Point, step?: number): Pick<LookChange, 'rotation'> {
  const anchor = anchorOnComposite(start);
  const angle = (point: Point) => (Math.atan2(point.y - anchor.y, point.x - anchor.x) * 180) / Math.PI;
  const rotation = start.look.rotation + angle(to) - angle(from);
  return { rotation: normalDegrees(step ? Math.round(rotation / step) * step : rotation) };
}
