// For those who write a renderer (`CompositorRenderer`): what the seam reads and reports beside
// the public entry. `multitrack-kit/renderer`; api/renderer.api.txt lists it.

export { useRenderer, type RendererContextValue } from './render/RendererContext';
export { usePlaybackContext } from './playback/PlaybackContext';
export { useLoadedRendition, useRenditionSource } from './sources/useRenditionSource';
export { mountedRuns, mountedRunsKey, type MountedRun } from './playback/mountedRuns';
// The layer's box on the composite that `CompositeView` places each renderer's layer in.
export { TrackLayer, type TrackLayerProps } from './components/TrackLayer';
export { TrackPlaceholder, type PlaceholderState, type TrackPlaceholderProps } from './render/TrackPlaceholder';
export { canvasRendererSupported, compositeSnapshot, defaultCanvasRendererOptions } from './render/canvas';
// What a renderer acts on: which layers are seen, running, buffering or off the composite, the
// playhead of the last event (where a seek lands), which tracks are heard and how loud.
export {
  selectAudibleTrackIds,
  selectBufferingTrackIds,
  selectChannelGain,
  selectCompositeRunning,
  selectCompositionSize,
  selectFrameRate,
  selectLoadStates,
  selectOffCompositeTrackIds,
  selectPlayerLimit,
  selectPlayheadMs,
  selectSeekRevision,
  selectSeenTracksInPaintOrder,
  selectVisibleTracksInPaintOrder,
} from './state/selectors';
export { trackMediaMeasured, trackBufferingStarted, trackBufferingEnded, trackLoadFailed } from './state/loadSlice';
export { trackDurationLearnt } from './state/tracksSlice';
// Which clip a track shows at a playhead, and which source time.
export { clipAt, sourceTimeAt } from './state/clipTiming';
export { playerLimitReached } from './state/limitsSlice';
export { sourceKeys } from './sources/sourceKeys';
export { readSourceUsage, useSourceUsage } from './sources/sourceUsage';
