import { queryOptions, useQueries, type Query, type QueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback } from 'react';
import { filmstripGrid, type FilmstripParams, type FilmstripTile } from '../http';
import { fetchFromServerPipeline, MediaSourceError, useSourceContext, withHeldSource, type SourceOptions } from '../sources';
import type { MediaReference } from '../state';
import { makeSheetInWorker } from './makeSheetInWorker';

/** A filmstrip sheet ready to draw from: 100 thumbnails decoded once, as one bitmap. */
export interface FilmstripSheet {
  bitmap: ImageBitmap;
  tile: FilmstripTile;
  /** What the decoded bitmap holds (4 bytes a pixel): what the cache's cap and the memory reading count. */
  bytes: number;
}

/** Every query key the kit's filmstrips use; a sheet is keyed by its file and its parameters. */
export const filmstripKeys = {
  all: ['multitrack-kit', 'filmstrip'] as const,
  sheet: (url: string, params: FilmstripParams) => [...filmstripKeys.all, url, params.height, params.stepMs, params.sheet] as const,
};

/** How long a sheet no clip shows may be kept (within the byte cap): scrolling back, zooming back. */
export const keepSheetsMs = 5 * 60 * 1000;

/** A sheet from its bitmap, whoever made it: every sheet is the protocol's grid, so its tiles' size is its size over the grid. */
function sheetOf(bitmap: ImageBitmap): FilmstripSheet {
  const { columns, rows } = filmstripGrid;
  return { bitmap, tile: { width: bitmap.width / columns, height: bitmap.height / rows, columns, rows }, bytes: bitmap.width * bitmap.height * 4 };
}

async function sheetFromServer(url: string, made: Response): Promise<FilmstripSheet> {
  try {
    return sheetOf(await createImageBitmap(await made.blob()));
  } catch (error) {
    throw new MediaSourceError('decode', url, `The media server's filmstrip of this file could not be read: ${(error as Error).message}`, undefined, { cause: error });
  }
}

/**
 * The query that gets one filmstrip sheet of a video file: from the media server's pipeline where
 * the file comes from one that has it, else made in a worker from the file, or from its proxy
 * where it has one (the same frames for a fraction of the decoding).
 */
export function filmstripSheetQuery(queryClient: QueryClient, source: MediaReference, params: FilmstripParams, options: SourceOptions) {
  return queryOptions({
    queryKey: filmstripKeys.sheet(source.url, params),
    queryFn: async ({ signal }) => {
      if (options.derivedFromServer) {
        const made = await fetchFromServerPipeline(source.url, { kind: 'filmstrip', ...params }, signal);
        if (made) return sheetFromServer(source.url, made);
      }
      const from = source.proxy ? { url: source.proxy.url, mimeType: source.proxy.mimeType } : { url: source.url, mimeType: source.mimeType };
      return sheetOf(await withHeldSource(queryClient, from, options, (resolved) => makeSheetInWorker(resolved, params, signal)));
    },
    staleTime: Number.POSITIVE_INFINITY,
    gcTime: keepSheetsMs,
    refetchOnMount: false,
    refetchOnWindowFocus: false,
    refetchOnReconnect: false,
    networkMode: 'always',
    retry: (failureCount, error) => error instanceof MediaSourceError && error.transient && failureCount < 2,
  });
}

const isSheetQuery = (query: Query) => query.queryKey[0] === filmstripKeys.all[0] && query.queryKey[1] === filmstripKeys.all[1];
const sheetIn = (query: Query) => query.state.data as FilmstripSheet | undefined;

/** Bytes of the filmstrip sheets held: what the memory reading counts for them. */
export function readFilmstripBytes(queryClient: QueryClient): number {
  let bytes = 0;
  for (const query of queryClient.getQueryCache().findAll({ queryKey: filmstripKeys.all })) bytes += sheetIn(query)?.bytes ?? 0;
  return bytes;
}

/**
 * Keeps the decoded sheets within `maxBytes`: past it, the sheets used longest ago that no clip
 * shows now are let go (sheets in view are kept whatever they cost: they are on screen). A sheet
 * let go, by the cap or by its gc time, has its bitmap closed at once rather than left to the
 * garbage collector. Returns the function that stops watching and lets go of every sheet no
 * clip shows.
 */
export function capFilmstripSheets(queryClient: QueryClient, maxBytes: number): () => void {
  const cache = queryClient.getQueryCache();
  const lastUsed = new WeakMap<Query, number>();
  const usedAt = (query: Query) => Math.max(lastUsed.get(query) ?? 0, query.state.dataUpdatedAt);
  const evict = () => {
    const sheets = cache.findAll({ queryKey: filmstripKeys.all }).filter((query) => sheetIn(query));
    let bytes = sheets.reduce((sum, query) => sum + (sheetIn(query)?.bytes ?? 0), 0);
    if (bytes <= maxBytes) return;
    const idle = sheets.filter((query) => query.getObserversCount() === 0).sort((a, b) => usedAt(a) - usedAt(b));
    for (const query of idle) {
      if (bytes <= maxBytes) break;
      bytes -= sheetIn(query)?.bytes ?? 0;
      cache.remove(query);
    }
  };
  const unsubscribe = cache.subscribe((event) => {
    if (!isSheetQuery(event.query)) return;
    if (event.type === 'removed') sheetIn(event.query)?.bitmap.close();
    else if (event.type === 'observerRemoved') {
      lastUsed.set(event.query, performance.now() + performance.timeOrigin);
      evict();
    } else if (event.type === 'updated' && event.action.type === 'success') evict();
  });
  return () => {
    unsubscribe();
    for (const query of cache.findAll({ queryKey: filmstripKeys.all })) {
      if (query.getObserversCount() > 0) continue;
      cache.remove(query);
      sheetIn(query)?.bitmap.close();
    }
  };
}

export interface SheetState {
  sheet?: FilmstripSheet;
  error?: MediaSourceError;
}

/**
 * The sheets a clip shows, fetched or made when first asked for and shared by every clip of the
 * file. The answer keeps its identity while the sheets' states do not change (a stable `combine`),
 * so a clip draws again only when a sheet comes or goes.
 */
export function useFilmstripSheets(source: MediaReference, sheets: readonly FilmstripParams[]): SheetState[] {
  const { queryClient, options } = useSourceContext();
  const combine = useCallback(
    (results: UseQueryResult<FilmstripSheet>[]): SheetState[] =>
      results.map(({ data, error }) => ({
        sheet: data,
        error: error ? (error instanceof MediaSourceError ? error : new MediaSourceError('decode', source.url, String(error))) : undefined,
      })),
    [source.url],
  );
  return useQueries({ queries: sheets.map((params) => filmstripSheetQuery(queryClient, source, params, options)), combine }, queryClient);
}
