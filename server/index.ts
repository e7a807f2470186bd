export * from './createMediaServer';
export * from './resolveMediaPath';
export { MediaPathError } from '../src/http';
