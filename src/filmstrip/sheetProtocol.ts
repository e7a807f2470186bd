import type { FilmstripParams } from '../http';
import type { MediaSourceErrorCode, ResolvedSource } from '../sources';

/** What the filmstrip worker is asked: one sheet of one file, read as the page would read it. */
export type SheetRequest = FilmstripParams & Pick<ResolvedSource, 'url' | 'crossOrigin'>;

/** The sheet as one bitmap, in the server's grid (its tiles' size is its size over the grid). */
export type SheetReply =
  | { type: 'done'; bitmap: ImageBitmap }
  /** The typed error as data (errors do not cross to the page as themselves). */
  | { type: 'failed'; code: MediaSourceErrorCode; message: string; status?: number };
