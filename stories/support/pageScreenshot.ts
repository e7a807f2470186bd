/**
 * What the screen shows, read from a play function: a screenshot the driver running the stories
 * takes. The only way to read the pixels CSS composites (the element renderer's layers) from the
 * page. Chromium's test-runner gives `__takeScreenshot` (.storybook/test-runner.ts); the engine
 * runner answers `__screenshotWanted` as it polls for the story's outcome
 * (scripts/test-engines.js). Opened by hand in Storybook there is no driver, and it says so.
 */
declare global {
  interface Window {
    __takeScreenshot?: () => Promise<string>;
    __screenshotWanted?: boolean;
    __screenshotTaken?: (png: string) => void;
  }
}

export interface Screenshot {
  pixels: ImageData;
  /** Screenshot pixels a CSS pixel of the page. */
  scale: number;
}

const noDriver = 'No test runner took a screenshot: this story reads the screen; run it with `npm run test:stories` or `scripts/test-engines.js`.';

function askTheRunner(timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      window.__screenshotWanted = false;
      window.__screenshotTaken = undefined;
      reject(new Error(noDriver));
    }, timeoutMs);
    window.__screenshotTaken = (png) => {
      clearTimeout(timer);
      window.__screenshotWanted = false;
      window.__screenshotTaken = undefined;
      resolve(png);
    };
    window.__screenshotWanted = true;
  });
}

export async function pageScreenshot(timeoutMs = 20_000): Promise<Screenshot> {
  const png = window.__takeScreenshot ? await window.__takeScreenshot() : await askTheRunner(timeoutMs);
  const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
  try {
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
    context.drawImage(bitmap, 0, 0);
    return { pixels: context.getImageData(0, 0, bitmap.width, bitmap.height), scale: bitmap.width / document.documentElement.clientWidth };
  } finally {
    bitmap.close();
  }
}

/** The mean red, green and blue of a screenshot's pixels in a square of `radius` CSS px about page point (x, y). */
export function screenColourAt({ pixels, scale }: Screenshot, x: number, y: number, radius = 1.5): number[] {
  const sums = [0, 0, 0];
  let count = 0;
  for (let row = Math.round((y - radius) * scale); row <= Math.round((y + radius) * scale); row += 1) {
    for (let column = Math.round((x - radius) * scale); column <= Math.round((x + radius) * scale); column += 1) {
      if (row < 0 || column < 0 || row >= pixels.height || column >= pixels.width) continue;
      const at = (row * pixels.width + column) * 4;
      for (let channel = 0; channel < 3; channel += 1) sums[channel] += pixels.data[at + channel];
      count += 1;
    }
  }
  return sums.map((sum) => Math.round(sum / Math.max(1, count)));
}
