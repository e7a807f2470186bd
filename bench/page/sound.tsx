// The sound benchmark's page: N audio tracks of one file playing, either through the kit (its
// players on one AudioContext) or as the naive editor does it (the whole file fetched and
// decoded with decodeAudioData into one AudioBuffer that every track plays: the kindest case
// of that strategy, which usually decodes once a track). `?strategy=kit|decode|empty&tracks=N&file=URL`.
// `?strategy=kit-automated&minutes=M`: the kit's tracks, each clip fading in and out over 2 s with
// a volume envelope (a keyframe every 2 s of its M minutes, easing between -12 and 0 dB).
// The mixer alone: `?strategy=mixer&tracks=N`, the kit's mixer graph with N strips each fed by an
// oscillator (no decoding), every meter read each animation frame as the Mixer's meters do.
// Waveform peaks of the file: `?strategy=peaks` (the kit's worker, streaming decode) or
// `?strategy=peaks-decode` (the whole file through decodeAudioData, then min/max per bucket).
import { QueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import {
  CompositorProvider,
  createCompositorStore,
  playbackStarted,
  selectLoadState,
  tracksAdded,
  type NewTrack,
  useAudioEngine,
  useAudioOutputState,
} from '../../src';
import { computePeaksInWorker } from '../../src/audio/computePeaks';
import { peaksBytes } from '../../src/derived';
import { createMixerGraph } from '../../src/audio/mixerGraph';
import { createPeaksAccumulator } from '../../src/derived';

const query = new URLSearchParams(location.search);
const strategy = query.get('strategy') ?? 'empty';
const tracks = Number(query.get('tracks') ?? 0);
const file = query.get('file') ?? '';
const minutes = Number(query.get('minutes') ?? 0);

interface SoundBench {
  /** When sound first played, as `performance.now()`. */
  playingAt?: number;
  heap(): number;
  error?: string;
  /** Where the page stands, for a run that never plays: the sound's state and the tracks' load states. */
  status?: string;
  /** When the peaks were made, as `performance.now()`, and their size. */
  peaksAt?: number;
  peaksBytes?: number;
}
const bench: SoundBench = { heap: () => (performance as unknown as { memory?: { usedJSHeapSize: number } }).memory?.usedJSHeapSize ?? Number.NaN };
(window as unknown as { __bench: SoundBench }).__bench = bench;

/** Starts the engine (the page runs with autoplay allowed), then plays once every track is ready. */
function StartWhenReady({ store }: { store: ReturnType<typeof createCompositorStore> }) {
  const engine = useAudioEngine();
  const output = useAudioOutputState();
  useEffect(() => void engine.start(), [engine]);
  useEffect(() => {
    bench.status = `sound ${output}`;
    if (output !== 'running') return;
    const check = () => {
      const states = Array.from({ length: tracks }, (_, index) => selectLoadState(store.getState(), `t${index}`).status);
      bench.status = `sound ${output}, tracks ${states.join(' ')}`;
      if (states.some((status) => status === 'error')) bench.error = selectLoadState(store.getState(), `t${states.indexOf('error')}`).error?.message;
      if (!states.every((status) => status === 'ready')) return;
      unsubscribe();
      store.dispatch(playbackStarted());
      // Heard: the master meter moves (the file beeps every second).
      const listen = setInterval(() => {
        if ((engine.graph()?.masterMeter().peak ?? 0) > 0.01) {
          bench.playingAt = performance.now();
          clearInterval(listen);
        }
      }, 20);
    };
    const unsubscribe = store.subscribe(check);
    check();
    return unsubscribe;
  }, [engine, output, store]);
  return null;
}

async function playDecoded(): Promise<void> {
  const context = new AudioContext({ latencyHint: 'playback' });
  const bytes = await (await fetch(file)).arrayBuffer();
  const buffer = await context.decodeAudioData(bytes);
  for (let index = 0; index < tracks; index += 1) {
    const source = new AudioBufferSourceNode(context, { buffer });
    const gain = new GainNode(context, { gain: 1 / tracks });
    source.connect(gain).connect(context.destination);
    source.start();
  }
  await context.resume();
  bench.playingAt = performance.now();
}

/** The naive waveform: the whole file decoded into an AudioBuffer, then its peaks. */
async function peaksOfDecoded(): Promise<void> {
  const context = new OfflineAudioContext({ numberOfChannels: 2, length: 1, sampleRate: 48_000 });
  const buffer = await context.decodeAudioData(await (await fetch(file)).arrayBuffer());
  const peaks = createPeaksAccumulator(buffer.duration * 1000);
  const channels = Array.from({ length: buffer.numberOfChannels }, (_, channel) => buffer.getChannelData(channel));
  peaks.add(0, buffer.sampleRate, channels, buffer.length);
  const made = peaks.finish();
  bench.peaksBytes = peaksBytes(made);
  bench.peaksAt = performance.now();
}

async function peaksOfStream(): Promise<void> {
  const made = await computePeaksInWorker(
    { kind: 'range', url: file, crossOrigin: 'anonymous', bytesHeld: 0, release: () => undefined },
    { signal: new AbortController().signal },
  );
  bench.peaksBytes = peaksBytes(made);
  bench.peaksAt = performance.now();
}

/** The kit's mix with nothing to decode: what mixing and metering cost on their own. */
async function mixOnly(): Promise<void> {
  const context = new AudioContext({ latencyHint: 'playback' });
  const graph = createMixerGraph(context);
  const strips = Array.from({ length: tracks }, (_, index) => {
    const strip = graph.channel(`t${index}`);
    const tone = new OscillatorNode(context, { frequency: 220 + index * 20 });
    tone.connect(strip.input);
    tone.start();
    return strip;
  });
  const readMeters = () => {
    for (const strip of strips) strip.meter();
    graph.masterMeter();
    requestAnimationFrame(readMeters);
  };
  requestAnimationFrame(readMeters);
  await context.resume();
  bench.playingAt = performance.now();
}

const root = document.getElementById('root') as HTMLElement;
/** A clip over the whole file with fades at both ends and an envelope moving all along it. */
function automatedClip(): NonNullable<NewTrack['clip']> {
  const lengthMs = minutes * 60_000;
  const volumeDb = Array.from({ length: Math.floor(lengthMs / 2000) }, (_, index) => ({ atMs: index * 2000, value: index % 2 === 0 ? 0 : -12, easing: 'ease-in-out' as const }));
  return { startMs: 0, inMs: 0, outMs: lengthMs, fades: { in: { durationMs: 2000 }, out: { durationMs: 2000, curve: 's-curve' } }, animation: { volumeDb } };
}

if (strategy === 'kit' || strategy === 'kit-automated') {
  const store = createCompositorStore();
  store.dispatch(
    tracksAdded(
      Array.from({ length: tracks }, (_, index) => ({
        id: `t${index}`,
        name: `Track ${index + 1}`,
        kind: 'audio' as const,
        source: { url: file },
        mix: { volumeDb: -26 },
        ...(strategy === 'kit-automated' ? { clip: automatedClip() } : {}),
      })),
    ),
  );
  createRoot(root).render(
    <CompositorProvider store={store} queryClient={new QueryClient()}>
      <StartWhenReady store={store} />
    </CompositorProvider>,
  );
} else if (strategy === 'decode') {
  playDecoded().catch((error: unknown) => (bench.error = String(error)));
} else if (strategy === 'mixer') {
  mixOnly().catch((error: unknown) => (bench.error = String(error)));
} else if (strategy === 'peaks') {
  peaksOfStream().catch((error: unknown) => (bench.error = String(error)));
} else if (strategy === 'peaks-decode') {
  peaksOfDecoded().catch((error: unknown) => (bench.error = String(error)));
}
