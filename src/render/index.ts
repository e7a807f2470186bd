export * from './renderer';
export * from './RendererContext';
export * from './elements';
export * from './TrackPlaceholder';
export * from './partProps';
export * from './useLookMotion';
export * from './canvas';
