/// <reference lib="webworker" />
// The picture board's worker: owns the composite's canvas (transferred from the page) and the
// layers' pictures, converts the frames the page sends into them and paints the composite, so
// that work (most of the canvas renderer's) leaves the page's thread. Started and ended by
// `createWorkerBoard`; the page still decodes and decides which frame each layer shows.
import type { BoardReply, BoardRequest } from './boardProtocol';
import type { FramePath } from './framePath';
import { createLocalBoard, type PictureBoard } from './pictureBoard';

declare const self: DedicatedWorkerGlobalScope;

/** The composite's canvas, once the page hands it over; pictures may be asked for before. */
let canvas: OffscreenCanvas | undefined;
let framePath: FramePath = 'convert';
const board: PictureBoard = createLocalBoard(() => canvas, () => framePath);
const reply = (message: BoardReply, transfer: Transferable[] = []) => self.postMessage(message, transfer);
/** The latest request for each picture: an older one still waiting its turn is not made (latest wins, as when scrubbing). */
const latest = new Map<number, number>();
/** Conversions asked for and not yet over: each closes its frame when it is. */
const converting = new Set<Promise<unknown>>();

self.onmessage = ({ data }: MessageEvent<BoardRequest>) => {
  switch (data.type) {
    case 'configure':
      framePath = data.framePath;
      return;
    case 'attach':
      canvas = data.canvas;
      return;
    case 'stage': {
      const { id, picture, frame, width, height } = data;
      latest.set(picture, id);
      // The page sends each request as it comes (a round trip a conversion held them back): the
      // board converts one at a time, in order.
      const converted = board
        .stage(picture, frame, width, height, () => latest.get(picture) === id)
        .then((done) => reply({ type: 'staged', id, done }))
        .finally(() => {
          frame.close();
          if (latest.get(picture) === id) latest.delete(picture);
          converting.delete(converted);
        });
      converting.add(converted);
      return;
    }
    case 'place':
      latest.delete(data.picture);
      board.place(data.picture, data.bitmap);
      return;
    case 'paint':
      board.paint(data.width, data.height, data.background, data.layers);
      return;
    case 'copy':
      void board
        .copy(data.picture)
        .catch(() => undefined)
        .then((bitmap) => reply({ type: 'copied', id: data.id, bitmap }, bitmap ? [bitmap] : []));
      return;
    case 'snapshot':
      void board
        .snapshot()
        .catch(() => undefined)
        .then((pixels) => reply({ type: 'snapshot', id: data.id, pixels }, pixels ? [pixels.data.buffer] : []));
      return;
    case 'free':
      latest.delete(data.picture);
      board.free(data.picture);
      return;
    case 'idle':
      board.idle();
      return;
    case 'end':
      // Ended from outside, the frames in conversions still to come would be lost unclosed
      // (Chromium reports each one garbage collected open): they are let go first.
      void Promise.allSettled([...converting]).then(() => {
        board.dispose();
        self.close();
      });
  }
};

reply({ type: 'ready' });
