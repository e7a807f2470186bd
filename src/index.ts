export * from './state';
export * from './sources';
export * from './playback';
export * from './hooks';
export * from './components';
