import { describe, expect, it } from 'vitest';
import {
  createCompositorStore,
  retryCanHelp,
  selectLoadState,
  selectSelectedTrackId,
  selectTrackById,
  selectTrackIdsToLoad,
  selectTracksInPaintOrder,
  selectVisibleTracksInPaintOrder,
  trackAdded,
  trackHidden,
  trackLayoutChanged,
  trackMoved,
  trackRemoved,
  trackSelected,
  trackShown,
  tracksAdded,
  type Track,
} from '../src/state';

function storeWith(...names: string[]) {
  const store = createCompositorStore();
  for (const name of names) store.dispatch(trackAdded({ id: name, name, source: { url: `/${name}.mp4` } }));
  return store;
}

const ids = (tracks: Track[]) => tracks.map((track) => track.id);

describe('given tracks added one after another', () => {
  it('paints each new track on top, with default layout and clip timing', () => {
    const store = storeWith('a', 'b', 'c');
    expect(ids(selectTracksInPaintOrder(store.getState()))).toEqual(['a', 'b', 'c']);
    expect(selectTrackById(store.getState(), 'b')).toEqual({
      id: 'b',
      name: 'b',
      kind: 'video',
      source: { url: '/b.mp4' },
      layout: { x: 0, y: 0, width: 640, height: 360, order: 1 },
      clips: [{ startMs: 0, inMs: 0 }],
      visible: true,
    });
  });

  it('keeps the first of two tracks with the same id', () => {
    const store = storeWith('a');
    store.dispatch(trackAdded({ id: 'a', name: 'again', source: { url: '/x.mp4' } }));
    expect(selectTrackById(store.getState(), 'a')?.name).toBe('a');
  });

  it('moves a track up and down the paint order, and not past either end', () => {
    const store = storeWith('a', 'b', 'c');
    store.dispatch(trackMoved({ id: 'a', direction: 'up' }));
    expect(ids(selectTracksInPaintOrder(store.getState()))).toEqual(['b', 'a', 'c']);
    store.dispatch(trackMoved({ id: 'c', direction: 'up' }));
    store.dispatch(trackMoved({ id: 'b', direction: 'down' }));
    expect(ids(selectTracksInPaintOrder(store.getState()))).toEqual(['b', 'a', 'c']);
    store.dispatch(trackMoved({ id: 'c', direction: 'down' }));
    expect(ids(selectTracksInPaintOrder(store.getState()))).toEqual(['b', 'c', 'a']);
  });

  it('closes the gap in the paint order when a track is removed', () => {
    const store = storeWith('a', 'b', 'c');
    store.dispatch(trackRemoved('b'));
    expect(selectTracksInPaintOrder(store.getState()).map((t) => t.layout.order)).toEqual([0, 1]);
  });

  it('lists only visible tracks as the ones to load, and shows them again', () => {
    const store = storeWith('a', 'b', 'c');
    store.dispatch(trackHidden('b'));
    expect(ids(selectVisibleTracksInPaintOrder(store.getState()))).toEqual(['a', 'c']);
    expect(selectTrackIdsToLoad(store.getState())).toEqual(['a', 'c']);
    store.dispatch(trackShown('b'));
    expect(selectTrackIdsToLoad(store.getState())).toEqual(['a', 'b', 'c']);
  });

  it('changes a layout without touching its paint order', () => {
    const store = storeWith('a');
    store.dispatch(trackLayoutChanged({ id: 'a', layout: { x: 10, width: 320 } }));
    expect(selectTrackById(store.getState(), 'a')?.layout).toEqual({ x: 10, y: 0, width: 320, height: 360, order: 0 });
  });

  it('refuses a box no layer can have, naming the field, and keeps the box it had', () => {
    const store = storeWith('a');
    const before = selectTrackById(store.getState(), 'a')?.layout;
    expect(() => store.dispatch(trackLayoutChanged({ id: 'a', layout: { x: 10, width: Number.NaN } }))).toThrow(expect.objectContaining({ name: 'LookError', field: 'width' }));
    expect(() => store.dispatch(trackLayoutChanged({ id: 'a', layout: { height: -1 } }))).toThrow(/height.*negative/);
    expect(() => store.dispatch(trackLayoutChanged({ id: 'a', layout: { y: Number.POSITIVE_INFINITY } }))).toThrow(expect.objectContaining({ field: 'y' }));
    expect(selectTrackById(store.getState(), 'a')?.layout).toEqual(before);
  });

  it('clears the selection when the selected track is removed', () => {
    const store = storeWith('a', 'b');
    store.dispatch(trackSelected('b'));
    expect(selectSelectedTrackId(store.getState())).toBe('b');
    store.dispatch(trackRemoved('a'));
    expect(selectSelectedTrackId(store.getState())).toBe('b');
    store.dispatch(trackRemoved('b'));
    expect(selectSelectedTrackId(store.getState())).toBeNull();
  });

  it('ignores actions for a track that does not exist', () => {
    const store = storeWith('a');
    const before = store.getState();
    store.dispatch(trackHidden('nope'));
    store.dispatch(trackShown('nope'));
    store.dispatch(trackMoved({ id: 'nope', direction: 'up' }));
    store.dispatch(trackLayoutChanged({ id: 'nope', layout: { x: 1 } }));
    expect(store.getState().multitrack.tracks).toBe(before.multitrack.tracks);
  });
});

describe('given tracks added in one batch', () => {
  it('stacks them in the order given, above the tracks already there, and moves them like any other', () => {
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'base', name: 'Base', source: { url: '/base.mp4' } }));
    store.dispatch(tracksAdded([1, 2, 3].map((n) => ({ id: `t${n}`, name: `T${n}`, source: { url: `/t${n}.mp4` } }))));
    expect(selectTracksInPaintOrder(store.getState()).map((track) => [track.id, track.layout.order])).toEqual([
      ['base', 0],
      ['t1', 1],
      ['t2', 2],
      ['t3', 3],
    ]);
    store.dispatch(trackMoved({ id: 't3', direction: 'down' }));
    expect(selectTracksInPaintOrder(store.getState()).map((track) => track.id)).toEqual(['base', 't1', 't3', 't2']);
    // Each has a load state, as a track added alone does.
    expect(selectLoadState(store.getState(), 't2').status).toBe('idle');
  });

  it('sorts tracks that name their own order into paint order, and ignores an id it already has', () => {
    const store = createCompositorStore();
    store.dispatch(tracksAdded([
      { id: 'top', name: 'Top', source: { url: '/a.mp4' }, layout: { order: 9 } },
      { id: 'bottom', name: 'Bottom', source: { url: '/b.mp4' }, layout: { order: 1 } },
      { id: 'top', name: 'Again', source: { url: '/c.mp4' } },
    ]));
    expect(selectTracksInPaintOrder(store.getState()).map((track) => track.id)).toEqual(['bottom', 'top']);
    expect(selectTrackById(store.getState(), 'top')?.name).toBe('Top');
  });
});

describe('whether Retry may mend a failed load', () => {
  it.each([
    ['not-found', true],
    ['forbidden', true],
    ['server-error', true],
    ['network', true],
    ['http-error', true],
    ['proxy-failed', true],
    ['unsupported', false],
    ['decode', false],
    ['no-audio', false],
    ['no-video', false],
  ])('a %s failure: %s', (kind, helps) => {
    expect(retryCanHelp({ kind, message: 'why' })).toBe(helps);
  });

  it('not when there is no failure', () => {
    expect(retryCanHelp(undefined)).toBe(false);
  });
});
