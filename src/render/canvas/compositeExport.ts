import { clipAt, sourceTimeAt, type PictureSize, type Track } from '../../state';
import type { CanvasRendererOptions } from './canvasOptions';
import type { DecodedVideoFrame } from './decodeVideo';
import { drawComposite, layerPaint, type LayerPaint, type LayerPicture } from './drawLayer';
import { createLayerFrames, type FrameSink, type LayerFrames } from './layerFrames';
import type { PictureStager } from './pictureStager';

/**
 * The composite at any playhead time, as a frame, for a host's export pipeline (a `VideoEncoder`,
 * say): every layer the composite has open, each at exactly the frame its clip names, drawn in
 * paint order. It decodes on its own, beside what is on screen, so exporting never disturbs
 * playback; asked for times in order it decodes each layer once, straight through.
 */
export interface CompositeExport {
  /**
   * The composite at `playheadMs`, `width` x `height` pixels (the composition's size by default),
   * with the playhead as its timestamp in microseconds. The frame is the caller's to close.
   */
  frameAt(playheadMs: number, size?: { width: number; height: number }): Promise<VideoFrame>;
  /** Lets go of its decoders and frames. */
  close(): void;
}

/** A layer as export sees it: its track now and where its frames come from, or its still picture. */
export type ExportLayer =
  | { trackId: string; track(): Track; frames: FrameSink<DecodedVideoFrame> }
  | {
      trackId: string;
      track(): Track;
      /** A copy of the still's picture (none yet, or a colour's: none needed); the export closes it. */
      still(): Promise<ImageBitmap | undefined>;
      media(): PictureSize | undefined;
    };

interface ExportSetup {
  options: CanvasRendererOptions;
  /** Turns frames into pictures; the export's own, let go when it closes. */
  stager: PictureStager;
  /** The layers open now, in paint order. */
  layers(): ExportLayer[];
  /** The composition's size, in the pixels track layouts use, and its background. */
  composition(): { width: number; height: number; background: string };
}

/** Gives a picture's memory back now rather than at garbage collection. */
function release(picture: LayerPicture | undefined): void {
  if (picture instanceof ImageBitmap) picture.close();
  else if (picture) {
    picture.width = 0;
    picture.height = 0;
  }
}

export function createCompositeExport({ options, stager, layers, composition }: ExportSetup): CompositeExport {
  const decoding = new Map<string, LayerFrames<DecodedVideoFrame>>();
  const waiting = new Set<() => void>();
  let failure: unknown;
  let closed = false;
  const arrived = () => {
    for (const wake of [...waiting]) wake();
  };
  const nextArrival = () =>
    new Promise<void>((resolve) => {
      const wake = () => {
        waiting.delete(wake);
        resolve();
      };
      waiting.add(wake);
    });

  const framesOf = (layer: ExportLayer & { frames: FrameSink<DecodedVideoFrame> }) => {
    let frames = decoding.get(layer.trackId);
    if (!frames) {
      frames = createLayerFrames(layer.frames, {
        framesAhead: options.framesAhead,
        jumpSeconds: options.jumpSeconds,
        onFrame: arrived,
        onError: (error) => {
          failure = error;
          arrived();
        },
      });
      decoding.set(layer.trackId, frames);
    }
    return frames;
  };

  /** Decodes until the layer has the frame at the time exactly. */
  async function exactFrame(frames: LayerFrames<DecodedVideoFrame>, seconds: number): Promise<DecodedVideoFrame | undefined> {
    for (;;) {
      if (closed) throw new DOMException('The composite export was closed.', 'AbortError');
      if (failure) throw failure;
      const shown = frames.show(seconds);
      if (shown.exact) return shown.frame;
      await nextArrival();
    }
  }

  return {
    async frameAt(playheadMs, size) {
      const { width: compositionWidth, height: compositionHeight, background } = composition();
      const width = size?.width ?? compositionWidth;
      const height = size?.height ?? compositionHeight;
      const scale = { x: width / compositionWidth, y: height / compositionHeight };
      const pictures: { picture: LayerPicture | undefined; paint: LayerPaint }[] = [];
      // The layers' pictures are copied into the frame, or not needed when it fails (closed,
      // a decode error): their backing stores go now either way.
      try {
        const open = layers();
        for (const layer of open) {
          const track = layer.track();
          const clip = clipAt(track.clips, playheadMs);
          if (!clip) {
            decoding.get(layer.trackId)?.idle();
            continue;
          }
          if ('still' in layer) {
            pictures.push({ picture: await layer.still(), paint: layerPaint(track, clip, playheadMs, scale, layer.media()) });
            continue;
          }
          const frame = await exactFrame(framesOf(layer), sourceTimeAt(clip, playheadMs));
          if (!frame) {
            pictures.push({ picture: undefined, paint: layerPaint(track, clip, playheadMs, scale) });
            continue;
          }
          const picture = new OffscreenCanvas(1, 1);
          const paint = layerPaint(track, clip, playheadMs, scale, { width: frame.frame.displayWidth, height: frame.frame.displayHeight });
          pictures.push({ picture, paint });
          const copy = frame.frame.clone();
          try {
            if (!(await stager.stage(copy, picture, paint.staged.width, paint.staged.height, () => !closed))) throw new DOMException('The composite export was closed.', 'AbortError');
          } finally {
            copy.close();
          }
        }
        // Layers gone since the last frame let go of their decoders.
        for (const [trackId, frames] of decoding) {
          if (open.some((layer) => layer.trackId === trackId)) continue;
          frames.dispose();
          decoding.delete(trackId);
        }
        const canvas = new OffscreenCanvas(width, height);
        try {
          drawComposite(canvas.getContext('2d') as OffscreenCanvasRenderingContext2D, width, height, background, pictures);
          return new VideoFrame(canvas, { timestamp: Math.round(playheadMs * 1000) });
        } finally {
          release(canvas);
        }
      } finally {
        for (const { picture } of pictures) release(picture);
      }
    },
    close() {
      closed = true;
      stager.dispose();
      arrived();
      for (const frames of decoding.values()) frames.dispose();
      decoding.clear();
    },
  };
}
