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
 * Draws a layer as the element renderer shows one: its box filled with the composite's
 * background, the frame fitted inside it whole (`object-fit: contain`), centred. Without a frame
 * yet, the box alone.
 */
export function drawLayer(context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D, picture: VideoFrame | undefined, box: Box, background: string): void {
  context.fillStyle = background;
  context.fillRect(box.x, box.y, box.width, box.height);
  if (!picture || picture.displayWidth === 0 || picture.displayHeight === 0) return;
  const fit = Math.min(box.width / picture.displayWidth, box.height / picture.displayHeight);
  const width = picture.displayWidth * fit;
  const height = picture.displayHeight * fit;
  context.drawImage(picture, box.x + (box.width - width) / 2, box.y + (box.height - height) / 2, width, height);
}
