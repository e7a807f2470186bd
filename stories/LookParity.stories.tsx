import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { createCompositorStore, trackAdded, type LookChange, type NewTrack } from '../src';
import { planTrackLayer } from '../src/state';
import { BothRenderers, pointsOffThePlan } from './support/BothRenderers';
import type { PlannedPicture } from './support/planPixels';
import { patience } from './support/playHelpers';
import { quadrantsAt, quadrantsPicture as picture } from './support/quadrantsPicture';
import { storyMedia } from './support/storyMedia';

const composition = { width: 640, height: 360 };
const files = storyMedia('look-parity', { 'quadrants.png': 'still-quadrants.png' });
const backdrop = [90, 110, 130];

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

/** The parity project under both renderers, side by side. */
const ParityPanes = () => <BothRenderers tracks={parityTracks} composition={composition} />;

const meta = {
  title: 'Compositor/Look parity',
  component: ParityPanes,
} satisfies Meta<typeof ParityPanes>;

export default meta;
type Story = StoryObj<typeof meta>;

const pictures: PlannedPicture[] = parityTracks.map((track) => {
  // A track as the store holds it, planned as the renderers plan it (the picture's size measured).
  const store = createCompositorStore();
  store.dispatch(trackAdded(track));
  const held = store.getState().multitrack.tracks.entities[track.id];
  if (!held) throw new Error(`no track ${track.id}`);
  const plan = planTrackLayer(held, undefined, track.kind === 'image' ? picture : undefined);
  return { plan, colourAt: track.kind === 'color' ? () => ({ rgb: backdrop, alpha: 1 }) : quadrantsAt };
});

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
        const { off, compared } = await pointsOffThePlan(
          panes,
          pictures,
          looks.map(([name], index) => ({ name, index: index + 1 })),
          backdrop,
          composition,
        );
        await expect(off.length, `points off, of ${compared}:\n${off.slice(0, 16).join('\n')}`).toBe(0);
      },
      { timeout: 15_000, interval: 500 },
    );
  },
};
