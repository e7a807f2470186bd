/**
 * The audio-thread half of a track's sound: an AudioWorklet processor that plays decoded PCM at
 * given context frames, resampling to the context's rate as it goes.
 *
 * Why not one AudioBufferSourceNode per decoded buffer (mediabunny's own player example does
 * that): at a context rate other than the file's (Chromium here runs at 44.1 kHz, most video
 * sound is 48 kHz), each buffer starts at a fractional frame and is resampled on its own, and
 * the joins between buffers overlap or gap by a sample, 47 times a second: a crackle, measured
 * on the tapped output as peaks of 0.85 to 0.99 on a 0.5 tone. Here a span of the timeline is
 * one continuous stream, interpolated across the joins, so only the edges of a clip are edges.
 *
 * Messages from the main thread, in order:
 * - `{ type: 'span', id, startFrame, endFrame, ratio }`: a stretch of the timeline that plays
 *   from context frame `startFrame` (fractional) to `endFrame` (or Infinity), reading `ratio`
 *   source frames per context frame;
 * - `{ type: 'data', id, channels: [left, right] }`: the span's next source frames, contiguous;
 * - `{ type: 'stop', atFrame }`: every span so far fades out from `atFrame` and is dropped;
 * - `{ type: 'ping' }`: answered `{ type: 'pong' }` once everything before it is in.
 * It answers `{ type: 'ended', id }` when a span is done and `{ type: 'starved', id }` once
 * when a span's data ran out before its end (the decoder fell behind).
 */
export const soundFeedProcessorName = 'mtk-sound-feed';

/** Fade at every start, stop and clip edge, in seconds: a cut waveform clicks, 5 ms does not. */
export const soundFeedFadeSeconds = 0.005;

export const soundFeedProcessorSource = `
const fadeFrames = ${soundFeedFadeSeconds} * sampleRate;

class SoundFeedProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    this.spans = new Map();
    this.port.onmessage = ({ data }) => this.receive(data);
  }

  receive(message) {
    if (message.type === 'span') {
      this.spans.set(message.id, {
        start: message.startFrame, end: message.endFrame, ratio: message.ratio,
        chunks: [], dropped: 0, gain: 0, stopAt: Infinity, starved: false,
      });
    } else if (message.type === 'data') {
      const span = this.spans.get(message.id);
      if (span) span.chunks.push(message.channels);
    } else if (message.type === 'stop') {
      // The audio thread may already be past the frame the main thread named: the fade starts
      // where the output is, or it would begin part-way down (a step, a click).
      const stopAt = Math.max(message.atFrame, currentFrame);
      for (const span of this.spans.values()) span.stopAt = Math.min(span.stopAt, stopAt);
    } else if (message.type === 'ping') {
      this.port.postMessage({ type: 'pong' });
    }
  }

  process(inputs, outputs) {
    const output = outputs[0];
    const frames = output[0].length;
    for (const [id, span] of this.spans) {
      const last = Math.min(span.end, span.stopAt + fadeFrames);
      const chunks = span.chunks;
      let arrived = span.dropped;
      for (const chunk of chunks) arrived += chunk[0].length;
      // A cursor over the chunks: source indexes only grow within a quantum.
      let chunkIndex = 0;
      let chunkStart = span.dropped;
      for (let offset = 0; offset < frames; offset += 1) {
        const frame = currentFrame + offset;
        if (frame < span.start) continue;
        if (frame >= last) break;
        const position = (frame - span.start) * span.ratio;
        const index = Math.floor(position);
        if (index >= arrived) {
          // The decoder fell behind: silence, faded into below, and a fade in again when data comes.
          if (!span.starved) this.port.postMessage({ type: 'starved', id });
          span.starved = true;
          span.gain = 0;
          continue;
        }
        while (index >= chunkStart + chunks[chunkIndex][0].length) {
          chunkStart += chunks[chunkIndex][0].length;
          chunkIndex += 1;
        }
        // Fades: out to the span's end, to a stop, and to the end of what has arrived (so running
        // dry is a fade, not a cut); and up from wherever the gain was by at most a fade's slope
        // a frame: in where sound begins or comes back, and back up when data arrives part-way
        // through a fade to its end (jumping back to full there was a step, a click).
        const gain = Math.min(
          1,
          span.gain + 1 / fadeFrames,
          (span.end - frame) / fadeFrames,
          (span.stopAt + fadeFrames - frame) / fadeFrames,
          (arrived - 1 - position) / span.ratio / fadeFrames,
        );
        span.gain = Math.max(0, gain);
        if (gain <= 0) continue;
        const chunk = chunks[chunkIndex];
        const at = index - chunkStart;
        // The next sample, for the interpolation, may be the first of the next chunk (or not here yet).
        const inChunk = at + 1 < chunk[0].length;
        const next = inChunk ? chunk : chunks[chunkIndex + 1];
        const nextAt = inChunk ? at + 1 : 0;
        const weight = position - index;
        for (let channel = 0; channel < output.length; channel += 1) {
          const from = chunk[channel][at];
          const to = next ? next[channel][nextAt] : from;
          output[channel][offset] += gain * (from + (to - from) * weight);
        }
      }
      // What has been played is let go; a span past its end (or stopped and faded) is done.
      const played = Math.floor((currentFrame + frames - span.start) * span.ratio) - 1;
      while (span.chunks.length > 0 && span.dropped + span.chunks[0][0].length <= played) {
        span.dropped += span.chunks[0][0].length;
        span.chunks.shift();
      }
      if (currentFrame + frames >= last) {
        this.spans.delete(id);
        this.port.postMessage({ type: 'ended', id });
      }
    }
    return true;
  }
}

registerProcessor('${soundFeedProcessorName}', SoundFeedProcessor);
`;

const registered = new WeakSet<BaseAudioContext>();

/** Adds the processor to a context once (a Blob URL module, revoked once loaded). */
export async function registerSoundFeed(context: BaseAudioContext): Promise<void> {
  if (registered.has(context)) return;
  const url = URL.createObjectURL(new Blob([soundFeedProcessorSource], { type: 'text/javascript' }));
  try {
    await context.audioWorklet.addModule(url);
    registered.add(context);
  } finally {
    URL.revokeObjectURL(url);
  }
}
