import { spansFrom, type ClipTiming, type PlaySpan } from '../state';
import type { TimeBaseAnchor } from '../playback';
import type { SoundMedia } from './soundMedia';

/** The part of an AudioContext a player uses (a real one, an OfflineAudioContext in tests). */
export type SoundContext = Pick<BaseAudioContext, 'currentTime' | 'createBufferSource' | 'createGain'>;

/**
 * How far ahead of the output decoded sound is scheduled. Long enough that a busy main thread
 * (a React render, a garbage collection) does not starve the output; short enough that what is
 * held stays small: one second of 48 kHz stereo is 384 KB a track.
 */
export const soundLookaheadSeconds = 1;

/**
 * How long sound fades in when it starts and out when it stops or is realigned. A cut in a
 * waveform is a click; a fade this short is heard as a clean start.
 */
export const soundFadeSeconds = 0.005;

export interface TrackSoundPlayer {
  /**
   * Plays the clips' sound on the clock's time base from `anchor` (the playhead at a context
   * time), or stops it (`undefined`: paused, or the clock is not on the audio output). Calling it
   * again with the same clips and anchor does nothing; with others, the old sound fades out as
   * the new fades in.
   */
  follow(clips: readonly ClipTiming[], anchor: TimeBaseAnchor | undefined): void;
  /** Buffer sources scheduled or playing now (for leak tests). */
  liveSources(): number;
  /**
   * Resolves once the current start has scheduled all it will, or stopped: with a lookahead
   * longer than the clips, everything, which is how a test renders it offline.
   */
  scheduled(): Promise<void>;
  /** Stops at once and disconnects everything it made; the media is the caller's. */
  dispose(): void;
}

interface Options {
  context: SoundContext;
  /** Where the sound goes: the track's channel strip. */
  output: AudioNode;
  media: SoundMedia;
  /** A read or decode failed while playing. */
  onError(error: unknown): void;
  lookaheadSeconds?: number;
}

/** One start of the sound: its own fade, its buffer sources, whether it was stopped, and how to wake it. */
interface Pass {
  fade: GainNode;
  sources: Set<AudioBufferSourceNode>;
  stopped: boolean;
  done: Promise<void>;
  wake?: () => void;
}

/**
 * Schedules a track's decoded sound on the audio context, a bounded window ahead of the output:
 * each buffer starts at the context time its place on the timeline maps to, trimmed to its clip,
 * so sound is sample-exact with the clock and never bent in pitch. A buffer that would start in
 * the past (a seek, a slow decode) plays from where the output is now, so it stays in sync.
 */
export function createTrackSoundPlayer({ context, output, media, onError, lookaheadSeconds = soundLookaheadSeconds }: Options): TrackSoundPlayer {
  let current: Pass | undefined;
  let followed: { clips: readonly ClipTiming[]; anchor: TimeBaseAnchor | undefined } | undefined;
  // Every pass's sources, stopped ones included, until each has ended; and passes still sounding.
  const live = new Set<AudioBufferSourceNode>();
  const sounding = new Set<Pass>();

  const letGo = (pass: Pass) => {
    pass.fade.disconnect();
    sounding.delete(pass);
  };

  const stop = (pass: Pass) => {
    pass.stopped = true;
    const now = context.currentTime;
    pass.fade.gain.cancelScheduledValues(now);
    pass.fade.gain.setValueAtTime(pass.fade.gain.value, now);
    pass.fade.gain.linearRampToValueAtTime(0, now + soundFadeSeconds);
    for (const source of pass.sources) source.stop(now + soundFadeSeconds);
    // The fade is let go once its last source has ended (each source's `ended` handler).
    if (pass.sources.size === 0) letGo(pass);
    pass.wake?.();
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

  async function play(pass: Pass, spans: PlaySpan[], anchor: TimeBaseAnchor): Promise<void> {
    // The context time at which a playhead is heard, in seconds.
    const contextTimeOf = (playheadMs: number) => (anchor.baseMs + playheadMs - anchor.playheadMs) / 1000;
    let faded = false;
    for (const span of spans) {
      const spanStart = contextTimeOf(span.startMs);
      const spanEnd = span.endMs === undefined ? Number.POSITIVE_INFINITY : contextTimeOf(span.endMs);
      const toSeconds = span.endMs === undefined ? undefined : (span.sourceStartMs + span.endMs - span.startMs) / 1000;
      await waitUntilDue(pass, spanStart);
      if (pass.stopped) return;
      for await (const { buffer, timestamp } of media.buffers(span.sourceStartMs / 1000, toSeconds)) {
        if (pass.stopped) return;
        const bufferStart = spanStart + timestamp - span.sourceStartMs / 1000;
        const from = Math.max(bufferStart, spanStart, context.currentTime);
        const to = Math.min(bufferStart + buffer.duration, spanEnd);
        if (to > from) {
          if (!faded) {
            pass.fade.gain.setValueAtTime(0, from);
            pass.fade.gain.linearRampToValueAtTime(1, from + soundFadeSeconds);
            faded = true;
          }
          const source = context.createBufferSource();
          source.buffer = buffer;
          source.connect(pass.fade);
          source.onended = () => {
            source.disconnect();
            live.delete(source);
            pass.sources.delete(source);
            if (pass.stopped && pass.sources.size === 0) letGo(pass);
          };
          source.start(from, from - bufferStart, to - from);
          pass.sources.add(source);
          live.add(source);
        }
        await waitUntilDue(pass, to);
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
      const fade = context.createGain();
      fade.connect(output);
      const pass: Pass = { fade, sources: new Set(), stopped: false, done: Promise.resolve() };
      sounding.add(pass);
      pass.done = play(pass, spansFrom(clips, anchor.playheadMs), anchor).catch((error: unknown) => {
        if (!pass.stopped) onError(error);
      });
      current = pass;
    },
    liveSources: () => live.size,
    scheduled: () => current?.done ?? Promise.resolve(),
    dispose() {
      for (const pass of sounding) {
        pass.stopped = true;
        pass.wake?.();
        pass.fade.disconnect();
      }
      sounding.clear();
      for (const source of live) {
        source.onended = null;
        source.stop();
        source.disconnect();
      }
      live.clear();
      current = undefined;
      followed = undefined;
    },
  };
}
