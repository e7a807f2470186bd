import { describe, expect, it } from 'vitest';
import { apply, fitPicture, hides, identity, invert, layerAt, multiply, planLayer, seenOnComposite, type Point } from '../src/state/compositePlan';
import { checkLook, LookError, resolveLook, type LookChange } from '../src/state/layerLook';
import {
  clipLookChanged,
  compositionBackgroundChanged,
  compositionResized,
  createCompositorStore,
  selectCompositePlan,
  selectCompositionBackground,
  trackAdded,
  trackLookChanged,
  trackMediaMeasured,
} from '../src/state';

const box = { x: 0, y: 0, width: 640, height: 360 };
const look = (change?: LookChange, at = box) => resolveLook(at, change);
const hd = { width: 1280, height: 720 };
const close = (point: Point, x: number, y: number) => {
  expect(point.x).toBeCloseTo(x, 6);
  expect(point.y).toBeCloseTo(y, 6);
};

describe('the composite plan', () => {
  it('draws an untouched layer as its box, its picture whole inside it', () => {
    const layer = planLayer('a', look({}, { x: 100, y: 50, width: 640, height: 360 }), hd);
    close(apply(layer.matrix, { x: 0, y: 0 }), 100, 50);
    expect(layer.bounds).toEqual({ x: 100, y: 50, width: 640, height: 360 });
    expect(layer.drawnSize).toEqual({ width: 640, height: 360 });
    expect(layer.source).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
  });

  it('fits a 4:3 picture in a 16:9 box whole (contain), filling and cut (cover) or stretched (fill)', () => {
    const square = { width: 1440, height: 1080 };
    expect(fitPicture(look(), square)).toEqual({ picture: { x: 80, y: 0, width: 480, height: 360 }, source: { x: 0, y: 0, width: 1440, height: 1080 } });
    expect(fitPicture(look({ fit: 'cover' }), square)).toEqual({ picture: { x: 0, y: 0, width: 640, height: 360 }, source: { x: 0, y: 135, width: 1440, height: 810 } });
    expect(fitPicture(look({ fit: 'fill' }), square)).toEqual({ picture: { x: 0, y: 0, width: 640, height: 360 }, source: { x: 0, y: 0, width: 1440, height: 1080 } });
  });

  it('crops the source before fitting it', () => {
    // The left half of a 16:9 picture is 8:9: contained in a 16:9 box it is half as wide.
    const { picture, source } = fitPicture(look({ crop: { right: 0.5 } }), hd);
    expect(source).toEqual({ x: 0, y: 0, width: 640, height: 720 });
    expect(picture).toEqual({ x: 160, y: 0, width: 320, height: 360 });
  });

  it('fills the box until the picture size is known', () => {
    expect(fitPicture(look(), undefined)).toEqual({ picture: box, source: undefined });
  });

  it('rotates, scales and flips about the anchor', () => {
    const turned = planLayer('a', look({ rotation: 90 }), hd);
    // Clockwise a quarter turn about the centre (320, 180): the top-left corner goes to the top right.
    close(turned.corners[0], 500, -140);
    expect(turned.bounds.x).toBeCloseTo(140, 6);
    expect(turned.bounds.width).toBeCloseTo(360, 6);
    expect(turned.drawnSize).toEqual({ width: 640, height: 360 });

    const doubled = planLayer('a', look({ scale: { x: 2, y: 2 }, anchor: { x: 0, y: 0 } }), hd);
    expect(doubled.bounds).toEqual({ x: 0, y: 0, width: 1280, height: 720 });
    expect(doubled.drawnSize).toEqual({ width: 1280, height: 720 });

    const mirrored = planLayer('a', look({ flip: { horizontal: true } }), hd);
    close(mirrored.corners[0], 640, 0);
    expect(mirrored.bounds).toEqual(box);
  });

  it('inverts what it composes', () => {
    const matrix = planLayer('a', look({ rotation: 33, scale: { x: 1.5, y: 0.5 }, anchor: { x: 0.2, y: 0.7 } }, { x: 10, y: 20, width: 300, height: 200 })).matrix;
    const back = multiply(invert(matrix) ?? identity, matrix);
    back.forEach((value, index) => expect(value).toBeCloseTo(identity[index], 9));
    expect(invert(planLayer('a', look({ scale: { x: 0 } })).matrix)).toBeUndefined();
  });
});

describe('what is seen, hidden and hit', () => {
  const composite = { width: 1280, height: 720 };

  it('sees a layer with some picture on the composite, and none moved off it, invisible or of no size', () => {
    expect(seenOnComposite(planLayer('a', look()), composite)).toBe(true);
    expect(seenOnComposite(planLayer('a', look({ x: 1280 })), composite)).toBe(false);
    expect(seenOnComposite(planLayer('a', look({ x: -639 })), composite)).toBe(true);
    expect(seenOnComposite(planLayer('a', look({ opacity: 0 })), composite)).toBe(false);
    expect(seenOnComposite(planLayer('a', look({ scale: { x: 0 } })), composite)).toBe(false);
    // Until the view says the composite's size, everything to the right and below counts.
    expect(seenOnComposite(planLayer('a', look({ x: 5000 })), {})).toBe(true);
  });

  it('does not see a turned layer whose bounds touch the composite but whose picture does not', () => {
    // A 400 x 400 square turned 45 degrees, centred 250 px left of and above the composite's
    // corner: its bounds (+-283) reach 33 px in, its nearest edge stays 103 px outside.
    const diamond = planLayer('a', look({ rotation: 45, x: -450, y: -450, width: 400, height: 400 }));
    expect(diamond.bounds.x + diamond.bounds.width).toBeGreaterThan(0);
    expect(seenOnComposite(diamond, composite)).toBe(false);
    // Centred 100 px off the corner each way, its edge crosses into the composite.
    expect(seenOnComposite(planLayer('a', look({ rotation: 45, x: -300, y: -300, width: 400, height: 400 })), composite)).toBe(true);
  });

  it('hides a layer under an opaque one that holds all of it', () => {
    const small = planLayer('small', look({}, { x: 100, y: 100, width: 320, height: 180 }), hd);
    const full = planLayer('full', look({}, { x: 0, y: 0, width: 1280, height: 720 }), hd);
    expect(hides(full, small)).toBe(true);
    expect(hides(small, full)).toBe(false);
    expect(hides(planLayer('full', look({ opacity: 0.99 }, { x: 0, y: 0, width: 1280, height: 720 }), hd), small)).toBe(false);
    expect(hides(planLayer('full', look({ blend: 'screen' }, { x: 0, y: 0, width: 1280, height: 720 }), hd), small)).toBe(false);
    expect(hides({ ...full, opaque: false }, small)).toBe(false);
    // Turned, the full layer's picture no longer holds a layer in the composite's corner.
    const inCorner = planLayer('corner', look({}, { x: 0, y: 0, width: 320, height: 180 }), hd);
    expect(hides(full, inCorner)).toBe(true);
    expect(hides(planLayer('full', look({ rotation: 30 }, { x: 0, y: 0, width: 1280, height: 720 }), hd), inCorner)).toBe(false);
  });

  it('hits the topmost layer under a point, through its turn', () => {
    const bottom = planLayer('bottom', look({}, { x: 0, y: 0, width: 1280, height: 720 }));
    const turned = planLayer('turned', look({ rotation: 90 }, { x: 320, y: 180, width: 640, height: 360 }));
    // Turned, its box spans x 460-820 and y 40-680: (640, 60) is outside the box unturned, inside it turned.
    expect(layerAt([bottom, turned], { x: 640, y: 60 })?.trackId).toBe('turned');
    expect(layerAt([bottom, turned], { x: 340, y: 200 })?.trackId).toBe('bottom');
    expect(layerAt([bottom, turned], { x: 2000, y: 40 })).toBeUndefined();
  });
});

describe('a layer look', () => {
  it("takes a clip's fields over the track's, one by one", () => {
    const resolved = resolveLook(box, { scale: { x: 2, y: 3 }, opacity: 0.5 }, { scale: { x: 4 } });
    expect(resolved.scale).toEqual({ x: 4, y: 3 });
    expect(resolved.opacity).toBe(0.5);
    expect(resolved.fit).toBe('contain');
  });

  it('refuses values no layer can have, naming the field', () => {
    const refused = (change: LookChange) => {
      try {
        checkLook(change);
      } catch (error) {
        expect(error).toBeInstanceOf(LookError);
        return (error as LookError).field;
      }
      return undefined;
    };
    expect(refused({ x: Number.NaN })).toBe('x');
    expect(refused({ width: -1 })).toBe('width');
    expect(refused({ scale: { y: Number.POSITIVE_INFINITY } })).toBe('scale.y');
    expect(refused({ opacity: 1.5 })).toBe('opacity');
    expect(refused({ crop: { left: 0.6, right: 0.4 } })).toBe('crop.left');
    expect(refused({ crop: { top: 1 } })).toBe('crop.top');
    expect(refused({ blend: 'dissolve' as never })).toBe('blend');
    expect(refused({ fit: 'stretch' as never })).toBe('fit');
    expect(refused({ flip: { horizontal: 'yes' as never } })).toBe('flip.horizontal');
    expect(refused({ rotation: 720, scale: { x: -1 }, opacity: 0, crop: { left: 0.5 } })).toBeUndefined();
  });
});

describe('looks in the store, and the plan it gives', () => {
  const addTrack = (store: ReturnType<typeof createCompositorStore>, id: string, layout: { x: number; y: number; width: number; height: number }, clips = [{ startMs: 0, inMs: 0, outMs: 10_000 }]) => {
    store.dispatch(trackAdded({ id, name: id, source: { url: `/${id}.mp4` }, layout, clips }));
    store.dispatch(trackMediaMeasured({ id, width: 1280, height: 720 }));
  };
  function storeOfTwo() {
    const store = createCompositorStore();
    store.dispatch(compositionResized({ width: 1280, height: 720 }));
    addTrack(store, 'small', { x: 100, y: 100, width: 320, height: 180 });
    addTrack(store, 'full', { x: 0, y: 0, width: 1280, height: 720 }, [
      { startMs: 0, inMs: 0, outMs: 2000 },
      { startMs: 4000, inMs: 0, outMs: 2000 },
    ]);
    return store;
  }
  const planned = (store: ReturnType<typeof createCompositorStore>, ms: number) => selectCompositePlan(store.getState(), ms).map((layer) => layer.trackId);

  it('leaves out a layer an opaque one above holds, and one with no clip under the playhead', () => {
    const store = storeOfTwo();
    expect(planned(store, 1000)).toEqual(['full']);
    // Between the full layer's clips the small one is seen.
    expect(planned(store, 3000)).toEqual(['small']);
    store.dispatch(trackLookChanged({ id: 'full', look: { opacity: 0.5 } }));
    expect(planned(store, 1000)).toEqual(['small', 'full']);
  });

  it("gives a clip's look over the track's while that clip plays", () => {
    const store = storeOfTwo();
    store.dispatch(trackLookChanged({ id: 'full', look: { scale: { x: 0.5, y: 0.5 }, anchor: { x: 0, y: 0 } } }));
    store.dispatch(clipLookChanged({ id: 'full', clip: 1, look: { rotation: 90 } }));
    // Halved into the top-left quarter, the full layer still holds all of the small one.
    const [first, ...others] = selectCompositePlan(store.getState(), 1000);
    expect(others).toEqual([]);
    expect(first.bounds).toEqual({ x: 0, y: 0, width: 640, height: 360 });
    const second = selectCompositePlan(store.getState(), 5000).find((layer) => layer.trackId === 'full');
    expect(second?.look.rotation).toBe(90);
    expect(second?.look.scale).toEqual({ x: 0.5, y: 0.5 });
  });

  it('refuses a bad look with a LookError and leaves the store as it was', () => {
    const store = storeOfTwo();
    store.dispatch(trackLookChanged({ id: 'small', look: { crop: { left: 0.5 } } }));
    const before = store.getState();
    expect(() => store.dispatch(trackLookChanged({ id: 'small', look: { blend: 'dissolve' as never } }))).toThrow(LookError);
    // Each value is fine alone; with the track's left crop the clip's right one leaves nothing.
    expect(() => store.dispatch(clipLookChanged({ id: 'small', clip: 0, look: { crop: { right: 0.5 } } }))).toThrow(/crop.left/);
    expect(() => store.dispatch(trackLookChanged({ id: 'small', look: { opacity: Number.NaN } }))).toThrow(/opacity/);
    expect(store.getState()).toBe(before);
  });

  it('takes a background colour for the composition, and refuses what is not one', () => {
    const store = createCompositorStore();
    expect(selectCompositionBackground(store.getState())).toBeUndefined();
    for (const colour of ['#204080', '#fff', 'rgb(32, 64, 128)', 'hsl(220 60% 31% / 0.5)', 'navy']) {
      store.dispatch(compositionBackgroundChanged({ background: colour }));
      expect(selectCompositionBackground(store.getState())).toBe(colour);
    }
    const before = store.getState();
    for (const bad of ['', '#12', 'url(x.png)', 'red; color: blue', 42 as never]) {
      expect(() => store.dispatch(compositionBackgroundChanged({ background: bad })), String(bad)).toThrow(/background/);
    }
    expect(store.getState()).toBe(before);
  });
});
