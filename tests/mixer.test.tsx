// @vitest-environment happy-dom
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { CompositorProvider, Mixer, Transport, createCompositorStore, tracksAdded, type OpenSound, type SourceResolver } from '../src';
import { selectChannel, selectMixer } from '../src/state';
import { createRecordingRenderer } from './support/recordingRenderer';

afterEach(() => cleanup());

// Heard tracks load their sound: here every source resolves at once, with no network.
const streamedAsIs: SourceResolver = {
  name: 'as-is',
  accepts: () => true,
  resolve: async (reference) => ({ kind: 'range', url: reference.url, crossOrigin: 'anonymous', bytesHeld: 0, release: () => undefined }),
};

// And their sound opens without reading anything: a test DOM has no decoder.
const silence: OpenSound = async () => ({
  durationMs: 10_000,
  async *buffers() {},
  dispose: () => undefined,
});

function renderMixer() {
  const store = createCompositorStore();
  store.dispatch(
    tracksAdded([
      { id: 'v', name: 'Camera', source: { url: '/v.mp4' }, visible: false },
      { id: 'd', name: 'Dialogue', kind: 'audio', source: { url: '/d.m4a' } },
      { id: 'm', name: 'Music', kind: 'audio', source: { url: '/m.m4a' }, mix: { volumeDb: -12 } },
    ]),
  );
  render(
    <CompositorProvider store={store} queryClient={new QueryClient()} config={{ renderer: createRecordingRenderer().renderer, sources: { resolvers: [streamedAsIs] }, openSound: silence }}>
      <Mixer />
      <Transport />
    </CompositorProvider>,
  );
  return store;
}

describe('the mixer', () => {
  it('has a strip per audio track, top first, with named sliders that say their value', () => {
    renderMixer();
    expect(screen.getAllByRole('group').map((group) => group.getAttribute('aria-label'))).toEqual(['Music channel', 'Dialogue channel', 'Master channel']);
    expect(screen.queryByRole('group', { name: 'Camera channel' })).toBeNull();
    const music = screen.getByRole('slider', { name: 'Volume of Music' });
    expect(music.getAttribute('aria-valuetext')).toBe('-12.0 dB');
    expect(screen.getByRole('slider', { name: 'Pan of Dialogue' }).getAttribute('aria-valuetext')).toBe('centre');
  });

  it('moves a fader and a pan in the store', () => {
    const store = renderMixer();
    fireEvent.change(screen.getByRole('slider', { name: 'Volume of Dialogue' }), { target: { value: '-6' } });
    fireEvent.change(screen.getByRole('slider', { name: 'Pan of Dialogue' }), { target: { value: '-1' } });
    fireEvent.change(screen.getByRole('slider', { name: 'Master volume' }), { target: { value: '-60' } });
    expect(selectChannel(store.getState(), 'd')).toMatchObject({ volumeDb: -6, pan: -1 });
    expect(screen.getByRole('slider', { name: 'Pan of Dialogue' }).getAttribute('aria-valuetext')).toBe('100% left');
    expect(screen.getByRole('slider', { name: 'Master volume' }).getAttribute('aria-valuetext')).toBe('-inf dB');
    expect(selectMixer(store.getState()).masterVolumeDb).toBe(-60);
  });

  it('mutes and solos with toggle buttons that say whether they are pressed, and shows who is heard', () => {
    renderMixer();
    const soloMusic = screen.getByRole('button', { name: 'Solo Music' });
    act(() => soloMusic.click());
    expect(soloMusic.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('group', { name: 'Dialogue channel' }).dataset.audible).toBe('false');
    expect(screen.getByRole('group', { name: 'Music channel' }).dataset.audible).toBe('true');
    const muteMusic = screen.getByRole('button', { name: 'Mute Music' });
    act(() => muteMusic.click());
    expect(muteMusic.getAttribute('aria-pressed')).toBe('true');
    expect(screen.getByRole('group', { name: 'Music channel' }).dataset).toMatchObject({ muted: 'true', audible: 'false' });
  });

  it('without Web Audio (a test DOM), Play plays on silently and says nothing of sound', () => {
    renderMixer();
    act(() => screen.getByRole('button', { name: 'Play' }).click());
    expect(screen.getByRole('toolbar', { name: 'Transport' }).dataset.sound).toBe('idle');
    expect(screen.queryByRole('button', { name: /Sound is blocked/ })).toBeNull();
  });
});
