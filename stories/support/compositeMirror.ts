import { compositeSnapshot } from '../../src/renderer';

/**
 * A page-side copy of a composite painted in a worker, kept fresh while its canvas is on screen:
 * it asks the board for its pixels (`compositeSnapshot`) again as soon as each answer comes, so
 * the stories' pixel reads, which are synchronous, read pixels the page owns, at most a frame or
 * two behind, as a read of the placeholder is in Chromium. The copy is kept as the `ImageData`
 * the board gave, not drawn onto a canvas of the page's: one less engine path between the
 * board's pixels and the story's read.
 */
interface Mirror {
  pixels: ImageData | undefined;
  /** When the copy in `pixels` was asked for (`performance.now()`): the picture is of that moment or a little after. */
  askedAt: number;
  /** Why the copy stopped following, if it did (an ask that failed); the stories' failures say it. */
  broken?: string;
}

const mirrors = new WeakMap<HTMLCanvasElement, Mirror>();
/** An ask not answered within this is asked again (a lost answer would leave the copy behind for good). */
const askPatienceMs = 1000;

function follow(canvas: HTMLCanvasElement, mirror: Mirror) {
  let round = 0;
  const refresh = () => {
    if (!canvas.isConnected) {
      mirrors.delete(canvas);
      return;
    }
    const asked = ++round;
    const askedAt = performance.now();
    // Timers, not animation frames: an engine may hold those back for a page it deems unseen.
    const again = setTimeout(() => {
      if (asked !== round) return;
      mirror.broken = `no answer to a snapshot within ${askPatienceMs} ms`;
      refresh();
    }, askPatienceMs);
    compositeSnapshot(canvas)
      .then((pixels) => {
        if (asked !== round) return;
        if (pixels) {
          mirror.pixels = pixels;
          mirror.askedAt = askedAt;
        }
      })
      .catch((error: unknown) => {
        mirror.broken = `a snapshot failed: ${String(error)}`;
      })
      .finally(() => {
        if (asked !== round) return;
        clearTimeout(again);
        setTimeout(refresh, 16);
      });
  };
  refresh();
}

/** The latest copy of the composite painted on `canvas` (undefined until the first arrives); starts following it on first use. */
export function mirroredComposite(canvas: HTMLCanvasElement): ImageData | undefined {
  let mirror = mirrors.get(canvas);
  if (!mirror) {
    mirror = { pixels: undefined, askedAt: Number.NaN };
    mirrors.set(canvas, mirror);
    follow(canvas, mirror);
  }
  return mirror.pixels;
}

/** How old the copy of `canvas`'s composite is, and whether it stopped following once: for a failure's message. */
export function mirrorState(canvas: HTMLCanvasElement): string {
  const mirror = mirrors.get(canvas);
  if (!mirror) return 'no mirror';
  const age = Number.isNaN(mirror.askedAt) ? 'none yet' : `asked ${Math.round(performance.now() - mirror.askedAt)} ms ago`;
  return `mirror: ${age}${mirror.broken ? `; ${mirror.broken}` : ''}`;
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
