import { expect, fireEvent, waitFor, within } from 'storybook/test';
import { objectUrls } from './objectUrlWatch';
import { canvasPixels, fitted, readFrameCode, type PictureRect } from './frameCode';
import { lightOf } from './pictureLight';

const patience = { timeout: 10_000 };

export function allVideos(root: HTMLElement): HTMLVideoElement[] {
  return [...root.querySelectorAll('video')];
}

/** The track's element on screen (a track may also hold one waiting for the clip after a cut). */
export function videoOf(root: HTMLElement, trackId: string): HTMLVideoElement | null {
  return root.querySelector(`video[data-track-id="${trackId}"][data-active]`);
}

/**
 * Where a pointer on the timeline is over timeline time `ms`: half a frame past it, so that a
 * pixel's rounding either way lands within that frame (WebKit's pointer events carry whole
 * pixels; a pixel of a 10 s timeline is about 18 ms).
 */
export function timelinePointerAt(root: HTMLElement, ms: number, frameRate = 30) {
  const lane = root.querySelector('[data-timeline-lane]') as HTMLElement;
  const slider = root.querySelector('[role="slider"][aria-label="Playhead"]') as HTMLElement;
  const spanMs = Math.max(Number(slider.getAttribute('aria-valuemax')), 1000);
  const box = lane.getBoundingClientRect();
  const clientX = box.left + ((ms + 500 / frameRate) / spanMs) * box.width;
  return { clientX, clientY: box.top + box.height / 2, button: 0, pointerId: 1, isPrimary: true };
}

/**
 * Drags the timeline's playhead to `ms` as a person does: press on the timeline at that point
 * and let go. The timeline maps the point back to time through its clip lane. Where the press
 * cannot land in the frame of `ms` (WebKit's pointer events carry whole pixels, and a pixel of a
 * minute-long timeline is three frames), the playhead is then stepped there by frames with the
 * arrow keys, as a person fine-tunes a scrub. While playing it is left where the press put it.
 */
export async function scrubTo(root: HTMLElement, ms: number, frameRate = 30): Promise<void> {
  const timeline = root.querySelector('[role="group"][aria-label="Timeline"]') as HTMLElement;
  const slider = root.querySelector('[role="slider"][aria-label="Playhead"]') as HTMLElement;
  const pointer = timelinePointerAt(root, ms, frameRate);
  fireEvent.pointerDown(timeline, pointer);
  fireEvent.pointerUp(timeline, pointer);
  if (within(root).queryByRole('button', { name: 'Pause' })) return;
  const frameOf = (at: number) => Math.floor((at * frameRate) / 1000 + 1e-6);
  const target = Math.min(frameOf(ms + 500 / frameRate), frameOf(Number(slider.getAttribute('aria-valuemax'))));
  // The slider announces the press once it rendered: within a few pixels of the point.
  const pixelMs = Math.max(Number(slider.getAttribute('aria-valuemax')), 1000) / (root.querySelector('[data-timeline-lane]') as HTMLElement).getBoundingClientRect().width;
  await waitFor(() => expect(Math.abs(playheadOf(root) - ms)).toBeLessThanOrEqual(2 * pixelMs + 1000 / frameRate), patience);
  // A press and a step both land on a frame's start, which the slider announces in whole ms
  // rounded down: the nearest frame is the one it is in.
  const landedFrame = () => Math.round((playheadOf(root) * frameRate) / 1000);
  const frames = target - landedFrame();
  for (let step = 0; step < Math.abs(frames); step += 1) fireEvent.keyDown(slider, { key: frames > 0 ? 'ArrowRight' : 'ArrowLeft' });
  await waitFor(() => expect(landedFrame(), 'playhead frame after the scrub').toBe(target), patience);
}

/**
 * Waits until a track nobody can see says why in its track row (Hidden, Off composite) and the
 * composite draws nothing of it, as an editor's viewer draws nothing of a hidden layer.
 */
export async function expectUnseen(root: HTMLElement, trackName: string, word: 'Hidden' | 'Off composite' | 'Covered'): Promise<void> {
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

/** Where point (x, y) of a `composition`-sized composite is on the page. */
export function compositionPointOnPage(root: HTMLElement, composition: { width: number; height: number }, x: number, y: number): { x: number; y: number } {
  const box = compositeOf(root).getBoundingClientRect();
  return { x: box.x + (x / composition.width) * box.width, y: box.y + (y / composition.height) * box.height };
}

const compositeOf = (root: HTMLElement) => root.querySelector('[role="region"][aria-label="Composite"]') as HTMLElement;

/**
 * Under the canvas renderer, the pixels of a track's layer box on the composite's canvas, as they
 * are; undefined while the track has no layer or its layer still says Loading.
 */
export function layerPixels(root: HTMLElement, trackId: string): ImageData | undefined {
  const onCanvas = layerOnCanvas(root, trackId);
  if (!onCanvas) return undefined;
  return canvasPixels(onCanvas.canvas, onCanvas.rect);
}

/** Under the canvas renderer, the composite's canvas and the track's layer box on it, in its pixels; undefined as for `layerPixels`. */
function layerOnCanvas(root: HTMLElement, trackId: string): { canvas: HTMLCanvasElement; rect: PictureRect } | undefined {
  const composite = compositeOf(root);
  const layer = composite.querySelector(`[data-track-id="${trackId}"]`) as HTMLElement | null;
  if (!layer || layer.querySelector('[data-state="loading"]')) return undefined;
  const canvas = composite.querySelector('canvas') as HTMLCanvasElement;
  const origin = canvas.getBoundingClientRect();
  const scale = canvas.width / origin.width;
  const box = layer.getBoundingClientRect();
  return {
    canvas,
    rect: { x: (box.x - origin.x) * scale, y: (box.y - origin.y) * scale, width: box.width * scale, height: box.height * scale },
  };
}

/** What a read of a track's layer on the canvas saw, for a failure's message. */
function canvasReadout(root: HTMLElement, trackId: string): string {
  const onCanvas = layerOnCanvas(root, trackId);
  if (!onCanvas) return 'no layer, or it says Loading';
  const { canvas, rect } = onCanvas;
  const { mean, variance } = lightOf(canvasPixels(canvas, rect).data);
  const box = [rect.x, rect.y, rect.width, rect.height].map(Math.round).join(' ');
  return `drawn in ${canvas.dataset.drawnIn}, canvas ${canvas.width}x${canvas.height}, box ${box}, light ${Math.round(mean)}, variance ${Math.round(variance)}`;
}

/**
 * Under the canvas renderer, the pixels of a track's layer box if it holds a picture: not while
 * `layerPixels` has none, or the box is black or flat (nothing drawn there, as off its clip).
 */
export function pictureOnCanvas(root: HTMLElement, trackId: string): ImageData | undefined {
  const pixels = layerPixels(root, trackId);
  if (!pixels) return undefined;
  const { mean, variance } = lightOf(pixels.data);
  return mean > 20 && variance > 200 ? pixels : undefined;
}

/**
 * Waits until the track's picture is on the composite, whichever renderer draws it: its `<video>`
 * has a frame, or its box on the composite's canvas holds a picture (its Loading gone, and the
 * pixels there neither black nor flat).
 */
export async function waitForPicture(root: HTMLElement, trackId: string, timeout = patience.timeout): Promise<void> {
  if (rendererOf(root) !== 'canvas') {
    await waitForFrame(root, trackId, timeout);
    return;
  }
  await waitFor(() => expect(pictureOnCanvas(root, trackId), `${trackId} picture on the canvas (${canvasReadout(root, trackId)})`).toBeDefined(), { timeout });
}

/**
 * Where in its source the frame a track shows on the composite starts, in seconds, or undefined
 * while it shows none, whichever renderer draws it: under the element renderer its element's
 * current time; under the canvas renderer the frame number its picture carries (the frame-coded
 * fixtures, such as `sync-h264.mp4`), read from the canvas's pixels. So a story checks what a
 * viewer sees, not what the renderer says it shows.
 */
export function shownTime(root: HTMLElement, trackId: string, frameRate = 30): number | undefined {
  if (rendererOf(root) !== 'canvas') return videoOf(root, trackId)?.currentTime;
  const onCanvas = layerOnCanvas(root, trackId);
  if (!onCanvas) return undefined;
  const { canvas, rect } = onCanvas;
  // The picture is fitted whole in its box, as a `<video>` shows it (the frame-coded fixtures are
  // 16:9). Two rows of it are read, not the box: this runs every animation frame in some stories,
  // and reading back whole boxes slowed the very composite being measured.
  const picture = fitted(rect, 16 / 9);
  const middle = canvasPixels(canvas, { x: picture.x, y: picture.y + picture.height * 0.6, width: picture.width, height: 1 });
  const { mean, variance } = lightOf(middle.data);
  if (mean <= 20 || variance <= 200) return undefined;
  const codeRow = canvasPixels(canvas, { x: picture.x, y: picture.y + picture.height * 0.1, width: picture.width, height: 1 });
  return readFrameCode(codeRow, { x: 0, y: -picture.height * 0.1, width: picture.width, height: picture.height }) / frameRate;
}

/** The frame of its source a track shows (see `shownTime`), or undefined while it shows none. */
export function shownFrame(root: HTMLElement, trackId: string, frameRate = 30): number | undefined {
  const seconds = shownTime(root, trackId, frameRate);
  return seconds === undefined ? undefined : Math.round(seconds * frameRate);
}

/** Waits until the track shows frame `frame` of its source and has landed there (no seek in flight). */
export async function expectFrameShown(root: HTMLElement, trackId: string, frame: number, label = `${trackId} frame on screen`, timeout = patience.timeout): Promise<void> {
  await waitFor(() => {
    expect(videoOf(root, trackId)?.seeking ?? false, `${trackId} seeking`).toBe(false);
    expect(shownFrame(root, trackId), label).toBe(frame);
  }, { timeout });
}

/** Waits until every track's picture moves on by itself (they play), or stays (they are paused), for a third of a second. */
export async function expectPictures(root: HTMLElement, trackIds: string[], doing: 'moving' | 'still'): Promise<void> {
  await waitFor(async () => {
    const before = trackIds.map((id) => shownTime(root, id));
    await new Promise((resolve) => setTimeout(resolve, 330));
    trackIds.forEach((id, index) => {
      const now = shownTime(root, id);
      expect(now, `${id} shows a picture`).toBeDefined();
      if (doing === 'moving') expect(now as number, `${id} moving`).toBeGreaterThan(before[index] as number);
      else expect(now, `${id} still`).toBe(before[index]);
    });
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

/** The object URLs made in the preview and not yet revoked. */
export const liveObjectUrls = () => [...objectUrls.live];

export { patience };
