import { imageSize } from 'image-size';
import { createTurns, fileName, httpStatusError, MediaSourceError, networkError, type ResolvedSource } from '../sources';
import { textFont, type PictureSize, type PlannedLayer, type TextContent } from '../state';

/**
 * The pictures of still layers, made once at the size they are drawn: an image file decoded to
 * that size (`createImageBitmap` with a size: a 4000 x 3000 photo drawn at 320 x 240 holds 320 x
 * 240 pixels, not 12 million), and a title set in its box at that scale. Both renderers show the same
 * bitmap, so a title's letters are the same pixels in either, and in an export.
 */

/** An image file read and measured, ready to decode at any size. */
export interface OpenedImage {
  /** The picture's size as shown (after its EXIF orientation). */
  width: number;
  height: number;
  /** The picture decoded at `size` (its whole picture, not a crop), smoothed as it is scaled. */
  decodeAt(size: PictureSize): Promise<ImageBitmap>;
  /** Ends any request in flight and lets go of the file's bytes. */
  close(): void;
}

/**
 * The file's bytes, with the failures a person can act on named. Past the browser's HTTP cache
 * (`no-store`): a picture held is a bitmap of the size it is drawn, and a cached copy of the file
 * would be one more (measured: an in-memory cache, as a private window's, kept a 3.6 MB JPEG per
 * layer). Past it too because Chromium (156) answered this request from the loader's two-byte
 * probe of the file: a 200 that announced the whole file and held two bytes.
 */
async function fetchImage(source: ResolvedSource, signal: AbortSignal): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(source.url, { signal, cache: 'no-store', credentials: source.crossOrigin === 'use-credentials' ? 'include' : 'same-origin' });
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw networkError(source.url, error);
  }
  if (!response.ok) throw httpStatusError(source.url, response.status);
  const announced = Number(response.headers.get('content-length') ?? Number.NaN);
  const bytes = await response.blob();
  if (bytes.size < announced) throw notAnImage(source.url, `the server sent ${bytes.size} of its ${announced} bytes`);
  return bytes;
}

const notAnImage = (url: string, why: string, cause?: unknown) =>
  new MediaSourceError('decode', url, `${fileName(url)} could not be read as an image (PNG, JPEG, WebP, AVIF, GIF): ${why}`, undefined, cause === undefined ? undefined : { cause });

/**
 * Decodes in turn, two at a time: a browser decodes the whole file before scaling it (a 4000 x
 * 3000 JPEG is 48 MB of pixels for a moment), and a project of twenty photos would ask for all
 * of them at once.
 */
const decodes = createTurns(2);

/** The size a header gives: read from the file's first 256 KiB (past a large EXIF block), else the whole of it. */
async function sizeOf(file: Blob): Promise<{ width: number; height: number; orientation?: number }> {
  const head = 256 * 1024;
  if (file.size > head) {
    try {
      return imageSize(new Uint8Array(await file.slice(0, head).arrayBuffer()));
    } catch {
      // The size lies further in: read on.
    }
  }
  return imageSize(new Uint8Array(await file.arrayBuffer()));
}

/**
 * Reads an image file and its size from its header (`image-size`: no pixels decoded), keeping
 * its bytes only until its first decode: a picture held is a bitmap of the size it is drawn, not
 * the file (a 4000 x 3000 JPEG is some megabytes). A later decode at another size reads the file
 * again. A file that is not an image fails with a
 * `MediaSourceError` naming it.
 */
export async function openImage(source: ResolvedSource, signal: AbortSignal): Promise<OpenedImage> {
  let bytes: Blob | undefined = await fetchImage(source, signal);
  let size: { width: number; height: number; orientation?: number };
  try {
    size = await sizeOf(bytes);
  } catch (error) {
    throw notAnImage(source.url, `it is cut short or in another format (${(error as Error).message})`, error);
  }
  // EXIF orientations 5 to 8 turn the picture a quarter: it is shown the other way round.
  const turned = (size.orientation ?? 1) >= 5;
  const closing = new AbortController();
  const stop = () => closing.abort();
  signal.addEventListener('abort', stop, { once: true });
  return {
    width: turned ? size.height : size.width,
    height: turned ? size.width : size.height,
    decodeAt(wanted) {
      return decodes.inTurn(closing.signal, async () => {
        const file = bytes ?? (await fetchImage(source, closing.signal));
        bytes = undefined;
        try {
          return await createImageBitmap(file, { resizeWidth: wanted.width, resizeHeight: wanted.height, resizeQuality: 'high', imageOrientation: 'from-image' });
        } catch (error) {
          throw notAnImage(source.url, (error as Error).message, error);
        }
      });
    },
    close() {
      bytes = undefined;
      signal.removeEventListener('abort', stop);
      stop();
    },
  };
}

/** Picture sizes are rounded up to this step, so a layer scaled by a few pixels is not decoded again. */
const sizeStep = 16;

/**
 * The size a still's whole picture is made at so that its drawn part lands pixel for pixel on the
 * composite (in composition pixels, as an export draws it): the plan's drawn size over the part of
 * the picture its crop keeps, rounded up to a step, and never more than the picture's own size.
 */
export function stillPictureSize(planned: PlannedLayer, media: PictureSize | undefined): PictureSize {
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
