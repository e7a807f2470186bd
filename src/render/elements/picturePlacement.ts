import type { CSSProperties } from 'react';
import { madeKinds, planTrackLayer, type LookChange, type LookMotion, type PictureSize, type Track } from '../../state';
import { percentOf as percent } from '../partProps';

/**
 * Where a `<video>` (or a still's picture) sits in its layer's box so that it shows what the composite plan says: the
 * part of the source its crop and fit keep (`clip-path`), stretched over the picture's place in
 * the box. The element is sized as the whole source would be at that scale and moved so the kept
 * part lands on the picture's place; in percent of the box, so it holds at any view size. Until
 * the media's size is known, nothing: the stylesheet's `object-fit: contain` shows it whole.
 * With `motion`, at that moment of a clip with keyframes.
 */
export function picturePlacement(track: Track, clipLook: LookChange | undefined, media: PictureSize | undefined, motion?: LookMotion): CSSProperties | undefined {
  const { look, picture, source } = planTrackLayer(track, clipLook, media, motion);
  // A colour's or a title's picture is its box (as the plan takes it).
  const own = madeKinds.has(track.kind) ? { width: look.width, height: look.height } : media;
  if (!source || !own) return undefined;
  const fx = source.x / own.width;
  const fy = source.y / own.height;
  const fw = source.width / own.width;
  const fh = source.height / own.height;
  const width = picture.width / fw;
  const height = picture.height / fh;
  return {
    inset: 'auto',
    left: percent(picture.x - fx * width, look.width),
    top: percent(picture.y - fy * height, look.height),
    width: percent(width, look.width),
    height: percent(height, look.height),
    objectFit: 'fill',
    clipPath: `inset(${fy * 100}% ${(1 - fx - fw) * 100}% ${(1 - fy - fh) * 100}% ${fx * 100}%)`,
  };
}
