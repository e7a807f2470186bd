import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { Editor } from './support/Editor';
import { expectPictures, patience, playheadOf, scrubTo, shownTime, waitForPicture } from './support/playHelpers';
import { storyMedia } from './support/storyMedia';
import type { NewTrack } from '../src';

// A server that goes away, hangs, or loses a file while a track plays, and how the track comes
// back: by itself for a fault that may pass (Reconnecting), with Retry for one that will not.
const meta = {
  title: 'Compositor/Faults during playback',
  component: Editor,
  args: { tracks: [] },
  tags: ['needs-mock-media'],
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * What Chromium and mediabunny's reader (the canvas renderer's) log of the faults these stories
 * make: a failed load, a read given up, a body cut short that the reader resumes.
 */
const faultLogs = ['net::ERR_', 'status of 404', 'Error fetching', 'Attempting to resume'];

/** The 60 s streaming fixture, read in 256 KiB responses: playing it keeps asking for more. */
function streamingTrack(url: string): NewTrack[] {
  return [{ id: 'track-1', name: 'Track 1', source: { url }, layout: { x: 0, y: 0, width: 640, height: 360 }, clip: { startMs: 0, inMs: 0, outMs: 60_000 } }];
}

const longWait = { timeout: 20_000 };

/** Plays the composite and waits until track 1 has played a second. */
async function playASecond(canvasElement: HTMLElement, play: () => Promise<void>): Promise<void> {
  await waitForPicture(canvasElement, 'track-1');
  await play();
  await waitFor(() => expect(shownTime(canvasElement, 'track-1')).toBeGreaterThan(1), patience);
}

/** Waits until track 1 plays on, showing the frame the playhead names (within a quarter second). */
async function expectPlayingAtThePlayhead(canvasElement: HTMLElement): Promise<void> {
  await expectPictures(canvasElement, ['track-1'], 'moving');
  await waitFor(() => expect(Math.abs((shownTime(canvasElement, 'track-1') as number) * 1000 - playheadOf(canvasElement))).toBeLessThan(250), patience);
}

const hangs = storyMedia('fault-stall', { 'stream.mp4': 'stream-h264.mp4' }, undefined, 256 * 1024);

/** The server stops sending mid-play: the track says Reconnecting and comes back by itself once it answers again. */
export const AStalledServerReconnectsByItself: Story = {
  tags: ['both-renderers'],
  args: { tracks: streamingTrack(hangs.urlOf('stream.mp4')), sourceOptions: { noBytesTimeoutMs: 1500 } },
  parameters: { msw: { handlers: hangs.handlers }, allowedConsoleErrors: faultLogs },
  beforeEach: () => hangs.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await playASecond(canvasElement, () => userEvent.click(canvas.getByRole('button', { name: 'Play' })));
    // The server accepts every request from now on and sends nothing; a jump to 45 s needs bytes
    // the element has not buffered.
    hangs.setFault('stream.mp4', { kind: 'stall', afterBytes: 0 });
    await scrubTo(canvasElement, 45_000);
    await waitFor(() => expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Reconnecting…'), longWait);
    await expect(canvas.getByRole('status', { name: 'Track 1: Reconnecting…' })).toBeVisible();
    // The server answers again: the track comes back by itself, at the playhead, and plays on.
    hangs.setFault('stream.mp4', undefined);
    await waitForPicture(canvasElement, 'track-1', longWait.timeout);
    await waitFor(() => expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready'), longWait);
    await expectPlayingAtThePlayhead(canvasElement);
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

const disappears = storyMedia('fault-disappear', { 'stream.mp4': 'stream-h264.mp4' }, undefined, 256 * 1024);

/** The file is gone mid-play: the track says why and offers Retry, which brings it back once the file is there. */
export const AFileThatDisappearsComesBackWithRetry: Story = {
  tags: ['both-renderers'],
  args: { tracks: streamingTrack(disappears.urlOf('stream.mp4')), sourceOptions: { noBytesTimeoutMs: 1500 } },
  parameters: { msw: { handlers: disappears.handlers }, allowedConsoleErrors: faultLogs },
  beforeEach: () => disappears.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await playASecond(canvasElement, () => userEvent.click(canvas.getByRole('button', { name: 'Play' })));
    // The file is deleted while it plays: every request for it is a 404 from now on.
    disappears.disappear('stream.mp4');
    const alert = await canvas.findByRole('alert', { name: 'Track 1: Error' }, longWait);
    await expect(alert).toHaveTextContent('stream.mp4 was not found (404)');
    // Its picture goes (a canvas is drawn again at the next animation frame).
    await waitFor(() => expect(shownTime(canvasElement, 'track-1')).toBeUndefined(), patience);
    // Retry while it is still gone: it asks the server again, fails the same way, and Retry stays.
    const asked = disappears.requests.length;
    await userEvent.click(canvas.getByRole('button', { name: 'Retry Track 1' }));
    await waitFor(() => expect(disappears.requests.length).toBeGreaterThan(asked), patience);
    await canvas.findByRole('alert', { name: 'Track 1: Error' }, patience);
    // The file is back: Retry loads it and it plays again.
    disappears.setFault('stream.mp4', undefined);
    await userEvent.click(canvas.getByRole('button', { name: 'Retry Track 1' }));
    await waitForPicture(canvasElement, 'track-1', longWait.timeout);
    await waitFor(() => expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready'), longWait);
    await expectPlayingAtThePlayhead(canvasElement);
  },
};

const drops = storyMedia('fault-drop', { 'stream.mp4': 'stream-h264.mp4' }, undefined, 256 * 1024);

/** A connection dropped while playing: the track reconnects from where it was and plays on. */
export const ADroppedConnectionMidPlayRecovers: Story = {
  tags: ['both-renderers'],
  args: { tracks: streamingTrack(drops.urlOf('stream.mp4')), sourceOptions: { noBytesTimeoutMs: 1500 } },
  parameters: { msw: { handlers: drops.handlers }, allowedConsoleErrors: faultLogs },
  beforeEach: () => drops.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await playASecond(canvasElement, () => userEvent.click(canvas.getByRole('button', { name: 'Play' })));
    // Every response from now on is reset after 16 KiB, and the playhead jumps where nothing is
    // buffered: the browser asks again from where each body stopped (or the track reconnects).
    drops.setFault('stream.mp4', { kind: 'drop', afterBytes: 16 * 1024 });
    const before = drops.requests.length;
    await scrubTo(canvasElement, 30_000);
    await waitFor(() => expect(drops.requests.length).toBeGreaterThan(before + 1), patience);
    drops.setFault('stream.mp4', undefined);
    await waitFor(() => expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready'), longWait);
    await waitFor(() => expect(shownTime(canvasElement, 'track-1')).toBeGreaterThan(30), longWait);
    await expectPlayingAtThePlayhead(canvasElement);
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};
