import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor, within } from 'storybook/test';
import { Editor, gridTracks } from './support/Editor';
import {
  countObjectUrlsFromHere,
  expectFrameShown,
  expectPictures,
  expectUnseen,
  expectVideoElements,
  isLiveObjectUrl,
  liveObjectUrls,
  patience,
  playheadOf,
  rendererOf,
  scrubTo,
  shownTime,
  videoOf,
  waitForPicture,
} from './support/playHelpers';
import { storyMedia, usesRealMediaServer } from './support/storyMedia';
import { videoPixels } from './support/frameCode';
import { lightOf } from './support/pictureLight';
import { fixtureFiles, type MediaFault, type MockMedia } from '../src/mocks';
import { blobResolver } from '../src/sources';
import type { NewTrack } from '../src';
import { ImportFiles } from './support/ImportFiles';

// Phase 1: every story here loads whole files as shared Blobs, to show them held and released.
const blobSources = { resolvers: [blobResolver] };

const meta = {
  title: 'Compositor/Lazy loading',
  component: Editor,
  args: { tracks: [], sourceOptions: blobSources },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

const fiveClips = storyMedia('five-clips', {
  'a.mp4': 'clip-h264.mp4',
  'b.mp4': 'clip-h264-b.mp4',
  'c.webm': 'clip-vp9.webm',
  'd.mp4': 'clip-h264.mp4',
  'e.webm': 'clip-vp9.webm',
});

/** Five clips, each streamed by Range: every layer shows its first frame. */
export const FiveClipsAllLoad: Story = {
  tags: ['both-renderers'],
  args: { tracks: gridTracks(['a.mp4', 'b.mp4', 'c.webm', 'd.mp4', 'e.webm'].map(fiveClips.urlOf)) },
  parameters: { msw: { handlers: fiveClips.handlers } },
  beforeEach: () => fiveClips.reset(),
  play: async ({ canvas, canvasElement }) => {
    for (let n = 1; n <= 5; n += 1) await waitForPicture(canvasElement, `track-${n}`);
    await expectVideoElements(canvasElement, 5);
    await waitFor(() => expect(canvas.queryAllByRole('status', { name: /Queued|Loading/ })).toHaveLength(0), patience);
    await expect(canvas.getByLabelText('Source usage')).toHaveTextContent('5 sources held');
    for (let n = 1; n <= 5; n += 1) await expect(canvas.getByLabelText(`Track ${n} status`)).toHaveTextContent('Ready');
  },
};

const hideOne = storyMedia('hide-one', { 'a.mp4': 'clip-h264.mp4', 'b.mp4': 'clip-h264-b.mp4', 'c.webm': 'clip-vp9.webm' });

/** Hiding a track lets go of its media: its element goes and no more of its file is read. */
export const HiddenTrackReleasesItsSource: Story = {
  tags: ['both-renderers'],
  args: { tracks: gridTracks(['a.mp4', 'b.mp4', 'c.webm'].map(hideOne.urlOf)) },
  // Reading the revoked URL back fails, and Chromium logs that failure.
  parameters: { msw: { handlers: hideOne.handlers }, allowedConsoleErrors: ['net::ERR_FILE_NOT_FOUND'] },
  beforeEach: () => hideOne.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    // Three tracks loaded, each holding its own file.
    for (const id of ['track-1', 'track-2', 'track-3']) await waitForPicture(canvasElement, id);
    await expect(canvas.getByLabelText('Source usage')).toHaveTextContent('3 sources held');
    const held = liveObjectUrls();
    await expect(held).toHaveLength(3);
    // Under elements, track 3's element plays one of them.
    const thirdSrc = videoOf(canvasElement, 'track-3')?.src;

    await userEvent.click(canvas.getByRole('button', { name: 'Hide Track 3' }));

    await expectUnseen(canvasElement, 'Track 3', 'Hidden');
    await expect(shownTime(canvasElement, 'track-3')).toBeUndefined();
    await waitFor(() => expect(held.filter((url) => !isLiveObjectUrl(url))).toHaveLength(1), patience);
    const [url] = held.filter((url) => !isLiveObjectUrl(url));
    if (thirdSrc) await expect(url).toBe(thirdSrc);
    // A revoked object URL no longer names the Blob: nothing can read the bytes back.
    await expect(fetch(url)).rejects.toThrow();
    await expect(canvas.getByLabelText('Source usage')).toHaveTextContent('2 sources held');
    await expectVideoElements(canvasElement, 2);
    await expect(canvas.getByRole('button', { name: 'Show Track 3' })).toBeVisible();
  },
};

// Frame-coded, so where track 2 shows is read from its picture under either renderer.
const hideShow = storyMedia('hide-show', { 'a.mp4': 'sync-h264.mp4', 'b.webm': 'frame-code-vp9.webm' });

/** Shown again, a hidden track loads at the playhead and shows the frame there. */
export const HiddenThenShownReloadsAtThePlayhead: Story = {
  tags: ['both-renderers'],
  args: { tracks: gridTracks(['a.mp4', 'b.webm'].map(hideShow.urlOf)) },
  parameters: { msw: { handlers: hideShow.handlers } },
  beforeEach: () => hideShow.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitForPicture(canvasElement, 'track-2');
    await scrubTo(canvasElement, 2000);
    await expectFrameShown(canvasElement, 'track-2', 60);

    await userEvent.click(canvas.getByRole('button', { name: 'Hide Track 2' }));
    await expectUnseen(canvasElement, 'Track 2', 'Hidden');
    const requestsWhileHidden = hideShow.requests.length;

    await userEvent.click(canvas.getByRole('button', { name: 'Show Track 2' }));
    await waitForPicture(canvasElement, 'track-2');
    await expectFrameShown(canvasElement, 'track-2', 60);
    // It was released, so showing it fetches the file again.
    if (!usesRealMediaServer) await expect(hideShow.requests.length).toBe(requestsWhileHidden + 1);
    await expect(canvas.getByLabelText('Track 2 status')).toHaveTextContent('Ready');
  },
};

const storm = storyMedia('hide-show-storm', Object.fromEntries(Array.from({ length: 8 }, (_, n) => [`clip-${n + 1}.mp4`, 'sync-h264.mp4'])));
const stormTracks = gridTracks(Array.from({ length: 8 }, (_, n) => storm.urlOf(`clip-${n + 1}.mp4`)));

/**
 * Whether a shown track's picture is seen: under elements, its active `<video>` is visible, on
 * top where it lies, and its frame has a picture (not black, not one flat colour); under the
 * canvas renderer, its layer on the canvas has one.
 */
function pictureSeen(root: HTMLElement, trackId: string): void {
  if (rendererOf(root) === 'canvas') {
    expect(shownTime(root, trackId), `${trackId} picture on the canvas`).toBeDefined();
    return;
  }
  const video = root.querySelector<HTMLVideoElement>(`video[data-track-id="${trackId}"][data-active]`);
  expect(video, `${trackId} active video`).not.toBeNull();
  const element = video as HTMLVideoElement;
  expect(getComputedStyle(element).visibility, `${trackId} visibility`).toBe('visible');
  const box = element.getBoundingClientRect();
  expect(box.width * box.height, `${trackId} area`).toBeGreaterThan(0);
  expect(document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2), `${trackId} on top`).toBe(element);
  const { mean, variance } = lightOf(videoPixels(element).data);
  expect(mean > 20 && variance > 200, `${trackId} frame has a picture (mean ${mean.toFixed(0)}, variance ${variance.toFixed(0)})`).toBe(true);
}

/** Two hundred quick Hide and Show clicks over eight tracks: every layer left shown ends with its picture, none black. */
export const HideShowStormLeavesNoLayerBlack: Story = {
  tags: ['both-renderers'],
  // Streamed by Range, as a host's server clips are.
  args: { tracks: stormTracks, sourceOptions: {} },
  parameters: { msw: { handlers: storm.handlers } },
  beforeEach: () => storm.reset(),
  play: async ({ canvas, canvasElement }) => {
    for (const track of stormTracks) await waitForPicture(canvasElement, track.id);
    // 200 clicks on Hide or Show of a track at random, 20 to 80 ms apart: a seeded sequence, the
    // same in every run and engine.
    let seed = 24;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let click = 0; click < 200; click += 1) {
      const n = 1 + Math.floor(random() * 8);
      (canvas.queryByRole('button', { name: `Hide Track ${n}` }) ?? canvas.getByRole('button', { name: `Show Track ${n}` })).click();
      await new Promise((resolve) => setTimeout(resolve, 20 + random() * 60));
    }
    // Every track that ended shown shows its picture; every hidden one holds nothing.
    for (const [index, track] of stormTracks.entries()) {
      const name = `Track ${index + 1}`;
      if (canvas.queryByRole('button', { name: `Show ${name}` })) {
        await expectUnseen(canvasElement, name, 'Hidden');
        await expect(videoOf(canvasElement, track.id)).toBeNull();
        continue;
      }
      await waitFor(() => expect(canvas.getByLabelText(`${name} status`)).toHaveTextContent('Ready'), patience);
      await waitFor(() => pictureSeen(canvasElement, track.id), patience);
    }
  },
};

const tenClips = storyMedia(
  'ten-clips',
  Object.fromEntries(Array.from({ length: 10 }, (_, n) => [`clip-${n + 1}.mp4`, n % 2 ? 'clip-h264-b.mp4' : 'clip-h264.mp4'])),
);

/** Ten tracks, eight hidden: only the two a person can see are loaded, and the hidden files are never asked for. */
export const TenClipsEightHidden: Story = {
  tags: ['both-renderers'],
  args: {
    tracks: gridTracks(
      Array.from({ length: 10 }, (_, n) => tenClips.urlOf(`clip-${n + 1}.mp4`)),
      (index) => ({ visible: index < 2 }),
    ),
  },
  parameters: { msw: { handlers: tenClips.handlers } },
  beforeEach: () => tenClips.reset(),
  play: async ({ canvas, canvasElement }) => {
    await waitForPicture(canvasElement, 'track-1');
    await waitForPicture(canvasElement, 'track-2');
    await expectVideoElements(canvasElement, 2);
    await expect(canvas.getByLabelText('Source usage')).toHaveTextContent('2 sources held');
    for (let n = 3; n <= 10; n += 1) await expectUnseen(canvasElement, `Track ${n}`, 'Hidden');
    // The composite draws the two a person can see, and no box for the eight hidden ones.
    await expect(canvasElement.querySelectorAll('[aria-label="Composite"] > [data-track-id]')).toHaveLength(2);
    // Hidden tracks never asked for their files (a reader may ask for one file's parts more than once).
    if (!usesRealMediaServer) await expect([...new Set(tenClips.requests.map((request) => new URL(request.url).pathname))].sort()).toEqual([
      '/media/ten-clips/clip-1.mp4',
      '/media/ten-clips/clip-2.mp4',
    ]);
  },
};

const slow = storyMedia('loading', { 'slow.mp4': 'clip-h264.mp4' }, { 'slow.mp4': { kind: 'delay', ms: 2500 } });

/** A slow server: the layer says Loading until its first frame arrives. */
export const LoadingInProgress: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: gridTracks([slow.urlOf('slow.mp4')]) },
  parameters: { msw: { handlers: slow.handlers } },
  beforeEach: () => slow.reset(),
  play: async ({ canvas, canvasElement }) => {
    await expect(await canvas.findByRole('status', { name: 'Track 1: Loading' })).toBeVisible();
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Loading');
    await expect(videoOf(canvasElement, 'track-1')).toBeNull();
    // Once the response arrives, the placeholder gives way to the picture.
    await waitForPicture(canvasElement, 'track-1');
    await waitFor(() => expect(canvas.queryByRole('status', { name: 'Track 1: Loading' })).toBeNull(), patience);
  },
};

const queue = storyMedia(
  'queued',
  { 'first.mp4': 'clip-h264.mp4', 'second.mp4': 'clip-h264-b.mp4' },
  { 'first.mp4': { kind: 'delay', ms: 1500 }, 'second.mp4': { kind: 'delay', ms: 1500 } },
);

/** More tracks than the load budget: the rest say Queued and load in turn. */
export const QueuedBehindTheLoadLimit: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: gridTracks([queue.urlOf('first.mp4'), queue.urlOf('second.mp4')]), sourceOptions: { ...blobSources, concurrency: 1 } },
  parameters: { msw: { handlers: queue.handlers } },
  beforeEach: () => queue.reset(),
  play: async ({ canvas, canvasElement }) => {
    // One load at a time: the top layer (track 2) loads first, track 1 waits its turn.
    await expect(await canvas.findByRole('status', { name: 'Track 2: Loading' })).toBeVisible();
    await expect(canvas.getByRole('status', { name: 'Track 1: Queued' })).toHaveTextContent('Queued');
    await waitForPicture(canvasElement, 'track-2');
    await expect(await canvas.findByRole('status', { name: 'Track 1: Loading' })).toBeVisible();
    await waitForPicture(canvasElement, 'track-1');
  },
};

const priority = storyMedia(
  'load-priority',
  { 'bottom.mp4': 'clip-h264.mp4', 'later.mp4': 'clip-h264-b.mp4', 'middle.mp4': 'clip-vp9.webm', 'top.mp4': 'clip-h264.mp4' },
  Object.fromEntries(['bottom.mp4', 'later.mp4', 'middle.mp4', 'top.mp4'].map((name) => [name, { kind: 'delay', ms: 200 } as MediaFault])),
);

/** The selected track jumps the load queue. */
export const SelectedTrackLoadsFirst: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: {
    // Bottom to top. Track 2's clip starts at 5 s, off the playhead; track 1 is selected.
    tracks: gridTracks(['bottom.mp4', 'later.mp4', 'middle.mp4', 'top.mp4'].map(priority.urlOf), (index) => ({
      clip: { startMs: index === 1 ? 5000 : 0, inMs: 0, outMs: 4000 },
    })),
    selectedTrackId: 'track-1',
    sourceOptions: { ...blobSources, concurrency: 1 },
  },
  parameters: { msw: { handlers: priority.handlers } },
  beforeEach: () => priority.reset(),
  play: async ({ canvasElement }) => {
    await waitForPicture(canvasElement, 'track-4');
    await waitFor(() => expect(priority.requests).toHaveLength(4), patience);
    // One load at a time, in priority order: the selected track, then the tracks under the
    // playhead top layer first, then the track whose clip comes later.
    const order = priority.requests.map((request) => request.url.split('/').at(-1));
    await expect(order).toEqual(['bottom.mp4', 'top.mp4', 'middle.mp4', 'later.mp4']);
  },
};

function recoveringMedia(story: string, fault: MediaFault) {
  return storyMedia(story, { 'clip.mp4': 'clip-h264.mp4' }, { 'clip.mp4': fault });
}

/**
 * The track shows Error with the reason and a Retry, holding nothing; with `recover`, once the
 * server has the file again, Retry loads it (a story of its own, so each ends in the state it is
 * named after).
 */
function errorThenRetry(media: MockMedia, reason: RegExp, recover: boolean): Story['play'] {
  return async ({ canvas, canvasElement, userEvent }) => {
    const alert = await canvas.findByRole('alert', { name: 'Track 1: Error' }, patience);
    await expect(alert).toHaveTextContent(reason);
    await expect(videoOf(canvasElement, 'track-1')).toBeNull();
    await expect(canvas.getByLabelText('Source usage')).toHaveTextContent('0 sources held');
    await expect(canvas.getByRole('button', { name: 'Retry Track 1' })).toBeVisible();
    if (!recover) return;

    media.setFault('clip.mp4', undefined);
    await userEvent.click(canvas.getByRole('button', { name: 'Retry Track 1' }));
    await waitForPicture(canvasElement, 'track-1');
    await expect(canvas.queryByRole('alert')).toBeNull();
  };
}

/**
 * A fault that may pass: the track says Reconnecting with the reason (and a Retry to try now),
 * and once the server recovers it comes back by itself, or at once with Retry.
 */
function reconnectingThenBack(media: MockMedia, reason: RegExp, retryNow: boolean): Story['play'] {
  return async ({ canvas, canvasElement, userEvent }) => {
    const status = await canvas.findByRole('status', { name: 'Track 1: Reconnecting…' }, patience);
    await expect(status).toHaveTextContent(reason);
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Reconnecting…');
    await expect(videoOf(canvasElement, 'track-1')).toBeNull();
    await expect(canvas.getByLabelText('Source usage')).toHaveTextContent('0 sources held');

    media.setFault('clip.mp4', undefined);
    if (retryNow) await userEvent.click(canvas.getByRole('button', { name: 'Retry Track 1' }));
    await waitForPicture(canvasElement, 'track-1');
    await expect(canvas.queryByRole('alert')).toBeNull();
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready');
  };
}

const missing = recoveringMedia('missing-file', { kind: 'status', status: 404 });

/** A file that is not there: the layer says why and offers Retry, holding nothing meanwhile. */
export const MissingFileShowsErrorAndRetry: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: gridTracks([missing.urlOf('clip.mp4')]) },
  parameters: { msw: { handlers: missing.handlers }, allowedConsoleErrors: ['status of 404'] },
  beforeEach: () => missing.reset(),
  play: errorThenRetry(missing, /clip\.mp4 was not found \(404\)/, false),
};

const missingThenThere = recoveringMedia('missing-then-there', { kind: 'status', status: 404 });

/** Once the file is there again, Retry loads it and the layer shows its picture. */
export const MissingFileComesBackWithRetry: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: gridTracks([missingThenThere.urlOf('clip.mp4')]) },
  parameters: { msw: { handlers: missingThenThere.handlers }, allowedConsoleErrors: ['status of 404'] },
  beforeEach: () => missingThenThere.reset(),
  play: errorThenRetry(missingThenThere, /clip\.mp4 was not found \(404\)/, true),
};

const serverError = recoveringMedia('server-error', { kind: 'status', status: 500 });

/** A server error: the track says Reconnecting with the reason and comes back by itself when the server recovers. */
export const ServerErrorReconnectsByItself: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: gridTracks([serverError.urlOf('clip.mp4')]) },
  parameters: { msw: { handlers: serverError.handlers }, allowedConsoleErrors: ['status of 500'] },
  beforeEach: () => serverError.reset(),
  play: reconnectingThenBack(serverError, /media server failed on clip\.mp4 \(500\)/, false),
};

const networkError = recoveringMedia('network-error', { kind: 'network-error' });

/** A failed connection: the track reconnects by itself, or at once with Retry. */
export const NetworkErrorReconnectsAtOnceWithRetry: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: gridTracks([networkError.urlOf('clip.mp4')]) },
  parameters: {
    msw: { handlers: networkError.handlers },
    allowedConsoleErrors: ['Failed to load resource', 'Failed to fetch'],
  },
  beforeEach: () => networkError.reset(),
  play: reconnectingThenBack(networkError, /could not be fetched: the connection failed/, true),
};

const garbage = storyMedia('undecodable', {
  'broken.mp4': { bytes: new Blob([new Uint8Array(4096).fill(7)]) },
});

/** A file the browser cannot decode says so, with no Retry: asking again would read the same bytes. */
export const UndecodableFileShowsError: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: gridTracks([garbage.urlOf('broken.mp4')]) },
  parameters: { msw: { handlers: garbage.handlers }, allowedConsoleErrors: ['MEDIA_ELEMENT_ERROR'] },
  beforeEach: () => garbage.reset(),
  play: async ({ canvas, canvasElement }) => {
    const alert = await canvas.findByRole('alert', { name: 'Track 1: Error' }, patience);
    await expect(alert).toHaveTextContent(/not in a format this browser plays|could not be decoded/);
    await expect(videoOf(canvasElement, 'track-1')).toBeNull();
    // Its bytes are what is wrong: reading them again cannot help, so no Retry is offered.
    await expect(canvas.queryByRole('button', { name: 'Retry Track 1' })).toBeNull();
  },
};

const removeWhileLoading = storyMedia(
  'remove-while-loading',
  { 'keep.mp4': 'clip-h264.mp4', 'slow.mp4': 'clip-h264-b.mp4' },
  { 'slow.mp4': { kind: 'delay', ms: 1200 } },
);

/** A track removed while it loads leaves nothing behind: no element, no request, no object URL. */
export const RemovingATrackWhileItLoads: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: gridTracks([removeWhileLoading.urlOf('keep.mp4'), removeWhileLoading.urlOf('slow.mp4')]) },
  parameters: { msw: { handlers: removeWhileLoading.handlers } },
  beforeEach: () => removeWhileLoading.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitForPicture(canvasElement, 'track-1');
    const objectUrlsMade = countObjectUrlsFromHere();
    await canvas.findByRole('status', { name: 'Track 2: Loading' });

    await userEvent.click(canvas.getByRole('button', { name: 'Remove Track 2' }));
    await expect(canvas.queryByRole('group', { name: 'Track 2 layer' })).toBeNull();

    // Wait past the moment the response would have arrived: nothing comes back to life.
    await new Promise((resolve) => setTimeout(resolve, 1800));
    await expect(canvas.queryByRole('group', { name: 'Track 2 layer' })).toBeNull();
    await expect(canvas.queryByLabelText('Track 2 status')).toBeNull();
    await expect(canvas.queryByRole('alert')).toBeNull();
    await expect(objectUrlsMade()).toBe(0);
    await expect(canvas.getByLabelText('Source usage')).toHaveTextContent('1 source held');
    await expectVideoElements(canvasElement, 1);
  },
};

const hideWhileLoading = storyMedia(
  'hide-while-loading',
  { 'keep.mp4': 'clip-h264.mp4', 'slow.mp4': 'clip-h264-b.mp4' },
  { 'slow.mp4': { kind: 'delay', ms: 1200 } },
);

/** Hiding a track while it loads cancels the load. */
export const HidingATrackWhileItLoadsCancelsTheLoad: Story = {
  tags: ['needs-mock-media', 'both-renderers'],
  args: { tracks: gridTracks([hideWhileLoading.urlOf('keep.mp4'), hideWhileLoading.urlOf('slow.mp4')]) },
  parameters: { msw: { handlers: hideWhileLoading.handlers } },
  beforeEach: () => hideWhileLoading.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitForPicture(canvasElement, 'track-1');
    const objectUrlsMade = countObjectUrlsFromHere();
    await canvas.findByRole('status', { name: 'Track 2: Loading' });

    await userEvent.click(canvas.getByRole('button', { name: 'Hide Track 2' }));
    await expectUnseen(canvasElement, 'Track 2', 'Hidden');

    // Past the moment the response would have arrived, the track is still Hidden and holds nothing.
    await new Promise((resolve) => setTimeout(resolve, 1800));
    await expectUnseen(canvasElement, 'Track 2', 'Hidden');
    await expect(objectUrlsMade()).toBe(0);
    await expect(canvas.getByLabelText('Source usage')).toHaveTextContent('1 source held');
    await expectVideoElements(canvasElement, 1);

    // Shown again, it loads afresh.
    await userEvent.click(canvas.getByRole('button', { name: 'Show Track 2' }));
    await waitForPicture(canvasElement, 'track-2');
    await expect(objectUrlsMade()).toBe(1);
  },
};

// Frame-coded, so the pictures are seen to move and stop under either renderer.
const mixed = storyMedia('mixed-visibility', { 'a.mp4': 'sync-h264.mp4', 'b.mp4': 'clip-h264-b.mp4', 'c.webm': 'frame-code-vp9.webm' });

/** Playing with one track hidden: the shown ones move, the hidden one draws nothing, and paused all land on the playhead. */
export const PlayWithMixedVisibility: Story = {
  tags: ['both-renderers'],
  args: { tracks: gridTracks(['a.mp4', 'b.mp4', 'c.webm'].map(mixed.urlOf), (index) => ({ visible: index !== 1 })) },
  parameters: { msw: { handlers: mixed.handlers } },
  beforeEach: () => mixed.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitForPicture(canvasElement, 'track-1');
    await waitForPicture(canvasElement, 'track-3');

    await userEvent.click(canvas.getByRole('button', { name: 'Play' }));
    await expectPictures(canvasElement, ['track-1', 'track-3'], 'moving');
    await waitFor(() => {
      expect(shownTime(canvasElement, 'track-1')).toBeGreaterThan(0.3);
      expect(shownTime(canvasElement, 'track-3')).toBeGreaterThan(0.3);
    }, patience);
    // The hidden track shows nothing, and has no element to play.
    await expect(shownTime(canvasElement, 'track-2')).toBeUndefined();
    await expect(videoOf(canvasElement, 'track-2')).toBeNull();

    await userEvent.click(canvas.getByRole('button', { name: 'Pause' }));
    // Paused, each seen layer comes to the frame at the playhead (in WebKitGTK's canvas renderer
    // that frame can come a moment after the pause: its decoder gives frames in fours), and stays.
    await waitFor(() => {
      const pausedAt = playheadOf(canvasElement) / 1000;
      for (const id of ['track-1', 'track-3']) expect(Math.abs((shownTime(canvasElement, id) ?? -1) - pausedAt), `${id} at the paused playhead ${pausedAt} s`).toBeLessThan(1 / 30 + 0.002);
    }, patience);
    const stoppedAt = [shownTime(canvasElement, 'track-1'), shownTime(canvasElement, 'track-3')];
    await new Promise((resolve) => setTimeout(resolve, 400));
    // The same time to the ms: WebKitGTK's element once read 0.5730999999999999 s, then 0.5731 s
    // (the same frame), after the kit set its paused time.
    await expect([shownTime(canvasElement, 'track-1'), shownTime(canvasElement, 'track-3')]).toEqual(stoppedAt.map((time) => expect.closeTo(time ?? -1, 3)));
  },
};

const shared = storyMedia('shared-file', { 'shared.mp4': 'clip-h264.mp4' });
const sharedObjectUrls = countObjectUrlsFromHere();

/** Five tracks of one file share its source: one object URL, released when the last goes. */
export const FiveTracksShareOneFile: Story = {
  tags: ['both-renderers'],
  args: { tracks: gridTracks(Array.from({ length: 5 }, () => shared.urlOf('shared.mp4'))) },
  parameters: { msw: { handlers: shared.handlers } },
  beforeEach: () => {
    shared.reset();
    sharedObjectUrls.restart();
  },
  play: async ({ canvas, canvasElement }) => {
    for (let n = 1; n <= 5; n += 1) await waitForPicture(canvasElement, `track-${n}`);
    // Under elements, the five elements play the one object URL.
    if (rendererOf(canvasElement) !== 'canvas') await expect(new Set(Array.from({ length: 5 }, (_, n) => videoOf(canvasElement, `track-${n + 1}`)?.src)).size).toBe(1);
    await expect(sharedObjectUrls()).toBe(1);
    if (!usesRealMediaServer) await expect(shared.requests).toHaveLength(1);
    await expect(canvas.getByLabelText('Source usage')).toHaveTextContent('1 source held');
  },
};

const arrange = storyMedia('arrange', { 'a.mp4': 'clip-h264.mp4', 'b.mp4': 'clip-h264-b.mp4' });

/** Selecting a layer outlines it; moving tracks up and down restacks the composite without reloading. */
export const SelectingAndReorderingLayers: Story = {
  tags: ['both-renderers'],
  args: {
    tracks: gridTracks(['a.mp4', 'b.mp4'].map(arrange.urlOf), (index) => ({
      // Both layers overlap, so the paint order decides which one a person sees.
      layout: { x: 80 + index * 120, y: 40 + index * 60, width: 320, height: 180 },
    })),
  },
  parameters: { msw: { handlers: arrange.handlers } },
  beforeEach: () => arrange.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitForPicture(canvasElement, 'track-1');
    await waitForPicture(canvasElement, 'track-2');
    const layer = (name: string) => canvas.getByRole('group', { name: `${name} layer` });
    const zIndex = (name: string) => Number(layer(name).style.zIndex);
    await expect(zIndex('Track 2')).toBeGreaterThan(zIndex('Track 1'));

    await userEvent.click(layer('Track 1'));
    await expect(layer('Track 1')).toHaveAttribute('data-selected', 'true');
    await expect(canvas.getByRole('button', { name: 'Select Track 1' })).toHaveAttribute('aria-pressed', 'true');

    await userEvent.click(canvas.getByRole('button', { name: 'Move Track 1 up' }));
    await expect(zIndex('Track 1')).toBeGreaterThan(zIndex('Track 2'));
    // The list shows the top layer first, and the top layer cannot move further up.
    const rows = within(canvas.getByRole('list', { name: 'Tracks' })).getAllByRole('listitem');
    await expect(rows[0]).toHaveTextContent('Track 1');
    await expect(canvas.getByRole('button', { name: 'Move Track 1 up' })).toBeDisabled();

    await userEvent.click(canvas.getByRole('button', { name: 'Select Track 1' }));
    await expect(layer('Track 1')).not.toHaveAttribute('data-selected');
    // Moving layers never reloads them.
    if (!usesRealMediaServer) await expect(arrange.requests).toHaveLength(2);
  },
};

const doorFiles = storyMedia('refused-at-the-door', { 'notes.mp4': { bytes: new Blob(['words, not a video: nothing to decode here']) }, 'clip.mp4': 'clip-h264.mp4' });
const importedAtTheDoor: NewTrack[] = [
  { id: 'notes', name: 'Notes', source: { url: doorFiles.urlOf('notes.mp4') } },
  { id: 'clip', name: 'Clip', source: { url: doorFiles.urlOf('clip.mp4') } },
];

/** A text file named .mp4 is refused with its reason and never becomes a track; the clip beside it is added. */
export const AFileThatIsNotMediaIsRefusedAtTheDoor: Story = {
  // The file that is not media is bytes the mock serves.
  tags: ['needs-mock-media'],
  render: () => (
    <Editor tracks={[]}>
      <ImportFiles files={importedAtTheDoor} />
    </Editor>
  ),
  parameters: { msw: { handlers: doorFiles.handlers } },
  beforeEach: () => doorFiles.reset(),
  play: async ({ canvas }) => {
    // The text file is refused with its reason and never becomes a track; the clip beside it is added.
    await waitFor(() => expect(canvas.getByRole('list', { name: 'Refused files' })).toHaveTextContent('Notes: unsupported: notes.mp4 is not in a format this browser plays.'), patience);
    await waitFor(() => expect(canvas.getByLabelText('Clip status')).toHaveTextContent('Ready'), patience);
    await expect(canvas.queryByLabelText('Notes status')).toBeNull();
    await expect(canvas.queryByRole('group', { name: 'Notes layer' })).toBeNull();
  },
};

// The first half of a 10 s clip, as a download that stopped leaves it: its header still states 10 s.
const cutFiles = storyMedia('cut-short', { 'half.mp4': { ...fixtureFiles['frame-code-h264.mp4'], firstBytes: 115_901 } });
const importedCutShort: NewTrack[] = [{ id: 'half', name: 'Half', source: { url: cutFiles.urlOf('half.mp4') } }];

/** A file cut short (the first half of a 10 s clip) is added with the length it has, and its row says where it is cut short. */
export const AFileCutShortPlaysWhatItHas: Story = {
  // The cut file is the mock's: the media server serves whole files.
  tags: ['needs-mock-media'],
  render: () => (
    <Editor tracks={[]}>
      <ImportFiles files={importedCutShort} />
    </Editor>
  ),
  parameters: { msw: { handlers: cutFiles.handlers } },
  beforeEach: () => cutFiles.reset(),
  play: async ({ canvas, canvasElement }) => {
    // Added with the length it has (5 s of frames), and its row says where it ends.
    await waitFor(() => expect(canvas.getByLabelText('Half status')).toHaveTextContent('Ready'), patience);
    await expect(canvas.getByRole('note', { name: 'Half source note' })).toHaveTextContent('Cut short at 0:05');
    const playhead = canvas.getByRole('slider', { name: 'Playhead' });
    await expect(Number(playhead.getAttribute('aria-valuemax'))).toBeGreaterThan(4500);
    await expect(Number(playhead.getAttribute('aria-valuemax'))).toBeLessThan(5500);
    // Its last second plays: the layer shows its frame there (frame 138 of 30 fps at 4.6 s), no error.
    await scrubTo(canvasElement, 4600);
    await expectFrameShown(canvasElement, 'half', 138);
    await expect(canvas.queryByRole('button', { name: /Retry/ })).toBeNull();
    await expect(canvas.getByRole('list', { name: 'Refused files' })).toBeEmptyDOMElement();
  },
};

/** With cutShort: refuse, the same file is refused with its reason instead. */
export const AFileCutShortIsRefusedWhenTheHostAsks: Story = {
  tags: ['needs-mock-media'],
  render: () => (
    <Editor tracks={[]}>
      <ImportFiles files={importedCutShort} options={{ cutShort: 'refuse' }} />
    </Editor>
  ),
  parameters: { msw: { handlers: cutFiles.handlers } },
  beforeEach: () => cutFiles.reset(),
  play: async ({ canvas }) => {
    await waitFor(
      () => expect(canvas.getByRole('list', { name: 'Refused files' })).toHaveTextContent('Half: cut-short: half.mp4 is cut short: it ends at 0:05 of the 0:10 its header states.'),
      patience,
    );
    await expect(canvas.queryByLabelText('Half status')).toBeNull();
  },
};
