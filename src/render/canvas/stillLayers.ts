import { clipAt, type PictureSize, type Track } from '../../state';
import { layerPaint } from './drawLayer';
import type { PaintedLayer, PictureBoard } from './pictureBoard';

/** A still layer (an image, a colour, a title) as its layer registers it with the canvas session. */
export interface StillLayerEntry {
  readonly trackId: string;
  /** The track as it is now. */
  track(): Track;
  /** The picture's own size: an image file's; undefined for a colour or a title (their box is). */
  media(): PictureSize | undefined;
  /** The picture it gave went with the board that held it (a worker that failed): it is asked for again. */
  lost(): void;
}

export interface StillLayer {
  readonly entry: StillLayerEntry;
  /** Its picture's number on the board. */
  readonly picture: number;
  /** The size of the bitmap the board holds for it, once placed. */
  placed?: PictureSize;
  /** A bitmap given before a board was there, placed on the next draw. */
  pending?: ImageBitmap;
}

/** The still layers of one canvas session: their pictures on the board, and how each is painted. */
export interface StillLayers {
  /** Adds a layer; `show` hands the board its picture (a bitmap, taken over), `remove` lets it go. */
  register(entry: StillLayerEntry): { show(bitmap: ImageBitmap): void; remove(): void };
  all(): StillLayer[];
  /** How the layer is painted at `playheadMs`, on a canvas of `scale` pixels per composition pixel; none off its clips. */
  painted(layer: StillLayer, board: PictureBoard, playheadMs: number, scale: { x: number; y: number }): PaintedLayer | undefined;
  /** Every picture went with the board: each layer is asked for its picture again. */
  lostAll(): void;
  /** Bytes of the pictures the board holds (4 a pixel). */
  bytes(): number;
}

export function createStillLayers(setup: { board(): PictureBoard | undefined; newPicture(): number; requestDraw(): void }): StillLayers {
  const layers = new Map<string, StillLayer>();
  const place = (layer: StillLayer, board: PictureBoard, bitmap: ImageBitmap) => {
    layer.placed = { width: bitmap.width, height: bitmap.height };
    board.place(layer.picture, bitmap);
  };
  return {
    register(entry) {
      const layer: StillLayer = { entry, picture: setup.newPicture() };
      layers.set(entry.trackId, layer);
      setup.requestDraw();
      return {
        show(bitmap) {
          if (layers.get(entry.trackId) !== layer) return bitmap.close();
          const board = setup.board();
          layer.pending?.close();
          layer.pending = undefined;
          if (board) place(layer, board, bitmap);
          else layer.pending = bitmap;
          setup.requestDraw();
        },
        remove() {
          layer.pending?.close();
          layer.pending = undefined;
          setup.board()?.free(layer.picture);
          layer.placed = undefined;
          if (layers.get(entry.trackId) === layer) layers.delete(entry.trackId);
          setup.requestDraw();
        },
      };
    },
    all: () => [...layers.values()],
    painted(layer, board, playheadMs, scale) {
      const track = layer.entry.track();
      const clip = clipAt(track.clips, playheadMs);
      if (!clip) return undefined;
      if (layer.pending) {
        place(layer, board, layer.pending);
        layer.pending = undefined;
      }
      const paint = layerPaint(track, clip, playheadMs, scale, layer.entry.media());
      return { paint, picture: layer.placed ? layer.picture : undefined };
    },
    lostAll() {
      for (const layer of layers.values()) {
        if (!layer.placed) continue;
        layer.placed = undefined;
        layer.entry.lost();
      }
    },
    bytes() {
      let bytes = 0;
      for (const { placed } of layers.values()) if (placed) bytes += placed.width * placed.height * 4;
      return bytes;
    },
  };
}
