// Types of audioSink.js for the TypeScript tests that drive an engine (tests/e2e).
/** Starts a PulseAudio daemon with a null sink for this process's children; resolves to its stop. */
export declare function startAudioSink(): Promise<() => void>;
