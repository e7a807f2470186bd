import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { Editor, gridTracks } from './support/Editor';
import { allVideos, patience, waitForFrame } from './support/playHelpers';
import { storyMedia } from './support/storyMedia';

const meta = {
  title: 'Compositor/Decoder budget',
  component: Editor,
  args: { tracks: [] },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

const budgetFiles = storyMedia('decoder-budget', { 'a.mp4': 'sync-h264.mp4', 'b.mp4': 'clip-h264-b.mp4', 'c.webm': 'clip-vp9.webm', 'd.mp4': 'clip-h264.mp4' });

export const OverTheBudgetTracksAreSuspended: Story = {
  args: {
    // Three decoders for four tracks; track 4 (the top layer) starts hidden.
    tracks: gridTracks(['a.mp4', 'b.mp4', 'c.webm', 'd.mp4'].map(budgetFiles.urlOf), (index) => ({ visible: index < 3 })),
    sourceOptions: { decoderBudget: { maxDecoders: 3 } },
  },
  parameters: { msw: { handlers: budgetFiles.handlers } },
  beforeEach: () => budgetFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    for (const id of ['track-1', 'track-2', 'track-3']) await waitForFrame(canvasElement, id);
    await expect(canvas.getByLabelText('Decoder budget')).toHaveTextContent('Decoders: 3 of 3');

    // Shown, the top layer needs a decoder: the least important track (the bottom one) lets go of
    // its media and keeps a still of its last frame, with a badge saying why.
    await userEvent.click(canvas.getByRole('button', { name: 'Show Track 4' }));
    await waitForFrame(canvasElement, 'track-4');
    const suspended = await canvas.findByRole('status', { name: 'Track 1: Suspended' }, patience);
    await expect(suspended).toHaveTextContent('Over the decoder budget');
    await waitFor(() => expect(suspended.querySelector('[data-still-of="track-1"] canvas')).not.toBeNull(), patience);
    await expect(allVideos(canvasElement)).toHaveLength(3);
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Suspended');
    await expect(canvas.getByLabelText('Decoder budget')).toHaveTextContent('Decoders: 3 of 3');
    await expect(canvas.getByLabelText('Decoder budget')).toHaveTextContent('1 suspended');

    // Loaded anyway, it plays again, and the next least important track makes room.
    await userEvent.click(canvas.getByRole('button', { name: 'Load Track 1 anyway' }));
    await waitForFrame(canvasElement, 'track-1');
    await expect(await canvas.findByRole('status', { name: 'Track 2: Suspended' }, patience)).toBeVisible();
    await expect(allVideos(canvasElement)).toHaveLength(3);

    // Hiding a track gives its decoder back: the suspended one loads.
    await userEvent.click(canvas.getByRole('button', { name: 'Hide Track 3' }));
    await waitForFrame(canvasElement, 'track-2');
    await expect(canvas.queryByRole('status', { name: /Suspended/ })).toBeNull();
  },
};
