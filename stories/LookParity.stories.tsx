import type { Meta, StoryObj } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { expect, waitFor } from 'storybook/test';
import {
  CompositeView,
  CompositorProvider,
  createCanvasRenderer,
  createCompositorStore,
  createElementRenderer,
  trackAdded,
  type CompositorConfig,
  type CompositorRenderer,
  type LookChange,
  type NewTrack,
} from '../src';
import { planTrackLayer } from '../src/state';
import { pageScreenshot, screenColourAt } from './support/pageScreenshot';
import { expectedColourAt, flatPointsOf, type PlannedPicture } from './support/planPixels';
import { compositionPointOnPage, patience } from './support/playHelpers';
import { storyMedia } from './support/storyMedia';

const composition = { width: 640, height: 360 };
const files = storyMedia('look-parity', { 'quadrants.png': 'still-quadrants.png' });
const backdrop = [90, 110, 130];
/** The picture's size and colours (scripts/make-fixtures.sh): four flat quadrants, a transparent window in the middle. */
const picture = { width: 160, height: 90 };
function quadrantsAt(x: number, y: number): { rgb: number[]; alpha: number } {
  const [column, row] = [Math.floor(x), Math.floor(y)];
  if (column >= 40 && column < 120 && row >= 22 && row < 68) return { rgb: [0, 0, 0], alpha: 0 };
  if (row < 45) return { rgb: column < 80 ? [255, 0, 0] : [0, 255, 0], alpha: 1 };
  return { rgb: column < 80 ? [0, 0, 255] : [255, 255, 255], alpha: 1 };
}

// One layer a look, each in a 160x90 cell of a 4 x 4 grid over a coloured backdrop; every look
// property, every fit and every blend mode.
const looks: [name: string, look: LookChange, box?: { width: number; height: number }][] = [
  ['Placed', {}],
  ['Scaled about its corner', { scale: { x: 1.25, y: 0.75 }, anchor: { x: 0, y: 0 } }],
  ['Turned', { rotation: 30 }],
  ['Flipped both ways', { flip: { horizontal: true, vertical: true } }],
  ['Cropped', { crop: { left: 0.25, top: 0.2 } }],
  ['Covering a square', { fit: 'cover' }, { width: 63, height: 63 }],
  ['Filling a square', { fit: 'fill' }, { width: 63, height: 63 }],
  ['Contained in a square', { fit: 'contain' }, { width: 63, height: 63 }],
  ['Half seen', { opacity: 0.5 }],
  ['Multiplied', { blend: 'multiply' }],
  ['Screened', { blend: 'screen' }],
  ['Overlaid', { blend: 'overlay' }],
  ['Lightened', { blend: 'lighten' }],
  ['Darkened', { blend: 'darken' }],
  ['Added', { blend: 'add' }],
  ['Turned, scaled, faded and screened', { rotation: -20, scale: { x: 0.8, y: 0.8 }, opacity: 0.7, blend: 'screen' }],
];
const parityTracks: NewTrack[] = [
  { id: 'backdrop', name: 'Backdrop', kind: 'color', color: `rgb(${backdrop.join(', ')})`, layout: { x: 0, y: 0, ...composition }, clip: { startMs: 0, outMs: 4000 } },
  ...looks.map(([name, look, box = { width: 112, height: 63 }], index): NewTrack => ({
    id: `look-${index + 1}`,
    name,
    kind: 'image',
    source: { url: files.urlOf('quadrants.png') },
    layout: { x: (index % 4) * 160 + (160 - box.width) / 2, y: Math.floor(index / 4) * 90 + (90 - box.height) / 2, ...box },
    look,
    clip: { startMs: 0, outMs: 4000 },
  })),
];

/** One compositor of the project, drawn by `renderer`, 384 px wide. */
function Pane({ label, renderer }: { label: string; renderer: CompositorRenderer }) {
  const [store] = useState(() => {
    const created = createCompositorStore();
    for (const track of parityTracks) created.dispatch(trackAdded(track));
    return created;
  });
  const [queryClient] = useState(() => new QueryClient());
  const [config] = useState<CompositorConfig>(() => ({ renderer, sources: { maxRetries: 0 } }));
  return (
    <section aria-label={label} style={{ width: 384 }}>
      <CompositorProvider store={store} queryClient={queryClient} config={config}>
        <CompositeView width={composition.width} height={composition.height} />
      </CompositorProvider>
    </section>
  );
}

/** The same project under both renderers, side by side. */
function BothRenderers() {
  const [renderers] = useState(() => ({ elements: createElementRenderer(), canvas: createCanvasRenderer() }));
  return (
    <div style={{ display: 'flex', gap: 8 }}>
      <Pane label="Drawn by elements" renderer={renderers.elements} />
      <Pane label="Drawn on the canvas" renderer={renderers.canvas} />
    </div>
  );
}

const meta = {
  title: 'Compositor/Look parity',
  component: BothRenderers,
} satisfies Meta<typeof BothRenderers>;

export default meta;
type Story = StoryObj<typeof meta>;

/** Per channel, of 255: a flat part of a picture through scaling, an opacity's rounding and the screenshot. */
const tolerance = 16;

const pictures: PlannedPicture[] = parityTracks.map((track) => {
  // A track as the store holds it, planned as the renderers plan it (the picture's size measured).
  const store = createCompositorStore();
  store.dispatch(trackAdded(track));
  const held = store.getState().multitrack.tracks.entities[track.id];
  if (!held) throw new Error(`no track ${track.id}`);
  const plan = planTrackLayer(held, undefined, track.kind === 'image' ? picture : undefined);
  return { plan, colourAt: track.kind === 'color' ? () => ({ rgb: backdrop, alpha: 1 }) : quadrantsAt };
});

/**
 * Reads both panes off a screenshot at the flat points of every layer and compares them with the
 * colours the plan gives there and with each other: the points more than `tolerance` apart.
 */
async function compareWithThePlan(panes: Record<'elements' | 'canvas', HTMLElement>): Promise<{ off: string[]; compared: number }> {
  const shot = await pageScreenshot();
  const off: string[] = [];
  let compared = 0;
  const far = (a: number[], b: number[]) => a.some((value, channel) => Math.abs(value - b[channel]) > tolerance);
  for (const [index, [name]] of looks.entries()) {
    const points = flatPointsOf(pictures[index + 1].plan, pictures, backdrop, composition, 4, 6);
    await expect(points.length, `${name}: points to compare`).toBeGreaterThan(8);
    for (const point of points) {
      const expected = expectedColourAt(point, pictures, backdrop);
      const [elements, canvas] = [panes.elements, panes.canvas].map((pane) => {
        const onPage = compositionPointOnPage(pane, composition, point.x, point.y);
        return screenColourAt(shot, onPage.x, onPage.y, 0.5);
      });
      compared += 1;
      if (far(elements, expected) || far(canvas, expected) || far(elements, canvas)) {
        off.push(`${name} at (${point.x.toFixed(0)}, ${point.y.toFixed(0)}): plan ${expected.join(',')}, elements ${elements.join(',')}, canvas ${canvas.join(',')}`);
      }
    }
  }
  return { off, compared };
}

/** Every look, fit and blend drawn by both renderers and compared with the plan, pixel by pixel. */
export const EveryLookDrawnAlikeByBothRenderers: Story = {
  parameters: { msw: { handlers: files.handlers } },
  beforeEach: () => files.reset(),
  play: async ({ canvas }) => {
    const panes = { elements: canvas.getByRole('region', { name: 'Drawn by elements' }), canvas: canvas.getByRole('region', { name: 'Drawn on the canvas' }) };
    await expect(panes.elements.querySelector('[aria-label="Composite"]')).toHaveAttribute('data-renderer', 'elements');
    await expect(panes.canvas.querySelector('[aria-label="Composite"]')).toHaveAttribute('data-renderer', 'canvas');
    // Every layer in both has its picture (no box says Loading).
    await waitFor(() => expect(canvas.queryAllByRole('status', { name: /: Loading$/ })).toHaveLength(0), patience);
    // Compared on what the screen shows; until a canvas's worker has painted every picture, again.
    await waitFor(
      async () => {
        const { off, compared } = await compareWithThePlan(panes);
        await expect(off.length, `points off, of ${compared}:\n${off.slice(0, 16).join('\n')}`).toBe(0);
      },
      { timeout: 15_000, interval: 500 },
    );
  },
};
