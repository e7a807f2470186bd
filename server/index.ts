export * from './createMediaServer';
export * from './resolveMediaPath';
