import type { Meta, StoryObj } from '@storybook/react-vite';
import type { within } from 'storybook/test';
import { expect, waitFor } from 'storybook/test';
import { useEffect, useState } from 'react';
import { createCanvasRenderer, useCanvasRendererCheck, useCompositeExport, type NewTrack, type RendererError } from '../src';
import { compositeSnapshot, defaultCanvasRendererOptions } from '../src/renderer';
import { Editor } from './support/Editor';
import { frameAt, oneTime, readLayers } from './support/frameCode';
import { mirrorState, pictureAskedAt } from './support/compositeMirror';
import { expectFrameShown, patience, playheadOf, scrubTo, waitForPicture } from './support/playHelpers';
import { storyMedia } from './support/storyMedia';
import { silentHardware } from './support/silentDecoders';
import { failingDrawingWorker } from './support/failingDrawingWorker';
import { videoFrames } from './support/videoFrameWatch';

const canvasRenderer = createCanvasRenderer();

const meta = {
  title: 'Compositor/Canvas renderer',
  component: Editor,
  args: { tracks: [], config: { renderer: canvasRenderer } },
  // The toolbar shows the renderer these stories run (they name it in their config), locked.
  globals: { renderer: 'canvas' },
} satisfies Meta<typeof Editor>;

export default meta;
type Story = StoryObj<typeof meta>;

const composition = { width: 640, height: 360 };

// Three layers of the frame-coded clips, each a quarter of the composite, each clip using its
// source from another point: at any playhead they show frames 0, 30 and 60 apart.
const codeFiles = storyMedia('canvas-frame-code', { 'a.mp4': 'frame-code-h264.mp4', 'b.mp4': 'frame-code-h264.mp4', 'c.webm': 'frame-code-vp9.webm' });
const codeTracks: NewTrack[] = [
  { file: 'a.mp4', x: 0, y: 0, inMs: 0 },
  { file: 'b.mp4', x: 320, y: 0, inMs: 1000 },
  { file: 'c.webm', x: 0, y: 180, inMs: 2000 },
].map(({ file, x, y, inMs }, index) => ({
  id: `track-${index + 1}`,
  name: `Track ${index + 1}`,
  source: { url: codeFiles.urlOf(file) },
  layout: { x, y, width: 320, height: 180 },
  clips: [{ startMs: 0, inMs, outMs: 10_000 }],
}));
const rects = codeTracks.map((track) => track.layout as { x: number; y: number; width: number; height: number });
const clips = codeTracks.map((track) => ({ startMs: 0, inMs: track.clips?.[0].inMs ?? 0, container: track.source?.url.endsWith('.webm') ? ('webm' as const) : ('mp4' as const) }));

/** The playhead to the ms fraction, from the timecode (the slider's value is rounded to whole ms). */
function exactPlayheadMs(root: HTMLElement): number {
  const timecode = root.querySelector('output[aria-label="Timecode"]')?.textContent ?? '';
  const [hours, minutes, seconds, frames] = timecode.split(' / ')[0].split(':').map(Number);
  return ((hours * 60 + minutes) * 60 + seconds) * 1000 + (frames * 1000) / 30;
}

const compositeCanvas = (root: HTMLElement) => root.querySelector('canvas.mtk-canvas') as HTMLCanvasElement;

/** Waits until every layer shows, read from the canvas's pixels, the frame its clip names at the playhead. */
async function expectFramesAtPlayhead(root: HTMLElement) {
  await waitFor(() => {
    const playheadMs = exactPlayheadMs(root);
    const surface = compositeCanvas(root);
    const shown = readLayers(surface, composition, rects);
    expect(shown, `frames at ${playheadMs.toFixed(2)} ms (${mirrorState(surface)})`).toEqual(clips.map((clip) => frameAt(playheadMs, clip, clip.container)));
  }, patience);
}

/** Three frame-numbered clips on one canvas: each layer shows exactly the frame its clip names at the playhead, read back from the pixels. */
export const EveryLayerShowsTheFrameItsClipNames: Story = {
  args: { tracks: codeTracks },
  parameters: { msw: { handlers: codeFiles.handlers } },
  beforeEach: () => codeFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expect(canvas.getByRole('region', { name: 'Composite' })).toHaveAttribute('data-renderer', 'canvas');
    await expect(canvas.getByRole('img', { name: 'Composite picture' })).toBeVisible();
    await expectFramesAtPlayhead(canvasElement);
    // Drawn in a worker (the default): the canvas was handed over, the page can no longer draw on it.
    await expect(() => compositeCanvas(canvasElement).getContext('2d')).toThrow();

    // Seeks forward, back, across keyframes and onto a keyframe; then frame steps each way.
    for (const ms of [4567, 1234, 7000, 300, 6033]) {
      await scrubTo(canvasElement, ms);
      await waitFor(() => expect(Math.abs(playheadOf(canvasElement) - ms)).toBeLessThan(40), patience);
      await expectFramesAtPlayhead(canvasElement);
    }
    const from = playheadOf(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Step forward one frame' }));
    await userEvent.keyboard('{ArrowRight}{ArrowRight}');
    await waitFor(() => expect(playheadOf(canvasElement)).toBeGreaterThan(from + 90), patience);
    await expectFramesAtPlayhead(canvasElement);
    await userEvent.keyboard('{ArrowLeft}');
    await expectFramesAtPlayhead(canvasElement);
    // Each layer holds the frame on screen, the frames decoded ahead of it and what its decoder
    // has in flight: counted from outside the kit, open VideoFrames across the page.
    const { framesAhead, decoderInFlight } = defaultCanvasRendererOptions;
    await expect(videoFrames?.open.size).toBeLessThanOrEqual(codeTracks.length * (1 + framesAhead + decoderInFlight));
  },
};

/**
 * Plays, and looks at the composite every animation frame for two seconds: the three layers show
 * frames of one playhead, always, but where a layer says Buffering (on a busy machine a decoder
 * falls behind: the composite stops and that layer, marked, catches up while the others show the
 * stopped playhead); and the picture moves on. Pauses, and steps onto a frame.
 */
async function expectPlayingAtOneTime(canvasElement: HTMLElement, canvas: ReturnType<typeof within>, click: (element: HTMLElement) => Promise<void>) {
  await click(canvas.getByRole('button', { name: 'Play' }));
  const from = playheadOf(canvasElement);
  await waitFor(() => expect(playheadOf(canvasElement)).toBeGreaterThan(from + 500), patience);
  const looks: number[][] = [];
  // Whether a track said Buffering, at each look; and whether any did while the picture a look
  // reads was made (a worker's composite is read through a copy a frame or more old: a mix painted
  // while a track buffered can be read just after it stopped).
  const said: { at: number; buffering: boolean }[] = [];
  const buffering: boolean[] = [];
  await new Promise<void>((resolve) => {
    const look = () => {
      const surface = compositeCanvas(canvasElement);
      looks.push(readLayers(surface, composition, rects));
      const madeAt = pictureAskedAt(surface);
      said.push({ at: performance.now(), buffering: canvas.queryAllByRole('status', { name: /: Buffering$/ }).length > 0 });
      const since = said.findLastIndex(({ at }) => at <= madeAt);
      buffering.push(said.slice(Math.max(0, since)).some((moment) => moment.buffering));
      if (looks.length < 120) requestAnimationFrame(look);
      else resolve();
    };
    requestAnimationFrame(look);
  });
  const mixed = looks.filter((frames, index) => !buffering[index] && !oneTime(frames, clips));
  await expect(mixed, 'looks at the canvas where layers showed different times').toEqual([]);
  // It played: the picture moved on. How many frames it shows a second is a real-time quality
  // a busy machine lowers (25 of 60 in a census run with a core kept busy): `npm run bench`.
  const distinct = new Set(looks.map(([first]) => first));
  await expect(distinct.size, 'frames shown while playing').toBeGreaterThan(5);

  await click(canvas.getByRole('button', { name: 'Pause' }));
  // Paused between two frames' starts; a step lands on a frame, where the timecode is exact.
  await click(canvas.getByRole('button', { name: 'Step forward one frame' }));
  await expectFramesAtPlayhead(canvasElement);
}

/** While the canvas plays, every look at it shows all layers at one time; a layer that falls behind says Buffering instead of showing another moment. */
export const PlayingLayersNeverShowAMixOfTimes: Story = {
  args: { tracks: codeTracks },
  parameters: { msw: { handlers: codeFiles.handlers } },
  beforeEach: () => codeFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expectFramesAtPlayhead(canvasElement);
    await expectPlayingAtOneTime(canvasElement, canvas, (element) => userEvent.click(element));
  },
};

// Frames drawn by the browser itself, as `framePath: 'auto'` chooses where a GPU draws the
// canvases (here, without one, it converts them in script).
const browserDrawn = createCanvasRenderer({ framePath: 'direct' });

/** The canvas renderer handing decoded frames to the browser to draw (the path a GPU machine takes), still frame-exact at every seek and step. */
export const FramesDrawnByTheBrowser: Story = {
  args: { tracks: codeTracks, config: { renderer: browserDrawn } },
  parameters: { msw: { handlers: codeFiles.handlers } },
  beforeEach: () => codeFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expect(canvas.getByRole('img', { name: 'Composite picture' })).toHaveAttribute('data-frame-path', 'direct');
    await expectFramesAtPlayhead(canvasElement);
    for (const ms of [4567, 1234]) {
      await scrubTo(canvasElement, ms);
      await waitFor(() => expect(Math.abs(playheadOf(canvasElement) - ms)).toBeLessThan(40), patience);
      await expectFramesAtPlayhead(canvasElement);
    }
    // Plays on, then lands on a frame.
    await userEvent.click(canvas.getByRole('button', { name: 'Play' }));
    const from = playheadOf(canvasElement);
    await waitFor(() => expect(playheadOf(canvasElement)).toBeGreaterThan(from + 500), patience);
    await userEvent.click(canvas.getByRole('button', { name: 'Pause' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Step forward one frame' }));
    await expectFramesAtPlayhead(canvasElement);
  },
};

/** Twenty seeks and forty frame steps, each landing on its frames, then play: nothing is left over and every layer plays at one time. */
export const ManySeeksAndStepsThenPlay: Story = {
  args: { tracks: codeTracks },
  parameters: { msw: { handlers: codeFiles.handlers } },
  beforeEach: () => codeFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expectFramesAtPlayhead(canvasElement);
    // What an editor does before playing: seeks about the timeline, each landing on its frames,
    // then frame steps each way (each decoder started again where a step goes back).
    // Within 7.7 s: the third layer's clip ends at 8 s.
    for (let seek = 0; seek < 20; seek += 1) {
      await scrubTo(canvasElement, ((seek * 3700) % 7500) + 200);
      await expectFramesAtPlayhead(canvasElement);
    }
    const slider = canvas.getByRole('slider', { name: 'Playhead' });
    slider.focus();
    for (let step = 0; step < 40; step += 1) {
      await userEvent.keyboard(step % 4 === 3 ? '{ArrowLeft}' : '{ArrowRight}');
      if (step % 8 === 7) await expectFramesAtPlayhead(canvasElement);
    }
    await expectFramesAtPlayhead(canvasElement);
    // Nothing is left over from them: each layer holds its frame on screen, those decoded ahead
    // and what its decoder has in flight, counted from outside the kit.
    const { framesAhead, decoderInFlight } = defaultCanvasRendererOptions;
    await waitFor(() => expect(videoFrames?.open.size).toBeLessThanOrEqual(codeTracks.length * (1 + framesAhead + decoderInFlight)), patience);
    // And it plays as it did before them: one time on every layer, the picture moving.
    await expectPlayingAtOneTime(canvasElement, canvas, (element) => userEvent.click(element));
  },
};

/** The canvas drawn on the page, as for a host that wants it there or a browser whose workers cannot take a canvas. */
export const DrawnOnThePageThread: Story = {
  args: { tracks: codeTracks, config: { renderer: createCanvasRenderer({ drawIn: 'page' }) } },
  parameters: { msw: { handlers: codeFiles.handlers } },
  beforeEach: () => codeFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    // The page keeps the canvas (a host that wants it there, or a worker that could not start).
    await expect(compositeCanvas(canvasElement).getContext('2d')).not.toBeNull();
    await expectFramesAtPlayhead(canvasElement);
    await scrubTo(canvasElement, 4567);
    await waitFor(() => expect(Math.abs(playheadOf(canvasElement) - 4567)).toBeLessThan(40), patience);
    await expectFramesAtPlayhead(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Play' }));
    await waitFor(() => expect(playheadOf(canvasElement)).toBeGreaterThan(5200), patience);
    await userEvent.click(canvas.getByRole('button', { name: 'Pause' }));
    await userEvent.click(canvas.getByRole('button', { name: 'Step forward one frame' }));
    await expectFramesAtPlayhead(canvasElement);
  },
};

const exportSize = { width: 320, height: 180 };

/** What a host's export pipeline does: 30 frames of the composite from 3 s, each drawn as a thumbnail. */
function ExportThirtyFrames() {
  const openExport = useCompositeExport();
  const [frames, setFrames] = useState<ImageBitmap[]>([]);
  const [state, setState] = useState('idle');
  useEffect(() => () => frames.forEach((bitmap) => bitmap.close()), [frames]);
  const run = async () => {
    setState('exporting');
    const exporter = openExport();
    const made: ImageBitmap[] = [];
    try {
      for (let index = 0; index < 30; index += 1) {
        const frame = await exporter.frameAt(3000 + (index * 1000) / 30, exportSize);
        made.push(await createImageBitmap(frame));
        frame.close();
      }
    } finally {
      exporter.close();
    }
    setFrames(made);
    setState('done');
  };
  return (
    <section aria-label="Export" data-state={state}>
      <button type="button" onClick={() => void run()}>
        Export 30 frames
      </button>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 2 }}>
        {frames.map((bitmap, index) => (
          <canvas
            key={index}
            aria-label={`Exported frame ${index + 1}`}
            width={exportSize.width}
            height={exportSize.height}
            style={{ width: 80 }}
            ref={(canvas) => canvas?.getContext('2d')?.drawImage(bitmap, 0, 0)}
          />
        ))}
      </div>
    </section>
  );
}

/** Exporting pictures of the composite at chosen times, exactly as the canvas shows them. */
export const ExportsFramesOfTheComposite: Story = {
  args: { tracks: codeTracks, children: <ExportThirtyFrames /> },
  parameters: { msw: { handlers: codeFiles.handlers } },
  beforeEach: () => codeFiles.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await expectFramesAtPlayhead(canvasElement);
    await userEvent.click(canvas.getByRole('button', { name: 'Export 30 frames' }));
    await waitFor(() => expect(canvas.getByRole('region', { name: 'Export' })).toHaveAttribute('data-state', 'done'), patience);
    // Each exported frame, read from its pixels: every layer at the frame its clip names then.
    for (let index = 0; index < 30; index += 1) {
      const exported = canvas.getByLabelText(`Exported frame ${index + 1}`) as HTMLCanvasElement;
      const playheadMs = 3000 + (index * 1000) / 30;
      await expect(readLayers(exported, composition, rects), `exported frame ${index + 1}`).toEqual(clips.map((clip) => frameAt(playheadMs, clip, clip.container)));
    }
    // Exporting left the playhead and the composite where they were.
    await expectFramesAtPlayhead(canvasElement);
    await expect(playheadOf(canvasElement)).toBe(0);
  },
};

const silentFiles = storyMedia('canvas-silent-decoder', { 'a.mp4': 'frame-code-h264.mp4' });

/** A hardware decoder that gives no frames is replaced by a software one, and the layer says so. */
export const ASilentDecoderIsReplacedBySoftware: Story = {
  args: {
    tracks: [{ ...codeTracks[0], source: { url: silentFiles.urlOf('a.mp4') }, layout: { x: 0, y: 0, width: 640, height: 360 }, clips: [{ startMs: 0, inMs: 0, outMs: 10_000 }] }],
  },
  parameters: { msw: { handlers: silentFiles.handlers } },
  beforeEach: () => {
    silentFiles.reset();
    // Every decoder that may use hardware takes chunks and gives nothing back.
    silentHardware.on = true;
    return () => {
      silentHardware.on = false;
    };
  },
  play: async ({ canvas, canvasElement }) => {
    // Past `silentDecoderMs` with no frame, the layer opens a software decoder and says so.
    const note = await canvas.findByText('Decoding in software', {}, { timeout: defaultCanvasRendererOptions.silentDecoderMs + patience.timeout });
    await expect(note).toHaveAttribute('role', 'note');
    await waitForPicture(canvasElement, 'track-1');
    await expectFrameShown(canvasElement, 'track-1', 0);
    // It decodes exactly from then on: a seek lands on its frame.
    await scrubTo(canvasElement, 4000);
    await expectFrameShown(canvasElement, 'track-1', 120);
    await expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready');
  },
};

const rendererErrors: RendererError[] = [];

/** The drawing worker fails after taking the canvas: the page draws instead, visibly, and the host hears of it. */
export const AFailedDrawingWorkerHandsBackToThePage: Story = {
  args: { tracks: codeTracks, config: { renderer: canvasRenderer, onRendererError: (error: RendererError) => rendererErrors.push(error) } },
  parameters: { msw: { handlers: codeFiles.handlers } },
  beforeEach: () => {
    codeFiles.reset();
    rendererErrors.length = 0;
    // The worker takes the canvas, then fails (as Firefox's did, asked for its context twice).
    failingDrawingWorker.on = true;
    return () => {
      failingDrawingWorker.on = false;
    };
  },
  play: async ({ canvasElement }) => {
    // The host hears why, and the composite is drawn again, by the page, on a new canvas.
    await waitFor(() => expect(rendererErrors.map((error) => error.code)).toEqual(['worker-lost']), patience);
    await expect(rendererErrors[0].message).toContain('drawn again on a new canvas');
    await waitFor(() => expect(compositeCanvas(canvasElement)).toHaveAttribute('data-drawn-in', 'page'), patience);
    await expectFramesAtPlayhead(canvasElement);
    await scrubTo(canvasElement, 4567);
    await expectFramesAtPlayhead(canvasElement);
  },
};

/** What `checkCanvasRenderer()` says in this browser, as a host would show it before offering the renderer. */
function RendererCheck() {
  const check = useCanvasRendererCheck();
  if (!check) return <p role="status" aria-label="Canvas renderer">Checking</p>;
  return (
    <p role="status" aria-label="Canvas renderer" data-supported={check.supported} data-drawn-in={check.supported ? check.drawnIn : undefined}>
      {check.supported ? `Supported, drawn in the ${check.drawnIn}. ${check.note ?? ''}` : `Not supported: ${check.reason}`}
    </p>
  );
}

/** Puts `value` in place of `owner[key]` (a browser API the story breaks); returns the undo. */
function patch<T extends object, K extends keyof T>(owner: T, key: K, value: T[K]): () => void {
  const had = Object.getOwnPropertyDescriptor(owner, key);
  Object.defineProperty(owner, key, { value, configurable: true, writable: true });
  return () => (had ? Object.defineProperty(owner, key, had) : delete owner[key]);
}

const checkResult = async (root: HTMLElement) => {
  const status = root.querySelector('[role="status"][aria-label="Canvas renderer"]') as HTMLElement;
  await waitFor(() => expect(status).not.toHaveTextContent('Checking'), patience);
  return status;
};

/** The canvas renderer is offered only after this browser has decoded and drawn a frame with it, in a worker. */
export const TheCheckDecodesAndDrawsAFrameInAWorker: Story = {
  render: () => <RendererCheck />,
  play: async ({ canvasElement }) => {
    const status = await checkResult(canvasElement);
    await expect(status).toHaveAttribute('data-supported', 'true');
    await expect(status).toHaveAttribute('data-drawn-in', 'worker');
    // It let go of what it made: the frame it decoded and drew.
    await waitFor(() => expect(videoFrames?.open.size ?? 0).toBe(0), patience);
  },
};

/** Where no worker can take a canvas, the check draws on the page and says so. */
export const TheCheckDrawsOnThePageWhereNoWorkerTakesACanvas: Story = {
  render: () => <RendererCheck />,
  // A page where a canvas cannot be handed to a worker (the call throws).
  beforeEach: () =>
    patch(HTMLCanvasElement.prototype, 'transferControlToOffscreen', () => {
      throw new DOMException('no canvas for a worker here (injected by the story)', 'InvalidStateError');
    }),
  play: async ({ canvasElement }) => {
    const status = await checkResult(canvasElement);
    await expect(status).toHaveAttribute('data-supported', 'true');
    await expect(status).toHaveAttribute('data-drawn-in', 'page');
    await expect(status).toHaveTextContent('injected by the story');
  },
};

/** Where frames cannot be decoded, the check refuses the canvas renderer with its reason, before a host picks it. */
export const TheCheckRefusesWhereFramesCannotBeDecoded: Story = {
  render: () => <RendererCheck />,
  // A decoder that takes the configuration and gives no frame, as a broken codec would.
  beforeEach: () =>
    patch(VideoDecoder.prototype, 'decode', function decodeNothing(this: VideoDecoder) {
      return undefined;
    }),
  play: async ({ canvasElement }) => {
    const status = await checkResult(canvasElement);
    await expect(status).toHaveAttribute('data-supported', 'false');
    await expect(status).toHaveTextContent('Not supported: A video frame could not be decoded with WebCodecs: the decoder gave no frame.');
  },
};

/**
 * What a host's check of its export does: the composite exported at the playhead, at the size the
 * screen paints it, compared pixel by pixel with what the screen painted (`compositeSnapshot`).
 */
function CompareExportWithScreen() {
  const openExport = useCompositeExport();
  const [result, setResult] = useState<{ meanDiff: number; farOff: number; lit: number } | undefined>();
  const run = async () => {
    const screenCanvas = document.querySelector('[role="region"][aria-label="Composite"] canvas') as HTMLCanvasElement;
    const screen = await compositeSnapshot(screenCanvas);
    if (!screen) throw new Error('no composite on screen to compare with');
    const exporter = openExport();
    const board = new OffscreenCanvas(screen.width, screen.height);
    const context = board.getContext('2d', { willReadFrequently: true }) as OffscreenCanvasRenderingContext2D;
    try {
      const frame = await exporter.frameAt(0, { width: screen.width, height: screen.height });
      context.drawImage(frame, 0, 0);
      frame.close();
    } finally {
      exporter.close();
    }
    const exported = context.getImageData(0, 0, screen.width, screen.height).data;
    let sum = 0;
    let farOff = 0;
    let lit = 0;
    for (let at = 0; at < exported.length; at += 4) {
      let pixelOff = 0;
      for (let channel = 0; channel < 3; channel += 1) pixelOff = Math.max(pixelOff, Math.abs(exported[at + channel] - screen.data[at + channel]));
      sum += pixelOff;
      if (pixelOff > 24) farOff += 1;
      if (screen.data[at] + screen.data[at + 1] + screen.data[at + 2] > 60) lit += 1;
    }
    const pixels = exported.length / 4;
    setResult({ meanDiff: sum / pixels, farOff: farOff / pixels, lit: lit / pixels });
  };
  return (
    <section aria-label="Export check" data-state={result ? 'done' : 'idle'} data-result={result && JSON.stringify(result)}>
      <button type="button" onClick={() => void run()}>
        Compare export with screen
      </button>
    </section>
  );
}

const styledFiles = storyMedia('canvas-styled-export', { 'bars.mp4': 'clip-h264-b.mp4', 'code.webm': 'frame-code-vp9.webm', 'quadrants.png': 'still-quadrants.png' });
// Two video layers with every kind of look: turned, scaled, flipped, cropped, filled and covered,
// at part opacity and in a blend mode, over a coloured background; above them a transparent
// picture turned and a title with an outline and a shadow.
const styledTracks: NewTrack[] = [
  {
    id: 'track-1',
    name: 'Track 1',
    source: { url: styledFiles.urlOf('bars.mp4') },
    layout: { x: 40, y: 30, width: 360, height: 240 },
    look: { rotation: -12, scale: { x: 1.1, y: 0.9 }, flip: { horizontal: true }, crop: { left: 0.1, top: 0.05 }, fit: 'cover' },
    clip: { startMs: 0, inMs: 0, outMs: 4000 },
  },
  {
    id: 'track-2',
    name: 'Track 2',
    source: { url: styledFiles.urlOf('code.webm') },
    layout: { x: 260, y: 120, width: 320, height: 180 },
    look: { rotation: 20, opacity: 0.7, blend: 'screen', crop: { right: 0.2 }, fit: 'fill' },
    clip: { startMs: 0, inMs: 0, outMs: 4000 },
  },
  { id: 'picture', name: 'Picture', kind: 'image', source: { url: styledFiles.urlOf('quadrants.png') }, layout: { x: 440, y: 20, width: 160, height: 90 }, look: { rotation: 8 }, clip: { startMs: 0, outMs: 4000 } },
  {
    id: 'title',
    name: 'Title',
    kind: 'text',
    text: { content: 'Export equals screen', fontSize: 36, fontWeight: 700, outline: { color: '#000', width: 2 }, shadow: { color: 'rgba(0, 0, 0, 0.7)', blur: 4, x: 2, y: 2 } },
    layout: { x: 20, y: 290, width: 600, height: 60 },
    clip: { startMs: 0, outMs: 4000 },
  },
];

/** Exports the composite at the playhead and compares it with the screen, pixel by pixel. */
async function expectExportToEqualScreen({ canvas, canvasElement, userEvent }: { canvas: ReturnType<typeof within>; canvasElement: HTMLElement; userEvent: { click(element: Element): Promise<void> } }) {
  for (const id of ['track-1', 'track-2']) await waitForPicture(canvasElement, id);
  // The stills have drawn their pictures (their Loading gone).
  for (const name of ['Picture', 'Title']) await waitFor(() => expect(canvas.queryByRole('status', { name: `${name}: Loading` })).toBeNull(), patience);
  await userEvent.click(canvas.getByRole('button', { name: 'Compare export with screen' }));
  const check = canvas.getByRole('region', { name: 'Export check' });
  await waitFor(() => expect(check).toHaveAttribute('data-state', 'done'), patience);
  const { meanDiff, farOff, lit } = JSON.parse(check.dataset.result ?? '{}') as { meanDiff: number; farOff: number; lit: number };
  // Something was painted to compare (a black screen would match a black export).
  await expect(lit, 'share of the screen lit').toBeGreaterThan(0.2);
  // One painting function: the same pixels, but for rounding where the two pictures were staged.
  await expect(meanDiff, 'mean difference per pixel, of 255').toBeLessThanOrEqual(2);
  await expect(farOff, 'share of pixels more than 24 of 255 off').toBeLessThanOrEqual(0.005);
}

/** Turned, cropped, faded and blended layers: the exported picture equals the one on screen. */
export const TheExportPaintsStyledLayersAsTheScreenDoes: Story = {
  args: { tracks: styledTracks, children: <CompareExportWithScreen /> },
  parameters: { msw: { handlers: styledFiles.handlers } },
  beforeEach: () => styledFiles.reset(),
  play: expectExportToEqualScreen,
};

/** With frames drawn by the browser, the export still equals the screen. */
export const DrawnByTheBrowserTheExportEqualsTheScreen: Story = {
  args: { tracks: styledTracks, children: <CompareExportWithScreen />, config: { renderer: browserDrawn } },
  parameters: { msw: { handlers: styledFiles.handlers } },
  beforeEach: () => styledFiles.reset(),
  play: async (context) => {
    await expect(context.canvas.getByRole('img', { name: 'Composite picture' })).toHaveAttribute('data-frame-path', 'direct');
    await expectExportToEqualScreen(context);
  },
};
