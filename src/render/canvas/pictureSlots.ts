import type { PictureSize } from '../../state';
import type { DecodedVideoFrame } from './decodeVideo';
import type { PictureBoard } from './pictureBoard';

/** A frame whose picture a canvas holds, and where it sits. */
export interface Pictured {
  frame: DecodedVideoFrame;
  run: number;
  timestamp: number;
  duration: number;
  width: number;
  height: number;
  /** The source picture's size (the frame may be closed by the time the picture shows). */
  media: PictureSize;
}

/** A picture on the board made ahead of its time, swapped to the front when it shows. */
export interface PictureSlot {
  picture: number;
  has?: Pictured;
  /** The frame being made into it now. */
  making?: DecodedVideoFrame;
}

/** A video layer's pictures on the board: the one it shows, and two made ahead of their time. */
export interface LayerPictures {
  /** What the layer draws: the picture of `frontHas`, fitted to its box. */
  front: number;
  frontHas?: Pictured;
  /** The next frame's picture, made while this one shows. */
  back: PictureSlot;
  /** The next clip's first frame's picture, made once it is decoded ahead of the cut, so the cut shows it on time. */
  cut: PictureSlot;
  /** The layer went: nothing more is made for it. */
  gone: boolean;
}

const holds = (pictured: Pictured | undefined, frame: DecodedVideoFrame, size: PictureSize) =>
  pictured !== undefined && pictured.frame === frame && pictured.width === size.width && pictured.height === size.height;

/** Makes frames' pictures on the board, ahead of their time, and brings them to the front when they show. */
export interface PictureMaker {
  /** Makes the frame's picture in one of the layer's slots, unless it is there or being made. */
  make(layer: LayerPictures, slot: PictureSlot, run: number, frame: DecodedVideoFrame, size: PictureSize): void;
  /**
   * Whether the layer's front picture is the frame's: already, or by swapping in one made ahead of
   * time (the next frame's, or the next clip's first). If not, its making starts, and the layer
   * shows its last picture meanwhile.
   */
  front(layer: LayerPictures, run: number, frame: DecodedVideoFrame, size: PictureSize): boolean;
  /** Forgets every picture the layer had made or was making (the board that held them went). */
  forget(layer: LayerPictures): void;
}

export function createPictureMaker(board: () => PictureBoard | undefined, made: () => void): PictureMaker {
  const make: PictureMaker['make'] = (layer, slot, run, frame, size) => {
    const on = board();
    if (!on || slot.making === frame || holds(slot.has, frame, size)) return;
    slot.making = frame;
    slot.has = undefined;
    // A copy of the frame's own: the layer may close the frame (the next one shows) meanwhile.
    const copy = frame.frame.clone();
    void on
      .stage(slot.picture, copy, size.width, size.height, () => slot.making === frame && !layer.gone && board() === on)
      .then((done) => {
        if (slot.making !== frame) return;
        slot.making = undefined;
        if (done) slot.has = { frame, run, timestamp: frame.timestamp, duration: frame.duration, ...size, media: { width: frame.frame.displayWidth, height: frame.frame.displayHeight } };
        made();
      })
      .finally(() => copy.close());
  };
  return {
    make,
    front(layer, run, frame, size) {
      if (holds(layer.frontHas, frame, size)) return true;
      for (const slot of [layer.back, layer.cut]) {
        if (!holds(slot.has, frame, size)) continue;
        [layer.front, slot.picture] = [slot.picture, layer.front];
        layer.frontHas = slot.has;
        slot.has = undefined;
        return true;
      }
      make(layer, layer.back, run, frame, size);
      return false;
    },
    forget(layer) {
      layer.frontHas = undefined;
      for (const slot of [layer.back, layer.cut]) {
        slot.has = undefined;
        slot.making = undefined;
      }
    },
  };
}
