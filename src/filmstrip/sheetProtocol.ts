import type { FilmstripParams } from '../http';
import type { MediaSourceErrorCode } from '../sources';

/** What the filmstrip worker is asked: one sheet of one file, read as the page would read it. */
export interface SheetRequest extends FilmstripParams {
  url: string;
  crossOrigin: 'anonymous' | 'use-credentials' | undefined;
}

/** A sheet's thumbnails' size and grid, as the media server's status gives them. */
export interface SheetTile {
  width: number;
  height: number;
  columns: number;
  rows: number;
}

export type SheetReply =
  | { type: 'done'; bitmap: ImageBitmap; tile: SheetTile }
  /** The typed error as data (errors do not cross to the page as themselves). */
  | { type: 'failed'; code: MediaSourceErrorCode; message: string; status?: number };
