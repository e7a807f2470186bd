export * from './mixerGraph';
export * from './audioEngine';
export * from './audioEngineContext';
export * from './soundMedia';
export * from './trackSoundPlayer';
export * from './TrackSounds';
