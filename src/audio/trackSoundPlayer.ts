import type { TimeBaseAnchor } from '../playback';
import { soundAutomation, spansFrom, type AutomationStep, type ClipTiming, type PlaySpan } from '../state';
import { soundFeedProcessorName } from './soundFeedProcessor';
import type { SoundMedia } from './soundMedia';

/** The context a player plays on: a real one, or an OfflineAudioContext in tests. */
export type SoundContext = BaseAudioContext;

/**
 * How far ahead of the output decoded sound is sent to the audio thread. Long enough that a busy
 * main thread (a React render, a garbage collection) does not starve the output; short enough
 * that what is held stays small: one second of 48 kHz stereo is 384 KB a track.
 */
export const soundLookaheadSeconds = 1;

export interface TrackSoundPlayer {
  /**
   * Plays the clips' sound on the clock's time base from `anchor` (the playhead at a context
   * time), or stops it (`undefined`: paused, or the clock is not on the audio output). Calling it
   * again with the same clips and anchor does nothing; with others, the old sound fades out as
   * the new fades in.
   */
  follow(clips: readonly ClipTiming[], anchor: TimeBaseAnchor | undefined): void;
  /** Spans of sound sent to the audio thread and not yet played out (for leak tests). */
  pendingSpans(): number;
  /**
   * Resolves once the current start has sent all it will (or stopped) and the audio thread has
   * it: with a lookahead longer than the clips, everything, which is how a test renders offline.
   */
  scheduled(): Promise<void>;
  /** Stops at once and disconnects its node; the media is the caller's. */
  dispose(): void;
}

interface Options {
  /** A context with the sound feed registered (`registerSoundFeed`). */
  context: SoundContext;
  /** Where the sound goes: the track's channel strip. */
  output: AudioNode;
  media: SoundMedia;
  /** A read or decode failed while playing. */
  onError(error: unknown): void;
  /** The decoder fell behind the output: part of a span played as silence. */
  onStarved?(): void;
  lookaheadSeconds?: number;
}

/** The context time, in seconds, at which the playhead `playheadMs` is heard on `anchor`'s time base. */
const heardAt = (anchor: TimeBaseAnchor, playheadMs: number) => (anchor.baseMs + playheadMs - anchor.playheadMs) / 1000;

/** One start of the sound (a play, a seek): stopped when the next begins. */
interface Pass {
  stopped: boolean;
  done: Promise<void>;
  wake?: () => void;
}

/**
 * Plays a track's decoded sound on the audio context, a bounded window ahead of the output:
 * each span of the timeline (`spansFrom`) goes to the audio thread as one stream that starts at
 * the context frame its place on the timeline maps to, so the sound is sample-exact with the
 * clock and never bent in pitch. Sound that would start in the past (a seek, a slow decode)
 * plays from where the output is now, so it stays in sync.
 */
export function createTrackSoundPlayer({ context, output, media, onError, onStarved, lookaheadSeconds = soundLookaheadSeconds }: Options): TrackSoundPlayer {
  const node = new AudioWorkletNode(context, soundFeedProcessorName, { numberOfInputs: 0, numberOfOutputs: 1, outputChannelCount: [2] });
  // The clips' own level and pan (their keyframes), scheduled on the audio thread at each start.
  const level = context.createGain();
  const panner = context.createStereoPanner();
  node.connect(level).connect(panner).connect(output);
  const pending = new Set<number>();
  let nextSpanId = 1;
  let current: Pass | undefined;
  let followed: { clips: readonly ClipTiming[]; anchor: TimeBaseAnchor | undefined } | undefined;

  const pongs: (() => void)[] = [];
  node.port.onmessage = ({ data }: MessageEvent<{ type: 'ended' | 'starved' | 'pong'; id: number }>) => {
    if (data.type === 'ended') pending.delete(data.id);
    else if (data.type === 'pong') pongs.shift()?.();
    else onStarved?.();
  };
  /** Resolves once the audio thread has every message sent before this. */
  const delivered = () =>
    new Promise<void>((resolve) => {
      pongs.push(resolve);
      node.port.postMessage({ type: 'ping' });
    });

  const stop = (pass: Pass) => {
    pass.stopped = true;
    pass.wake?.();
    node.port.postMessage({ type: 'stop', atFrame: Math.ceil(context.currentTime * context.sampleRate) });
  };

  /** Waits until the output is within the lookahead of `contextSeconds`, or the pass is stopped. */
  const waitUntilDue = (pass: Pass, contextSeconds: number) =>
    new Promise<void>((resolve) => {
      const delaySeconds = contextSeconds - lookaheadSeconds - context.currentTime;
      if (delaySeconds <= 0 || pass.stopped) return resolve();
      const timer = setTimeout(resolve, delaySeconds * 1000);
      pass.wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  /**
   * Puts `steps` (timeline ms) on `param` at the context times they are heard, from now on. What
   * was scheduled by an earlier start is dropped; a curve already under way starts where it is now.
   */
  function automate(param: AudioParam, steps: AutomationStep[], contextTimeOf: (playheadMs: number) => number): void {
    const now = context.currentTime;
    // Held where it is, not jumped back to the last value set (Firefox lacks cancelAndHoldAtTime).
    if (typeof param.cancelAndHoldAtTime === 'function') param.cancelAndHoldAtTime(now);
    else param.cancelScheduledValues(now);
    for (const step of steps) {
      const start = contextTimeOf(step.atMs);
      if (step.kind === 'set') {
        param.setValueAtTime(step.value, Math.max(now, start));
        continue;
      }
      const end = contextTimeOf(step.atMs + step.durationMs);
      const spacing = (end - start) / (step.values.length - 1);
      // The points already past are left out: the curve begins at the first one still to come.
      const skipped = start >= now ? 0 : Math.ceil((now - start) / spacing);
      const values = step.values.slice(skipped);
      const from = start + skipped * spacing;
      if (values.length < 2) {
        if (values.length === 1) param.setValueAtTime(values[0], Math.max(now, from));
        continue;
      }
      // A hair short of the next step's time, which a curve may not overlap (float rounding).
      param.setValueCurveAtTime(Float32Array.from(values), from, Math.max(1e-6, end - from - 1e-6));
    }
  }

  async function play(pass: Pass, spans: PlaySpan[], anchor: TimeBaseAnchor): Promise<void> {
    const contextTimeOf = (playheadMs: number) => heardAt(anchor, playheadMs);
    for (const span of spans) {
      const spanStart = contextTimeOf(span.startMs);
      const sourceStart = span.sourceStartMs / 1000;
      // A clip at another speed plays its source faster or slower, and its pitch with it
      // (varispeed: the stream is resampled by the speed as it is by the rates' ratio).
      const speed = span.speed ?? 1;
      const toSeconds = span.endMs === undefined ? undefined : sourceStart + ((span.endMs - span.startMs) / 1000) * speed;
      await waitUntilDue(pass, spanStart);
      if (pass.stopped) return;
      let id: number | undefined;
      let sentSeconds = 0;
      for await (const { channels: whole, timestamp, sampleRate } of media.buffers(sourceStart, toSeconds)) {
        if (pass.stopped) return;
        if (id === undefined) {
          id = nextSpanId++;
          pending.add(id);
          node.port.postMessage({
            type: 'span',
            id,
            startFrame: spanStart * context.sampleRate,
            endFrame: span.endMs === undefined ? Number.POSITIVE_INFINITY : contextTimeOf(span.endMs) * context.sampleRate,
            ratio: (sampleRate / context.sampleRate) * speed,
          });
        }
        // The first buffer holds the span's start somewhere inside it: the stream begins there.
        const skipFrames = sentSeconds === 0 ? Math.max(0, Math.round((sourceStart - timestamp) * sampleRate)) : 0;
        const channels = skipFrames > 0 ? whole.map((channel) => channel.slice(skipFrames)) : whole;
        // Counted before the transfer, which empties the arrays on this side.
        sentSeconds += channels[0].length / sampleRate;
        node.port.postMessage({ type: 'data', id, channels }, channels.map((channel) => channel.buffer));
        await waitUntilDue(pass, spanStart + sentSeconds / speed);
        if (pass.stopped) return;
      }
    }
  }

  return {
    follow(clips, anchor) {
      if (followed && followed.clips === clips && followed.anchor === anchor) return;
      followed = { clips, anchor };
      if (current) stop(current);
      current = undefined;
      if (!anchor) return;
      const pass: Pass = { stopped: false, done: Promise.resolve() };
      // From the anchor, or from where the output is now if that is later (a track unmuted, or its
      // clips changed, while playing): what is past is never decoded.
      const fromMs = Math.max(anchor.playheadMs, anchor.playheadMs + context.currentTime * 1000 - anchor.baseMs);
      const contextTimeOf = (playheadMs: number) => heardAt(anchor, playheadMs);
      try {
        automate(level.gain, soundAutomation(clips, 'volumeDb', fromMs), contextTimeOf);
        automate(panner.pan, soundAutomation(clips, 'pan', fromMs), contextTimeOf);
      } catch (error) {
        onError(error);
      }
      pass.done = play(pass, spansFrom(clips, fromMs), anchor).catch((error: unknown) => {
        if (!pass.stopped) onError(error);
      });
      current = pass;
    },
    pendingSpans: () => pending.size,
    scheduled: async () => {
      await current?.done;
      await delivered();
    },
    dispose() {
      if (current) {
        current.stopped = true;
        current.wake?.();
      }
      current = undefined;
      followed = undefined;
      pending.clear();
      for (const pong of pongs.splice(0)) pong();
      node.port.onmessage = null;
      node.port.close();
      node.disconnect();
      level.disconnect();
      panner.disconnect();
    },
  };
}
