import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { BytesSent } from './support/BytesSent';
import { Editor } from './support/Editor';
import { expectFrameShown, patience, rendererOf, scrubTo, videoOf, waitForPicture } from './support/playHelpers';
import { storyMedia, usesRealMediaServer } from './support/storyMedia';
import type { MockMedia } from '../src/mocks';
import type { NewTrack } from '../src';

const meta = {
  title: 'Compositor/Streaming',
  component: Editor,
  args: { tracks: [] },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The 60 s streaming fixture (scripts/make-fixtures.sh). */
const streamFile = 'stream-h264.mp4';
const streamFileSize = 4_543_137;

function streamTrack(url: string): NewTrack[] {
  return [
    {
      id: 'track-1',
      name: 'Track 1',
      source: { url },
      layout: { x: 0, y: 0, width: 640, height: 360 },
      clip: { startMs: 0, inMs: 0, outMs: 60_000 },
    },
  ];
}

const sent = (media: MockMedia) => media.requests.reduce((total, request) => total + request.bytes, 0);

// Responses capped at 256 KiB, as desktop asset protocols cap them: the element asks again from
// where it stopped, so it fetches no more than it needs.
const metadataOnly = storyMedia('stream-metadata', { 'stream.mp4': streamFile }, undefined, 256 * 1024);

/** A one-minute clip plays from the few parts of the file it needs, read by Range. */
export const StreamingReadsLittleOfTheFile: Story = {
  tags: ['both-renderers'],
  args: { tracks: streamTrack(metadataOnly.urlOf('stream.mp4')) },
  render: (args) => (
    <>
      <Editor {...args} />
      <BytesSent media={metadataOnly} fileSize={streamFileSize} />
    </>
  ),
  parameters: { msw: { handlers: metadataOnly.handlers } },
  beforeEach: () => metadataOnly.reset(),
  play: async ({ canvas, canvasElement }) => {
    await waitForPicture(canvasElement, 'track-1');
    // An element reads only what its first frame needs until it plays; a canvas layer's reader
    // reads what its decoder asks for, from the keyframe on.
    const video = videoOf(canvasElement, 'track-1');
    if (rendererOf(canvasElement) !== 'canvas') {
      await expect(video?.preload).toBe('metadata');
      await expect(Math.round(video?.duration ?? 0)).toBe(60);
    }
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready (range)');
    // Streamed media is the player's to buffer: the kit's sources hold no bytes of it.
    await expect(canvas.getByLabelText('Source usage')).toHaveTextContent('1 source held, 0 B in memory');
    if (usesRealMediaServer) return;
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const size = streamFileSize;
    const ranged = metadataOnly.requests.filter((request) => request.status === 206);
    await expect(ranged.length).toBeGreaterThanOrEqual(2);
    // The probe, then the player's own range requests: a small part of the file.
    await expect(sent(metadataOnly)).toBeLessThan(size * 0.2);
  },
};

// Uncapped responses: the element's first `bytes=0-` is open-ended, as against a real server.
const seeking = storyMedia('stream-seek', { 'stream.mp4': streamFile }, undefined, Number.POSITIVE_INFINITY);

/** Seeking a streamed track reads only the part at the new place. */
export const SeekingAStreamedTrack: Story = {
  tags: ['both-renderers'],
  args: { tracks: streamTrack(seeking.urlOf('stream.mp4')) },
  render: (args) => (
    <>
      <Editor {...args} />
      <BytesSent media={seeking} fileSize={streamFileSize} />
    </>
  ),
  parameters: { msw: { handlers: seeking.handlers } },
  beforeEach: () => seeking.reset(),
  play: async ({ canvasElement }) => {
    await waitForPicture(canvasElement, 'track-1');
    const size = streamFileSize;
    await scrubTo(canvasElement, 45_000);
    await expectFrameShown(canvasElement, 'track-1', 1350);
    if (usesRealMediaServer) return;
    // The seek asked for bytes from far into the file instead of reading up to them.
    const starts = seeking.requests.map((request) => Number(/bytes=(\d+)-/.exec(request.range ?? '')?.[1] ?? 0));
    await expect(Math.max(...starts)).toBeGreaterThan(size / 2);
  },
};

const ignoresRange = storyMedia('stream-ignores-range', { 'stream.mp4': streamFile }, { 'stream.mp4': { kind: 'ignore-range' } });

/** A server that ignores Range: the whole file is read once and played from memory, and the row says why. */
export const FallsBackToBlobWhenTheServerIgnoresRange: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: streamTrack(ignoresRange.urlOf('stream.mp4')) },
  parameters: { msw: { handlers: ignoresRange.handlers } },
  beforeEach: () => ignoresRange.reset(),
  play: async ({ canvas, canvasElement }) => {
    await waitForPicture(canvasElement, 'track-1');
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready (blob)');
    await expect(canvas.getByRole('note', { name: 'Track 1 source note' })).toHaveTextContent(
      'The media server ignores byte ranges: the video could not seek, and would restart from the beginning. Loaded whole instead.',
    );
    await expect(canvas.getByLabelText('Source usage')).toHaveTextContent(/1 source held, 4\.\d MiB in memory/);
    // Loaded whole, the clip still seeks.
    await scrubTo(canvasElement, 12_000);
    await expectFrameShown(canvasElement, 'track-1', 360);
  },
};

const claimsRanges = storyMedia(
  'stream-claims-ranges',
  { 'stream.mp4': streamFile },
  { 'stream.mp4': { kind: 'ignore-range', advertise: true } },
);

/** With the Blob fallback off, a server that cannot stream is refused with its reason. */
export const RefusesAServerThatCannotStream: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: streamTrack(claimsRanges.urlOf('stream.mp4')), sourceOptions: { rangeFallback: 'error' } },
  parameters: { msw: { handlers: claimsRanges.handlers } },
  beforeEach: () => claimsRanges.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    const alert = await canvas.findByRole('alert', { name: 'Track 1: Error' }, patience);
    await expect(alert).toHaveTextContent('claims to serve byte ranges but sent the whole file');
    await expect(videoOf(canvasElement, 'track-1')).toBeNull();
    // Fixed on the server, Retry streams it.
    claimsRanges.setFault('stream.mp4', undefined);
    await userEvent.click(canvas.getByRole('button', { name: 'Retry Track 1' }));
    await waitForPicture(canvasElement, 'track-1');
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready (range)');
  },
};

const missingStream = storyMedia('stream-missing', { 'stream.mp4': streamFile }, { 'stream.mp4': { kind: 'status', status: 404 } });

/** A streamed file that is not there says why and offers Retry; once it is there, Retry loads it. */
export const AMissingStreamComesBackWithRetry: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: streamTrack(missingStream.urlOf('stream.mp4')) },
  parameters: { msw: { handlers: missingStream.handlers }, allowedConsoleErrors: ['status of 404'] },
  beforeEach: () => missingStream.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    const alert = await canvas.findByRole('alert', { name: 'Track 1: Error' }, patience);
    await expect(alert).toHaveTextContent('stream.mp4 was not found (404)');
    missingStream.setFault('stream.mp4', undefined);
    await userEvent.click(canvas.getByRole('button', { name: 'Retry Track 1' }));
    await waitForPicture(canvasElement, 'track-1');
  },
};

const cutShort = storyMedia('stream-cut-short', { 'stream.mp4': streamFile });

/** A response cut short mid-body: the track asks for the rest and plays on. */
export const RecoversFromABodyCutShort: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: streamTrack(cutShort.urlOf('stream.mp4')) },
  // Chromium logs each cut; under the canvas renderer mediabunny logs that it resumes the read.
  parameters: { msw: { handlers: cutShort.handlers }, allowedConsoleErrors: ['net::ERR_', 'Error while reading response stream. Attempting to resume.'] },
  beforeEach: () => {
    cutShort.reset();
    // Every response after the probe stops after 64 KiB, as a flaky connection would.
    cutShort.setFault('stream.mp4', { kind: 'drop', afterBytes: 64 * 1024 });
  },
  play: async ({ canvas, canvasElement }) => {
    // Every 64 KiB costs a new request (and, reading through mediabunny, its half-second pause
    // before resuming): 30 s means the picture never came.
    await waitForPicture(canvasElement, 'track-1', 30_000);
    await expect(canvas.queryByRole('alert')).toBeNull();
    await expect(cutShort.requests.length).toBeGreaterThan(1);
  },
};

const losesRanges = storyMedia('stream-loses-ranges', { 'stream.mp4': streamFile }, undefined, 256 * 1024);

/** A server that stops honouring Range mid-play: the track plays on and its row says seeking is slow. */
export const AServerThatStopsServingRangesIsSaid: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: streamTrack(losesRanges.urlOf('stream.mp4')) },
  parameters: { msw: { handlers: losesRanges.handlers } },
  beforeEach: () => losesRanges.reset(),
  play: async ({ canvas, canvasElement }) => {
    await waitForPicture(canvasElement, 'track-1');
    await expect(canvas.queryByRole('note', { name: 'Track 1 source note' })).toBeNull();
    // Mid-session the server starts answering every request with the whole file (a proxy put in
    // front of it, say), over a 1 MB/s link: a seek now re-reads the file from byte 0.
    losesRanges.setFault('stream.mp4', { kind: 'ignore-range', advertise: true, bytesPerSecond: 1024 * 1024 });
    await scrubTo(canvasElement, 40_000);
    const note = await canvas.findByRole('note', { name: 'Track 1 source note' }, { timeout: 15_000 });
    await expect(note).toHaveTextContent('claims to serve byte ranges but sent the whole file');
    await expect(note).toHaveTextContent('Seeking reads the file again from its start.');
    // It plays on meanwhile: the seek lands once the bytes have come (the whole 4.5 MB file again
    // at 1 MB/s, then decoded: 30 s means it never came, on a busy machine too).
    await expectFrameShown(canvasElement, 'track-1', 1200, undefined, 30_000);
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};

const slowLink = storyMedia('stream-throttled', { 'stream.mp4': streamFile }, { 'stream.mp4': { kind: 'throttle', bytesPerSecond: 24 * 1024 } });

/** A slow link: Loading until the first frame is there. */
export const SlowLinkShowsLoadingUntilTheFirstFrame: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: streamTrack(slowLink.urlOf('stream.mp4')) },
  parameters: { msw: { handlers: slowLink.handlers } },
  beforeEach: () => slowLink.reset(),
  play: async ({ canvas, canvasElement }) => {
    // The source is ready once its probe answers; the layer still says Loading until a frame shows.
    const layer = () => canvasElement.querySelector('[aria-label="Composite"] [data-track-id="track-1"]');
    await waitFor(() => expect(layer()?.getAttribute('data-status')).toBe('ready'), patience);
    await expect(canvas.getByRole('status', { name: 'Track 1: Loading' })).toBeVisible();
    await waitForPicture(canvasElement, 'track-1');
    await waitFor(() => expect(canvas.queryByRole('status', { name: 'Track 1: Loading' })).toBeNull(), patience);
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};
