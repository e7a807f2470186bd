import { frameEdgeSeconds } from '../../state';
/** A decoded frame as the canvas renderer holds it (mediabunny's `VideoSample` is one). */
export interface DecodedFrame {
  /** Presentation time of the frame, in seconds of the source. */
  readonly timestamp: number;
  /** How long it shows, in seconds. */
  readonly duration: number;
  /** Gives its memory back; called exactly once by whoever holds it. */
  close(): void;
}

/** Where a layer's frames come from: decoding in presentation order from a source time. */
export interface FrameSink<F extends DecodedFrame> {
  /**
   * Frames from the one showing at `fromSeconds` (the last starting at or before it, the last
   * frame of the source past its end) on, in order: a decoder each, ended by `return()`.
   */
  samples(fromSeconds: number): AsyncGenerator<F, void, unknown>;
}

export interface LayerFramesOptions {
  /** Frames decoded ahead of the one on screen, at most: what a layer holds beyond it. */
  framesAhead: number;
  /**
   * How far past the decoded frames a wanted time may be and still be waited for (decoding on
   * in order); further, decoding starts again at the wanted time (from its keyframe).
   */
  jumpSeconds: number;
  /** A frame arrived: the composite may show something new. */
  onFrame(): void;
  /** Reading or decoding failed; the layer keeps what it showed. */
  onError(error: unknown): void;
}

export interface ShownFrame<F> {
  /** The frame to draw: the one at the time asked for, or while it is being decoded, the last one shown. */
  frame: F | undefined;
  /** Whether `frame` is the one at the time asked for: the last frame of the source starting at or before it. */
  exact: boolean;
}

/**
 * One layer's frames: a few decoded ahead of the one on screen, no more. Asked for the frame at a
 * source time on every draw, it answers at once with what it has (the frame at that time, or the
 * last one shown, held), and decodes toward it: on in order while the time moves forward within
 * reach, or again from the time's keyframe after a jump (a seek, a cut, a scrub), where only the
 * latest time asked for counts and frames decoded for an earlier one are dropped. Every frame it
 * takes is closed exactly once: when the one after it shows, when it is dropped, or on `idle`.
 */
export interface LayerFrames<F extends DecodedFrame> {
  show(seconds: number): ShownFrame<F>;
  /** The decoded frame that shows next, if decoded already (to ready its picture ahead of time). */
  peekNext(): F | undefined;
  /** Lets go of the decoder and every frame (the layer is off the playhead); `show` starts again. */
  idle(): void;
  /** Whether a decoder is open now. */
  readonly decoding: boolean;
  /** Frames decoded too late to be shown since the layer began (the composite skipped them). */
  readonly skipped: number;
  /** Frames that took the screen since the layer began. */
  readonly shownCount: number;
  /**
   * How long, in ms, it has been asked for a frame it does not have with nothing arriving from
   * its decoder (0 when it shows the frame asked for): a decoder that silently gives nothing.
   */
  silentMs(): number;
  dispose(): void;
}

/** A time's margin for float error (`frameEdgeSeconds`). */
const edgeSeconds = frameEdgeSeconds;

const covers = (frame: DecodedFrame, seconds: number) =>
  frame.timestamp <= seconds + edgeSeconds && seconds + edgeSeconds < frame.timestamp + frame.duration;

export function createLayerFrames<F extends DecodedFrame>(sink: FrameSink<F>, options: LayerFramesOptions): LayerFrames<F> {
  const { framesAhead, jumpSeconds, onFrame, onError } = options;
  /** Decoded, not yet shown, in presentation order. */
  let queue: F[] = [];
  let shown: F | undefined;
  let samples: AsyncGenerator<F, void, unknown> | undefined;
  let target = 0;
  /** The earliest time the open decoder can still give (where it began, or the frame it last gave up). */
  let reachFrom = 0;
  /** The end of what the open decoder has given, or where it began while it has given nothing. */
  let reachTo = 0;
  let restart = false;
  let ended = false;
  let pumping = false;
  let disposed = false;
  let skipped = 0;
  let shownCount = 0;
  /** The time of the latest frame the open decoder gave that took the screen. */
  let shownThisPass: number | undefined;
  /** When it was first asked for a frame it lacked, since the last frame arrived. */
  let waitingSince: number | undefined;

  const close = (frame: F) => frame.close();
  const clearQueue = () => {
    for (const frame of queue) close(frame);
    queue = [];
  };
  const stopSamples = () => {
    const stopping = samples;
    samples = undefined;
    // mediabunny closes its decoder and the frames it decoded ahead when its iterator returns.
    return stopping?.return(undefined).catch(() => undefined);
  };

  async function pump(): Promise<void> {
    if (pumping) return;
    pumping = true;
    try {
      while (!disposed) {
        if (restart) {
          restart = false;
          await stopSamples();
          clearQueue();
          shownThisPass = undefined;
          ended = false;
          reachFrom = target;
          reachTo = target;
          samples = sink.samples(target);
          continue;
        }
        if (!samples || ended || queue.length >= framesAhead) return;
        const reading = samples;
        const next = await reading.next();
        if (next.done) {
          if (reading === samples) ended = true;
          continue;
        }
        const frame = next.value;
        // Decoded for a time no longer wanted (a newer jump, or the layer went idle): dropped.
        if (reading !== samples || restart || disposed) {
          close(frame);
          continue;
        }
        // A decoder may give a frame after a later one (Firefox's and WebKit's did, now and then):
        // one older than a frame of this pass already shown is past, and never shown after it;
        // one older than frames waiting takes its place among them, in presentation order.
        if (shownThisPass !== undefined && frame.timestamp < shownThisPass - edgeSeconds) {
          close(frame);
          skipped += 1;
          continue;
        }
        let at = queue.length;
        while (at > 0 && queue[at - 1].timestamp > frame.timestamp) at -= 1;
        queue.splice(at, 0, frame);
        // Frames decoded ahead that a later one supersedes at the time on screen now are never
        // seen (decoding fell behind the playhead): dropped, not shown late.
        let current = -1;
        for (let index = 0; index < queue.length; index += 1) if (queue[index].timestamp <= target + edgeSeconds) current = index;
        for (const past of queue.splice(0, Math.max(0, current))) {
          close(past);
          skipped += 1;
        }
        reachTo = Math.max(reachTo, frame.timestamp + frame.duration);
        waitingSince = undefined;
        onFrame();
      }
    } catch (error) {
      if (!disposed) onError(error);
    } finally {
      pumping = false;
    }
  }

  const kick = () => void pump();

  return {
    show(seconds) {
      target = seconds;
      // The last decoded frame starting at or before the time takes the screen; earlier ones are past.
      let at = -1;
      for (let index = 0; index < queue.length; index += 1) if (queue[index].timestamp <= seconds + edgeSeconds) at = index;
      if (at >= 0) {
        for (const past of queue.splice(0, at)) {
          close(past);
          skipped += 1;
        }
        const next = queue.shift() as F;
        if (shown) close(shown);
        shown = next;
        shownThisPass = next.timestamp;
        shownCount += 1;
        reachFrom = Math.max(reachFrom, next.timestamp);
      }
      // The frame at a time is the last one starting at or before it: known once the shown one
      // covers the time, or a later frame (or the source's end) is known to start after it.
      const started = shown !== undefined && shown.timestamp <= seconds + edgeSeconds;
      const exact = started && (covers(shown as F, seconds) || queue.length > 0 || ended);
      // Decode again from the time's keyframe when the open decoder cannot give it: there is
      // none, the time is before what it can still give, or too far past what it has given.
      if (exact) waitingSince = undefined;
      else waitingSince ??= performance.now();
      if (!exact && (!samples || seconds + edgeSeconds < reachFrom || seconds - reachTo > jumpSeconds)) restart = true;
      kick();
      return { frame: shown, exact };
    },
    idle() {
      restart = false;
      void stopSamples();
      clearQueue();
      shownThisPass = undefined;
      if (shown) close(shown);
      shown = undefined;
      ended = false;
      waitingSince = undefined;
    },
    get decoding() {
      return samples !== undefined;
    },
    get skipped() {
      return skipped;
    },
    get shownCount() {
      return shownCount;
    },
    peekNext: () => queue[0],
    // Above 0 from the moment it waits (a clock's tick may not have moved yet): 0 says not waiting.
    silentMs: () => (waitingSince === undefined ? 0 : Math.max(0.001, performance.now() - waitingSince)),
    dispose() {
      disposed = true;
      this.idle();
    },
  };
}
