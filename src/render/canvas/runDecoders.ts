import type { ClipRun } from '../../state';
import type { DecodedVideoFrame } from './decodeVideo';
import { createLayerFrames, type FrameSink, type LayerFrames } from './layerFrames';

/** A layer's decoders, one a clip run: the run on screen, and the next one ahead of a cut. */
export interface RunsOfLayer {
  /** By the run's first clip. */
  runs: Map<number, LayerFrames<DecodedVideoFrame>>;
  readonly entry: { readonly video: { readonly frames: FrameSink<DecodedVideoFrame> }; onError(error: unknown): void };
}

/**
 * The decoders of every layer's clip runs: started when a run is wanted, let go when it is not,
 * and what they showed and skipped counted, for layers gone as for those still here.
 */
export interface RunDecoders {
  /** The run's frames, its decoder started on first use. */
  framesOf(layer: RunsOfLayer, run: ClipRun): LayerFrames<DecodedVideoFrame>;
  /** Lets go of every run's decoder and frames but those of the runs kept (by their first clip). */
  keepOnly(layer: RunsOfLayer, kept: readonly (number | undefined)[]): void;
  /** Frames shown and skipped over every layer so far. */
  counts(layers: Iterable<RunsOfLayer>): { shown: number; skipped: number };
  /** Decoders open now. */
  live(layers: Iterable<RunsOfLayer>): number;
}

export function createRunDecoders(options: { framesAhead: number; jumpSeconds: number }, onFrame: () => void): RunDecoders {
  const countedByGone = { shown: 0, skipped: 0 };
  const drop = (layer: RunsOfLayer, first: number) => {
    const frames = layer.runs.get(first);
    if (!frames) return;
    countedByGone.shown += frames.shownCount;
    countedByGone.skipped += frames.skipped;
    frames.dispose();
    layer.runs.delete(first);
  };
  return {
    framesOf(layer, run) {
      let frames = layer.runs.get(run.firstClip);
      if (!frames) {
        frames = createLayerFrames(layer.entry.video.frames, { framesAhead: options.framesAhead, jumpSeconds: options.jumpSeconds, onFrame, onError: layer.entry.onError });
        layer.runs.set(run.firstClip, frames);
      }
      return frames;
    },
    keepOnly(layer, kept) {
      for (const first of [...layer.runs.keys()]) if (!kept.includes(first)) drop(layer, first);
    },
    counts(layers) {
      const counts = { ...countedByGone };
      for (const layer of layers) {
        for (const frames of layer.runs.values()) {
          counts.shown += frames.shownCount;
          counts.skipped += frames.skipped;
        }
      }
      return counts;
    },
    live(layers) {
      let live = 0;
      for (const layer of layers) for (const frames of layer.runs.values()) if (frames.decoding) live += 1;
      return live;
    },
  };
}
