import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { Editor, gridTracks } from './support/Editor';
import { expectPictures, expectUnseen, expectVideoElements, patience, waitForPicture } from './support/playHelpers';
import { storyMedia } from './support/storyMedia';

const meta = {
  title: 'Compositor/Decoder budget',
  component: Editor,
  args: { tracks: [] },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

const budgetFiles = storyMedia('decoder-budget', { 'a.mp4': 'sync-h264.mp4', 'b.mp4': 'clip-h264-b.mp4', 'c.webm': 'clip-vp9.webm', 'd.mp4': 'clip-h264.mp4' });

const budgetArgs = {
  // Three decoders for four tracks; track 4 (the top layer) starts hidden.
  tracks: gridTracks(['a.mp4', 'b.mp4', 'c.webm', 'd.mp4'].map(budgetFiles.urlOf), (index) => ({ visible: index < 3 })),
  sourceOptions: { decoderBudget: { maxDecoders: 3 } },
};

/** Three tracks play; the fourth shown takes the least important one's decoder, which says so. */
const suspendTrackOne: NonNullable<Story['play']> = async ({ canvas, canvasElement, userEvent }) => {
  for (const id of ['track-1', 'track-2', 'track-3']) await waitForPicture(canvasElement, id);
  await expect(canvas.getByLabelText('Decoder budget')).toHaveTextContent('Decoders: 3 of 3');

  // Shown, the top layer needs a decoder: the least important track (the bottom one) lets go of
  // its media and keeps a still of its last frame, with a badge saying why.
  await userEvent.click(canvas.getByRole('button', { name: 'Show Track 4' }));
  await waitForPicture(canvasElement, 'track-4');
  const suspended = await canvas.findByRole('status', { name: 'Track 1: Suspended' }, patience);
  await expect(suspended).toHaveTextContent('Over the decoder budget');
  await waitFor(() => expect(suspended.querySelector('[data-still-of="track-1"] canvas')).not.toBeNull(), patience);
  await expectVideoElements(canvasElement, 3);
  await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Suspended');
  await expect(canvas.getByLabelText('Decoder budget')).toHaveTextContent('Decoders: 3 of 3');
  await expect(canvas.getByLabelText('Decoder budget')).toHaveTextContent('1 suspended');
};

/** Three decoders for four tracks: showing the fourth suspends the least important one, which keeps its last frame and says why. */
export const OverTheBudgetTracksAreSuspended: Story = {
  tags: ['both-renderers'],
  args: budgetArgs,
  parameters: { msw: { handlers: budgetFiles.handlers } },
  beforeEach: () => budgetFiles.reset(),
  play: suspendTrackOne,
};

/** A suspended track loads when asked to anyway (another makes room) or when hiding a track gives a decoder back. */
export const ASuspendedTrackLoadsAnywayOrWhenADecoderFrees: Story = {
  tags: ['both-renderers'],
  args: budgetArgs,
  parameters: { msw: { handlers: budgetFiles.handlers } },
  beforeEach: () => budgetFiles.reset(),
  play: async (context) => {
    await suspendTrackOne(context);
    const { canvas, canvasElement, userEvent } = context;
    // Loaded anyway, it plays again, and the next least important track makes room.
    await userEvent.click(canvas.getByRole('button', { name: 'Load Track 1 anyway' }));
    await waitForPicture(canvasElement, 'track-1');
    await expect(await canvas.findByRole('status', { name: 'Track 2: Suspended' }, patience)).toBeVisible();
    await expectVideoElements(canvasElement, 3);

    // Hiding a track gives its decoder back: the suspended one loads.
    await userEvent.click(canvas.getByRole('button', { name: 'Hide Track 3' }));
    await waitForPicture(canvasElement, 'track-2');
    await expect(canvas.queryByRole('status', { name: /Suspended/ })).toBeNull();
  },
};

const gridNames = Array.from({ length: 20 }, (_, index) => `grid-${index + 1}.mp4`);
// The frame-coded sync clip, so each layer's picture is seen to move on.
const gridFiles = storyMedia('decoder-budget-grid', Object.fromEntries(gridNames.map((name) => [name, 'sync-h264.mp4'])));
// Five columns of 160x120 over the 640x360 composite: the fifth column (x = 640) and the fourth
// row (y = 360) lie wholly outside it. 12 layers are on the composite, 8 are not.
const overflowingGrid = gridNames.map((name, index) => ({
  id: `track-${index + 1}`,
  name: `Track ${index + 1}`,
  source: { url: gridFiles.urlOf(name) },
  layout: { x: (index % 5) * 160, y: Math.floor(index / 5) * 120, width: 160, height: 120 },
  clip: { startMs: 0, inMs: 0, outMs: 4000 },
}));
const onComposite = overflowingGrid.filter((track) => track.layout.x < 640 && track.layout.y < 360);
const offComposite = overflowingGrid.filter((track) => !onComposite.includes(track));

/** Twenty layers in a grid wider and taller than the composite: those wholly outside it hold no decoder and say Off composite. */
export const LayersOffTheCompositeHoldNothing: Story = {
  tags: ['both-renderers'],
  args: {
    tracks: overflowingGrid,
    // As many decoders as layers on the composite: the off-composite ones (higher in paint order)
    // must not take any of them.
    sourceOptions: { decoderBudget: { maxDecoders: onComposite.length } },
  },
  parameters: { msw: { handlers: gridFiles.handlers } },
  beforeEach: () => gridFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    // Twelve players start at once: WebKitGTK's (a GStreamer pipeline each) took 9 to 10 s for the
    // twelfth first frame on two busy cores (Docs/Engines). 30 s means it never came.
    for (const track of onComposite) await waitForPicture(canvasElement, track.id, 30_000);
    await expect(canvas.getByLabelText('Decoder budget')).toHaveTextContent(`Decoders: ${onComposite.length} of ${onComposite.length}`);
    await expect(canvas.getByLabelText('Decoder budget')).not.toHaveTextContent('suspended');
    for (const track of offComposite) {
      await expectUnseen(canvasElement, track.name, 'Off composite');
      await expect(canvasElement.querySelector(`video[data-track-id="${track.id}"]`)).toBeNull();
    }
    // No request ever went out for a layer nobody can see.
    const offNames = offComposite.map((track) => `/${gridNames[overflowingGrid.indexOf(track)]}`);
    await expect(gridFiles.requests.filter((request) => offNames.some((name) => request.url.endsWith(name)))).toEqual([]);

    await userEvent.click(canvas.getByRole('button', { name: 'Play' }));
    await expectPictures(canvasElement, onComposite.map((track) => track.id), 'moving');
    await userEvent.click(canvas.getByRole('button', { name: 'Pause' }));
    await expectVideoElements(canvasElement, onComposite.length);
  },
};
