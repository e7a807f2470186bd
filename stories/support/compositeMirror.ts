import { compositeSnapshot } from '../../src/renderer';

/**
 * A page-side copy of a composite painted in a worker, kept fresh while its canvas is on screen:
 * each animation frame asks the board for its pixels (`compositeSnapshot`), so the stories' pixel
 * reads, which are synchronous, read pixels the page owns, at most a frame or two behind, as a
 * read of the placeholder is in Chromium.
 */
interface Mirror {
  board: OffscreenCanvas | undefined;
}

const mirrors = new WeakMap<HTMLCanvasElement, Mirror>();

function follow(canvas: HTMLCanvasElement, mirror: Mirror) {
  const refresh = () => {
    if (!canvas.isConnected) {
      mirrors.delete(canvas);
      return;
    }
    void compositeSnapshot(canvas).then((pixels) => {
      if (pixels) {
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
    mirror = { board: undefined };
    mirrors.set(canvas, mirror);
    follow(canvas, mirror);
  }
  return mirror.board;
}
