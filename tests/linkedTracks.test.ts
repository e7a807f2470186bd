import { describe, expect, it } from 'vitest';
import {
  channelVolumeChanged,
  createCompositorStore,
  selectChannel,
  selectLoadState,
  selectTrackById,
  selectTrackIds,
  trackClipsChanged,
  trackRemoved,
  trackSelected,
  tracksAdded,
  trackUnlinked,
  withLinkedSound,
} from '../src/state';

function storeWithPair() {
  const store = createCompositorStore();
  const camera = { id: 'cam', name: 'Camera', source: { url: '/cam.mp4', proxy: { url: '/cam-proxy.mp4', height: 360 } }, clip: { startMs: 0, inMs: 0, outMs: 4000 } };
  store.dispatch(tracksAdded([...withLinkedSound(camera), { id: 'music', name: 'Music', kind: 'audio', source: { url: '/music.m4a' } }]));
  return store;
}

describe('given a video file added with its sound', () => {
  it('has a video track and an audio track of the original (no proxy: sound decodes cheaply), with the same clips', () => {
    const store = storeWithPair();
    const picture = selectTrackById(store.getState(), 'cam');
    const sound = selectTrackById(store.getState(), 'cam.sound');
    expect(picture).toMatchObject({ kind: 'video', linkId: 'cam' });
    expect(sound).toMatchObject({ kind: 'audio', name: 'Camera sound', linkId: 'cam', source: { url: '/cam.mp4' } });
    expect(sound?.source?.proxy).toBeUndefined();
    expect(sound?.clips).toEqual(picture?.clips);
  });

  it('moves and trims the pair together', () => {
    const store = storeWithPair();
    store.dispatch(trackClipsChanged({ id: 'cam.sound', clips: [{ startMs: 1000, inMs: 500, outMs: 2500 }] }));
    expect(selectTrackById(store.getState(), 'cam')?.clips).toEqual([{ startMs: 1000, inMs: 500, outMs: 2500 }]);
    expect(selectTrackById(store.getState(), 'music')?.clips).toEqual([{ startMs: 0, inMs: 0 }]);
  });

  it('removes the pair together, and every slice lets go of both', () => {
    const store = storeWithPair();
    store.dispatch(trackSelected('cam.sound'));
    store.dispatch(channelVolumeChanged({ id: 'cam.sound', volumeDb: -6 }));
    store.dispatch(trackRemoved('cam'));
    expect(selectTrackIds(store.getState())).toEqual(['music']);
    const kit = store.getState().multitrack;
    expect(Object.keys(kit?.mixer.channels ?? {})).toEqual(['music']);
    expect(Object.keys(kit?.load ?? {})).toEqual(['music']);
    expect(kit?.selection.selectedTrackId).toBeNull();
    expect(selectLoadState(store.getState(), 'music').status).toBe('idle');
    expect(selectChannel(store.getState(), 'music').volumeDb).toBe(0);
  });

  it('once unlinked, moves and goes alone', () => {
    const store = storeWithPair();
    store.dispatch(trackUnlinked('cam.sound'));
    expect(selectTrackById(store.getState(), 'cam')?.linkId).toBeUndefined();
    store.dispatch(trackClipsChanged({ id: 'cam.sound', clips: [{ startMs: 2000, inMs: 0, outMs: 1000 }] }));
    expect(selectTrackById(store.getState(), 'cam')?.clips).toEqual([{ startMs: 0, inMs: 0, outMs: 4000 }]);
    store.dispatch(trackRemoved('cam'));
    expect(selectTrackIds(store.getState())).toEqual(['cam.sound', 'music']);
  });
});
