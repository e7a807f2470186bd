import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { Editor } from './support/Editor';
import { canvasPixels } from './support/frameCode';
import { compositionPointOnPage, patience, rendererOf } from './support/playHelpers';
import { storyMedia } from './support/storyMedia';
import { MemoryReadout, trackTextChanged, useCompositorDispatch, type NewTrack } from '../src';

const meta = {
  title: 'Compositor/Still layers',
  component: Editor,
  args: { tracks: [] },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

const composition = { width: 640, height: 360 };
const backdrop = [32, 64, 128];
const files = storyMedia('still-layers', { 'quadrants.png': 'still-quadrants.png', 'notes.png': { bytes: new Blob(['not a picture at all']) } });

// A backdrop colour over the whole composite; the quadrants picture (160x90) drawn twice its size
// in the middle, so its transparent window (x 40 to 119, y 22 to 67 of the picture) spans x 240 to
// 400, y 134 to 226 of the composite; a title along the foot.
const stillTracks: NewTrack[] = [
  { id: 'backdrop', name: 'Backdrop', kind: 'color', color: `rgb(${backdrop.join(', ')})`, layout: { x: 0, y: 0, ...composition }, clip: { startMs: 0, outMs: 4000 } },
  { id: 'picture', name: 'Picture', kind: 'image', source: { url: files.urlOf('quadrants.png') }, layout: { x: 160, y: 90, width: 320, height: 180 }, clip: { startMs: 0, outMs: 4000 } },
  {
    id: 'title',
    name: 'Title',
    kind: 'text',
    text: { content: 'MULTITRACK', fontSize: 40, fontWeight: 700, color: '#ffffff', outline: { color: '#000000', width: 2 } },
    layout: { x: 0, y: 290, width: 640, height: 70 },
    clip: { startMs: 0, outMs: 4000 },
  },
];

/** Where each quadrant's colour shows on the composite (a point of it outside the window), and the window's middle. */
const expected: { what: string; at: [number, number]; colour: number[] }[] = [
  { what: 'the red quadrant', at: [200, 112], colour: [255, 0, 0] },
  { what: 'the green quadrant', at: [440, 112], colour: [0, 255, 0] },
  { what: 'the blue quadrant', at: [200, 246], colour: [0, 0, 255] },
  { what: 'the white quadrant', at: [440, 246], colour: [255, 255, 255] },
  { what: 'the backdrop through the window', at: [320, 180], colour: backdrop },
  { what: 'the backdrop beside the picture', at: [80, 60], colour: backdrop },
  { what: 'the backdrop beside the title', at: [20, 325], colour: backdrop },
];

/** Where composition point (x, y) is on the page. */
const onPage = (root: HTMLElement, x: number, y: number) => compositionPointOnPage(root, composition, x, y);

const scratch = () => new OffscreenCanvas(1, 1).getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;

/**
 * The colour a person sees at composition point (x, y): under the canvas renderer, the composite's
 * pixel there; under the element renderer, the pixel of the topmost still on the page there (a
 * picture's `<canvas>`, read through a copy, or a colour's box), or the composite's background.
 */
function seenColour(root: HTMLElement, x: number, y: number): number[] {
  if (rendererOf(root) === 'canvas') {
    const canvas = root.querySelector('[role="region"][aria-label="Composite"] canvas') as HTMLCanvasElement;
    const scale = canvas.width / composition.width;
    return [...canvasPixels(canvas, { x: x * scale, y: y * scale, width: 1, height: 1 }).data.slice(0, 3)];
  }
  const point = onPage(root, x, y);
  for (const element of root.ownerDocument.elementsFromPoint(point.x, point.y)) {
    if (!(element instanceof HTMLElement) || !element.classList.contains('mtk-still')) continue;
    if (element instanceof HTMLCanvasElement) {
      const box = element.getBoundingClientRect();
      const context = scratch();
      context.drawImage(element, ((point.x - box.x) / box.width) * element.width, ((point.y - box.y) / box.height) * element.height, 1, 1, 0, 0, 1, 1);
      const [r, g, b, alpha] = context.getImageData(0, 0, 1, 1).data;
      if (alpha > 0) return [r, g, b];
      continue;
    }
    const match = /rgba?\(([^)]+)\)/.exec(getComputedStyle(element).backgroundColor);
    if (match) return match[1].split(',').slice(0, 3).map(Number);
  }
  return [0, 0, 0];
}

/** The brightest light in a row of points across the title's line, and how many are near white. */
function titleLight(root: HTMLElement): { brightest: number; white: number } {
  let brightest = 0;
  let white = 0;
  for (let x = 100; x <= 540; x += 2) {
    const [r, g, b] = seenColour(root, x, 325);
    const light = (r + g + b) / 3;
    brightest = Math.max(brightest, light);
    if (light > 200) white += 1;
  }
  return { brightest, white };
}

const near = (actual: number[], colour: number[], within: number) => actual.every((value, channel) => Math.abs(value - colour[channel]) <= within);

function RetitleControl() {
  const dispatch = useCompositorDispatch();
  return (
    <button type="button" onClick={() => dispatch(trackTextChanged({ id: 'title', text: { content: '' } }))}>
      Clear the title
    </button>
  );
}

/** Image, colour and title layers beside video, loaded and shown as video layers are. */
export const ImagesColoursAndTitles: Story = {
  tags: ['both-renderers'],
  args: {
    tracks: stillTracks,
    children: (
      <>
        <RetitleControl />
        <MemoryReadout intervalMs={100} />
      </>
    ),
  },
  parameters: { msw: { handlers: files.handlers } },
  beforeEach: () => files.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    for (const name of ['Backdrop', 'Picture', 'Title']) await waitFor(() => expect(canvas.getByLabelText(`${name} status`)).toHaveTextContent('Ready'), patience);
    // Every quadrant where the plan puts it, the backdrop through the picture's transparent window
    // and around the title: a still is not a box filled with the composite's background.
    await waitFor(() => {
      for (const { what, at, colour } of expected) expect(near(seenColour(canvasElement, ...at), colour, 8), `${what} at ${at.join(', ')}: ${seenColour(canvasElement, ...at).join(', ')}`).toBe(true);
    }, patience);
    // The title's letters: white strokes along its line.
    await waitFor(() => expect(titleLight(canvasElement).white, 'near-white points along the title').toBeGreaterThan(10), patience);
    // Its pictures are counted, at the size they are drawn: the picture 320 x 180 (by 4 bytes), the title 640 x 80 at most.
    const memory = canvas.getByLabelText('Memory');
    await waitFor(() => expect(Number(memory.dataset.pictureBytes)).toBeGreaterThanOrEqual(320 * 180 * 4), patience);
    await expect(Number(memory.dataset.pictureBytes)).toBeLessThanOrEqual((320 * 192 + 640 * 80) * 4);
    // Edited, the title is set again: no letters left.
    await userEvent.click(canvas.getByRole('button', { name: 'Clear the title' }));
    await waitFor(() => expect(titleLight(canvasElement).brightest, 'the brightest point along the cleared title').toBeLessThan(150), patience);
    // Hidden, the picture lets go of what it held, and the backdrop shows where it was.
    await userEvent.click(canvas.getByRole('button', { name: 'Hide Picture' }));
    await waitFor(() => expect(near(seenColour(canvasElement, 200, 112), backdrop, 8), 'the backdrop where the picture was').toBe(true), patience);
    await waitFor(() => expect(Number(memory.dataset.pictureBytes)).toBeLessThan(320 * 180 * 4), patience);
  },
};

/** A file that is not an image says so on its layer. */
export const AFileThatIsNotAnImageSaysSo: Story = {
  // Its file is bytes the mock serves: no media server has it.
  tags: ['both-renderers', 'needs-mock-media'],
  args: { tracks: [{ id: 'notes', name: 'Notes', kind: 'image', source: { url: files.urlOf('notes.png') }, layout: { x: 0, y: 0, ...composition } }] },
  parameters: { msw: { handlers: files.handlers } },
  beforeEach: () => files.reset(),
  play: async ({ canvas }) => {
    // The layer says why, and offers no Retry (the same bytes would fail the same way), as for a video that cannot be read.
    const alert = await canvas.findByRole('alert', { name: 'Notes: Error' }, patience);
    await expect(alert).toHaveTextContent(/notes\.png could not be read as an image/);
    await expect(canvas.queryByRole('button', { name: 'Retry Notes' })).toBeNull();
    await expect(canvas.getByLabelText('Notes status')).toHaveTextContent(/Error/);
  },
};

const showcaseFiles = storyMedia('still-layers-showcase', { 'bars.mp4': 'clip-h264-b.mp4', 'test.webm': 'clip-vp9.webm', 'quadrants.png': 'still-quadrants.png' });
// What the docs show of styled layers: a colour backdrop, two videos turned, scaled, faded and
// blended, a transparent picture turned over them, and a title with an outline and a shadow.
const showcaseTracks: NewTrack[] = [
  { id: 'backdrop', name: 'Backdrop', kind: 'color', color: '#1d2330', layout: { x: 0, y: 0, ...composition }, clip: { startMs: 0, outMs: 4000 } },
  { id: 'bars', name: 'Bars', source: { url: showcaseFiles.urlOf('bars.mp4') }, layout: { x: 30, y: 30, width: 320, height: 180 }, look: { rotation: -6 }, clip: { startMs: 0, inMs: 1000, outMs: 4000 } },
  {
    id: 'test',
    name: 'Test picture',
    source: { url: showcaseFiles.urlOf('test.webm') },
    layout: { x: 290, y: 110, width: 320, height: 180 },
    look: { rotation: 4, opacity: 0.85, crop: { left: 0.1, right: 0.1 }, fit: 'fill' },
    clip: { startMs: 0, inMs: 2000, outMs: 4000 },
  },
  { id: 'picture', name: 'Picture', kind: 'image', source: { url: showcaseFiles.urlOf('quadrants.png') }, layout: { x: 480, y: 10, width: 144, height: 81 }, look: { rotation: 12 }, clip: { startMs: 0, outMs: 4000 } },
  {
    id: 'title',
    name: 'Title',
    kind: 'text',
    text: { content: 'Layers an editor can style', fontSize: 34, fontWeight: 700, color: '#fff6d5', outline: { color: '#000000', width: 1.5 }, shadow: { color: 'rgba(0, 0, 0, 0.8)', blur: 6, x: 3, y: 3 } },
    layout: { x: 20, y: 290, width: 600, height: 60 },
    clip: { startMs: 0, outMs: 4000 },
  },
];

/** A styled composite: a backdrop, turned and faded videos, a picture, a title with an outline and a shadow. */
export const AStyledComposite: Story = {
  tags: ['both-renderers'],
  args: { tracks: showcaseTracks },
  parameters: { msw: { handlers: showcaseFiles.handlers } },
  beforeEach: () => showcaseFiles.reset(),
  play: async ({ canvas, canvasElement }) => {
    for (const name of ['Backdrop', 'Bars', 'Test picture', 'Picture', 'Title']) await waitFor(() => expect(canvas.getByLabelText(`${name} status`)).toHaveTextContent('Ready'), patience);
    await waitFor(() => expect(titleLight(canvasElement).white, 'light letters along the title').toBeGreaterThan(10), patience);
  },
};
