import { QueryClient, QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { capFilmstripSheets, filmstripKeys, readFilmstripBytes, type FilmstripSheet } from '../src/filmstrip';

const megabyte = 1024 * 1024;

/** A decoded sheet as the cache sees it; the bitmap only needs to be closable here. */
function sheet(bytes: number) {
  const close = vi.fn();
  const value: FilmstripSheet = { bitmap: { close } as unknown as ImageBitmap, tile: { width: 86, height: 48, columns: 10, rows: 10 }, bytes };
  return { value, close };
}

const key = (index: number) => filmstripKeys.sheet('/media/a.mp4', { height: 48, stepMs: 1000, sheet: index });

describe('the filmstrip sheet cache', () => {
  it('keeps the bytes under its cap by letting go of the sheets used longest ago, closing their bitmaps', () => {
    const client = new QueryClient();
    const stop = capFilmstripSheets(client, 2.5 * megabyte);
    const sheets = [sheet(megabyte), sheet(megabyte), sheet(megabyte)];
    client.setQueryData(key(0), sheets[0].value);
    client.setQueryData(key(1), sheets[1].value);
    expect(readFilmstripBytes(client)).toBe(2 * megabyte);
    client.setQueryData(key(2), sheets[2].value);
    expect(readFilmstripBytes(client)).toBe(2 * megabyte);
    expect(client.getQueryData(key(0))).toBeUndefined();
    expect(sheets[0].close).toHaveBeenCalledOnce();
    expect(sheets[1].close).not.toHaveBeenCalled();
    stop();
    // Stopping lets go of every sheet no clip shows.
    expect(readFilmstripBytes(client)).toBe(0);
    expect(sheets[1].close).toHaveBeenCalledOnce();
    expect(sheets[2].close).toHaveBeenCalledOnce();
  });

  it('keeps sheets a clip shows whatever they cost, and lets them go once it stops showing them', () => {
    const client = new QueryClient();
    const stop = capFilmstripSheets(client, 1.5 * megabyte);
    const shown = [sheet(megabyte), sheet(megabyte)];
    // Both on screen: observed as the timeline's clips observe them.
    const observers = [0, 1].map((index) => new QueryObserver(client, { queryKey: key(index), enabled: false }));
    const unsubscribe = observers.map((observer) => observer.subscribe(() => undefined));
    client.setQueryData(key(0), shown[0].value);
    client.setQueryData(key(1), shown[1].value);
    client.setQueryData(key(2), sheet(megabyte).value);
    // The third is the only one not on screen: it goes, though it is the newest.
    expect(client.getQueryData(key(2))).toBeUndefined();
    expect(readFilmstripBytes(client)).toBe(2 * megabyte);
    unsubscribe[0]();
    expect(readFilmstripBytes(client)).toBe(megabyte);
    expect(shown[0].close).toHaveBeenCalledOnce();
    unsubscribe[1]();
    stop();
  });

  it("closes a sheet's bitmap when it is dropped after its keep time", async () => {
    vi.useFakeTimers();
    try {
      const client = new QueryClient();
      const stop = capFilmstripSheets(client, 64 * megabyte);
      const kept = sheet(megabyte);
      const observer = new QueryObserver(client, { queryKey: key(0), queryFn: () => kept.value, gcTime: 1000 });
      client.setQueryData(key(0), kept.value);
      observer.subscribe(() => undefined)();
      await vi.advanceTimersByTimeAsync(1500);
      expect(client.getQueryData(key(0))).toBeUndefined();
      expect(kept.close).toHaveBeenCalledOnce();
      stop();
    } finally {
      vi.useRealTimers();
    }
  });
});
