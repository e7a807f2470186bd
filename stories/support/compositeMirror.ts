import { compositeSnapshot } from '../../src';

/**
 * A page-side copy of a composite painted in a worker, kept fresh while its canvas is on screen:
 * each animation frame asks the board for a snapshot (`compositeSnapshot`), so the stories' pixel
 * reads, which are synchronous, read a bitmap the page owns, at most a frame or two behind, as a
 * read of the placeholder is in Chromium.
 */
interface Mirror {
  bitmap: ImageBitmap | undefined;
}

const mirrors = new WeakMap<HTMLCanvasElement, Mirror>();

function follow(canvas: HTMLCanvasElement, mirror: Mirror) {
  const refresh = () => {
    if (!canvas.isConnected) {
      mirror.bitmap?.close();
      mirror.bitmap = undefined;
      mirrors.delete(canvas);
      return;
    }
    void compositeSnapshot(canvas).then((bitmap) => {
      if (bitmap) {
        mirror.bitmap?.close();
        mirror.bitmap = bitmap;
      }
      requestAnimationFrame(refresh);
    });
  };
  refresh();
}

/** The latest snapshot of the composite painted on `canvas` (undefined until the first arrives); starts following it on first use. */
export function mirroredComposite(canvas: HTMLCanvasElement): ImageBitmap | undefined {
  let mirror = mirrors.get(canvas);
  if (!mirror) {
    mirror = { bitmap: undefined };
    mirrors.set(canvas, mirror);
    follow(canvas, mirror);
  }
  return mirror.bitmap;
}
