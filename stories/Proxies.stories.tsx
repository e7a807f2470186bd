import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { Editor } from './support/Editor';
import { expectFrameShown, expectVideoElements, patience, pictureOnCanvas, rendererOf, scrubTo, shownTime, videoOf, waitForPicture } from './support/playHelpers';
import { storyMedia, usesRealMediaServer } from './support/storyMedia';
import type { NewTrack } from '../src';

const meta = {
  title: 'Compositor/Preview proxies',
  component: Editor,
  args: { tracks: [] },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

// The 12 s sync clip (320x180) and its proxy (the same frames at 160x90).
const media = storyMedia('proxy-switch', { 'clip.mp4': 'sync-h264.mp4', 'clip.proxy.mp4': 'sync-h264-proxy.mp4' });
const tracks: NewTrack[] = [
  {
    id: 'track-1',
    name: 'Track 1',
    source: { url: media.urlOf('clip.mp4'), frameRate: 30, proxy: { url: media.urlOf('clip.proxy.mp4'), height: 90 } },
    // Drawn 360 tall, more than the proxy's 90: selected, the track shows its original.
    layout: { x: 0, y: 0, width: 640, height: 360 },
    clip: { startMs: 0, inMs: 0, outMs: 12_000 },
  },
];

const requestedFiles = () => [...new Set(media.requests.map((request) => new URL(request.url).pathname.split('/').at(-1)))].sort();

/**
 * How much fine detail the track's picture on the canvas has: the mean squared difference in
 * light between pixels side by side, below the frame code (squared, since scaling up spreads an
 * edge over more pixels without changing the sum of its steps). The proxy, a quarter of the
 * original's pixels, is scaled up twice as far to fill the layer, so it has markedly less.
 */
async function detailOnCanvas(root: HTMLElement): Promise<number> {
  // The layer's picture, once it shows one (not a badge: on a busy machine it may say Buffering a while).
  const pixels = await waitFor(() => {
    const picture = pictureOnCanvas(root, 'track-1');
    expect(picture, 'track-1 picture on the canvas').toBeDefined();
    return picture as ImageData;
  }, patience);
  const light = (at: number) => pixels.data[at] + pixels.data[at + 1] + pixels.data[at + 2];
  let sum = 0;
  let count = 0;
  for (let y = Math.round(pixels.height * 0.3); y < pixels.height; y += 2) {
    for (let x = 0; x + 1 < pixels.width; x += 1) {
      const at = (y * pixels.width + x) * 4;
      sum += ((light(at) - light(at + 4)) / 3) ** 2;
      count += 1;
    }
  }
  return sum / count;
}

/**
 * Waits until the track shows `rendition` on the frame at `seconds`: under the element renderer
 * its element plays that rendition, `height` pixels tall; under the canvas renderer the track's
 * status names it and its picture's detail says which (the proxy's is under 0.75 of the
 * original's, `detail` holds what each showed).
 */
async function expectRendition(root: HTMLElement, rendition: 'proxy' | 'original', height: number, seconds: number, detail: Partial<Record<string, number>>) {
  if (rendererOf(root) === 'canvas') {
    const status = root.querySelector('[aria-label="Track 1 status"]') as HTMLElement;
    await waitFor(() => expect(status.textContent?.includes('proxy')).toBe(rendition === 'proxy'), patience);
    await expectFrameShown(root, 'track-1', Math.round(seconds * 30));
    // Its first frame drawn, the layer stays on it: the picture now is the rendition's.
    await new Promise((resolve) => setTimeout(resolve, 300));
    detail[rendition] = await detailOnCanvas(root);
    if (detail.proxy !== undefined && detail.original !== undefined) {
      await expect(detail.proxy / detail.original, 'detail of the proxy against the original').toBeLessThan(0.75);
    }
    return;
  }
  await waitFor(() => {
    const video = videoOf(root, 'track-1');
    expect(video?.dataset.rendition).toBe(rendition);
    expect(video?.videoHeight).toBe(height);
  }, patience);
  await expectFrameShown(root, 'track-1', Math.round(seconds * 30));
}

/**
 * Reads the track's layer every animation frame until `done()`: how many times it showed no
 * picture, as a person would see a blink.
 */
async function blankFramesUntil(root: HTMLElement, done: () => boolean): Promise<number> {
  let blank = 0;
  const deadline = performance.now() + patience.timeout;
  while (!done() && performance.now() < deadline) {
    await new Promise(requestAnimationFrame);
    if (shownTime(root, 'track-1') === undefined) blank += 1;
  }
  return blank;
}

/** Whether the track now shows `rendition`: its element says so, or (canvas) its status does. */
const showsRendition = (root: HTMLElement, rendition: string) => () =>
  rendererOf(root) === 'canvas'
    ? (root.querySelector('[aria-label="Track 1 status"]')?.textContent?.includes('proxy') ?? false) === (rendition === 'proxy') && shownTime(root, 'track-1') !== undefined
    : videoOf(root, 'track-1')?.dataset.rendition === rendition;

/** A small layer plays a lighter proxy; selected (and larger), the original. */
export const ProxyUntilSelectedThenTheOriginal: Story = {
  tags: ['both-renderers'],
  args: { tracks },
  parameters: { msw: { handlers: media.handlers } },
  beforeEach: () => media.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    // Not selected: the preview plays the proxy, and the original is never asked for.
    const detail: Partial<Record<string, number>> = {};
    await waitForPicture(canvasElement, 'track-1');
    await expectRendition(canvasElement, 'proxy', 90, 0, detail);
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready (range, proxy)');
    if (!usesRealMediaServer) await expect(requestedFiles()).toEqual(['clip.proxy.mp4']);

    await scrubTo(canvasElement, 5000);
    await expectFrameShown(canvasElement, 'track-1', 150);

    // Selected, it switches to the original on the same frame (150 in both files), and the layer
    // never blinks: the proxy's picture stays on screen until the original's shows that frame.
    await userEvent.click(canvas.getByRole('button', { name: 'Select Track 1' }));
    await expect(await blankFramesUntil(canvasElement, showsRendition(canvasElement, 'original')), 'frames with no picture').toBe(0);
    await expectRendition(canvasElement, 'original', 180, 5, detail);
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready (range)');
    await expect(canvas.getByLabelText('Track 1 status')).not.toHaveTextContent('proxy');
    if (!usesRealMediaServer) await expect(requestedFiles()).toEqual(['clip.mp4', 'clip.proxy.mp4']);
    // One track, one decoder again: the proxy's element went once the original took over.
    await waitFor(() => expectVideoElements(canvasElement, 1), patience);

    // Deselected, back to the proxy where it was.
    await userEvent.click(canvas.getByRole('button', { name: 'Select Track 1' }));
    await expect(await blankFramesUntil(canvasElement, showsRendition(canvasElement, 'proxy')), 'frames with no picture').toBe(0);
    await expectRendition(canvasElement, 'proxy', 90, 5, detail);
    await waitFor(() => expectVideoElements(canvasElement, 1), patience);
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready (range, proxy)');
  },
};

const missing = storyMedia(
  'proxy-missing',
  { 'clip.mp4': 'sync-h264.mp4', 'clip.proxy.mp4': 'sync-h264-proxy.mp4' },
  { 'clip.proxy.mp4': { kind: 'status', status: 404 } },
);

/** A proxy that cannot be had falls back to the original, and says so. */
export const MissingProxyFallsBackToTheOriginal: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: {
    tracks: [{ ...tracks[0], source: { ...tracks[0].source, url: missing.urlOf('clip.mp4'), proxy: { url: missing.urlOf('clip.proxy.mp4'), height: 90 } } }],
  },
  parameters: { msw: { handlers: missing.handlers }, allowedConsoleErrors: ['status of 404'] },
  beforeEach: () => missing.reset(),
  play: async ({ canvas, canvasElement }) => {
    // A proxy not made yet (404) is no reason to show nothing: the original plays, and says why.
    await waitForPicture(canvasElement, 'track-1');
    await expectRendition(canvasElement, 'original', 180, 0, {});
    await expect(canvas.getByRole('note', { name: 'Track 1 source note' })).toHaveTextContent('The preview proxy could not be loaded');
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};
