export * from './playbackClock';
export * from './PlaybackContext';
export * from './seekTally';
export * from './scrubThrottle';
export * from './timecode';
export * from './mountedRuns';
export * from './shuttle';
