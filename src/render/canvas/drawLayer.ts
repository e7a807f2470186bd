import type { Track } from '../../state';

/** A rectangle on the canvas, in its pixels. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A track's layout box in canvas pixels, given canvas pixels per composition pixel. */
export function layerBox(layout: Track['layout'], scale: { x: number; y: number }): Box {
  return { x: layout.x * scale.x, y: layout.y * scale.y, width: layout.width * scale.x, height: layout.height * scale.y };
}

/**
 * The size, in whole canvas pixels, a picture of `width` x `height` takes fitted whole inside a
 * box (`object-fit: contain`, as a `<video>` shows it): what a frame is staged at.
 */
export function fittedSize(picture: { width: number; height: number }, box: Box): { width: number; height: number } {
  if (picture.width === 0 || picture.height === 0) return { width: 1, height: 1 };
  const fit = Math.min(box.width / picture.width, box.height / picture.height);
  return { width: Math.max(1, Math.round(picture.width * fit)), height: Math.max(1, Math.round(picture.height * fit)) };
}

/**
 * Draws a layer as the element renderer shows one: its box filled with the composite's
 * background, its picture fitted inside it (`fittedSize`) and centred. Without a picture
 * yet, the box alone.
 */
export function drawLayer(context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, picture: OffscreenCanvas | undefined, box: Box, background: string): void {
  context.fillStyle = background;
  context.fillRect(box.x, box.y, box.width, box.height);
  if (!picture) return;
  // A picture made smaller than its box (the frame has fewer pixels) is scaled up here.
  const { width, height } = fittedSize(picture, box);
  context.drawImage(picture, box.x + (box.width - width) / 2, box.y + (box.height - height) / 2, width, height);
}
