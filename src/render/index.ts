export * from './renderer';
export * from './RendererContext';
export * from './elements';
export * from './TrackPlaceholder';
export * from './partProps';
export * from './canvas';
