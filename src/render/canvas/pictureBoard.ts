import { drawComposite, type LayerPaint, type LayerPicture } from './drawLayer';
import type { FramePath } from './framePath';
import { createPictureStager } from './pictureStager';

/** A layer of the composite as it is painted: how (from its plan), and the picture in it (none yet: the box alone). */
export interface PaintedLayer {
  paint: LayerPaint;
  picture: number | undefined;
}

/**
 * Where the composite's pictures are made and painted: the layers' pictures (numbered; the
 * session says which is whose) and the composite's canvas. On the page's thread
 * (`createLocalBoard`), or in a worker that owns the canvas (`createWorkerBoard`), so the
 * conversion and software drawing, most of the canvas renderer's work, leave the page's thread.
 */
export interface PictureBoard {
  /**
   * Makes `frame`'s picture, scaled to `width` x `height`, in picture `picture` (made on first
   * use), after the pictures asked for before it. Resolves false when it did not: `stillWanted`
   * said no by its turn, or the frame could not be read. The caller keeps and closes `frame`.
   */
  stage(picture: number, frame: VideoFrame, width: number, height: number, stillWanted: () => boolean): Promise<boolean>;
  /** Makes `bitmap` (a still layer's) picture `picture`, as it is: the board takes it over and closes it when the picture is freed. */
  place(picture: number, bitmap: ImageBitmap): void;
  /** Clears the composite (`width` x `height`, resized if it is not) and paints the layers in order. */
  paint(width: number, height: number, background: string, layers: readonly PaintedLayer[]): void;
  /** A copy of a picture (the still of a suspended track); undefined if it holds none. The caller closes it. */
  copy(picture: number): Promise<ImageBitmap | undefined>;
  /**
   * The composite's pixels as last painted, read where it is painted; undefined before the first
   * paint. Never read the composite's `<canvas>` on the page while a worker paints it: Firefox
   * (153) then waits for the worker, and a read just after a paint has hung the page for 10 s
   * (docs: Engines). Pixels, not an `ImageBitmap`: a copy that shares nothing between threads.
   */
  snapshot(): Promise<ImageData | undefined>;
  /** Gives a picture's backing store back; its number may be used again. */
  free(picture: number): void;
  /** Lets go of the conversion buffers (a frame's size each) while no layer needs them. */
  idle(): void;
  /** Lets go of everything. */
  dispose(): void;
  /**
   * From an animation frame's start on the page to when what it paints is on screen: one refresh
   * of a 60 Hz display on the page's thread, a refresh more through a worker (the paint crosses to
   * the worker and is committed from there).
   */
  readonly leadMs: number;
}

/** One refresh of a 60 Hz display. */
export const refreshMs = 1000 / 60;

/**
 * The board on the thread that calls it, painting into the canvas `canvasOf` gives (the page's, or
 * the one transferred to a worker, which may come after the first pictures; no paint until then),
 * making frames' pictures by the path `framePath` gives.
 */
export function createLocalBoard(canvasOf: () => HTMLCanvasElement | OffscreenCanvas | undefined, framePath: () => FramePath = () => 'convert'): PictureBoard {
  const stager = createPictureStager(framePath);
  const pictures = new Map<number, OffscreenCanvas>();
  /** Still layers' pictures, as they were given. */
  const placed = new Map<number, ImageBitmap>();
  // The composite's context, asked for once: Firefox throws (InvalidStateError) when a canvas
  // handed to a worker is asked for its context a second time.
  let composite: { canvas: HTMLCanvasElement | OffscreenCanvas; context: CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D } | undefined;
  const contextOf = (canvas: HTMLCanvasElement | OffscreenCanvas) => {
    if (composite?.canvas !== canvas) {
      const context = canvas.getContext('2d') as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
      composite = context ? { canvas, context } : undefined;
    }
    return composite?.context;
  };
  /** Pictures that hold a frame's picture (a new one is a 1x1 blank). */
  const made = new Set<number>();
  const pictureOf = (picture: number) => {
    let board = pictures.get(picture);
    if (!board) {
      board = new OffscreenCanvas(1, 1);
      pictures.set(picture, board);
    }
    return board;
  };
  const free = (picture: number) => {
    placed.get(picture)?.close();
    placed.delete(picture);
    const board = pictures.get(picture);
    made.delete(picture);
    if (!board) return;
    // Gives the backing store back now rather than at garbage collection.
    board.width = 0;
    board.height = 0;
    pictures.delete(picture);
  };
  return {
    async stage(picture, frame, width, height, stillWanted) {
      const done = await stager.stage(frame, pictureOf(picture), width, height, stillWanted);
      if (done) made.add(picture);
      return done;
    },
    place(picture, bitmap) {
      free(picture);
      placed.set(picture, bitmap);
    },
    paint(width, height, background, layers) {
      const canvas = canvasOf();
      if (!canvas) return;
      if (canvas.width !== width || canvas.height !== height) {
        canvas.width = width;
        canvas.height = height;
      }
      const context = contextOf(canvas);
      if (!context) return;
      const pictureOf = (picture: number): LayerPicture | undefined => placed.get(picture) ?? pictures.get(picture);
      drawComposite(context, width, height, background, layers.map(({ paint, picture }) => ({ paint, picture: picture === undefined ? undefined : pictureOf(picture) })));
    },
    async copy(picture) {
      const still = placed.get(picture);
      if (still) return createImageBitmap(still);
      const board = pictures.get(picture);
      return board && made.has(picture) ? createImageBitmap(board) : undefined;
    },
    async snapshot() {
      if (!composite || composite.canvas.width === 0 || composite.canvas.height === 0) return undefined;
      return composite.context.getImageData(0, 0, composite.canvas.width, composite.canvas.height);
    },
    free,
    idle: () => stager.dispose(),
    leadMs: refreshMs,
    dispose() {
      for (const picture of [...pictures.keys(), ...placed.keys()]) free(picture);
      stager.dispose();
    },
  };
}
