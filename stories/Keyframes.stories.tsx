import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { playheadSeeked, transitionAdded, type Animation, type NewTrack, type Transition } from '../src';
import { clipAt } from '../src/renderer';
import { clipMotion, planTrackLayer, selectTracksInPaintOrder } from '../src/state';
import { BothRenderers, paneStores, pointsOffThePlan, projectStore, type PaneProject } from './support/BothRenderers';
import type { PlannedPicture } from './support/planPixels';
import { patience } from './support/playHelpers';
import { quadrantsAt, quadrantsPicture as picture } from './support/quadrantsPicture';
import { storyMedia } from './support/storyMedia';

const composition = { width: 640, height: 360 };
const files = storyMedia('keyframes', { 'quadrants.png': 'still-quadrants.png' });
const backdrop = [90, 110, 130];

// Three layers of the quadrants picture, each changing over its clip's first two seconds.
const animated: [name: string, layout: { x: number; y: number }, animation: Animation][] = [
  // An opacity fade along CSS's ease-in-out.
  ['Fading in', { x: 24, y: 40 }, { opacity: [{ atMs: 0, value: 0, easing: 'ease-in-out' }, { atMs: 2000, value: 1 }] }],
  // A quarter turn, linear.
  ['Turning', { x: 248, y: 40 }, { rotation: [{ atMs: 0, value: 0 }, { atMs: 2000, value: 90 }] }],
  // Sliding right and growing, easing out; held half way for the last half second.
  [
    'Sliding and growing',
    { x: 24, y: 220 },
    {
      'x': [{ atMs: 0, value: 24, easing: 'ease-out' }, { atMs: 1500, value: 424, easing: 'hold' }, { atMs: 2000, value: 440 }],
      'scale.x': [{ atMs: 0, value: 0.6 }, { atMs: 2000, value: 1 }],
      'scale.y': [{ atMs: 0, value: 0.6 }, { atMs: 2000, value: 1 }],
    },
  ],
];
const keyframedTracks: NewTrack[] = [
  { id: 'backdrop', name: 'Backdrop', kind: 'color', color: `rgb(${backdrop.join(', ')})`, layout: { x: 0, y: 0, ...composition }, clip: { startMs: 0, outMs: 4000 } },
  ...animated.map(([name, { x, y }, animation], index): NewTrack => ({
    id: `moving-${index + 1}`,
    name,
    kind: 'image',
    source: { url: files.urlOf('quadrants.png') },
    layout: { x, y, width: 160, height: 90 },
    clip: { startMs: 0, outMs: 4000, animation },
  })),
];

const keyframedProject: PaneProject = { tracks: keyframedTracks, composition };

/** The keyframed project under both renderers, side by side. */
const KeyframedPanes = () => <BothRenderers {...keyframedProject} />;

const meta = {
  title: 'Compositor/Keyframes',
  component: KeyframedPanes,
} satisfies Meta<typeof KeyframedPanes>;

export default meta;
type Story = StoryObj<typeof meta>;

/** A colour track's flat colour, from its CSS `rgb(...)`. */
const rgbOf = (colour: string) => (colour.match(/\d+/g) ?? []).slice(0, 3).map(Number);

/**
 * Every layer with a clip at `playheadMs` as the plan draws it then, in paint order, from a store
 * holding the project as the panes do: the expectation, worked out without either renderer.
 */
function picturesAt(project: PaneProject, playheadMs: number): PlannedPicture[] {
  return selectTracksInPaintOrder(projectStore(project).getState()).flatMap((track) => {
    const clip = clipAt(track.clips, playheadMs);
    if (!clip) return [];
    const plan = planTrackLayer(track, clip.look, track.kind === 'image' ? picture : undefined, clipMotion(clip, playheadMs));
    return [{ plan, colourAt: track.kind === 'color' ? () => ({ rgb: rgbOf(track.color ?? ''), alpha: 1 }) : quadrantsAt }];
  });
}

/** Seeks both panes to each time and compares the screen with the plan there, until both have drawn it. */
async function expectBothDrawThePlan(canvas: { getByRole: (role: string, options: { name: string }) => HTMLElement }, project: PaneProject, times: number[], compared: { name: string; index: number }[]) {
  const panes = { elements: canvas.getByRole('region', { name: 'Drawn by elements' }), canvas: canvas.getByRole('region', { name: 'Drawn on the canvas' }) };
  await expect(paneStores).toHaveLength(2);
  for (const playheadMs of times) {
    for (const store of paneStores) store.dispatch(playheadSeeked(playheadMs));
    const pictures = picturesAt(project, playheadMs);
    await waitFor(
      async () => {
        const { off, compared: count } = await pointsOffThePlan(panes, pictures, compared, backdrop, composition);
        await expect(off.length, `at ${playheadMs} ms, points off, of ${count}:\n${off.slice(0, 16).join('\n')}`).toBe(0);
      },
      { timeout: 15_000, interval: 500 },
    );
  }
}

/**
 * An opacity fade, a turn, and a slide with a hold, each drawn by both renderers at 0, 25, 50,
 * 75 and 100 % of its keyframes and compared, pixel by pixel, with what the plan says there.
 */
export const KeyframedLooksDrawnAlikeByBothRenderers: Story = {
  parameters: { msw: { handlers: files.handlers } },
  beforeEach: () => files.reset(),
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.queryAllByRole('status', { name: /: Loading$/ })).toHaveLength(0), patience);
    await expectBothDrawThePlan(
      canvas,
      keyframedProject,
      [0, 500, 1000, 1500, 2000],
      animated.map(([name], index) => ({ name, index: index + 1 })),
    );
  },
};

// Five pairs of layers, each a picture (the quadrants) giving way to an orange colour over the
// second from 3 s, one transition a pair: clip A from 0 to 4 s on the lower track, clip B from
// 3 s on the upper one.
const pairs: [name: string, transition: Transition][] = [
  ['Cross-dissolve', { kind: 'cross-dissolve', durationMs: 1000 }],
  ['Dip', { kind: 'dip', durationMs: 1000 }],
  ['Wipe from the right', { kind: 'wipe', durationMs: 1000, from: 'right' }],
  ['Slide from the bottom', { kind: 'slide', durationMs: 1000, from: 'bottom' }],
  ['Push from the left', { kind: 'push', durationMs: 1000, from: 'left' }],
];
const orange = 'rgb(255, 128, 0)';
const transitionProject: PaneProject = {
  composition,
  tracks: [
    { id: 'backdrop', name: 'Backdrop', kind: 'color', color: `rgb(${backdrop.join(', ')})`, layout: { x: 0, y: 0, ...composition }, clip: { startMs: 0, outMs: 8000 } },
    ...pairs.flatMap(([name], index): NewTrack[] => {
      const layout = { x: 40 + (index % 2) * 320, y: 15 + Math.floor(index / 2) * 120, width: 160, height: 90 };
      return [
        { id: `a-${index}`, name: `${name}: A`, kind: 'image', source: { url: files.urlOf('quadrants.png') }, layout, clip: { startMs: 0, outMs: 4000 } },
        { id: `b-${index}`, name: `${name}: B`, kind: 'color', color: orange, layout, clip: { startMs: 3000, outMs: 4000 } },
      ];
    }),
  ],
  setup: (store) => {
    pairs.forEach(([, transition], index) => store.dispatch(transitionAdded({ from: { id: `a-${index}`, clip: 0 }, to: { id: `b-${index}`, clip: 0 }, transition })));
  },
};

/**
 * Each transition drawn by both renderers at 0, 25, 50, 75 and 100 % of its second and compared,
 * over the whole composite, pixel by pixel with what the plan says there.
 */
export const TransitionsDrawnAlikeByBothRenderers: Story = {
  render: () => <BothRenderers {...transitionProject} />,
  parameters: { msw: { handlers: files.handlers } },
  beforeEach: () => files.reset(),
  play: async ({ canvas }) => {
    await waitFor(() => expect(canvas.queryAllByRole('status', { name: /: Loading$/ })).toHaveLength(0), patience);
    // The backdrop's points are the whole composite's: every pair, whatever has moved where.
    await expectBothDrawThePlan(canvas, transitionProject, [3000, 3250, 3500, 3750, 3999], [{ name: 'the composite', index: 0 }]);
  },
};
