import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { Editor } from './support/Editor';
import { canvasPixels } from './support/frameCode';
import { compositionPointOnPage, expectUnseen, patience, rendererOf, videoOf, waitForPicture } from './support/playHelpers';
import { lightOf } from './support/pictureLight';
import { storyMedia } from './support/storyMedia';
import { compositionBackgroundChanged, trackLookChanged, useCompositorDispatch, type NewTrack } from '../src';

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
const onPage = (root: HTMLElement, x: number, y: number) => compositionPointOnPage(root, composition, x, y);

/** The composite's pixels around composition point (x, y), under the canvas renderer. */
function pixelsAt(root: HTMLElement, x: number, y: number): ImageData {
  const canvas = root.querySelector('[role="region"][aria-label="Composite"] canvas') as HTMLCanvasElement;
  const scale = canvas.width / composition.width;
  return canvasPixels(canvas, { x: x * scale - 2, y: y * scale - 2, width: 4, height: 4 });
}

const lightAt = (root: HTMLElement, x: number, y: number) => lightOf(pixelsAt(root, x, y).data).mean;

/** The most light around any of `points` (a picture's bars are dark in places). */
const mostLightAt = (root: HTMLElement, points: [number, number][]) => Math.max(...points.map(([x, y]) => lightAt(root, x, y)));

/** The mean red, green and blue around composition point (x, y), under the canvas renderer. */
function colourAt(root: HTMLElement, x: number, y: number): number[] {
  const { data } = pixelsAt(root, x, y);
  const sums = [0, 0, 0];
  for (let at = 0; at < data.length; at += 4) for (let channel = 0; channel < 3; channel += 1) sums[channel] += data[at + channel];
  return sums.map((sum) => Math.round(sum / (data.length / 4)));
}

/** A layer turned and half outside the composite: drawn where the plan says, in both renderers. */
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

/** The composition's background colour, where no layer covers it. */
export const TheCompositionsBackgroundColour: Story = {
  tags: ['both-renderers'],
  args: { tracks: backgroundTracks, children: <BackgroundControl /> },
  parameters: { msw: { handlers: backgroundFiles.handlers } },
  beforeEach: () => backgroundFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitForPicture(canvasElement, 'track-1');
    await userEvent.click(canvas.getByRole('button', { name: 'Blue background' }));
    const colour = `rgb(${blue.join(', ')})`;
    // The composite's own colour (the canvas renderer paints it under its layers too).
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

const handlesFiles = storyMedia('layer-looks-handles', { 'bars.mp4': 'clip-h264-b.mp4' });
// One layer, a quarter of the composite, in its middle: x 160 to 480, y 90 to 270.
const handlesTracks: NewTrack[] = [
  {
    id: 'track-1',
    name: 'Track 1',
    source: { url: handlesFiles.urlOf('bars.mp4') },
    layout: { x: 160, y: 90, width: 320, height: 180 },
    clip: { startMs: 0, inMs: 0, outMs: 4000 },
  },
];

/** The layer's box on the page, in composition pixels: where a person sees it. */
function layerBounds(root: HTMLElement) {
  const composite = (root.querySelector('[role="region"][aria-label="Composite"]') as HTMLElement).getBoundingClientRect();
  const layer = (root.querySelector('[role="group"][aria-label="Track 1 layer"]') as HTMLElement).getBoundingClientRect();
  const toComposition = composition.width / composite.width;
  return {
    x: (layer.left - composite.left) * toComposition,
    y: (layer.top - composite.top) * toComposition,
    width: layer.width * toComposition,
    height: layer.height * toComposition,
  };
}

async function expectBounds(root: HTMLElement, expected: { x: number; y: number; width: number; height: number }, what: string) {
  await waitFor(() => {
    const bounds = layerBounds(root);
    for (const key of ['x', 'y', 'width', 'height'] as const) {
      expect(Math.abs(bounds[key] - expected[key]), `${what}: the layer's ${key} off by, composition px`).toBeLessThanOrEqual(1.5);
    }
  }, patience);
}

/** Handles on the selected layer: drag to move, corners to scale, the knob to turn, arrows to nudge; each change one action. */
export const HandlesMoveScaleAndTurnALayer: Story = {
  tags: ['both-renderers'],
  args: { tracks: handlesTracks, handles: true },
  parameters: { msw: { handlers: handlesFiles.handlers } },
  beforeEach: () => handlesFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitForPicture(canvasElement, 'track-1');
    const composite = canvas.getByRole('region', { name: 'Composite' });
    const drag = async (from: { x: number; y: number }, to: { x: number; y: number }, target: Element = composite) => {
      const start = onPage(canvasElement, from.x, from.y);
      const end = onPage(canvasElement, to.x, to.y);
      await userEvent.pointer([
        { keys: '[MouseLeft>]', target, coords: { clientX: start.x, clientY: start.y } },
        { target: composite, coords: { clientX: (start.x + end.x) / 2, clientY: (start.y + end.y) / 2 } },
        { target: composite, coords: { clientX: end.x, clientY: end.y } },
        { keys: '[/MouseLeft]', target: composite, coords: { clientX: end.x, clientY: end.y } },
      ]);
    };

    // Pressing the picture selects it; dragging moves it by as much, and it stays there.
    await drag({ x: 320, y: 180 }, { x: 420, y: 140 });
    await expect(canvas.getByRole('group', { name: 'Track 1 layer' }).dataset.selected).toBe('true');
    await expectBounds(canvasElement, { x: 260, y: 50, width: 320, height: 180 }, 'moved');
    if (rendererOf(canvasElement) === 'canvas') {
      await waitFor(() => {
        expect(mostLightAt(canvasElement, [[500, 60], [530, 100], [560, 140], [530, 180], [500, 220]]), 'light where it was moved to').toBeGreaterThan(20);
        expect(lightAt(canvasElement, 200, 250), 'light where it was').toBeLessThan(5);
      }, patience);
    }

    // Dragged near the composite's right edge (and its left edge near the centre), it catches there.
    await drag({ x: 420, y: 140 }, { x: 478, y: 140 });
    await expectBounds(canvasElement, { x: 320, y: 50, width: 320, height: 180 }, 'caught on the right edge');

    // The arrow keys nudge it, Shift ten pixels at a time.
    const move = canvas.getByRole('button', { name: 'Move Track 1' });
    move.focus();
    await userEvent.keyboard('{Shift>}{ArrowLeft}{/Shift}{ArrowDown}');
    await expectBounds(canvasElement, { x: 310, y: 51, width: 320, height: 180 }, 'nudged');

    // A corner dragged out with Shift scales it about its centre (470, 141), keeping its aspect:
    // the bottom-right corner from (630, 231) to (550, 186), half way to the centre, is half the size.
    await userEvent.keyboard('{Shift>}');
    await drag({ x: 630, y: 231 }, { x: 550, y: 186 }, canvas.getByRole('button', { name: 'Scale Track 1 from its bottom-right corner' }));
    await userEvent.keyboard('{/Shift}');
    await expectBounds(canvasElement, { x: 390, y: 96, width: 160, height: 90 }, 'scaled');

    // The turn handle, dragged a quarter round the centre, turns it upright on its side.
    const turn = canvas.getByRole('button', { name: 'Rotate Track 1' });
    const turnAt = turn.getBoundingClientRect();
    const compositeBox = composite.getBoundingClientRect();
    const toComposition = composition.width / compositeBox.width;
    const handle = { x: (turnAt.left + turnAt.width / 2 - compositeBox.left) * toComposition, y: (turnAt.top + turnAt.height / 2 - compositeBox.top) * toComposition };
    await drag(handle, { x: 470 + (141 - handle.y), y: 141 }, turn);
    await expectBounds(canvasElement, { x: 425, y: 61, width: 90, height: 160 }, 'turned');
    if (rendererOf(canvasElement) === 'canvas') {
      await waitFor(() => {
        expect(mostLightAt(canvasElement, [[440, 70], [455, 85], [470, 70], [485, 85], [500, 70]]), 'light at the top of the turned layer').toBeGreaterThan(20);
        expect(lightAt(canvasElement, 400, 141), 'light beside it, where it was before it turned').toBeLessThan(5);
      }, patience);
    }
  },
};

/** What a host's inspector offers: the top layer at half opacity, so what it covered shows through. */
function SeeThroughControl() {
  const dispatch = useCompositorDispatch();
  return (
    <button type="button" onClick={() => dispatch(trackLookChanged({ id: 'track-2', look: { opacity: 0.5 } }))}>
      See through Track 2
    </button>
  );
}

const coveredFiles = storyMedia('layer-looks-covered', { 'under.mp4': 'clip-h264-b.mp4', 'over.webm': 'clip-vp9.webm' });
// A quarter-size layer, and above it a 16:9 picture over the whole composite.
const coveredTracks: NewTrack[] = [
  { id: 'track-1', name: 'Track 1', source: { url: coveredFiles.urlOf('under.mp4') }, layout: { x: 160, y: 90, width: 320, height: 180 }, clip: { startMs: 0, inMs: 0, outMs: 4000 } },
  { id: 'track-2', name: 'Track 2', source: { url: coveredFiles.urlOf('over.webm') }, layout: { x: 0, y: 0, width: 640, height: 360 }, clip: { startMs: 0, inMs: 0, outMs: 4000 } },
];

/** A layer wholly covered by an opaque one above it holds no decoder until it is uncovered. */
export const ACoveredLayerHoldsNothing: Story = {
  tags: ['both-renderers'],
  args: { tracks: coveredTracks, children: <SeeThroughControl /> },
  parameters: { msw: { handlers: coveredFiles.handlers } },
  beforeEach: () => coveredFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitForPicture(canvasElement, 'track-2');
    // Once the picture above is measured, the layer under it is known to be covered: it says so,
    // draws nothing and holds nothing (it may have begun to load, top layer first, before that).
    await expectUnseen(canvasElement, 'Track 1', 'Covered');
    await waitFor(() => expect(canvas.getByLabelText('Source usage')).toHaveTextContent(/^1 source held/), patience);
    if (rendererOf(canvasElement) === 'elements') await expect(videoOf(canvasElement, 'track-1')).toBeFalsy();

    // Seen through the layer above, it loads and shows.
    await userEvent.click(canvas.getByRole('button', { name: 'See through Track 2' }));
    await waitForPicture(canvasElement, 'track-1');
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready');
    await waitFor(() => expect(canvas.getByLabelText('Source usage')).toHaveTextContent(/^2 sources held/), patience);
  },
};
