import { describe, expect, it } from 'vitest';
import { clipBytes, createHarness, serveMediaDuringTests, waitFor } from './support/compositorHarness';
import {
  createCompositorStore,
  decoderCostBytes,
  planDecoders,
  playerLimitReached,
  playheadAdvanced,
  selectLoadOrder,
  selectLoadState,
  trackAdded,
  trackHidden,
  trackLoadForced,
  trackMediaMeasured,
  trackSelected,
} from '../src/state';

serveMediaDuringTests();

describe('the decoder plan', () => {
  function storeWith(count: number, clip = { startMs: 0, outMs: 4000 }) {
    const store = createCompositorStore();
    for (let n = 1; n <= count; n += 1) store.dispatch(trackAdded({ id: `t${n}`, name: `T${n}`, source: { url: `/t${n}.mp4` }, clip }));
    return store;
  }

  it('gives decoders to the top layers first, up to the count', () => {
    const plan = planDecoders(storeWith(4).getState(), { maxDecoders: 2, maxBytes: Number.POSITIVE_INFINITY });
    expect(plan.allowed).toEqual(['t4', 't3']);
    expect(plan.suspended).toEqual(['t2', 't1']);
  });

  it('puts the selected track, and one loaded anyway, before the others', () => {
    const store = storeWith(4);
    store.dispatch(trackSelected('t1'));
    store.dispatch(trackLoadForced('t2'));
    const plan = planDecoders(store.getState(), { maxDecoders: 2, maxBytes: Number.POSITIVE_INFINITY });
    expect(plan.allowed).toEqual(['t2', 't1']);
  });

  it('counts bytes from the measured picture size: one 4K decoder costs what nine 720p do', () => {
    const store = storeWith(3);
    store.dispatch(trackMediaMeasured({ id: 't3', width: 3840, height: 2160 }));
    const budget = { maxDecoders: 10, maxBytes: decoderCostBytes({ width: 3840, height: 2160 }) + decoderCostBytes(undefined) };
    const plan = planDecoders(store.getState(), budget);
    expect(plan.allowed).toEqual(['t3', 't2']);
    expect(plan.suspended).toEqual(['t1']);
    expect(decoderCostBytes({ width: 3840, height: 2160 }) / decoderCostBytes({ width: 1280, height: 720 })).toBe(9);
  });

  it('backs off to what the browser allowed when it refused a player, loaded anyway or not', () => {
    const store = storeWith(4);
    store.dispatch(trackLoadForced('t1'));
    store.dispatch(playerLimitReached({ id: 't1', attempt: 0, livePlayers: 2 }));
    store.dispatch(playerLimitReached({ id: 't2', attempt: 0, livePlayers: 3 }));
    const plan = planDecoders(store.getState(), { maxDecoders: 16, maxBytes: Number.POSITIVE_INFINITY });
    expect(plan.allowed).toEqual(['t1', 't4']);
    expect(plan.suspended).toEqual(['t3', 't2']);
  });

  it('works the load order out again at clip edges, not on every clock tick', () => {
    const store = storeWith(2);
    store.dispatch(trackAdded({ id: 'later', name: 'Later', source: { url: '/later.mp4' }, clip: { startMs: 1000, outMs: 4000 } }));
    const before = selectLoadOrder(store.getState());
    store.dispatch(playheadAdvanced(500));
    expect(selectLoadOrder(store.getState())).toBe(before);
    store.dispatch(playheadAdvanced(1500));
    expect(selectLoadOrder(store.getState())).not.toBe(before);
    expect(selectLoadOrder(store.getState())[0].id).toBe('later');
  });

  it('leaves tracks off the playhead alone: they hold no decoder', () => {
    const plan = planDecoders(storeWith(3, { startMs: 10_000, outMs: 4000 }).getState(), { maxDecoders: 1, maxBytes: Number.POSITIVE_INFINITY });
    expect(plan).toEqual({ allowed: [], suspended: [], bytes: 0 });
  });
});

describe('given more tracks under the playhead than the decoder budget', () => {
  it('suspends the least important, holding nothing for them, and loads one as soon as there is room', async () => {
    const harness = createHarness({
      files: { 'clip.mp4': clipBytes },
      sourceOptions: { decoderBudget: { maxDecoders: 2 } },
    });
    const ids = harness.addTracks(4);
    await waitFor(() => ids.slice(2).every((id) => harness.status(id) === 'ready'), 'top two ready');
    expect(ids.slice(0, 2).map(harness.status)).toEqual(['suspended', 'suspended']);

    harness.store.dispatch(trackHidden(ids[3]));
    await waitFor(() => harness.status(ids[1]) === 'ready', 'the next one loaded');
    expect(harness.status(ids[0])).toBe('suspended');

    harness.store.dispatch(trackLoadForced(ids[0]));
    await waitFor(() => harness.status(ids[0]) === 'ready', 'loaded anyway');
    // Loaded anyway, it takes a decoder: the least important of the others makes room.
    expect(selectLoadState(harness.store.getState(), ids[0]).forced).toBe(true);
    await waitFor(() => harness.status(ids[1]) === 'suspended', 'another suspended');
    harness.stop();
  });

  it('loads a track again after the browser refused it a player, once the budget has room', async () => {
    const harness = createHarness({ files: { 'clip.mp4': clipBytes } });
    const [id] = harness.addTracks(1);
    await waitFor(() => harness.status(id) === 'ready', 'ready');
    const { attempt } = selectLoadState(harness.store.getState(), id);
    // Refused while 2 others played: the limit is 2, and this track is alone, so it fits.
    harness.store.dispatch(playerLimitReached({ id, attempt, livePlayers: 2 }));
    await waitFor(() => harness.status(id) === 'ready', 'ready again');
    expect(selectLoadState(harness.store.getState(), id).attempt).toBe(attempt + 1);
    harness.stop();
  });
});
