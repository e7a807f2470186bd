import { EncodedPacketSink, type EncodedPacket, type InputVideoTrack } from 'mediabunny';
import type { DecodedFrame, FrameSink } from './layerFrames';

/** A decoded picture: a WebCodecs `VideoFrame` and where it sits in the source. */
export interface DecodedVideoFrame extends DecodedFrame {
  readonly frame: VideoFrame;
}

export interface VideoDecodeOptions {
  /** The track's decoder configuration (mediabunny's `getDecoderConfig`). */
  config: VideoDecoderConfig;
  /** Decoded frames waiting to be taken, plus chunks waiting in the decoder, at most. */
  inFlight: number;
}

/** Microseconds, WebCodecs' unit, to seconds. */
const seconds = (microseconds: number) => microseconds / 1e6;

/**
 * Decodes a video track from any time on, demuxed by mediabunny and decoded by a WebCodecs
 * `VideoDecoder` of our own. mediabunny's `VideoSampleSink` would do the same but keeps up to
 * eight decoded frames ahead of the reader (1.4 MB each at 720p, 11 MB a layer), a bound a
 * caller cannot set; here a layer holds what it asks for (`inFlight`) and the frames it keeps.
 * Each `samples` call has its own decoder, closed with every frame it holds when the iterator
 * returns.
 */
export function videoFrameSink(track: InputVideoTrack, { config, inFlight }: VideoDecodeOptions): FrameSink<DecodedVideoFrame> {
  const packets = new EncodedPacketSink(track);
  return {
    async *samples(fromSeconds) {
      const decoded: VideoFrame[] = [];
      let failure: unknown;
      let wake: (() => void) | undefined;
      let finished = false;
      const ready = () => new Promise<void>((resolve) => (wake = resolve));
      const decoder = new VideoDecoder({
        output: (frame) => {
          // Firefox 153 can still give a frame a few ms after `close()` (6 closes in 200, by
          // probe; Docs/Engines): nobody will take it, so it is closed here.
          if (finished) {
            frame.close();
            return;
          }
          decoded.push(frame);
          wake?.();
        },
        error: (error) => {
          failure = error;
          wake?.();
        },
      });
      decoder.addEventListener('dequeue', () => wake?.());
      decoder.configure(config);
      // From the keyframe at or before the time; a time before the first keyframe starts at the first packet.
      const key = (await packets.getKeyPacket(fromSeconds, { verifyKeyPackets: true })) ?? (await packets.getFirstPacket());
      const reading = key ? packets.packets(key) : undefined;
      /** The frame showing at `fromSeconds`, held back until a later one shows it is the last before it. */
      let candidate: VideoFrame | undefined;
      const toDecoded = (frame: VideoFrame, next?: VideoFrame): DecodedVideoFrame => {
        let closed = false;
        return {
          frame,
          timestamp: seconds(frame.timestamp),
          // The decoder passes the chunk's duration on; without one, until the next frame.
          duration: frame.duration ? seconds(frame.duration) : next ? seconds(next.timestamp - frame.timestamp) : 0,
          close() {
            if (closed) return;
            closed = true;
            frame.close();
          },
        };
      };
      try {
        let readAll = reading === undefined;
        let flushed = false;
        for (;;) {
          if (failure) throw failure;
          const frame = decoded.shift();
          if (frame) {
            // Frames come out in presentation order: those before the time only decode the one there.
            if (seconds(frame.timestamp) <= fromSeconds + 0.0001) {
              candidate?.close();
              candidate = frame;
              continue;
            }
            if (candidate) {
              const first = candidate;
              candidate = undefined;
              // Back in the queue while the one before it is taken: if the reader stops there,
              // the cleanup below closes it (held only here, it was left open once).
              decoded.unshift(frame);
              yield toDecoded(first, frame);
              continue;
            }
            yield toDecoded(frame, decoded[0]);
            continue;
          }
          if (readAll) {
            if (flushed || decoder.state === 'closed') break;
            await decoder.flush();
            flushed = true;
            continue;
          }
          if (decoded.length + decoder.decodeQueueSize >= inFlight) {
            await ready();
            continue;
          }
          const next = await (reading as AsyncGenerator<EncodedPacket>).next();
          if (next.done) readAll = true;
          else decoder.decode(next.value.toEncodedVideoChunk());
        }
        // The source ends: the last frame at or before the time is the one there.
        if (candidate) {
          const last = candidate;
          candidate = undefined;
          yield toDecoded(last);
        }
      } finally {
        // The decoder first, so (in engines that keep to the spec) no frame lands after the ones
        // below are closed; a late one is closed as it comes (above).
        finished = true;
        if (decoder.state !== 'closed') decoder.close();
        candidate?.close();
        for (const frame of decoded.splice(0)) frame.close();
        await reading?.return(undefined);
      }
    },
  };
}
