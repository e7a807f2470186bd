export * from './CompositorProvider';
export * from './CompositeCanvas';
export * from './TrackLayer';
export * from './TrackPlaceholder';
export * from './TrackVideo';
export * from './TrackList';
export * from './Transport';
export * from './SourceUsageReadout';
