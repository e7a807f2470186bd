import { describe, expect, it } from 'vitest';
import { drawLayer, layerPaint } from '../src/render/canvas/drawLayer';
import { picturePlacement } from '../src/render/elements/picturePlacement';
import type { Track } from '../src/state';

const track = (overrides: Partial<Track> = {}): Track => ({
  id: 'a',
  name: 'A',
  kind: 'video',
  source: { url: '/media/a.mp4' },
  layout: { x: 100, y: 50, width: 640, height: 360, order: 0 },
  clips: [{ startMs: 0, inMs: 0, outMs: 1000 }],
  visible: true,
  ...overrides,
});

/** A 2D context that records what is asked of it, in order. */
function recordingContext() {
  const calls: unknown[][] = [];
  const state = { globalAlpha: 1, globalCompositeOperation: 'source-over', fillStyle: '' };
  const saved: (typeof state)[] = [];
  const context = {
    calls,
    get globalAlpha() {
      return state.globalAlpha;
    },
    set globalAlpha(value: number) {
      state.globalAlpha = value;
    },
    get globalCompositeOperation() {
      return state.globalCompositeOperation;
    },
    set globalCompositeOperation(value: string) {
      state.globalCompositeOperation = value;
    },
    set fillStyle(value: string) {
      state.fillStyle = value;
    },
    save: () => saved.push({ ...state }),
    restore: () => Object.assign(state, saved.pop()),
    setTransform: (...matrix: number[]) => calls.push(['setTransform', ...matrix]),
    fillRect: (...rect: number[]) => calls.push(['fillRect', state.fillStyle, state.globalAlpha, state.globalCompositeOperation, ...rect]),
    drawImage: (_picture: unknown, ...rect: number[]) => calls.push(['drawImage', state.globalAlpha, state.globalCompositeOperation, ...rect]),
  };
  return context;
}

const picture = (width: number, height: number) => ({ width, height }) as OffscreenCanvas;

describe('painting a layer from its composite plan', () => {
  it('paints an untouched layer as its box, its picture whole inside it, at the canvas scale', () => {
    // A 4:3 picture in a 16:9 box, on a canvas at half the composition's size.
    const paint = layerPaint(track(), undefined, 0, { x: 0.5, y: 0.5 }, { width: 1440, height: 1080 });
    expect(paint.staged).toEqual({ width: 240, height: 180 });
    const context = recordingContext();
    drawLayer(context as unknown as OffscreenCanvasRenderingContext2D, picture(240, 180), paint, '#000');
    expect(context.calls).toEqual([
      ['setTransform', 0.5, 0, 0, 0.5, 50, 25],
      ['fillRect', '#000', 1, 'source-over', 0, 0, 640, 360],
      ['drawImage', 1, 'source-over', 0, 0, 240, 180, 80, 0, 480, 360],
    ]);
    // The context is left as it was found.
    expect(context.globalAlpha).toBe(1);
    expect(context.globalCompositeOperation).toBe('source-over');
  });

  it('stages a cropped, covered picture so that the part drawn lands pixel for pixel', () => {
    const look = { fit: 'cover' as const, crop: { left: 0.5 } };
    const paint = layerPaint(track({ look }), undefined, 0, { x: 1, y: 1 }, { width: 1920, height: 1080 });
    // Half the source's width is left, 960 x 1080, cut to 16:9 about its centre: 960 x 540.
    expect(paint.source).toEqual({ x: 0.5, y: 0.25, width: 0.5, height: 0.5 });
    expect(paint.staged).toEqual({ width: 1280, height: 720 });
    const context = recordingContext();
    drawLayer(context as unknown as OffscreenCanvasRenderingContext2D, picture(1280, 720), paint, '#000');
    expect(context.calls[2]).toEqual(['drawImage', 1, 'source-over', 640, 180, 640, 360, 0, 0, 640, 360]);
  });

  it("takes the clip's look over the track's: turned, at its opacity and blend", () => {
    const clip = { startMs: 0, inMs: 0, outMs: 1000, look: { rotation: 90, opacity: 0.5, blend: 'add' as const } };
    const paint = layerPaint(track({ look: { opacity: 0.8 } }), clip, 0, { x: 1, y: 1 });
    const context = recordingContext();
    drawLayer(context as unknown as OffscreenCanvasRenderingContext2D, undefined, paint, '#111');
    const [name, a, b, c, d, e, f] = context.calls[0] as [string, ...number[]];
    expect(name).toBe('setTransform');
    // Turned a quarter clockwise about the box's centre (420, 230): its top-left corner goes to (600, -90).
    [a, b, c, d, e, f].forEach((value, index) => expect(value).toBeCloseTo([0, 1, -1, 0, 600, -90][index], 9));
    expect(context.calls[1]).toEqual(['fillRect', '#111', 0.5, 'lighter', 0, 0, 640, 360]);
    // No picture yet: the box alone.
    expect(context.calls).toHaveLength(2);
  });

  it("paints a clip's keyframes at the playhead of the frame: a clip at 2 s, half way through its turn and fade", () => {
    const clip = {
      startMs: 2000,
      inMs: 0,
      outMs: 1000,
      animation: { rotation: [{ atMs: 0, value: 0 }, { atMs: 1000, value: 180 }], opacity: [{ atMs: 200, value: 1 }, { atMs: 800, value: 0.5 }] },
    };
    const at = (playheadMs: number) => {
      const context = recordingContext();
      drawLayer(context as unknown as OffscreenCanvasRenderingContext2D, undefined, layerPaint(track(), clip, playheadMs, { x: 1, y: 1 }), '#111');
      return context.calls;
    };
    const [name, a, b, c, d, e, f] = at(2500)[0] as [string, ...number[]];
    expect(name).toBe('setTransform');
    // Turned 90 degrees: as the quarter turn above.
    [a, b, c, d, e, f].forEach((value, index) => expect(value).toBeCloseTo([0, 1, -1, 0, 600, -90][index], 9));
    expect((at(2500)[1] as unknown[])[2]).toBeCloseTo(0.75, 12);
    // Before its first opacity keyframe, the first value; the turn not begun at the clip's start.
    expect(at(2000)[0]).toEqual(['setTransform', 1, 0, 0, 1, 100, 50]);
    expect((at(2100)[1] as unknown[])[2]).toBe(1);
  });
});

describe("placing a layer's <video> from its composite plan", () => {
  it('leaves the picture to the stylesheet until the media size is known', () => {
    expect(picturePlacement(track(), undefined, undefined)).toBeUndefined();
  });

  it('places an untouched picture whole inside its box, as object-fit: contain does', () => {
    const placed = picturePlacement(track(), undefined, { width: 1440, height: 1080 });
    expect(placed).toMatchObject({ left: '12.5%', top: '0%', width: '75%', height: '100%', objectFit: 'fill', clipPath: 'inset(0% 0% 0% 0%)' });
  });

  it('keeps only the part of the source its crop and cover leave, stretched over the box', () => {
    const placed = picturePlacement(track({ look: { fit: 'cover', crop: { left: 0.5 } } }), undefined, { width: 1920, height: 1080 });
    // The kept part, 960 x 540 from (960, 270), fills the 640 x 360 box: the whole source is then 1280 x 720.
    expect(placed).toMatchObject({ left: '-100%', top: '-50%', width: '200%', height: '200%', clipPath: 'inset(25% 0% 25% 50%)' });
  });
});
