import { describe, expect, it } from 'vitest';
import { filmstripTileWidth, planFilmstrip, tileCell, type FilmstripView } from '../src/derived';

const view = (changes: Partial<FilmstripView>): FilmstripView => ({
  sourceFromMs: 0,
  sourceToMs: 30_000,
  boxWidth: 600,
  visibleFromPx: 0,
  visibleToPx: 600,
  deviceHeight: 32,
  pixelRatio: 1,
  aspect: 16 / 9,
  ...changes,
});

describe('which thumbnails a clip shows', () => {
  it('makes thumbnails as ffmpeg scales them: even widths of the picture shape', () => {
    expect(filmstripTileWidth(48, 640, 360)).toBe(86);
    expect(filmstripTileWidth(72, 1920, 1080)).toBe(128);
    expect(filmstripTileWidth(96, 1080, 1920)).toBe(54);
  });

  it('fills the box with thumbnails as tall as it is, from the smallest sheet height not scaled up', () => {
    const plan = planFilmstrip(view({}));
    expect(plan.height).toBe(48);
    expect(plan.slotWidth).toBeCloseTo((32 * 16) / 9);
    expect(plan.slots.length).toBe(Math.ceil(600 / plan.slotWidth));
    expect(planFilmstrip(view({ deviceHeight: 64, pixelRatio: 2 })).height).toBe(72);
    expect(planFilmstrip(view({ deviceHeight: 200 })).height).toBe(96);
  });

  it('picks the coarsest step that still gives every slot its own picture', () => {
    // 30 s over 600 px: 50 ms a px, a slot of 56.9 px is 2844 ms: the 2000 ms step.
    const plan = planFilmstrip(view({}));
    expect(plan.stepMs).toBe(2000);
    const tiles = plan.slots.map((slot) => slot.tile);
    expect(new Set(tiles).size).toBe(tiles.length);
    expect(tiles.slice(0, 3)).toEqual([0, 1, 2]);
    // Zoomed in 20 times: 2.5 ms a px, 142 ms a slot: the finest step there is.
    expect(planFilmstrip(view({ boxWidth: 12_000 })).stepMs).toBe(250);
  });

  it('shows each slot the picture at its left edge, from the part of the source the clip plays', () => {
    const plan = planFilmstrip(view({ sourceFromMs: 10_000, sourceToMs: 20_000, boxWidth: 1000 }));
    // 10 ms a px: the slot at 56.9 px starts at 10 569 ms, in the 500 ms step's tile 21.
    expect(plan.stepMs).toBe(500);
    expect(plan.slots[0]).toEqual({ x: 0, tile: 20 });
    expect(plan.slots[1].tile).toBe(21);
  });

  it('plans only the slots in view, and the sheets they need', () => {
    // 30 s over 24 000 px: 1.25 ms a px; the 250 ms step puts 25 s on a sheet.
    const plan = planFilmstrip(view({ boxWidth: 24_000, visibleFromPx: 0, visibleToPx: 600 }));
    expect(plan.stepMs).toBe(250);
    expect(plan.slots.length).toBe(11);
    expect(plan.sheets).toEqual([{ height: 48, stepMs: 250, sheet: 0 }]);
    const end = planFilmstrip(view({ boxWidth: 24_000, visibleFromPx: 23_400, visibleToPx: 24_000 }));
    expect(end.sheets).toEqual([{ height: 48, stepMs: 250, sheet: 1 }]);
    expect(end.slots.every((slot) => slot.x + end.slotWidth > 23_400 && slot.x < 24_000)).toBe(true);
    expect(planFilmstrip(view({ visibleFromPx: 300, visibleToPx: 300 })).slots).toEqual([]);
  });

  it('finds a thumbnail in its sheet in reading order', () => {
    expect(tileCell(0)).toEqual({ sheet: 0, column: 0, row: 0 });
    expect(tileCell(57)).toEqual({ sheet: 0, column: 7, row: 5 });
    expect(tileCell(123)).toEqual({ sheet: 1, column: 3, row: 2 });
  });
});
