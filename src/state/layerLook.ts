/**
 * How a picture layer looks on the composite: where its box sits, how its picture fits the box,
 * what part of the picture is cropped, how the box is anchored, scaled, rotated and flipped, its
 * opacity and how it blends with what is under it. A track's look is the default of its clips; a
 * clip's look overrides it field by field. `resolveLook` merges them; `compositePlan.ts` turns a
 * look into what renderers draw.
 */

/** The blend modes both renderers draw (CSS `mix-blend-mode`, canvas `globalCompositeOperation`). */
export const blendModes = ['normal', 'multiply', 'screen', 'overlay', 'lighten', 'darken', 'add'] as const;
export type BlendMode = (typeof blendModes)[number];

/** How a picture fills its box: whole inside it (`contain`), filling it and cut (`cover`), or stretched (`fill`). */
export const fitModes = ['contain', 'cover', 'fill'] as const;
export type FitMode = (typeof fitModes)[number];

/** Fractions of the source picture cut from each side, before it is fitted. */
export interface Insets {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

export interface LayerLook {
  /** The box, in composition pixels: where the layer sits before it is scaled or rotated. */
  x: number;
  y: number;
  width: number;
  height: number;
  /** The point of the box scaling, rotation and flips turn about, as fractions of its size (0.5, 0.5: its centre). */
  anchor: { x: number; y: number };
  /** Scale about the anchor; 1 is the box's own size. */
  scale: { x: number; y: number };
  /** Degrees, clockwise, about the anchor. */
  rotation: number;
  flip: { horizontal: boolean; vertical: boolean };
  crop: Insets;
  fit: FitMode;
  /** 0 (unseen) to 1 (opaque). */
  opacity: number;
  blend: BlendMode;
}

/** What a host may set on a track or a clip: any field of a look; the rest comes from below. */
export type LookChange = Partial<Omit<LayerLook, 'anchor' | 'scale' | 'flip' | 'crop'>> & {
  anchor?: Partial<LayerLook['anchor']>;
  scale?: Partial<LayerLook['scale']>;
  flip?: Partial<LayerLook['flip']>;
  crop?: Partial<Insets>;
};

/** A look with nothing set: the box the track's layout gives, its picture whole inside it. */
export const defaultLook: Omit<LayerLook, 'x' | 'y' | 'width' | 'height'> = {
  anchor: { x: 0.5, y: 0.5 },
  scale: { x: 1, y: 1 },
  rotation: 0,
  flip: { horizontal: false, vertical: false },
  crop: { top: 0, right: 0, bottom: 0, left: 0 },
  fit: 'contain',
  opacity: 1,
  blend: 'normal',
};

/** A look value the kit refuses, naming the field (`scale.x`, `crop.left`, ...) and why. */
export class LookError extends Error {
  override name = 'LookError';
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
  }
}

const finite = (field: string, value: unknown) => {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new LookError(field, `${String(value)} is not a finite number`);
};

/**
 * Throws a `LookError` for the first field of `change` that no layer could have: a value that is
 * not a finite number, a negative size, an opacity outside 0-1, a crop that leaves nothing, an
 * unknown fit or blend mode. A change that passes can be merged into any look.
 */
export function checkLook(change: LookChange): void {
  for (const field of ['x', 'y', 'rotation'] as const) if (change[field] !== undefined) finite(field, change[field]);
  for (const field of ['width', 'height'] as const) {
    const value = change[field];
    if (value === undefined) continue;
    finite(field, value);
    if (value < 0) throw new LookError(field, `${value} is negative`);
  }
  for (const axis of ['x', 'y'] as const) {
    if (change.anchor?.[axis] !== undefined) finite(`anchor.${axis}`, change.anchor[axis]);
    if (change.scale?.[axis] !== undefined) finite(`scale.${axis}`, change.scale[axis]);
  }
  for (const side of ['horizontal', 'vertical'] as const) {
    const value = change.flip?.[side];
    if (value !== undefined && typeof value !== 'boolean') throw new LookError(`flip.${side}`, `${String(value)} is not true or false`);
  }
  if (change.crop) {
    for (const side of ['top', 'right', 'bottom', 'left'] as const) {
      const value = change.crop[side];
      if (value === undefined) continue;
      finite(`crop.${side}`, value);
      if (value < 0 || value >= 1) throw new LookError(`crop.${side}`, `${value} is not a fraction from 0 up to 1`);
    }
    const { top = 0, right = 0, bottom = 0, left = 0 } = change.crop;
    if (left + right >= 1) throw new LookError('crop.left', `with crop.right ${right}, ${left} leaves no picture`);
    if (top + bottom >= 1) throw new LookError('crop.top', `with crop.bottom ${bottom}, ${top} leaves no picture`);
  }
  if (change.opacity !== undefined) {
    finite('opacity', change.opacity);
    if (change.opacity < 0 || change.opacity > 1) throw new LookError('opacity', `${change.opacity} is not between 0 and 1`);
  }
  if (change.fit !== undefined && !fitModes.includes(change.fit)) throw new LookError('fit', `"${String(change.fit)}" is not one of ${fitModes.join(', ')}`);
  if (change.blend !== undefined && !blendModes.includes(change.blend)) {
    throw new LookError('blend', `"${String(change.blend)}" is not one of ${blendModes.join(', ')}`);
  }
}

/** `change` over `earlier`, field by field: a nested group keeps the fields `change` leaves out. */
export function mergeLook<T extends LookChange>(earlier: T, change: LookChange | undefined): T;
export function mergeLook(earlier: LookChange | undefined, change: LookChange | undefined): LookChange | undefined;
export function mergeLook(earlier: LookChange | undefined, change: LookChange | undefined): LookChange | undefined {
  if (!earlier || !change) return change ?? earlier;
  const group = <K extends 'anchor' | 'scale' | 'flip' | 'crop'>(key: K) =>
    earlier[key] || change[key] ? { [key]: { ...earlier[key], ...change[key] } } : {};
  return { ...earlier, ...change, ...group('anchor'), ...group('scale'), ...group('flip'), ...group('crop') };
}

/** A clip's look: the track's box, the track's look over the defaults, the clip's over that. */
export function resolveLook(box: { x: number; y: number; width: number; height: number }, trackLook?: LookChange, clipLook?: LookChange): LayerLook {
  const { x, y, width, height } = box;
  const base: LayerLook = { ...defaultLook, x, y, width, height };
  return mergeLook(mergeLook(base, trackLook), clipLook);
}
