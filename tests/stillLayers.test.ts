import { describe, expect, it } from 'vitest';
import { createHarness, serveMediaDuringTests, settle, waitFor } from './support/compositorHarness';
import { stillPictureSize, wrapLines, pictureFits } from '../src/render/stillPictures';
import {
  compositionResized,
  createCompositorStore,
  defaultText,
  LookError,
  planDecoders,
  planTrackLayer,
  selectCompositePlan,
  selectLayerStatus,
  selectTrackById,
  trackAdded,
  trackColorChanged,
  trackLoadRequested,
  trackLookChanged,
  trackMediaMeasured,
  trackTextChanged,
  tracksAdded,
  type LookChange,
  type NewTrack,
  type PictureSize,
} from '../src/state';

serveMediaDuringTests();

const whole = { x: 0, y: 0, width: 640, height: 360 };

describe('still layers in the store', () => {
  it('adds a colour, a title and an image, each with what it shows', () => {
    const store = createCompositorStore();
    store.dispatch(tracksAdded([
      { id: 'bg', name: 'Backdrop', kind: 'color', color: ' #123456 ' },
      { id: 'title', name: 'Title', kind: 'text', text: { content: 'Hello', fontSize: 64 } },
      { id: 'logo', name: 'Logo', kind: 'image', source: { url: '/logo.png' } },
    ]));
    const track = (id: string) => selectTrackById(store.getState(), id)!;
    expect(track('bg')).toMatchObject({ kind: 'color', color: '#123456' });
    expect(track('bg').source).toBeUndefined();
    expect(track('title').text).toEqual({ ...defaultText, content: 'Hello', fontSize: 64 });
    expect(track('logo')).toMatchObject({ kind: 'image', source: { url: '/logo.png' } });
  });

  it.each<[string, NewTrack, string]>([
    ['a colour that is not one', { id: 'x', name: 'X', kind: 'color', color: 'url(evil)' }, 'color'],
    ['a colour layer without its colour', { id: 'x', name: 'X', kind: 'color' }, 'color'],
    ['a title without words', { id: 'x', name: 'X', kind: 'text', text: { fontSize: 20 } }, 'text.content'],
    ['a title of size 0', { id: 'x', name: 'X', kind: 'text', text: { content: 'a', fontSize: 0 } }, 'text.fontSize'],
    ['a title with an unknown alignment', { id: 'x', name: 'X', kind: 'text', text: { content: 'a', align: 'justify' as 'left' } }, 'text.align'],
    ['an image without a file', { id: 'x', name: 'X', kind: 'image' }, 'source'],
    ['an unknown kind', { id: 'x', name: 'X', kind: 'sprite' as 'image', source: { url: '/a.png' } }, 'kind'],
  ])('refuses %s with a LookError naming the field, adding nothing', (_, track, field) => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'kept', name: 'Kept', kind: 'color', color: 'red' }));
    const before = store.getState();
    let thrown: unknown;
    try {
      store.dispatch(trackAdded(track));
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LookError);
    expect((thrown as LookError).field).toBe(field);
    expect(store.getState()).toBe(before);
  });

  it('changes a title field by field and a colour, refusing what no layer can have', () => {
    const store = createCompositorStore();
    store.dispatch(tracksAdded([
      { id: 'title', name: 'Title', kind: 'text', text: { content: 'Hello', outline: { color: 'black', width: 2 } } },
      { id: 'bg', name: 'Backdrop', kind: 'color', color: 'red' },
    ]));
    store.dispatch(trackTextChanged({ id: 'title', text: { content: 'Goodbye', color: 'rgb(255, 200, 0)' } }));
    expect(selectTrackById(store.getState(), 'title')?.text).toMatchObject({ content: 'Goodbye', color: 'rgb(255, 200, 0)', outline: { color: 'black', width: 2 } });
    // Given as undefined, the outline goes.
    store.dispatch(trackTextChanged({ id: 'title', text: { outline: undefined } }));
    expect(selectTrackById(store.getState(), 'title')?.text?.outline).toBeUndefined();
    const before = store.getState();
    expect(() => store.dispatch(trackTextChanged({ id: 'title', text: { shadow: { color: 'black', blur: -1, x: 0, y: 0 } } }))).toThrow(/text\.shadow\.blur/);
    expect(() => store.dispatch(trackColorChanged({ id: 'bg', color: '' }))).toThrow(LookError);
    expect(store.getState()).toBe(before);
    store.dispatch(trackColorChanged({ id: 'bg', color: 'hsl(120 50% 50%)' }));
    expect(selectTrackById(store.getState(), 'bg')?.color).toBe('hsl(120 50% 50%)');
  });
});

describe('still layers in the composite plan', () => {
  it('lets an opaque colour cover what is under it, and never an image or a title', () => {
    const store = createCompositorStore();
    store.dispatch(compositionResized({ width: 640, height: 360 }));
    store.dispatch(tracksAdded([
      { id: 'video', name: 'Video', source: { url: '/v.mp4' }, layout: whole },
      { id: 'logo', name: 'Logo', kind: 'image', source: { url: '/logo.png' }, layout: whole },
      { id: 'title', name: 'Title', kind: 'text', text: { content: 'Hi' }, layout: whole },
    ]));
    store.dispatch(trackLoadRequested('logo'));
    store.dispatch(trackMediaMeasured({ id: 'logo', width: 640, height: 360 }));
    const status = (id: string) => selectLayerStatus(store.getState(), selectTrackById(store.getState(), id)!);
    // A picture that may be transparent hides nothing.
    expect(status('video')).toBe('idle');
    expect(selectCompositePlan(store.getState(), 0).map((layer) => layer.trackId)).toEqual(['video', 'logo', 'title']);

    store.dispatch(trackAdded({ id: 'wash', name: 'Wash', kind: 'color', color: 'rgba(0, 0, 0, 0.5)', layout: whole }));
    expect(status('title')).toBe('idle');
    store.dispatch(trackColorChanged({ id: 'wash', color: '#000' }));
    expect(['video', 'logo', 'title'].map(status)).toEqual(['covered', 'covered', 'covered']);
    expect(selectCompositePlan(store.getState(), 0).map((layer) => layer.trackId)).toEqual(['wash']);
  });

  it('gives no still a decoder: the budget is the videos', () => {
    const store = createCompositorStore();
    store.dispatch(tracksAdded([
      { id: 'a', name: 'A', source: { url: '/a.mp4' }, layout: { ...whole, width: 100 } },
      { id: 'logo', name: 'Logo', kind: 'image', source: { url: '/logo.png' }, layout: { ...whole, x: 200, width: 100 } },
      { id: 'title', name: 'Title', kind: 'text', text: { content: 'Hi' }, layout: { ...whole, x: 400, width: 100 } },
    ]));
    const plan = planDecoders(store.getState(), { maxDecoders: 1, maxBytes: Number.POSITIVE_INFINITY });
    expect(plan).toMatchObject({ allowed: ['a'], suspended: [] });
  });

  it('crops a title or a colour against its box', () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'bg', name: 'Backdrop', kind: 'color', color: 'red', layout: { x: 0, y: 0, width: 400, height: 200 }, look: { crop: { left: 0.5 } } }));
    const [layer] = selectCompositePlan(store.getState(), 0);
    // The kept half of the 400 x 200 box, 200 x 200, contained in the box: in its middle.
    expect(layer.picture).toEqual({ x: 100, y: 0, width: 200, height: 200 });
  });
});

describe('still layers loading', () => {
  it('makes a colour and a title ready at once, with no request', async () => {
    const harness = createHarness();
    harness.store.dispatch(tracksAdded([
      { id: 'bg', name: 'Backdrop', kind: 'color', color: 'red' },
      { id: 'title', name: 'Title', kind: 'text', text: { content: 'Hello' } },
    ]));
    await waitFor(() => harness.status('bg') === 'ready' && harness.status('title') === 'ready', 'colour and title ready');
    expect(harness.media.requests).toEqual([]);
    expect(harness.usage()).toEqual({ sourcesHeld: 0, bytesHeld: 0 });
    // Hidden, it is released as a video is; shown, ready again.
    harness.store.dispatch(trackLookChanged({ id: 'title', look: { opacity: 0 } }));
    await settle();
    expect(harness.status('title')).toBe('released');
    harness.store.dispatch(trackLookChanged({ id: 'title', look: { opacity: 1 } }));
    await waitFor(() => harness.status('title') === 'ready', 'title ready again');
    harness.stop();
  });
});

describe('still pictures', () => {
  const width = (text: string) => text.length * 10;

  it('wraps words to the box, keeps line breaks, and breaks a word wider than the box', () => {
    expect(wrapLines('one two three four', 90, width)).toEqual(['one two', 'three', 'four']);
    expect(wrapLines('first\nsecond line', 200, width)).toEqual(['first', 'second line']);
    expect(wrapLines('abcdefghijkl', 50, width)).toEqual(['abcde', 'fghij', 'kl']);
    expect(wrapLines('', 50, width)).toEqual(['']);
  });

  it('is made at the size it is drawn, rounded up, never larger than the image', () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'photo', name: 'Photo', kind: 'image', source: { url: '/p.jpg' }, layout: { x: 0, y: 0, width: 427, height: 320 } }));
    const photo = selectTrackById(store.getState(), 'photo')!;
    const sizeFor = (clipLook: LookChange | undefined, media: PictureSize) => stillPictureSize(planTrackLayer(photo, clipLook, media), media);
    // A 4000 x 3000 photo drawn at 427 x 320 is decoded at that size, not at 12 megapixels.
    expect(sizeFor(undefined, { width: 4000, height: 3000 })).toEqual({ width: 432, height: 320 });
    // Cropped to its left half, the whole picture is made twice as wide, so the half kept lands pixel for pixel.
    expect(sizeFor({ crop: { right: 0.5 }, fit: 'fill' }, { width: 4000, height: 3000 })).toEqual({ width: 864, height: 320 });
    // Never more than the file holds.
    expect(sizeFor({ scale: { x: 4, y: 4 } }, { width: 800, height: 600 })).toEqual({ width: 800, height: 600 });
    expect(pictureFits({ width: 432, height: 320 }, { width: 432, height: 320 })).toBe(true);
    expect(pictureFits({ width: 432, height: 320 }, { width: 448, height: 336 })).toBe(false);
    expect(pictureFits({ width: 864, height: 640 }, { width: 432, height: 320 })).toBe(false);
  });
});
