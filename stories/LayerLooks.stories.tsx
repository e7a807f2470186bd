import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { Editor } from './support/Editor';
import { canvasPixels } from './support/frameCode';
import { patience, rendererOf, videoOf, waitForPicture } from './support/playHelpers';
import { lightOf } from './support/pictureLight';
import { storyMedia } from './support/storyMedia';
import { compositionBackgroundChanged, useCompositorDispatch, type NewTrack } from '../src';

const meta = {
  title: 'Compositor/Layer looks',
  component: Editor,
  args: { tracks: [] },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

const composition = { width: 640, height: 360 };
const turnedFiles = storyMedia('layer-looks-turned', { 'bars.mp4': 'clip-h264-b.mp4' });
// A 320x180 box in the middle of the composite, turned a quarter about its centre (320, 180) and
// half seen: on the composite it spans x 230 to 410 and y 20 to 340.
const turnedTracks: NewTrack[] = [
  {
    id: 'track-1',
    name: 'Track 1',
    source: { url: turnedFiles.urlOf('bars.mp4') },
    layout: { x: 160, y: 90, width: 320, height: 180 },
    look: { rotation: 90, opacity: 0.5 },
    clip: { startMs: 0, inMs: 0, outMs: 4000 },
  },
];

/** Where composition point (x, y) is on the page. */
function onPage(root: HTMLElement, x: number, y: number): { x: number; y: number } {
  const box = (root.querySelector('[role="region"][aria-label="Composite"]') as HTMLElement).getBoundingClientRect();
  return { x: box.x + (x / composition.width) * box.width, y: box.y + (y / composition.height) * box.height };
}

/** The composite's pixels around composition point (x, y), under the canvas renderer. */
function pixelsAt(root: HTMLElement, x: number, y: number): ImageData {
  const canvas = root.querySelector('[role="region"][aria-label="Composite"] canvas') as HTMLCanvasElement;
  const scale = canvas.width / composition.width;
  return canvasPixels(canvas, { x: x * scale - 2, y: y * scale - 2, width: 4, height: 4 });
}

const lightAt = (root: HTMLElement, x: number, y: number) => lightOf(pixelsAt(root, x, y).data).mean;

/** The mean red, green and blue around composition point (x, y), under the canvas renderer. */
function colourAt(root: HTMLElement, x: number, y: number): number[] {
  const { data } = pixelsAt(root, x, y);
  const sums = [0, 0, 0];
  for (let at = 0; at < data.length; at += 4) for (let channel = 0; channel < 3; channel += 1) sums[channel] += data[at + channel];
  return sums.map((sum) => Math.round(sum / (data.length / 4)));
}

export const ATurnedHalfSeenLayer: Story = {
  tags: ['both-renderers'],
  args: { tracks: turnedTracks },
  parameters: { msw: { handlers: turnedFiles.handlers } },
  beforeEach: () => turnedFiles.reset(),
  play: async ({ canvasElement }) => {
    await waitForPicture(canvasElement, 'track-1');
    const layer = canvasElement.querySelector('[role="group"][aria-label="Track 1 layer"]') as HTMLElement;
    await expect(getComputedStyle(layer).opacity).toBe('0.5');
    // A person pointing at the composite hits the layer where it is turned to, not where its box was.
    const hits = (x: number, y: number) => {
      const point = onPage(canvasElement, x, y);
      return canvasElement.ownerDocument.elementsFromPoint(point.x, point.y).some((element) => layer.contains(element));
    };
    await expect(hits(320, 40), 'inside the turned layer, above its upright box').toBe(true);
    await expect(hits(180, 180), 'inside the upright box, beside the turned layer').toBe(false);
    if (rendererOf(canvasElement) === 'canvas') {
      // Drawn there, at half strength over the black composite, and nothing where the box was.
      await waitFor(() => {
        expect(lightAt(canvasElement, 320, 40), 'light inside the turned layer').toBeGreaterThan(20);
        expect(lightAt(canvasElement, 180, 180), 'light beside it').toBeLessThan(5);
      }, patience);
    } else {
      // The picture covers the turned box: its element's bounds on the page are the turned box's.
      const bounds = (videoOf(canvasElement, 'track-1') as HTMLVideoElement).getBoundingClientRect();
      const topLeft = onPage(canvasElement, 230, 20);
      const bottomRight = onPage(canvasElement, 410, 340);
      for (const [actual, expected, edge] of [
        [bounds.left, topLeft.x, 'left'],
        [bounds.top, topLeft.y, 'top'],
        [bounds.right, bottomRight.x, 'right'],
        [bounds.bottom, bottomRight.y, 'bottom'],
      ] as const) {
        await expect(Math.abs(actual - expected), `picture's ${edge} edge off by, px`).toBeLessThanOrEqual(1);
      }
    }
  },
};

const blue = [32, 64, 128];
/** What a host's editor offers: a control that sets the composition's background. */
function BackgroundControl() {
  const dispatch = useCompositorDispatch();
  return (
    <button type="button" onClick={() => dispatch(compositionBackgroundChanged({ background: `rgb(${blue.join(', ')})` }))}>
      Blue background
    </button>
  );
}

const backgroundFiles = storyMedia('layer-looks-background', { 'bars.mp4': 'clip-h264-b.mp4' });
// A 16:9 picture whole inside a square box: bands of the box above and below it (y 40 to 101 and
// 259 to 320).
const backgroundTracks: NewTrack[] = [
  {
    id: 'track-1',
    name: 'Track 1',
    source: { url: backgroundFiles.urlOf('bars.mp4') },
    layout: { x: 40, y: 40, width: 280, height: 280 },
    clip: { startMs: 0, inMs: 0, outMs: 4000 },
  },
];

export const TheCompositionsBackgroundColour: Story = {
  tags: ['both-renderers'],
  args: { tracks: backgroundTracks, children: <BackgroundControl /> },
  parameters: { msw: { handlers: backgroundFiles.handlers } },
  beforeEach: () => backgroundFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitForPicture(canvasElement, 'track-1');
    await userEvent.click(canvas.getByRole('button', { name: 'Blue background' }));
    const colour = `rgb(${blue.join(', ')})`;
    // Where no layer is, the composite itself shows (under the canvas renderer, through its
    // canvas, which paints only the layers).
    const composite = canvas.getByRole('region', { name: 'Composite' });
    await expect(getComputedStyle(composite).backgroundColor).toBe(colour);
    // Around the picture in its box, the renderer paints the background.
    const [x, y] = [180, 60];
    if (rendererOf(canvasElement) === 'canvas') {
      await waitFor(() => {
        colourAt(canvasElement, x, y).forEach((value, channel) => expect(Math.abs(value - blue[channel]), `the band above the picture, channel ${channel}`).toBeLessThanOrEqual(4));
      }, patience);
    } else {
      const point = onPage(canvasElement, x, y);
      const top = canvasElement.ownerDocument.elementFromPoint(point.x, point.y) as HTMLElement;
      await expect(getComputedStyle(top).backgroundColor, 'the band above the picture').toBe(colour);
    }
  },
};
