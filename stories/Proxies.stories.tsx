import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { Editor } from './support/Editor';
import { expectAtTime, patience, scrubTo, videoOf, waitForFrame } from './support/playHelpers';
import { storyMedia, usesRealMediaServer } from './support/storyMedia';
import type { NewTrack } from '../src';

const meta = {
  title: 'Compositor/Preview proxies',
  component: Editor,
  args: { tracks: [] },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

// The 12 s sync clip (320x180) and its proxy (the same frames at 160x90).
const media = storyMedia('proxy-switch', { 'clip.mp4': 'sync-h264.mp4', 'clip.proxy.mp4': 'sync-h264-proxy.mp4' });
const tracks: NewTrack[] = [
  {
    id: 'track-1',
    name: 'Track 1',
    source: { url: media.urlOf('clip.mp4'), frameRate: 30, proxy: { url: media.urlOf('clip.proxy.mp4'), height: 90 } },
    // Drawn 360 tall, more than the proxy's 90: selected, the track shows its original.
    layout: { x: 0, y: 0, width: 640, height: 360 },
    clip: { startMs: 0, inMs: 0, outMs: 12_000 },
  },
];

const requestedFiles = () => [...new Set(media.requests.map((request) => new URL(request.url).pathname.split('/').at(-1)))].sort();

/** Waits until the track's element plays `rendition`, `height` pixels tall, on the frame at `seconds`. */
async function expectRendition(root: HTMLElement, rendition: 'proxy' | 'original', height: number, seconds: number) {
  await waitFor(() => {
    const video = videoOf(root, 'track-1');
    expect(video?.dataset.rendition).toBe(rendition);
    expect(video?.videoHeight).toBe(height);
  }, patience);
  await expectAtTime(videoOf(root, 'track-1') as HTMLVideoElement, seconds);
}

/**
 * Reads the track's layer every animation frame until `done()`: how many times it showed no
 * picture (no element on screen, or one with no frame decoded), as a person would see a blink.
 */
async function blankFramesUntil(root: HTMLElement, done: () => boolean): Promise<number> {
  let blank = 0;
  const deadline = performance.now() + patience.timeout;
  while (!done() && performance.now() < deadline) {
    await new Promise(requestAnimationFrame);
    const video = videoOf(root, 'track-1');
    if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) blank += 1;
  }
  return blank;
}

const showsRendition = (root: HTMLElement, rendition: string) => () => videoOf(root, 'track-1')?.dataset.rendition === rendition;

export const ProxyUntilSelectedThenTheOriginal: Story = {
  args: { tracks },
  parameters: { msw: { handlers: media.handlers } },
  beforeEach: () => media.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    // Not selected: the preview plays the proxy, and the original is never asked for.
    await waitForFrame(canvasElement, 'track-1');
    await expectRendition(canvasElement, 'proxy', 90, 0);
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready (range, proxy)');
    if (!usesRealMediaServer) await expect(requestedFiles()).toEqual(['clip.proxy.mp4']);

    scrubTo(canvasElement, 5000);
    await expectAtTime(videoOf(canvasElement, 'track-1') as HTMLVideoElement, 5);

    // Selected, it switches to the original on the same frame (150 in both files), and the layer
    // never blinks: the proxy's element stays on screen until the original's shows that frame.
    await userEvent.click(canvas.getByRole('button', { name: 'Select Track 1' }));
    await expect(await blankFramesUntil(canvasElement, showsRendition(canvasElement, 'original')), 'frames with no picture').toBe(0);
    await expectRendition(canvasElement, 'original', 180, 5);
    await expect(Math.round((videoOf(canvasElement, 'track-1') as HTMLVideoElement).currentTime * 30), 'frame on screen').toBe(150);
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready (range)');
    await expect(canvas.getByLabelText('Track 1 status')).not.toHaveTextContent('proxy');
    if (!usesRealMediaServer) await expect(requestedFiles()).toEqual(['clip.mp4', 'clip.proxy.mp4']);
    // One track, one decoder again: the proxy's element went once the original took over.
    await waitFor(() => expect(canvasElement.querySelectorAll('video')).toHaveLength(1), patience);

    // Deselected, back to the proxy where it was.
    await userEvent.click(canvas.getByRole('button', { name: 'Select Track 1' }));
    await expect(await blankFramesUntil(canvasElement, showsRendition(canvasElement, 'proxy')), 'frames with no picture').toBe(0);
    await expectRendition(canvasElement, 'proxy', 90, 5);
    await waitFor(() => expect(canvasElement.querySelectorAll('video')).toHaveLength(1), patience);
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready (range, proxy)');
  },
};

const missing = storyMedia(
  'proxy-missing',
  { 'clip.mp4': 'sync-h264.mp4', 'clip.proxy.mp4': 'sync-h264-proxy.mp4' },
  { 'clip.proxy.mp4': { kind: 'status', status: 404 } },
);

export const MissingProxyFallsBackToTheOriginal: Story = {
  tags: ['needs-mock-media'],
  args: {
    tracks: [{ ...tracks[0], source: { ...tracks[0].source, url: missing.urlOf('clip.mp4'), proxy: { url: missing.urlOf('clip.proxy.mp4'), height: 90 } } }],
  },
  parameters: { msw: { handlers: missing.handlers }, allowedConsoleErrors: ['status of 404'] },
  beforeEach: () => missing.reset(),
  play: async ({ canvas, canvasElement }) => {
    // A proxy not made yet (404) is no reason to show nothing: the original plays, and says why.
    await waitForFrame(canvasElement, 'track-1');
    await expectRendition(canvasElement, 'original', 180, 0);
    await expect(canvas.getByRole('note', { name: 'Track 1 source note' })).toHaveTextContent('The preview proxy could not be loaded');
    await expect(canvas.queryByRole('alert')).toBeNull();
  },
};
