import { filmstripGrid, filmstripHeights, filmstripStepsMs, type FilmstripParams } from '../http/derivedProtocol';

/**
 * Which filmstrip thumbnails a clip shows, and from which sheets: the geometry shared by the
 * timeline (what to fetch and where to draw it), the browser's own sheet maker and the tests.
 */

/** A thumbnail's width for a picture of `displayWidth` x `displayHeight` at `height`: even, as ffmpeg's `scale=-2` makes it. */
export function filmstripTileWidth(height: number, displayWidth: number, displayHeight: number): number {
  return Math.max(2, 2 * Math.round((height * displayWidth) / displayHeight / 2));
}

/** Thumbnails a sheet holds. */
export const tilesPerSheet = filmstripGrid.columns * filmstripGrid.rows;

/** Source ms of thumbnail `tile` (counted from the file's start) at `stepMs`. */
export const tileMs = (tile: number, stepMs: number) => tile * stepMs;

/** Where thumbnail `tile` sits in its sheet, in thumbnails from the sheet's top left. */
export function tileCell(tile: number): { sheet: number; column: number; row: number } {
  const inSheet = tile % tilesPerSheet;
  return { sheet: Math.floor(tile / tilesPerSheet), column: inSheet % filmstripGrid.columns, row: Math.floor(inSheet / filmstripGrid.columns) };
}

export interface FilmstripView {
  /** The part of the source the clip plays, in source ms. */
  sourceFromMs: number;
  sourceToMs: number;
  /** The clip box's width in CSS px, and the part of it in view (0 to `boxWidth`). */
  boxWidth: number;
  visibleFromPx: number;
  visibleToPx: number;
  /** The box's height in device pixels: thumbnails fill it. */
  deviceHeight: number;
  /** Device pixels per CSS px. */
  pixelRatio: number;
  /** The picture's shape, width over height (16/9 until the first sheet says otherwise). */
  aspect: number;
}

/** One thumbnail slot of the clip box: where it is drawn (CSS px from the box's left) and which thumbnail fills it. */
export interface FilmstripSlot {
  x: number;
  tile: number;
}

export interface FilmstripPlan {
  /** The sheets' thumbnail height and step: what the server is asked for. */
  height: (typeof filmstripHeights)[number];
  stepMs: (typeof filmstripStepsMs)[number];
  /** A slot's width in CSS px: a thumbnail drawn at the box's height (the last slot is cut by the box's end). */
  slotWidth: number;
  /** The slots in view, left to right. */
  slots: FilmstripSlot[];
  /** The sheets those slots need, each once, in order. */
  sheets: FilmstripParams[];
}

/**
 * The thumbnails a clip box shows at its zoom. Slots are as wide as a thumbnail drawn at the box's
 * height; each shows the thumbnail at its left edge's source time, from the coarsest step that
 * still gives every slot a picture of its own (never one picture twice side by side). Sheets are
 * the smallest height at least the box's device height, so nothing is scaled up. Only slots that
 * touch the visible part are planned: a clip zoomed to 100 000 px wide needs a screenful.
 */
export function planFilmstrip(view: FilmstripView): FilmstripPlan {
  const height = filmstripHeights.find((candidate) => candidate >= view.deviceHeight) ?? filmstripHeights[filmstripHeights.length - 1];
  const slotWidth = Math.max(1, (view.deviceHeight / view.pixelRatio) * view.aspect);
  const sourceMs = Math.max(0, view.sourceToMs - view.sourceFromMs);
  const msPerPx = view.boxWidth > 0 ? sourceMs / view.boxWidth : 0;
  const slotMs = slotWidth * msPerPx;
  const finer = filmstripStepsMs.filter((step) => step <= slotMs);
  const stepMs = finer.length > 0 ? finer[finer.length - 1] : filmstripStepsMs[0];
  const slots: FilmstripSlot[] = [];
  const sheetNumbers = new Set<number>();
  if (sourceMs > 0 && view.visibleToPx > view.visibleFromPx) {
    const first = Math.max(0, Math.floor(view.visibleFromPx / slotWidth));
    const last = Math.min(Math.ceil(view.boxWidth / slotWidth) - 1, Math.floor(view.visibleToPx / slotWidth));
    for (let slot = first; slot <= last; slot += 1) {
      const x = slot * slotWidth;
      const tile = Math.floor((view.sourceFromMs + x * msPerPx) / stepMs);
      slots.push({ x, tile });
      sheetNumbers.add(tileCell(tile).sheet);
    }
  }
  const sheets = [...sheetNumbers].sort((a, b) => a - b).map((sheet) => ({ height, stepMs, sheet }));
  return { height, stepMs, slotWidth, slots, sheets };
}
