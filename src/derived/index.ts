// Derived media as data: waveform peaks (how they are made from samples, drawn, and put on the
// wire) and filmstrip geometry. Pure: shared by the kit's audio and timeline, its mocks and the
// media server, and imports nothing.
export * from './waveformPeaks';
export * from './peaksFile';
