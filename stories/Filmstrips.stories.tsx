import type { Meta, StoryObj } from '@storybook/react-vite';
import type { CSSProperties } from 'react';
import { expect, waitFor } from 'storybook/test';
import { MemoryReadout, type FilmstripView, type NewTrack } from '../src';
import { filmstripTileWidth, planFilmstrip } from '../src/derived';
import { derivedFixtureItems, type DerivedItemKey, type MockDerivedItem, type MockMedia } from '../src/mocks';
import { Editor } from './support/Editor';
import { readFrameCode } from './support/frameCode';
import { storyMedia } from './support/storyMedia';

const meta = {
  title: 'Compositor/Filmstrips',
  component: Editor,
  args: { tracks: [] },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

/** The fixtures' derived items the mock's pipeline has, under the names a story serves the file by. */
function derivedOf(renames: Record<string, string>): Record<DerivedItemKey, MockDerivedItem> {
  return Object.fromEntries(
    Object.entries(derivedFixtureItems).flatMap(([key, item]) => {
      const [kind, rest] = [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)];
      return Object.entries(renames)
        .filter(([, fixture]) => rest === fixture || rest.startsWith(`${fixture}?`))
        .map(([name, fixture]) => [`${kind}/${name}${rest.slice(fixture.length)}`, { file: { url: `/fixtures/${item.name}` }, ...('tile' in item ? { tile: item.tile } : {}) }]);
    }),
  );
}

/** The derived-media requests this page made (its resource timing: what the browser itself recorded). */
const derivedFetches = (kind: string) =>
  performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((name) => name.includes(`/.derived/${kind}/`));

/**
 * Before a story: its mock's request log and made-up progress reset, and the page's record of
 * fetches forgotten (stories share a page; the browser keeps 250 entries by default).
 */
const startAfresh = (media: MockMedia) => () => {
  media.reset();
  performance.clearResourceTimings();
  performance.setResourceTimingBufferSize(5000);
};

const patience = { timeout: 30_000, interval: 100 };

const clipOf = (canvasElement: HTMLElement, trackId: string) => canvasElement.querySelector(`[data-clip-of="${trackId}"]`) as HTMLElement;

/**
 * Each thumbnail slot's frame code, read from the filmstrip's pixels, beside the frame the slot
 * should show: the keyframe at or before its time (the fixtures have one every second, 30 fps).
 */
function slotFrames(clip: HTMLElement, durationMs: number) {
  const strip = clip.querySelector('.mtk-clip-filmstrip > img') as HTMLImageElement;
  const left = strip.offsetLeft;
  const box = clip.querySelector('.mtk-clip-filmstrip') as HTMLElement;
  const view: FilmstripView = {
    sourceFromMs: 0,
    sourceToMs: durationMs,
    boxWidth: box.getBoundingClientRect().width,
    visibleFromPx: left,
    visibleToPx: left + strip.clientWidth,
    deviceHeight: strip.naturalHeight,
    pixelRatio: strip.naturalWidth / strip.clientWidth,
    aspect: 16 / 9,
  };
  // The fixtures are 640x360: thumbnails as the pipeline sizes them at the sheets' height.
  const { height } = planFilmstrip(view);
  const plan = planFilmstrip({ ...view, aspect: filmstripTileWidth(height, 640, 360) / height });
  // The strip's own pixels, at the size it was drawn (its picture's natural size).
  const board = new OffscreenCanvas(strip.naturalWidth, strip.naturalHeight).getContext('2d') as OffscreenCanvasRenderingContext2D;
  board.drawImage(strip, 0, 0);
  const pixels = board.getImageData(0, 0, strip.naturalWidth, strip.naturalHeight);
  const ratio = strip.naturalWidth / strip.clientWidth;
  return plan.slots
    // Whole thumbnails only: the strip covers the part in view, and cuts those at its edges.
    .filter((slot) => slot.x >= left && (slot.x + plan.slotWidth - left) * ratio <= strip.naturalWidth)
    .map((slot) => ({
      ms: slot.tile * plan.stepMs,
      shown: readFrameCode(pixels, { x: (slot.x - left) * ratio, y: 0, width: plan.slotWidth * ratio, height: strip.naturalHeight }),
      expected: Math.floor((slot.tile * plan.stepMs) / 1000) * 30,
    }));
}

const fromServer = storyMedia(
  'filmstrips-server',
  { 'stream.mp4': 'stream-h264.mp4', 'beeps.m4a': 'beeps-aac.m4a' },
  undefined,
  undefined,
  derivedOf({ 'stream.mp4': 'stream-h264.mp4', 'beeps.m4a': 'beeps-aac.m4a' }),
);

const serverTracks: NewTrack[] = [
  { id: 'picture', name: 'Camera A', source: { url: fromServer.urlOf('stream.mp4') } },
  { id: 'sound', name: 'Beeps', kind: 'audio', source: { url: fromServer.urlOf('beeps.m4a') } },
];

/**
 * A timeline with a filmstrip on its video clip and a waveform on its audio clip, both made by
 * the media server's derived-media pipeline (here its mock, serving what the real one made):
 * the page fetches one filmstrip sheet and the peaks, and decodes nothing to draw them.
 */
export const FilmstripsAndWaveformsFromTheMediaServer: Story = {
  args: { tracks: serverTracks, sourceOptions: { derivedFromServer: true }, timeline: { filmstrips: true, style: { '--mtk-filmstrip-row-height': '104px', '--mtk-audio-row-height': '64px' } as CSSProperties } },
  render: (args) => (
    <Editor {...args}>
      <MemoryReadout intervalMs={250} />
    </Editor>
  ),
  parameters: { msw: { handlers: fromServer.handlers } },
  beforeEach: startAfresh(fromServer),
  play: async ({ canvasElement, canvas }) => {
    const picture = clipOf(canvasElement, 'picture');
    const sound = clipOf(canvasElement, 'sound');
    await waitFor(() => expect(picture).toHaveAttribute('data-filmstrip', 'drawn'), patience);
    await waitFor(() => expect(sound).toHaveAttribute('data-waveform', 'drawn'), patience);
    await expect(canvas.getByRole('img', { name: 'Filmstrip of Camera A' })).toBeVisible();
    // Every thumbnail is the keyframe at or before its time, as the pixels say.
    const frames = slotFrames(picture, 60_000);
    await expect(frames.length).toBeGreaterThan(2);
    await expect(frames.map(({ ms, shown }) => `${ms} ms: ${shown}`).join(', ')).toBe(frames.map(({ ms, expected }) => `${ms} ms: ${expected}`).join(', '));
    // Both came from the pipeline: one sheet of 96 px thumbnails (60 s in 544 px: one every 10 s), and the peaks.
    await expect(derivedFetches('filmstrip').filter((name) => name.includes('stream')).length).toBeGreaterThan(0);
    await expect(derivedFetches('filmstrip').every((name) => name.includes('height=96'))).toBe(true);
    await expect(derivedFetches('peaks').some((name) => name.includes('beeps'))).toBe(true);
    // The memory reading counts the decoded sheet (1700 x 960 pixels, 6.2 MiB).
    await waitFor(() => expect(canvas.getByLabelText('Memory')).toHaveTextContent(/6\.2 MiB in filmstrips/), { timeout: 2000 });
  },
};

const zoomed = storyMedia('filmstrips-zoomed', { 'stream.mp4': 'stream-h264.mp4' }, undefined, undefined, derivedOf({ 'stream.mp4': 'stream-h264.mp4' }));

/**
 * Zoomed in as far as a host zooms (the timeline 24 000 px wide in a box that scrolls): the
 * filmstrip asks only for the sheets of the part in view, and the next one when it is scrolled to.
 */
export const ZoomedInFetchesOnlyWhatIsInView: Story = {
  args: {
    tracks: [{ id: 'picture', name: 'Camera A', source: { url: zoomed.urlOf('stream.mp4') } }],
    sourceOptions: { derivedFromServer: true },
    timeline: { filmstrips: true, waveforms: false, style: { '--mtk-filmstrip-row-height': '104px' } as CSSProperties },
    timelineWidth: 24_000,
  },
  parameters: { msw: { handlers: zoomed.handlers } },
  beforeEach: startAfresh(zoomed),
  play: async ({ canvasElement, canvas }) => {
    const picture = clipOf(canvasElement, 'picture');
    await waitFor(() => expect(picture).toHaveAttribute('data-filmstrip', 'drawn'), patience);
    const sheetsAsked = () => new Set(derivedFetches('filmstrip').map((name) => /sheet=(\d+)/.exec(name)?.[1]));
    // 60 s over 24 000 px: thumbnails every 250 ms, 25 s to a sheet; the first screenful is in sheet 0.
    await expect([...sheetsAsked()]).toEqual(['0']);
    const drawn = picture.querySelector('.mtk-clip-filmstrip > img') as HTMLImageElement;
    await expect(drawn.clientWidth).toBeLessThan(1200);
    // Scrolled to the end: the last seconds are in sheet 2, fetched now; sheet 1, never in view, is not.
    const scroller = canvas.getByTestId('timeline-scroller');
    scroller.scrollLeft = scroller.scrollWidth;
    await waitFor(() => expect([...sheetsAsked()]).toEqual(['0', '2']), patience);
    await waitFor(() => expect(picture).toHaveAttribute('data-filmstrip', 'drawn'), patience);
    const frames = slotFrames(picture, 60_000);
    await expect(frames.length).toBeGreaterThan(2);
    await expect(frames.map(({ ms, shown }) => `${ms} ms: ${shown}`).join(', ')).toBe(frames.map(({ ms, expected }) => `${ms} ms: ${expected}`).join(', '));
  },
};

const inBrowser = storyMedia('filmstrips-browser', { 'codes.mp4': 'frame-code-h264.mp4' });

/**
 * Where no media server makes them (the default: the host has not said its server has the
 * pipeline; a picked file; a server that answers the pipeline's requests with 404), the sheets are made in a worker: the file read by Range, only the keyframes the
 * thumbnails show decoded. Each thumbnail is the keyframe at or before its time.
 */
export const MadeInTheBrowserWithoutAPipeline: Story = {
  args: {
    tracks: [{ id: 'picture', name: 'Frame codes', source: { url: inBrowser.urlOf('codes.mp4') } }],
    timeline: { filmstrips: true, waveforms: false, style: { '--mtk-filmstrip-row-height': '104px' } as CSSProperties },
  },
  parameters: { msw: { handlers: inBrowser.handlers } },
  beforeEach: startAfresh(inBrowser),
  play: async ({ canvasElement }) => {
    const picture = clipOf(canvasElement, 'picture');
    await waitFor(() => expect(picture).toHaveAttribute('data-filmstrip', 'drawn'), patience);
    const frames = slotFrames(picture, 10_000);
    await expect(frames.length).toBeGreaterThan(2);
    await expect(frames.map(({ ms, shown }) => `${ms} ms: ${shown}`).join(', ')).toBe(frames.map(({ ms, expected }) => `${ms} ms: ${expected}`).join(', '));
    await expect(derivedFetches('filmstrip')).toEqual([]);
  },
};
