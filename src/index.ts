// The public API: what a host editor uses, each name once. Internals (the loader, the clock's
// implementation, slices, query plumbing) stay inside; api/main.api.txt lists this surface and
// tests/apiReport.test.ts fails when it changes without that file.

// Components and headless hooks
export { CompositorProvider, type CompositorProviderProps } from './components/CompositorProvider';
export type { CompositorConfig, TrackLoadChange } from './components/compositorConfig';
export { CompositeView, type CompositeViewProps } from './components/CompositeView';
export { LayerHandles, type LayerHandlesProps } from './components/LayerHandles';
export { useLayerHandles, type HandleKind, type LayerHandlesOptions, type LayerHandlesState } from './components/useLayerHandles';
export { TrackList } from './components/TrackList';
export { Transport } from './components/Transport';
export { useTransport, type TransportState } from './components/useTransport';
export { Mixer } from './components/Mixer';
export { useMixer, type MixerStrip, type MixerView } from './components/useMixer';
export { LevelMeter, type LevelMeterProps } from './components/LevelMeter';
export { ClipWaveform, type ClipWaveformProps } from './components/ClipWaveform';
export { ClipFilmstrip, type ClipFilmstripProps } from './components/ClipFilmstrip';
export { Timeline, type TimelineProps } from './components/Timeline';
export { SourceUsageReadout } from './components/SourceUsageReadout';
export { MemoryReadout } from './components/MemoryReadout';
export { MemoryWarning, type MemoryWarningProps } from './components/MemoryWarning';
export { DecoderBudgetReadout } from './components/DecoderBudgetReadout';
export { useTimeline, type TimelineOptions, type TimelineState } from './components/useTimeline';
export { useClipEditing, type ClipEditing, type ClipEditingOptions, type ClipPart } from './components/useClipEditing';
export { useEditorShortcuts, type EditorShortcutsOptions } from './components/useEditorShortcuts';
export { useTrackRow, type TrackRowState } from './components/useTrackRow';
export type { StyleProps } from './render/partProps';
export { defaultStylesheet, themeDefaults, themes, type ThemeToken } from './components/defaultStylesheet';
export { TrackHeader } from './components/TrackHeader';

// State: the store, the kit's slice for a host store, actions and selectors
export {
  createCompositorStore,
  type CompositorDispatch,
  type CompositorStore,
  type CompositorStoreLike,
  type CreateCompositorStoreOptions,
} from './state/store';
export {
  compositorSlice,
  type CompositorRootState,
  type CompositorState,
} from './state/compositorReducer';
export { useCompositorDispatch, useCompositorSelector } from './state/hooks';
export {
  trackAdded,
  tracksAdded,
  trackRemoved,
  trackUnlinked,
  withLinkedSound,
  trackShown,
  trackHidden,
  trackMoved,
  trackLayoutChanged,
  trackLookChanged,
  clipLookChanged,
  clipAnimationChanged,
  clipFadesChanged,
  transitionAdded,
  clipSpeedChanged,
  lookPreviewed,
  trackClipsChanged,
  tracksClipsChanged,
  trackLockChanged,
  trackProxyChanged,
  trackColorChanged,
  trackTextChanged,
  type MediaReference,
  type NewTrack,
  type ProxyReference,
  type Track,
  type TrackKind,
  type TrackLayout,
} from './state/tracksSlice';
export type { TextAlign, TextChange, TextContent, TextOutline, TextShadow, TextVerticalAlign } from './state/layerContent';
export { LookError, resolveLook, type BlendMode, type FitMode, type Insets, type LayerLook, type LookChange } from './state/layerLook';
export type { AnimatedLookProperty, AnimatedProperty, AnimatedSoundProperty, Animation, Easing, Keyframe, NamedEasing } from './state/keyframes';
export type { ClipFades, Fade, FadeCurve } from './state/soundFades';
export type { ClipTransition, Transition, TransitionKind, TransitionSide } from './state/transitions';
export {
  channelMuted,
  channelPanChanged,
  channelSoloed,
  channelVolumeChanged,
  masterVolumeChanged,
  type ChannelSettings,
  type MixerState,
} from './state/mixerSlice';
export { trackSelected } from './state/selectionSlice';
export { ProjectDocumentError, projectLoaded, type ProjectDocument, type ProjectTrack } from './state/projectDocument';
export { saveProject } from './state/projectSave';
export { compositionBackgroundChanged, compositionResized, type CompositionState } from './state/compositionSlice';
export {
  frameStepped,
  markInSet,
  markOutSet,
  marksCleared,
  playbackPaused,
  playbackSettingsChanged,
  playbackStarted,
  playheadSeeked,
  type PlaybackSettings,
  type PlaybackState,
  type TimelineMarks,
} from './state/playbackSlice';
export {
  trackLoadForced,
  trackLoadRequested,
  type LoadedSource,
  type LoadError,
  type TrackLoadState,
} from './state/loadSlice';

export type { LoadStatus } from './state/loadMachine';
export type { ClipRun, ClipTiming } from './state/clipTiming';
export { clipEndTrimmed, clipMoved, clipRemoved, clipsSplitAt, clipStartTrimmed, type ClipBounds } from './state/clipEdits';
export { type DecoderBudget } from './state/decoderBudget';
export type { ProxyPolicy, Rendition } from './state/previewRendition';
export {
  selectLayerStatus,
  selectLoadState,
  selectSelectedTrackId,
  selectTimelineDurationMs,
  selectTimelineMarks,
  selectTrackById,
  selectTracksInPaintOrder,
  type LayerStatus,
} from './state/selectors';

// Sound: the compositor's one AudioContext and its mixer graph
export { useAudioEngine, useAudioOutputState } from './audio/audioEngineContext';
export type { AudioEngine, AudioOutputState } from './audio/audioEngine';
export type { ChannelStrip, MeterReading, MixerGraph } from './audio/mixerGraph';

export { useAddMedia, useReadMedia, type AddMediaOptions } from './sources/useAddMedia';
export { type MediaContents } from './sources/probeMedia';
export type { DecodedSound, OpenSound, SoundMedia } from './audio/soundMedia';
export type { SoundContext } from './audio/trackSoundPlayer';
export { type ComputePeaks, type ComputePeaksOptions } from './audio/computePeaks';
export { type PeakLevel, type WaveformPeaks } from './derived';
export { type FilmstripPlan, type FilmstripSlot, type FilmstripView } from './derived';
export { type FilmstripSheet, type SheetState } from './filmstrip';
export { useWaveformPeaks, type WaveformState } from './audio/waveformQuery';

// Sources: resolvers, picked files, errors, the media server's proxies
export {
  blobResolver,
  defaultResolvers,
  fileResolver,
  hostProtocolResolver,
  rangeResolver,
  urlTemplateResolver,
  type HostProtocolOptions,
  type ResolveContext,
  type SourceResolver,
} from './sources/resolvers';
export { registerMediaFile, unregisterMediaFile } from './sources/fileSource';
export type { ResolvedSource, SourceKind } from './sources/ResolvedSource';
export { MediaSourceError, type MediaSourceErrorCode } from './sources/MediaSourceError';
export type { SourceConfig, SourceOptions } from './sources/sourceOptions';

export type { SourceUsage } from './sources/sourceUsage';

export { requestServerProxy, type DerivedItem, type ServerProxyOptions } from './sources/serverProxy';
export {
  type DerivedErrorCode,
  type DerivedKind,
  type DerivedParams,
  type DerivedStatus,
  type FilmstripParams,
  type FilmstripTile,
} from './http';

// Playback: the clock as hosts and renderers read it
export {
  usePlaybackClock,
  usePlayheadMs,
  type PlaybackConfig,
  type PlaybackContextValue,
  type PlaybackOptions,
  type SyncSample,
} from './playback/PlaybackContext';
export type { ClockReader, MasterTimeBase, TimeBaseAnchor } from './playback/playbackClock';
export type { SeekTally } from './playback/seekTally';

// Renderers: the seam, the element renderer and the canvas renderer
export { RendererError, type CompositorRenderer, type RendererHost, type RendererLayerProps, type RendererSession, type RendererSurfaceProps } from './render/renderer';

export {
  createElementRenderer,
  type DriftPolicy,
  type ElementRendererConfig,
  type ElementRendererOptions,
  type PreloadPolicy,
} from './render/elements';
export {
  checkCanvasRenderer,
  createCanvasRenderer,
  type CanvasRendererCheck,
  type CanvasRendererConfig,
  type CanvasRendererOptions,
  type CanvasRendererSetup,
  type CompositeExport,
  useCanvasRendererCheck,
  useCompositeExport,
} from './render/canvas';

// Memory
export { useMemoryMonitor, type MemoryMonitorOptions } from './memory/useMemoryMonitor';
export { type MemoryReading } from './memory/memoryReading';
export type { MemorySettings } from './memory/memorySettings';
