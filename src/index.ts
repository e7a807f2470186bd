export * from './state';
export * from './sources';
export * from './hooks';
export * from './components';
