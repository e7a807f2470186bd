import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn, waitFor } from 'storybook/test';
import { Editor, gridTracks } from './support/Editor';
import { expectUnseen, expectVideoElements, patience, waitForPicture } from './support/playHelpers';
import { storyMedia } from './support/storyMedia';
import { blobResolver, MemoryReadout, MemoryWarning } from '../src';

const meta = {
  title: 'Compositor/Memory monitor',
  component: Editor,
  args: { tracks: [] },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

const mib = 1024 ** 2;

const calm = storyMedia('memory-normal', { 'a.mp4': 'clip-h264.mp4', 'b.mp4': 'clip-h264-b.mp4' });

/** Memory within its budget: no warning. */
export const NormalMemoryShowsNoWarning: Story = {
  tags: ['both-renderers'],
  args: {
    tracks: gridTracks(['a.mp4', 'b.mp4'].map(calm.urlOf)),
    children: (
      <>
        <MemoryWarning intervalMs={200} />
        <MemoryReadout intervalMs={200} />
      </>
    ),
  },
  parameters: { msw: { handlers: calm.handlers } },
  beforeEach: () => calm.reset(),
  play: async ({ canvas, canvasElement }) => {
    await waitForPicture(canvasElement, 'track-1');
    await waitForPicture(canvasElement, 'track-2');
    await waitFor(() => expect(canvas.getByLabelText('Memory')).toHaveTextContent('2 live decoders'), patience);
    // Streamed: nothing held in loaded files; two decoders at the default 40 MiB each.
    await expect(canvas.getByLabelText('Memory')).toHaveTextContent('0 B in loaded files · about 80.0 MiB in all');
    await expect(canvas.queryByRole('alert', { name: 'Memory warning' })).toBeNull();
  },
};

const heavy = storyMedia('memory-high', { 'a.mp4': 'clip-h264.mp4', 'b.mp4': 'clip-h264-b.mp4', 'c.webm': 'clip-vp9.webm' });
const switchedToStreaming = fn();

/** Memory over its budget: a banner says how much and what holds it. */
export const HighMemoryShowsAWarning: Story = {
  tags: ['both-renderers'],
  args: {
    // Three tracks loaded whole, under a budget that fits one decoder: what the monitor reads of
    // real tracks, not a made-up reading.
    tracks: gridTracks(['a.mp4', 'b.mp4', 'c.webm'].map(heavy.urlOf)),
    sourceOptions: { resolvers: [blobResolver] },
    children: <MemoryWarning intervalMs={200} budgetBytes={64 * mib} onSwitchToStreaming={switchedToStreaming} />,
  },
  parameters: { msw: { handlers: heavy.handlers } },
  beforeEach: () => {
    heavy.reset();
    switchedToStreaming.mockClear();
  },
  play: async ({ canvas, canvasElement, userEvent }) => {
    for (const id of ['track-1', 'track-2', 'track-3']) await waitForPicture(canvasElement, id);
    const banner = await canvas.findByRole('alert', { name: 'Memory warning' }, patience);
    // Three decoders at 40 MiB and the three files (165.6 KiB) held in memory.
    await waitFor(() => expect(banner).toHaveTextContent(
      'Memory is high: about 120.2 MiB for 3 playing videos and 165.6 KiB of loaded files, over the budget of 64.0 MiB.',
    ), patience);
    await expect(canvas.getByRole('button', { name: 'Hide tracks off the playhead' })).toBeVisible();
    await userEvent.click(canvas.getByRole('button', { name: 'Switch to streaming' }));
    await expect(switchedToStreaming).toHaveBeenCalledTimes(1);
  },
};

const busy = storyMedia('memory-action', { 'a.mp4': 'clip-h264.mp4', 'b.mp4': 'clip-h264-b.mp4', 'c.webm': 'clip-vp9.webm' });

// Off the playhead a track holds no element, but a track loaded whole still holds its file:
// hiding the tracks off the playhead gives those bytes back.
const blobOnly = { resolvers: [blobResolver] };
const filesOf = { a: 103_713, b: 21_804, c: 44_063 };

/** Hiding tracks away from the playhead frees their memory and the warning goes. */
export const HidingTracksOffThePlayheadClearsTheWarning: Story = {
  tags: ['both-renderers'],
  args: {
    // Track 1 is under the playhead (0 s); tracks 2 and 3 come later on the timeline.
    tracks: gridTracks(['a.mp4', 'b.mp4', 'c.webm'].map(busy.urlOf), (index) => ({
      clip: { startMs: index * 5000, inMs: 0, outMs: 4000 },
    })),
    sourceOptions: blobOnly,
    children: (
      <>
        {/* One decoder and track 1's file fit; the files of tracks 2 and 3 do not. */}
        <MemoryWarning intervalMs={200} budgetBytes={40 * mib + filesOf.a + 10_000} />
        <MemoryReadout intervalMs={200} />
      </>
    ),
  },
  parameters: { msw: { handlers: busy.handlers } },
  beforeEach: () => busy.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitForPicture(canvasElement, 'track-1');
    for (const track of ['Track 2', 'Track 3']) {
      await waitFor(() => expect(canvas.getByLabelText(`${track} status`)).toHaveTextContent('Ready (blob)'), patience);
    }
    // Off the playhead, tracks 2 and 3 hold no element.
    await expectVideoElements(canvasElement, 1);
    // The warning shows as soon as two files are over the budget; the monitor polls, so the third
    // file is counted on a later reading.
    const banner = await canvas.findByRole('alert', { name: 'Memory warning' }, patience);
    await waitFor(() => expect(banner).toHaveTextContent('for 1 playing video and 165.6 KiB of loaded files'), patience);

    await userEvent.click(canvas.getByRole('button', { name: 'Hide tracks off the playhead' }));

    await expectUnseen(canvasElement, 'Track 2', 'Hidden');
    await expectUnseen(canvasElement, 'Track 3', 'Hidden');
    await waitFor(() => expect(canvas.queryByRole('alert', { name: 'Memory warning' })).toBeNull(), patience);
    // The readout polls on its own clock.
    await waitFor(() => expect(canvas.getByLabelText('Memory')).toHaveTextContent('1 live decoder ·'), patience);
  },
};
