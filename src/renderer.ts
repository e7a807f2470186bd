// For those who write a renderer (`CompositorRenderer`): what the seam reads and reports beside
// the public entry. `multitrack-kit/renderer`; api/renderer.api.txt lists it.

export { useRenderer, type RendererContextValue } from './render/RendererContext';
export { usePlaybackContext } from './playback/PlaybackContext';
export { useLoadedRendition, useRenditionSource } from './sources/useRenditionSource';
export { mountedRuns, mountedRunsKey, type MountedRun } from './playback/mountedRuns';
export { TrackPlaceholder, type PlaceholderState, type TrackPlaceholderProps } from './render/TrackPlaceholder';
export { compositeSnapshot, defaultCanvasRendererOptions } from './render/canvas';
export { selectLoadStates, selectSeekRevision, selectFrameRate, selectPlayerLimit, selectCompositionSize } from './state/selectors';
export { trackMediaMeasured, trackBufferingStarted, trackBufferingEnded, trackLoadFailed } from './state/loadSlice';
export { trackDurationLearnt } from './state/tracksSlice';
export { playerLimitReached } from './state/limitsSlice';
export { sourceKeys } from './sources/sourceKeys';
export { readSourceUsage } from './sources/sourceUsage';
