import { useCallback, useMemo } from 'react';
import {
  channelMuted,
  channelPanChanged,
  channelSoloed,
  channelVolumeChanged,
  masterVolumeChanged,
  selectAudibleTrackIds,
  selectMixer,
  selectTracksInPaintOrder,
  useCompositorDispatch,
  useCompositorSelector,
  type ChannelSettings,
} from '../state';

/** One strip of a mixer, without its look: `Mixer` renders these. */
export interface MixerStrip extends ChannelSettings {
  trackId: string;
  name: string;
  /** Heard now: not muted, and not silenced by another track's solo. */
  audible: boolean;
}

export interface MixerView {
  /** The audio tracks, top layer first, as rows are listed. */
  strips: MixerStrip[];
  masterVolumeDb: number;
  setVolume(trackId: string, volumeDb: number): void;
  setPan(trackId: string, pan: number): void;
  toggleMute(trackId: string): void;
  toggleSolo(trackId: string): void;
  setMasterVolume(volumeDb: number): void;
}

/** The mix of the audio tracks, for the kit's `Mixer` and a host's own. */
export function useMixer(): MixerView {
  const dispatch = useCompositorDispatch();
  const tracks = useCompositorSelector(selectTracksInPaintOrder);
  const mixer = useCompositorSelector(selectMixer);
  const audible = useCompositorSelector(selectAudibleTrackIds);
  const strips = useMemo(() => {
    const heard = new Set(audible);
    return tracks
      .filter((track) => track.kind === 'audio')
      .reverse()
      .map((track) => ({ trackId: track.id, name: track.name, ...mixer.channels[track.id], audible: heard.has(track.id) }));
  }, [tracks, mixer, audible]);
  const channelOf = useCallback((trackId: string) => mixer.channels[trackId], [mixer]);
  return {
    strips,
    masterVolumeDb: mixer.masterVolumeDb,
    setVolume: useCallback((trackId, volumeDb) => dispatch(channelVolumeChanged({ id: trackId, volumeDb })), [dispatch]),
    setPan: useCallback((trackId, pan) => dispatch(channelPanChanged({ id: trackId, pan })), [dispatch]),
    toggleMute: useCallback((trackId) => dispatch(channelMuted({ id: trackId, muted: !channelOf(trackId)?.muted })), [dispatch, channelOf]),
    toggleSolo: useCallback((trackId) => dispatch(channelSoloed({ id: trackId, soloed: !channelOf(trackId)?.soloed })), [dispatch, channelOf]),
    setMasterVolume: useCallback((volumeDb) => dispatch(masterVolumeChanged(volumeDb)), [dispatch]),
  };
}
