/** What one benchmark page shows, read from its URL. */
export interface BenchParams {
  strategy: 'empty' | 'naive' | 'lazy' | 'streaming' | 'floor' | 'budget' | 'proxy' | 'canvas' | 'canvas-page' | 'canvas-direct';
  tracks: number;
  /** The decoder budget of the 'budget' strategy: live decoders at most. */
  decoders: number;
  visible: number;
  /** Media URLs, one per track; distinct files differ by a query string the server ignores. */
  urls: string[];
  /** The 'proxy' strategy: the preview proxy of the file, which every track names as its `source.proxy`. */
  proxyUrl: string | undefined;
  /** Every track loads first (all visible), then all but `visible` are hidden: what a hidden track leaves behind. */
  hideAfterLoad: boolean;
  /** Each track cuts at this time (ms) from its source's start to 4 s further into it; none when undefined. */
  cutMs: number | undefined;
  /** Every layer styled (`styledLook`) instead of plain: what a look costs to draw. */
  styled: boolean;
  /** Every layer's clip animated too (`animatedClip`): what keyframes cost each frame. */
  animated: boolean;
}

/** A styled layer of the looks benchmark: turned, scaled down and see-through, as a picture-in-picture might be. */
export const styledLook = (index: number) => ({ rotation: index % 2 === 0 ? 8 : -8, scale: { x: 0.9, y: 0.9 }, opacity: 0.8 });

/**
 * The motion benchmark's keyframes: three properties of each layer (its turn, its scale, its
 * opacity) easing between two values every second, around `styledLook`'s, for the clip's first
 * ten minutes. The layers' phases differ, as a real project's would.
 */
export function animatedClip(index: number) {
  const keyframes = (low: number, high: number) =>
    Array.from({ length: 600 }, (_, second) => ({ atMs: second * 1000 + (index % 10) * 100, value: (second + index) % 2 === 0 ? low : high, easing: 'ease-in-out' as const }));
  return { rotation: keyframes(-8, 8), 'scale.x': keyframes(0.85, 0.95), opacity: keyframes(0.7, 0.9) };
}

export function readParams(search: string): BenchParams {
  const query = new URLSearchParams(search);
  const tracks = Number(query.get('tracks') ?? 0);
  const file = query.get('file') ?? '';
  const distinct = query.get('distinct') === '1';
  return {
    strategy: (query.get('strategy') ?? 'empty') as BenchParams['strategy'],
    tracks,
    decoders: Number(query.get('decoders') ?? Number.POSITIVE_INFINITY),
    visible: Number(query.get('visible') ?? tracks),
    urls: Array.from({ length: tracks }, (_, index) => (distinct ? `${file}?copy=${index}` : file)),
    proxyUrl: query.get('proxy') ?? undefined,
    hideAfterLoad: query.get('hideAfterLoad') === '1',
    cutMs: query.has('cut') ? Number(query.get('cut')) : undefined,
    styled: query.get('styled') === '1',
    animated: query.get('animated') === '1',
  };
}

/** Grid cell of track `index` among `count`, in a 1280x720 composition. */
export function cell(index: number, count: number) {
  const columns = Math.ceil(Math.sqrt(count));
  const rows = Math.ceil(count / columns);
  const width = Math.floor(1280 / columns);
  const height = Math.floor(720 / rows);
  return { x: (index % columns) * width, y: Math.floor(index / columns) * height, width, height };
}
