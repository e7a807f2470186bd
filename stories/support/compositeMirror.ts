import { compositeSnapshot } from '../../src/renderer';

/**
 * A page-side copy of a composite painted in a worker, kept fresh while its canvas is on screen:
 * each animation frame asks the board for its pixels (`compositeSnapshot`), so the stories' pixel
 * reads, which are synchronous, read pixels the page owns, at most a frame or two behind, as a
 * read of the placeholder is in Chromium.
 */
interface Mirror {
  board: OffscreenCanvas | undefined;
  /** When the copy on `board` was asked for (`performance.now()`): the picture is of that moment or a little after. */
  askedAt: number;
}

const mirrors = new WeakMap<HTMLCanvasElement, Mirror>();

function follow(canvas: HTMLCanvasElement, mirror: Mirror) {
  const refresh = () => {
    if (!canvas.isConnected) {
      mirrors.delete(canvas);
      return;
    }
    const askedAt = performance.now();
    void compositeSnapshot(canvas).then((pixels) => {
      if (pixels) {
        mirror.askedAt = askedAt;
        if (!mirror.board || mirror.board.width !== pixels.width || mirror.board.height !== pixels.height) mirror.board = new OffscreenCanvas(pixels.width, pixels.height);
        (mirror.board.getContext('2d') as OffscreenCanvasRenderingContext2D).putImageData(pixels, 0, 0);
      }
      requestAnimationFrame(refresh);
    });
  };
  refresh();
}

/** The latest copy of the composite painted on `canvas` (undefined until the first arrives); starts following it on first use. */
export function mirroredComposite(canvas: HTMLCanvasElement): OffscreenCanvas | undefined {
  let mirror = mirrors.get(canvas);
  if (!mirror) {
    mirror = { board: undefined, askedAt: Number.NaN };
    mirrors.set(canvas, mirror);
    follow(canvas, mirror);
  }
  return mirror.board;
}

/**
 * Since when the pixels read from `canvas` may date: when its mirror's copy was asked for, for a
 * composite painted in a worker (a frame or two ago, more on a busy page); now, for one the page
 * paints.
 */
export function pictureAskedAt(canvas: HTMLCanvasElement): number {
  const mirror = canvas.dataset.drawnIn === 'worker' ? mirrors.get(canvas) : undefined;
  return mirror && !Number.isNaN(mirror.askedAt) ? mirror.askedAt : performance.now();
}
