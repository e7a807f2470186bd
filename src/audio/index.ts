export * from './mixerGraph';
export * from './audioEngine';
export * from './audioEngineContext';
