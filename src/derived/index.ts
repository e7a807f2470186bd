// Derived media as data: waveform peaks (how they are made from samples, drawn, and put on the
// wire) and filmstrip geometry (which thumbnails a clip shows, from which sheets). Pure: shared by
// the kit's audio, filmstrips and timeline, its mocks and the media server; it imports nothing
// but the protocol's constants (`src/http`).
export * from './waveformPeaks';
export * from './peaksFile';
export * from './filmstripPlan';
