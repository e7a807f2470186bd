import type { SoundMedia } from './soundMedia';
import type { SoundContext } from './trackSoundPlayer';

/** A grain's length, and the fades at its ends (a grain cut off square would click). */
const grainSeconds = 0.08;
const fadeSeconds = 0.01;

/** Fades a grain's samples in and out over `fadeSeconds` at its ends. */
function fadeEnds(buffer: AudioBuffer): void {
  const fadeFrames = Math.min(Math.round(fadeSeconds * buffer.sampleRate), Math.floor(buffer.length / 2));
  for (let channel = 0; channel < buffer.numberOfChannels; channel += 1) {
    const samples = buffer.getChannelData(channel);
    for (let frame = 0; frame < fadeFrames; frame += 1) {
      const gain = frame / fadeFrames;
      samples[frame] *= gain;
      samples[samples.length - 1 - frame] *= gain;
    }
  }
}

export interface ScrubGrains {
  /** Plays a grain of the source from `sourceSeconds`, now; while one plays, only the latest asked waits. */
  play(sourceSeconds: number): void;
  /** Stops what plays and lets go of every node. */
  dispose(): void;
}

/**
 * The sound of scrubbing for one track: a short grain of the source at each place the playhead is
 * dragged to, decoded from the track's own `SoundMedia` and faded in and out. Grains never
 * overlap and never queue up: a drag faster than grains play hears the newest place, as editors do.
 */
export function createScrubGrains({ context, output, media }: { context: SoundContext; output: AudioNode; media: SoundMedia }): ScrubGrains {
  let playing = false;
  let waiting: number | undefined;
  let disposed = false;
  // Each grain sounding, and how to end its wait early (when disposed).
  const live = new Map<AudioBufferSourceNode, () => void>();

  async function grainAt(sourceSeconds: number): Promise<AudioBuffer | undefined> {
    let buffer: AudioBuffer | undefined;
    for await (const decoded of media.buffers(sourceSeconds, sourceSeconds + grainSeconds)) {
      if (disposed) return undefined;
      buffer ??= context.createBuffer(2, Math.round(grainSeconds * decoded.sampleRate), decoded.sampleRate);
      // The decoded stretch's part that falls in the grain, at its place in the grain.
      const offset = Math.round((decoded.timestamp - sourceSeconds) * decoded.sampleRate);
      const from = Math.max(0, -offset);
      const to = Math.min(decoded.channels[0].length, buffer.length - offset);
      if (to <= from) continue;
      decoded.channels.forEach((samples, channel) => buffer?.copyToChannel(samples.subarray(from, to), channel, offset + from));
    }
    if (buffer) fadeEnds(buffer);
    return buffer;
  }

  function sound(buffer: AudioBuffer): Promise<void> {
    const source = new AudioBufferSourceNode(context, { buffer });
    source.connect(output);
    return new Promise((resolve) => {
      const done = () => {
        source.onended = null;
        source.disconnect();
        live.delete(source);
        resolve();
      };
      live.set(source, done);
      source.onended = done;
      // Now: the grain's fades are in its samples, so whenever the audio thread starts it, it
      // starts at silence (an envelope scheduled on the page's clock began part-way when the
      // audio thread was already past its start: a step of 0.19 on a tone, Firefox under load).
      source.start();
    });
  }

  async function play(sourceSeconds: number): Promise<void> {
    playing = true;
    try {
      const buffer = await grainAt(sourceSeconds);
      if (buffer && !disposed) await sound(buffer);
    } catch {
      // Scrubbing sound is a courtesy: a grain that cannot be read is silence, and the track's
      // own player reports the fault when it plays.
    } finally {
      playing = false;
      const next = waiting;
      waiting = undefined;
      if (next !== undefined && !disposed) void play(next);
    }
  }

  return {
    play(sourceSeconds) {
      if (disposed) return;
      if (playing) waiting = sourceSeconds;
      else void play(sourceSeconds);
    },
    dispose() {
      disposed = true;
      waiting = undefined;
      for (const [source, done] of [...live]) {
        source.stop();
        done();
      }
    },
  };
}
