import { describe, expect, it } from 'vitest';
import {
  channelMuted,
  channelPanChanged,
  channelSoloed,
  channelVolumeChanged,
  createCompositorStore,
  gainOfDb,
  masterVolumeChanged,
  maxVolumeDb,
  minVolumeDb,
  selectAudibleTrackIds,
  selectChannel,
  selectChannelGain,
  selectMixer,
  selectTrackById,
  selectTrackIdsToLoad,
  selectVisibleTracksInPaintOrder,
  trackAdded,
  trackRemoved,
  tracksAdded,
} from '../src/state';

function mixOf(...ids: string[]) {
  const store = createCompositorStore();
  store.dispatch(tracksAdded(ids.map((id) => ({ id, name: id, kind: 'audio' as const, source: { url: `/${id}.m4a` } }))));
  return store;
}

describe('the mix', () => {
  it('gives every added track a channel at 0 dB, centred, and takes it away with the track', () => {
    const store = mixOf('a');
    store.dispatch(trackAdded({ id: 'b', name: 'B', source: { url: '/b.mp4' }, mix: { volumeDb: -6, pan: -0.5, muted: true } }));
    expect(selectChannel(store.getState(), 'a')).toEqual({ volumeDb: 0, pan: 0, muted: false, soloed: false });
    expect(selectChannel(store.getState(), 'b')).toEqual({ volumeDb: -6, pan: -0.5, muted: true, soloed: false });
    expect(selectTrackById(store.getState(), 'a')?.kind).toBe('audio');
    expect(selectTrackById(store.getState(), 'b')?.kind).toBe('video');
    store.dispatch(trackRemoved('a'));
    expect(selectMixer(store.getState()).channels).not.toHaveProperty('a');
  });

  it('keeps faders and pans in range and ignores values that are not numbers', () => {
    const store = mixOf('a');
    store.dispatch(channelVolumeChanged({ id: 'a', volumeDb: 40 }));
    expect(selectChannel(store.getState(), 'a').volumeDb).toBe(maxVolumeDb);
    store.dispatch(channelVolumeChanged({ id: 'a', volumeDb: -200 }));
    expect(selectChannel(store.getState(), 'a').volumeDb).toBe(minVolumeDb);
    store.dispatch(channelVolumeChanged({ id: 'a', volumeDb: Number.NaN }));
    expect(selectChannel(store.getState(), 'a').volumeDb).toBe(minVolumeDb);
    store.dispatch(channelPanChanged({ id: 'a', pan: 3 }));
    expect(selectChannel(store.getState(), 'a').pan).toBe(1);
    store.dispatch(masterVolumeChanged(-12));
    expect(selectMixer(store.getState()).masterVolumeDb).toBe(-12);
    // A track that is not there is no error and changes nothing.
    store.dispatch(channelMuted({ id: 'nope', muted: true }));
    expect(selectMixer(store.getState()).channels).not.toHaveProperty('nope');
  });

  it('follows the solo rule: any soloed track silences the unsoloed, and mute always wins', () => {
    const store = mixOf('a', 'b', 'c');
    expect(selectAudibleTrackIds(store.getState())).toEqual(['a', 'b', 'c']);
    store.dispatch(channelMuted({ id: 'c', muted: true }));
    expect(selectAudibleTrackIds(store.getState())).toEqual(['a', 'b']);
    store.dispatch(channelSoloed({ id: 'b', soloed: true }));
    expect(selectAudibleTrackIds(store.getState())).toEqual(['b']);
    store.dispatch(channelSoloed({ id: 'c', soloed: true }));
    // c is soloed but muted: silent, and b stays the only one heard.
    expect(selectAudibleTrackIds(store.getState())).toEqual(['b']);
    store.dispatch(channelSoloed({ id: 'b', soloed: false }));
    store.dispatch(channelSoloed({ id: 'c', soloed: false }));
    expect(selectAudibleTrackIds(store.getState())).toEqual(['a', 'b']);
  });

  it('gives each track the gain of its fader, and none when it cannot be heard', () => {
    const store = mixOf('a', 'b');
    store.dispatch(channelVolumeChanged({ id: 'a', volumeDb: -6 }));
    expect(selectChannelGain(store.getState(), 'a')).toBeCloseTo(0.501, 3);
    expect(selectChannelGain(store.getState(), 'b')).toBe(1);
    store.dispatch(channelSoloed({ id: 'a', soloed: true }));
    expect(selectChannelGain(store.getState(), 'b')).toBe(0);
    expect(gainOfDb(minVolumeDb)).toBe(0);
    expect(gainOfDb(0)).toBe(1);
  });
});

describe('an audio track', () => {
  it('is never drawn on the composite, and holds its sound only while it can be heard', () => {
    const store = mixOf('a');
    expect(selectVisibleTracksInPaintOrder(store.getState())).toEqual([]);
    expect(selectTrackIdsToLoad(store.getState())).toEqual(['a']);
    store.dispatch(channelMuted({ id: 'a', muted: true }));
    expect(selectTrackIdsToLoad(store.getState())).toEqual([]);
  });
});
