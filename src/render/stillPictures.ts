import { fileName, MediaSourceError, type ResolvedSource } from '../sources';
import { planTrackLayer, textFont, type LookChange, type PictureSize, type TextContent, type Track } from '../state';

/**
 * The pictures of still layers, made once at the size they are drawn: an image file decoded to
 * that size (the browser decodes the file; a 4000 x 3000 photo drawn at 427 x 320 holds 427 x 320
 * pixels, not 12 million), and a title set in its box at that scale. Both renderers show the same
 * bitmap, so a title's letters are the same pixels in either, and in an export.
 */

/** An image file the browser has read (its header, for its size), ready to decode at any size. */
export interface OpenedImage {
  image: HTMLImageElement;
  width: number;
  height: number;
  /** Lets go of the file (the element's request and its bytes). */
  close(): void;
}

/**
 * Reads an image file through an `<img>` that is never shown: its size is known once it loads,
 * and the pixels are decoded only when asked for at a size (`imageBitmapAt`). A file the browser
 * cannot show as an image fails with a `MediaSourceError` naming it.
 */
export function openImage(source: ResolvedSource, signal: AbortSignal): Promise<OpenedImage> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    const close = () => {
      image.onload = null;
      image.onerror = null;
      // Ends the request, and lets go of the bytes, now rather than at garbage collection.
      image.removeAttribute('src');
    };
    const onAbort = () => {
      close();
      reject(signal.reason);
    };
    if (source.crossOrigin) image.crossOrigin = source.crossOrigin;
    image.decoding = 'async';
    image.onload = () => {
      signal.removeEventListener('abort', onAbort);
      if (image.naturalWidth > 0 && image.naturalHeight > 0) resolve({ image, width: image.naturalWidth, height: image.naturalHeight, close });
      else {
        close();
        reject(new MediaSourceError('decode', source.url, `${fileName(source.url)} has no picture to show.`));
      }
    };
    image.onerror = () => {
      signal.removeEventListener('abort', onAbort);
      close();
      reject(new MediaSourceError('decode', source.url, `${fileName(source.url)} could not be read as an image (PNG, JPEG, WebP, AVIF, GIF): it is missing, cut short or in another format.`));
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    image.src = source.url;
  });
}

/**
 * The image decoded at `size` (its whole picture, not a crop), smoothed as it is scaled. Where a
 * browser ignores the size it asks (`resizeWidth`), the bitmap comes whole and is drawn scaled.
 */
export async function imageBitmapAt(opened: OpenedImage, size: PictureSize, url: string): Promise<ImageBitmap> {
  try {
    return await createImageBitmap(opened.image, { resizeWidth: size.width, resizeHeight: size.height, resizeQuality: 'high' });
  } catch (error) {
    throw new MediaSourceError('decode', url, `${fileName(url)} could not be decoded: ${(error as Error).message}`, undefined, { cause: error });
  }
}

/** Picture sizes are rounded up to this step, so a layer scaled by a few pixels is not decoded again. */
const sizeStep = 16;

/**
 * The size a still's whole picture is made at so that its drawn part lands pixel for pixel on the
 * composite (in composition pixels, as an export draws it): the plan's drawn size over the part of
 * the picture its crop keeps, rounded up to a step, and never more than the picture's own size.
 */
export function stillPictureSize(track: Track, clipLook: LookChange | undefined, media: PictureSize | undefined): PictureSize {
  const planned = planTrackLayer(track, clipLook, media);
  const own = media ?? { width: planned.look.width, height: planned.look.height };
  const keptWidth = planned.source ? planned.source.width / own.width : 1;
  const keptHeight = planned.source ? planned.source.height / own.height : 1;
  const step = (pixels: number, most: number) => Math.max(1, Math.min(Math.ceil(pixels / sizeStep) * sizeStep, media ? most : Number.POSITIVE_INFINITY));
  return {
    width: step(planned.drawnSize.width / Math.max(keptWidth, 1e-6), own.width),
    height: step(planned.drawnSize.height / Math.max(keptHeight, 1e-6), own.height),
  };
}

/** Whether a picture made at `held` may stand for one wanted at `wanted`: not smaller, and not twice as large. */
export const pictureFits = (held: PictureSize, wanted: PictureSize) =>
  held.width >= wanted.width && held.height >= wanted.height && held.width < wanted.width * 2 && held.height < wanted.height * 2;

/** The lines `content` breaks into within `width`: at its own line breaks, then between words; a word too wide is broken between letters. */
export function wrapLines(content: string, width: number, measure: (text: string) => number): string[] {
  const lines: string[] = [];
  for (const paragraph of content.split('\n')) {
    let line = '';
    for (const word of paragraph.split(/ +/)) {
      const tried = line === '' ? word : `${line} ${word}`;
      if (measure(tried) <= width) {
        line = tried;
        continue;
      }
      if (line !== '') lines.push(line);
      // A word wider than the box alone: as many letters a line as fit (one at least).
      let rest = word;
      while (measure(rest) > width && rest.length > 1) {
        let fit = 1;
        while (fit < rest.length && measure(rest.slice(0, fit + 1)) <= width) fit += 1;
        lines.push(rest.slice(0, fit));
        rest = rest.slice(fit);
      }
      line = rest;
    }
    lines.push(line);
  }
  return lines;
}

/** Waits for the page's fonts a title needs (an `@font-face` not yet fetched); a font that fails leaves the fallback. */
async function fontsFor(text: TextContent): Promise<void> {
  const fonts = (globalThis as { document?: Document }).document?.fonts;
  if (!fonts) return;
  await fonts.load(textFont(text), text.content || ' ').catch(() => undefined);
}

/**
 * A title set in its `box` (composition pixels) onto a bitmap of `size`: its lines wrapped to the
 * box, aligned, with its outline and shadow, at the scale `size` gives the box. Transparent
 * wherever there is no letter.
 */
export async function titleBitmap(text: TextContent, box: PictureSize, size: PictureSize): Promise<ImageBitmap> {
  await fontsFor(text);
  const canvas = new OffscreenCanvas(size.width, size.height);
  const context = canvas.getContext('2d');
  if (!context) throw new Error('multitrack-kit: no 2D context to set a title in.');
  const scaleX = size.width / box.width;
  const scaleY = size.height / box.height;
  context.scale(scaleX, scaleY);
  context.font = textFont(text);
  context.textBaseline = 'middle';
  context.textAlign = text.align;
  context.lineJoin = 'round';
  const lines = wrapLines(text.content, box.width, (line) => context.measureText(line).width);
  const lineHeight = text.fontSize * text.lineHeight;
  const block = lines.length * lineHeight;
  const top = text.verticalAlign === 'top' ? 0 : text.verticalAlign === 'bottom' ? box.height - block : (box.height - block) / 2;
  const x = text.align === 'left' ? 0 : text.align === 'right' ? box.width : box.width / 2;
  const passes: ('stroke' | 'fill')[] = text.outline && text.outline.width > 0 ? ['stroke', 'fill'] : ['fill'];
  passes.forEach((pass, index) => {
    // The shadow falls once, under the first pass: under the outline where there is one.
    if (index === 0 && text.shadow) {
      // Shadows are in canvas pixels, whatever the transform: scaled by hand.
      context.shadowColor = text.shadow.color;
      context.shadowBlur = text.shadow.blur * Math.min(scaleX, scaleY);
      context.shadowOffsetX = text.shadow.x * scaleX;
      context.shadowOffsetY = text.shadow.y * scaleY;
    } else context.shadowColor = 'transparent';
    if (pass === 'stroke' && text.outline) {
      context.strokeStyle = text.outline.color;
      context.lineWidth = text.outline.width * 2;
    } else context.fillStyle = text.color;
    lines.forEach((line, row) => {
      const y = top + (row + 0.5) * lineHeight;
      if (pass === 'stroke') context.strokeText(line, x, y);
      else context.fillText(line, x, y);
    });
  });
  return canvas.transferToImageBitmap();
}
