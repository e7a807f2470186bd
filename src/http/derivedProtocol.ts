
/**
 * How a client asks the media server for media derived from an original (a preview proxy,
 * waveform peaks, filmstrip sheets), shared by the server, its mock and the kit's client so they
 * cannot drift. One protocol for every kind:
 *
 * - `POST /.derived/<kind>/<path>?<params>` asks for the item to be made (200 with its status if
 *   it is ready, 202 while queued or being made, 429 with Retry-After when the queue is full);
 * - `GET /.derived-status/<kind>/<path>?<params>` says where it stands, starting nothing;
 * - `GET /.derived/<kind>/<path>?<params>` serves it once made (404 before: never a partial item).
 *
 * `<path>` is the original's path in the media root, as for media. Dot paths are never media, so
 * these cannot shadow a file.
 */
export const derivedPaths = {
  item: '/.derived',
  status: '/.derived-status',
} as const;

export const derivedKinds = ['proxy', 'peaks', 'filmstrip'] as const;

/** Waveform peaks' media type (their format: `src/derived/peaksFile.ts`). */
export const peaksContentType = 'application/vnd.multitrack-kit.peaks';
export type DerivedKind = (typeof derivedKinds)[number];

/**
 * A filmstrip sheet: up to `filmstripGrid.columns` x `filmstripGrid.rows` thumbnails of one
 * height, one every `stepMs` of the original, in reading order; sheet `n` starts at
 * `n * columns * rows * stepMs`. Each thumbnail is the keyframe at or before its time (a filmstrip
 * is a guide, and keyframes decode alone: a sheet of a long file is quick to make); those past the
 * original's last keyframe show it. A JPEG; tiles a sheet has no picture for are black.
 */
export interface FilmstripParams {
  /** Thumbnail height in pixels: one of `filmstripHeights`. */
  height: number;
  /** Ms of the original from one thumbnail to the next: one of `filmstripStepsMs`. */
  stepMs: number;
  sheet: number;
}

/** A sheet's thumbnails' size in pixels, and the grid they are laid out in. */
export interface FilmstripTile {
  width: number;
  height: number;
  columns: number;
  rows: number;
}

export const filmstripHeights = [48, 72, 96] as const;
export const filmstripStepsMs = [250, 500, 1000, 2000, 5000, 10_000, 30_000, 60_000] as const;
export const filmstripGrid = { columns: 10, rows: 10 } as const;
/** Sheets past this are refused: 10 000 sheets of the finest step is about 70 hours. */
export const filmstripMaxSheet = 10_000;

export type DerivedParams = { kind: 'proxy' } | { kind: 'peaks' } | ({ kind: 'filmstrip' } & FilmstripParams);

/**
 * Why an item failed. About the media itself (remembered for a while, so a bad file is not run
 * again and again): `ffmpeg-failed` (it cannot be read), `no-audio`, `no-video`, `past-end` (a
 * filmstrip sheet after the media ends). About the server (asked again, tried again):
 * `ffmpeg-missing`, `cache-unwritable`, `cache-full`, `cache-mismatch` (a worker writing to another
 * cache than the servers'), `original-missing`, `shutting-down`.
 */
export type DerivedErrorCode =
  | 'ffmpeg-missing'
  | 'ffmpeg-failed'
  | 'no-audio'
  | 'no-video'
  | 'past-end'
  | 'cache-unwritable'
  | 'cache-full'
  | 'cache-mismatch'
  | 'original-missing'
  | 'shutting-down';

/** Whether a failure is about the media itself, so asking again would fail again (see `DerivedErrorCode`). */
export const failureIsAboutMedia = (code: DerivedErrorCode) => code === 'ffmpeg-failed' || code === 'no-audio' || code === 'no-video' || code === 'past-end';

/** Where a derived item stands, as the media server answers it in JSON. */
export type DerivedStatus =
  | { state: 'none' }
  /** Waiting its turn (`progress` 0) or being made. */
  | { state: 'generating'; progress: number }
  | {
      state: 'ready';
      bytes: number;
      contentType: string;
      /** A proxy: the tallest the server makes them (a smaller original keeps its size). */
      maxHeight?: number;
      /** A filmstrip sheet: one thumbnail's size in pixels, and the grid they are laid out in. */
      tile?: FilmstripTile;
    }
  | { state: 'failed'; error: { code: DerivedErrorCode; message: string } };

/** The query a kind's parameters take in a URL (empty for kinds without). */
export function derivedQuery(params: DerivedParams): string {
  if (params.kind !== 'filmstrip') return '';
  return `?height=${params.height}&step=${params.stepMs}&sheet=${params.sheet}`;
}

/** A kind's parameters from a request's query, or why they are wrong (a 400 to the client). */
export function parseDerivedParams(kind: string, query: URLSearchParams): DerivedParams | { invalid: string } {
  if (kind === 'proxy' || kind === 'peaks') return { kind };
  if (kind !== 'filmstrip') return { invalid: `No derived kind "${kind}": one of ${derivedKinds.join(', ')}.` };
  const height = Number(query.get('height'));
  const stepMs = Number(query.get('step'));
  const sheet = Number(query.get('sheet') ?? '0');
  if (!(filmstripHeights as readonly number[]).includes(height)) return { invalid: `height must be one of ${filmstripHeights.join(', ')}.` };
  if (!(filmstripStepsMs as readonly number[]).includes(stepMs)) return { invalid: `step must be one of ${filmstripStepsMs.join(', ')} (ms).` };
  if (!Number.isInteger(sheet) || sheet < 0 || sheet > filmstripMaxSheet) return { invalid: `sheet must be a whole number from 0 to ${filmstripMaxSheet}.` };
  return { kind, height, stepMs, sheet };
}
