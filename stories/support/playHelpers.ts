import { expect, fireEvent, waitFor, within } from 'storybook/test';
import { objectUrls } from './objectUrlWatch';
import { lightOf } from './pictureLight';

const patience = { timeout: 10_000 };

export function allVideos(root: HTMLElement): HTMLVideoElement[] {
  return [...root.querySelectorAll('video')];
}

/** The track's element on screen (a track may also hold one waiting for the clip after a cut). */
export function videoOf(root: HTMLElement, trackId: string): HTMLVideoElement | null {
  return root.querySelector(`video[data-track-id="${trackId}"][data-active]`);
}

/** Where a pointer on the timeline is over timeline time `ms` (a quarter frame past it, so rounding of the pixel position cannot land a frame early). */
export function timelinePointerAt(root: HTMLElement, ms: number, frameRate = 30) {
  const lane = root.querySelector('[data-timeline-lane]') as HTMLElement;
  const slider = root.querySelector('[role="slider"][aria-label="Playhead"]') as HTMLElement;
  const spanMs = Math.max(Number(slider.getAttribute('aria-valuemax')), 1000);
  const box = lane.getBoundingClientRect();
  const clientX = box.left + ((ms + 250 / frameRate) / spanMs) * box.width;
  return { clientX, clientY: box.top + box.height / 2, button: 0, pointerId: 1, isPrimary: true };
}

/**
 * Drags the timeline's playhead to `ms` as a person does: press on the timeline at that point
 * and let go. The timeline maps the point back to time through its clip lane.
 */
export function scrubTo(root: HTMLElement, ms: number, frameRate = 30): void {
  const timeline = root.querySelector('[role="group"][aria-label="Timeline"]') as HTMLElement;
  const pointer = timelinePointerAt(root, ms, frameRate);
  fireEvent.pointerDown(timeline, pointer);
  fireEvent.pointerUp(timeline, pointer);
}

/**
 * Waits until a track nobody can see says why in its track row (Hidden, Off composite) and the
 * composite draws nothing of it, as an editor's viewer draws nothing of a hidden layer.
 */
export async function expectUnseen(root: HTMLElement, trackName: string, word: 'Hidden' | 'Off composite'): Promise<void> {
  const composite = root.querySelector('[role="region"][aria-label="Composite"]') as HTMLElement;
  await waitFor(() => {
    expect(within(root).getByLabelText(`${trackName} status`)).toHaveTextContent(word);
    expect(within(composite).queryByRole('group', { name: `${trackName} layer` })).toBeNull();
  }, patience);
}

/** The playhead as the timeline's slider announces it, in ms. */
export function playheadOf(root: HTMLElement): number {
  const slider = root.querySelector('[role="slider"][aria-label="Playhead"]') as HTMLElement;
  return Number(slider.getAttribute('aria-valuenow'));
}

/** Waits until the track's `<video>` exists and has a frame to show. */
export async function waitForFrame(root: HTMLElement, trackId: string, timeout = patience.timeout): Promise<HTMLVideoElement> {
  let video: HTMLVideoElement | null = null;
  await waitFor(() => {
    video = videoOf(root, trackId);
    expect(video, `video of ${trackId}`).not.toBeNull();
    expect(video?.readyState, `readyState of ${trackId}`).toBeGreaterThanOrEqual(HTMLMediaElement.HAVE_CURRENT_DATA);
  }, { timeout });
  return video as unknown as HTMLVideoElement;
}

/** Which renderer draws the composite under `root` (`elements` or `canvas`). */
export function rendererOf(root: HTMLElement): string | undefined {
  return (root.querySelector('[role="region"][aria-label="Composite"]') as HTMLElement | null)?.dataset.renderer;
}

/**
 * The `<video>` elements the composite holds: one per seen, ready track's clip under the element
 * renderer; none under the canvas renderer, whose layers draw on its one canvas.
 */
export async function expectVideoElements(root: HTMLElement, perTrack: number): Promise<void> {
  await expect(allVideos(root)).toHaveLength(rendererOf(root) === 'canvas' ? 0 : perTrack);
}

/**
 * Waits until the track's picture is on the composite, whichever renderer draws it: its `<video>`
 * has a frame, or its box on the composite's canvas holds a picture (its Loading gone, and the
 * pixels there neither black nor flat).
 */
export async function waitForPicture(root: HTMLElement, trackId: string, timeout = patience.timeout): Promise<void> {
  const composite = root.querySelector('[role="region"][aria-label="Composite"]') as HTMLElement;
  if (rendererOf(root) !== 'canvas') {
    await waitForFrame(root, trackId, timeout);
    return;
  }
  await waitFor(() => {
    const layer = composite.querySelector(`[data-track-id="${trackId}"]`) as HTMLElement | null;
    expect(layer, `layer of ${trackId}`).not.toBeNull();
    expect(layer?.querySelector('[data-state="loading"]'), `${trackId} still loading`).toBeNull();
    const canvas = composite.querySelector('canvas') as HTMLCanvasElement;
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const origin = canvas.getBoundingClientRect();
    const box = (layer as HTMLElement).getBoundingClientRect();
    const { data } = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(
      (box.x - origin.x) * scale,
      (box.y - origin.y) * scale,
      Math.max(1, box.width * scale),
      Math.max(1, box.height * scale),
    );
    const { mean, variance } = lightOf(data);
    expect(mean, `${trackId} picture brightness`).toBeGreaterThan(20);
    expect(variance, `${trackId} picture variance`).toBeGreaterThan(200);
  }, { timeout });
}

/** Checks that a seek really landed: the media is seekable and the element sits at the target. */
export async function expectAtTime(video: HTMLVideoElement, seconds: number): Promise<void> {
  await waitFor(() => {
    expect(video.seekable.length).toBeGreaterThan(0);
    expect(video.seekable.end(0)).toBeGreaterThan(0);
    expect(video.seeking).toBe(false);
    expect(Math.abs(video.currentTime - seconds)).toBeLessThan(0.1);
  }, patience);
}

/** Counts object URLs made from now on, or from the last `restart()` (call it in `beforeEach`). */
export function countObjectUrlsFromHere() {
  let start = objectUrls.created;
  const made = () => objectUrls.created - start;
  made.restart = () => {
    start = objectUrls.created;
  };
  return made;
}

export const isLiveObjectUrl = (url: string) => objectUrls.live.has(url);

export { patience };
