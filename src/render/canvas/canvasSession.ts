import type { ClockReader } from '../../playback';
import { clipAt, clipRuns, frameEdgeSeconds, runsToMount, sourceTimeAt, type ClipTiming, type Track } from '../../state';
import { useRenderer } from '../RendererContext';
import { RendererError, type RendererHost, type RendererSession } from '../renderer';
import { createStillFrames } from '../stillFrames';
import type { CanvasRendererOptions } from './canvasOptions';
import { createCompositeExport, type CompositeExport } from './compositeExport';
import { layerPaint } from './drawLayer';
import { createLocalBoard, type PaintedLayer, type PictureBoard } from './pictureBoard';
import { createPictureStager } from './pictureStager';
import { createWorkerBoard, workerBoardSupported } from './workerBoard';
import type { LayerFrames } from './layerFrames';
import { createMixedTimeHold } from './mixedTimeHold';
import { createPartingPictures } from './partingPictures';
import { createPictureMaker, type LayerPictures } from './pictureSlots';
import { createRunDecoders } from './runDecoders';
import { createStillLayers, type StillLayer, type StillLayerEntry } from './stillLayers';
import { createWakeUp } from './wakeUp';
import { resolveFramePath, type FramePath } from './framePath';
import type { DecodedVideoFrame } from './decodeVideo';
import type { OpenedVideo } from './openVideo';

/** What a layer is showing after a draw. */
export interface LayerShown {
  /** A clip of the track is under the playhead. */
  onClip: boolean;
  /** The frame drawn is the one the clip names at the playhead (true off every clip). */
  exact: boolean;
  /** Some frame was drawn (false until the first one is decoded). */
  drawn: boolean;
  /** A decoder has been asked for a frame and given nothing for this long, in ms (0 when not waiting). */
  silentMs: number;
}

/** A seen track whose picture is open, as its layer registers it with the session. */
export interface CanvasLayerEntry {
  readonly trackId: string;
  /** The track as it is now (its clips and layout change while it is registered). */
  track(): Track;
  readonly video: OpenedVideo;
  /** Told after every draw; cheap, since it runs each frame while playing. */
  onShown(shown: LayerShown): void;
  onError(error: unknown): void;
  /**
   * Whether the composite waits for this layer and says so (its track says Buffering): then its
   * last picture shows beside the others' at the playhead, no longer a silent mix of times.
   */
  saysBuffering(): boolean;
}

/** Where the composite is drawn, and what it draws on. */
export interface CanvasView {
  clock: ClockReader;
  /** The composition's size, in the pixels track layouts use. */
  width: number;
  height: number;
  /** How far ahead of a cut the next clip's first frame is decoded while playing. */
  prerollMs: number;
}

/** What the canvas renderer keeps for one compositor: its layers and the one canvas they draw on. */
export interface CanvasSession extends RendererSession {
  readonly options: CanvasRendererOptions;
  /** The surface's canvas and view; returns the detach. */
  attach(canvas: HTMLCanvasElement, view: CanvasView): () => void;
  /** Adds a layer to the composite; returns the removal, which closes its decoders and frames. */
  register(entry: CanvasLayerEntry, captureStill: () => boolean): () => void;
  /** Adds a still layer (an image, a colour, a title): `show` hands over its picture, `remove` takes it away. */
  registerStill(entry: StillLayerEntry): { show(bitmap: ImageBitmap): void; remove(): void };
  /** Draws again at the next animation frame (coalesced). */
  requestDraw(): void;
  /** Frames shown and frames decoded too late to be shown (the composite skipped them), over every layer so far. */
  frameCounts(): { shown: number; skipped: number };
  /** What the last draw showed: layers on a clip, and how many of them at exactly their frame. */
  lastDraw(): { onClip: number; exact: number };
  /** Starts an export of the composite (its frames at any time); throws while no composite is drawn. */
  openExport(): CompositeExport;
  /**
   * Which canvas the surface should draw: a new number means a new `<canvas>` (the worker that
   * owned the last one failed, and a canvas handed to a worker cannot be taken back).
   */
  canvasKey(): number;
  /** Told when `canvasKey()` or `drawsIn()` changes (for `useSyncExternalStore`). */
  subscribeCanvas(listener: () => void): () => void;
  /** Where the composite is painted now: in a worker, or on the page (chosen, or after the worker failed). */
  drawsIn(): 'worker' | 'page';
  /** How frames become pictures in this session (the option, `'auto'` resolved). */
  framePath(): FramePath;
}

/** A video layer as the session keeps it: its decoders, a clip run each, and its pictures on the board. */
interface Layer extends LayerPictures {
  entry: CanvasLayerEntry;
  /** The frames of each clip run being decoded, by the run's first clip: the one on screen, and the next one ahead of a cut. */
  runs: Map<number, LayerFrames<DecodedVideoFrame>>;
  /** Since when the layer has shown exactly the frame at a still playhead. */
  exactSince?: number;
  /** Paused on its frame long enough, it let go of its decoder and frames; its picture stays. */
  resting: boolean;
}

/** The size `frame`'s picture is staged at for `track`'s layer while `clip` plays, at `playheadMs` (its composite plan). */
const sizeOf = (frame: DecodedVideoFrame, track: Track, clip: ClipTiming | undefined, playheadMs: number, scale: { x: number; y: number }) =>
  layerPaint(track, clip, playheadMs, scale, { width: frame.frame.displayWidth, height: frame.frame.displayHeight }).staged;

const canvasSessions = new WeakSet<RendererSession>();
/** The board painting each composite `<canvas>` on screen, for `compositeSnapshot`. */
const boardsByCanvas = new WeakMap<HTMLCanvasElement, PictureBoard>();

export function createCanvasSession(options: CanvasRendererOptions, host: RendererHost): CanvasSession {
  const stills = createStillFrames();
  /** Where pictures are made and painted: the option, until a worker fails (then the page, for this session). */
  let drawIn: 'worker' | 'page' = options.drawIn === 'worker' && workerBoardSupported() ? 'worker' : 'page';
  const framePath = resolveFramePath(options.framePath);
  let canvasKey = 0;
  const canvasListeners = new Set<() => void>();
  const layers = new Map<string, Layer>();
  let surface: { canvas: HTMLCanvasElement; view: CanvasView; background: string } | undefined;
  let scheduled = 0;
  /** Whether the canvas holds a picture worth keeping (its size is what it was when drawn). */
  let drewOnce = false;
  const drawn = { onClip: 0, exact: 0 };
  /** Where pictures are made and the composite painted, while a surface is attached (see `attach`). */
  let board: { on: HTMLCanvasElement; pictures: PictureBoard; ending?: ReturnType<typeof setTimeout> } | undefined;
  let nextPicture = 1;
  const newPicture = () => nextPicture++;
  const requestDraw = () => session.requestDraw();
  const stillLayers = createStillLayers({ board: () => board?.pictures, newPicture, requestDraw });
  const pictures = createPictureMaker(() => board?.pictures, requestDraw);
  const decoders = createRunDecoders(options, requestDraw);
  const parting = createPartingPictures(options.partingMs, (picture) => board?.pictures.free(picture));
  // Draws asked for later, when nothing else would call for one.
  const restWake = createWakeUp(requestDraw);
  const silentWake = createWakeUp(requestDraw);
  const mixedHold = createMixedTimeHold(options.holdMixedMs, requestDraw);
  /**
   * The board goes with its canvas: the layers' pictures with it (they are made again on the next
   * board, from frames decoded again where a layer let its go).
   */
  const endBoard = () => {
    if (!board) return;
    clearTimeout(board.ending);
    parting.dropAll();
    board.pictures.dispose();
    boardsByCanvas.delete(board.on);
    board = undefined;
    stillLayers.lostAll();
    paintedSize = '';
    for (const layer of layers.values()) {
      pictures.forget(layer);
      layer.resting = false;
    }
  };
  /** The size the composite was last painted at, in device pixels. */
  let paintedSize = '';
  /** Video and still layers together, bottom first. */
  const everyLayerInPaintOrder = (): ({ video: Layer } | { still: StillLayer })[] =>
    [...[...layers.values()].map((video) => ({ video, order: video.entry.track().layout.order })), ...stillLayers.all().map((still) => ({ still, order: still.entry.track().layout.order }))].sort(
      (a, b) => a.order - b.order,
    );

  /**
   * One video layer at the playhead: the frame its clip names there (or, while that one is decoded,
   * the last one shown), its picture made and brought to the front, the next frame's and the next
   * clip's first frame's pictures made ahead of their time; and, paused on its frame long enough,
   * its decoders let go. What it paints, and what it showed.
   */
  function drawVideoLayer(layer: Layer, playheadMs: number, aheadMs: number, scale: { x: number; y: number }, running: boolean, now: number) {
    const track = layer.entry.track();
    const { current, upcoming } = runsToMount(clipRuns(track.clips), playheadMs, aheadMs);
    // Off the playhead a run holds nothing: its decoder and frames go.
    decoders.keepOnly(layer, [current?.firstClip, upcoming?.firstClip]);
    // The look of the clip under the playhead, over the track's (a run may join clips of different looks).
    const clip = clipAt(track.clips, playheadMs);
    // The next clip's first frame, decoded before the cut and its picture made, so the cut shows it on time.
    const cutTo = upcoming && decoders.framesOf(layer, upcoming).show(sourceTimeAt(upcoming, upcoming.startMs)).frame;
    if (cutTo && upcoming) pictures.make(layer, layer.cut, upcoming.firstClip, cutTo, sizeOf(cutTo, track, clipAt(track.clips, upcoming.startMs), upcoming.startMs, scale));
    if (!current) {
      layer.exactSince = undefined;
      layer.resting = false;
      return { shown: { onClip: false, exact: true, drawn: false, silentMs: 0 }, mixed: false };
    }
    const seconds = sourceTimeAt(current, playheadMs);
    const staged = layer.frontHas;
    let exact: boolean;
    let silentMs = 0;
    if (layer.resting && staged && staged.run === current.firstClip && staged.timestamp <= seconds + frameEdgeSeconds && seconds + frameEdgeSeconds < staged.timestamp + staged.duration) {
      // Resting on the frame at the playhead: nothing to decode.
      exact = true;
    } else {
      layer.resting = false;
      const frames = decoders.framesOf(layer, current);
      const shown = frames.show(seconds);
      const pictured = shown.frame !== undefined && pictures.front(layer, current.firstClip, shown.frame, sizeOf(shown.frame, track, clip, playheadMs, scale));
      exact = shown.exact && pictured;
      silentMs = frames.silentMs();
      // The next frame's picture, made while this one shows, so it is ready at its time.
      const next = frames.peekNext();
      if (pictured && next && !layer.back.making) pictures.make(layer, layer.back, current.firstClip, next, sizeOf(next, track, clip, playheadMs, scale));
    }
    if (layer.frontHas) parting.drop(layer.entry.trackId);
    const kept = parting.get(layer.entry.trackId);
    const picture = layer.frontHas ? layer.front : kept?.picture;
    // Paused on the frame long enough: the decoder and its frames go; the picture stays.
    if (exact && !running && !layer.resting) {
      layer.exactSince ??= now;
      if (now - layer.exactSince >= options.restAfterMs) {
        decoders.keepOnly(layer, []);
        layer.resting = true;
      } else restWake.after(options.restAfterMs);
    } else if (!exact || running) {
      layer.exactSince = undefined;
    }
    return {
      painted: { paint: layerPaint(track, clip, playheadMs, scale, layer.frontHas?.media ?? kept?.media), picture },
      shown: { onClip: true, exact, drawn: layer.frontHas !== undefined, silentMs },
      // A layer with no picture yet shows Loading over an empty box; one with a picture of another
      // time is a mix, unless its Buffering says so.
      mixed: !exact && picture !== undefined && !layer.entry.saysBuffering(),
    };
  }

  function draw(frameStart: number): void {
    scheduled = 0;
    if (!surface || !board) return;
    const { canvas, view, background } = surface;
    // The backing store follows the canvas's size on screen, in device pixels.
    const ratio = window.devicePixelRatio || 1;
    const width = Math.max(1, Math.round(canvas.clientWidth * ratio));
    const height = Math.max(1, Math.round(canvas.clientHeight * ratio));
    // Resizing clears the canvas: nothing is kept to hold.
    const resized = paintedSize !== `${width}x${height}`;
    // Painted now, the composite reaches the screen a little later (`leadMs`): while playing it
    // shows the frames the playhead names then, as an element presents each frame at its display
    // time, so picture and sound meet (measured without this: the flash seen about 20 ms after its
    // beep was heard on the page's thread, 25-42 ms through the worker).
    const playheadMs = view.clock.running ? view.clock.playheadAt(frameStart + board.pictures.leadMs) : view.clock.playheadAt();
    const aheadMs = view.clock.running ? view.prerollMs : 0;
    const scale = { x: width / view.width, y: height / view.height };
    const painted: PaintedLayer[] = [];
    const reports: [Layer, LayerShown][] = [];
    const now = performance.now();
    let mixed = false;
    for (const item of everyLayerInPaintOrder()) {
      if ('still' in item) {
        const still = stillLayers.painted(item.still, board.pictures, playheadMs, scale);
        if (still) painted.push(still);
        continue;
      }
      const layer = drawVideoLayer(item.video, playheadMs, aheadMs, scale, view.clock.running, now);
      if (layer.painted) painted.push(layer.painted);
      reports.push([item.video, layer.shown]);
      mixed ||= layer.mixed;
    }
    if (!mixedHold.holds(mixed, !resized && drewOnce)) {
      board.pictures.paint(width, height, background, painted);
      paintedSize = `${width}x${height}`;
      drewOnce = true;
    }
    // A decoder that gives nothing calls for no draw: look again once it has been silent long
    // enough for its layer to replace it (paused, nothing else would).
    const longestSilentMs = Math.max(0, ...reports.map(([, shown]) => shown.silentMs));
    if (longestSilentMs > 0 && longestSilentMs <= options.silentDecoderMs) silentWake.after(options.silentDecoderMs - longestSilentMs + 50);
    drawn.onClip = reports.filter(([, shown]) => shown.onClip).length;
    drawn.exact = reports.filter(([, shown]) => shown.onClip && shown.exact).length;
    for (const [layer, shown] of reports) layer.entry.onShown(shown);
  }

  /** A drawing worker's failure, reported to the host; after the hand-over, the surface is given a new canvas the page draws on. */
  const watchWorker = (canvas: HTMLCanvasElement) => ({
    failed(reason: string) {
      drawIn = 'page';
      // The pictures the worker was given went with it; the page's board needs them again.
      stillLayers.lostAll();
      host.reportError(new RendererError('worker-failed', 'canvas', `The canvas renderer's drawing worker could not start (${reason}): the composite is drawn on the page's thread.`));
      canvasChanged();
    },
    lost(reason: string) {
      drawIn = 'page';
      host.reportError(new RendererError('worker-lost', 'canvas', `The canvas renderer's drawing worker failed (${reason}): the composite is drawn again on a new canvas, on the page's thread.`));
      if (board?.on === canvas) endBoard();
      canvasKey += 1;
      canvasChanged();
    },
  });
  const canvasChanged = () => {
    for (const listener of [...canvasListeners]) listener();
  };

  const session: CanvasSession = {
    options,
    canvasKey: () => canvasKey,
    subscribeCanvas(listener) {
      canvasListeners.add(listener);
      return () => canvasListeners.delete(listener);
    },
    drawsIn: () => drawIn,
    framePath: () => framePath,
    attach(canvas, view) {
      // A layer's box is filled as a `<video>`'s is: with the composite's background (themeable).
      const composite = canvas.parentElement ? getComputedStyle(canvas.parentElement).backgroundColor : '';
      const background = composite && composite !== 'rgba(0, 0, 0, 0)' ? composite : '#000';
      surface = { canvas, view, background };
      // The same canvas attached again (new settings, React's development double mount) keeps its
      // board: a canvas handed to a worker cannot be handed over twice.
      clearTimeout(board?.ending);
      if (board && board.on !== canvas) endBoard();
      board ??= { on: canvas, pictures: drawIn === 'worker' ? createWorkerBoard(canvas, watchWorker(canvas), framePath) : createLocalBoard(() => canvas, () => framePath) };
      boardsByCanvas.set(canvas, board.pictures);
      session.requestDraw();
      return () => {
        if (surface?.canvas !== canvas) return;
        surface = undefined;
        cancelAnimationFrame(scheduled);
        scheduled = 0;
        for (const wake of [mixedHold, restWake, silentWake]) wake.cancel();
        parting.dropAll();
        drewOnce = false;
        if (board) board.ending = setTimeout(endBoard, 0);
      };
    },
    register(entry, captureStill) {
      const slot = () => ({ picture: newPicture() });
      const layer: Layer = { entry, runs: new Map(), front: newPicture(), back: slot(), cut: slot(), resting: false, gone: false };
      layers.set(entry.trackId, layer);
      session.requestDraw();
      return () => {
        layer.gone = true;
        // Going away for the decoder budget: keep a small still of what it showed.
        const shown = layer.frontHas;
        if (shown && board && captureStill()) stills.capture(entry.trackId, board.pictures.copy(layer.front), shown.width, shown.height);
        // Its last picture stays a while for the track's next layer (see `createPartingPictures`).
        parting.drop(entry.trackId);
        if (shown && board) {
          parting.keep(entry.trackId, layer.front, shown.media);
          layer.front = newPicture();
        }
        // Gives the pictures' backing stores back now rather than at garbage collection.
        for (const picture of [layer.front, layer.back.picture, layer.cut.picture]) board?.pictures.free(picture);
        pictures.forget(layer);
        decoders.keepOnly(layer, []);
        if (layers.get(entry.trackId) === layer) layers.delete(entry.trackId);
        // With no layer left, the conversion buffers (a frame's size each) go too.
        if (layers.size === 0) board?.pictures.idle();
        session.requestDraw();
      };
    },
    registerStill: (entry) => stillLayers.register(entry),
    pictureBytes: () => stillLayers.bytes(),
    requestDraw() {
      if (scheduled || !surface) return;
      scheduled = requestAnimationFrame(draw);
    },
    frameCounts: () => decoders.counts(layers.values()),
    lastDraw: () => ({ ...drawn }),
    liveDecoders: () => decoders.live(layers.values()),
    openExport() {
      if (!surface) throw new Error('multitrack-kit: the composite is not on screen: mount a CompositeView to export it.');
      return createCompositeExport({
        options,
        // Its own: the pictures on screen may be made in a worker.
        stager: createPictureStager(() => framePath),
        layers: () =>
          everyLayerInPaintOrder().map((item) => {
            if ('video' in item) return { trackId: item.video.entry.trackId, track: item.video.entry.track, frames: item.video.entry.video.frames };
            const { entry, picture } = item.still;
            // A copy of what the board holds (a still may be in a worker): the export closes it.
            return { trackId: entry.trackId, track: entry.track, media: entry.media, still: () => (item.still.placed && board ? board.pictures.copy(picture) : Promise.resolve(undefined)) };
          }),
        composition: () => {
          if (!surface) throw new DOMException('The composite left the screen.', 'AbortError');
          return { width: surface.view.width, height: surface.view.height, background: surface.background };
        },
      });
    },
    stillOf: (trackId) => stills.get(trackId),
    releaseStill: (trackId) => stills.release(trackId),
  };
  canvasSessions.add(session);
  return session;
}

/** The canvas renderer's session, for its own components. */
export function useCanvasSession(needs = 'a canvas layer'): CanvasSession {
  const { session } = useRenderer();
  if (!canvasSessions.has(session)) throw new Error(`multitrack-kit: ${needs} needs the canvas renderer (config.renderer: createCanvasRenderer()).`);
  return session as CanvasSession;
}

/**
 * Opens exports of the composite for a host's export pipeline: `const exporter = open()`, then
 * `await exporter.frameAt(ms)` for each frame (the caller closes each), `exporter.close()` at the
 * end. Only with the canvas renderer, inside a provider whose CompositeView is mounted.
 */
export function useCompositeExport(): () => CompositeExport {
  const session = useCanvasSession('exporting the composite');
  return session.openExport;
}

/**
 * The composite's pixels as the canvas renderer last painted them; undefined before its first
 * paint, or when `canvas` is not a composite on screen. Read this rather than the `<canvas>`
 * itself (with `drawImage`, `getImageData` or `createImageBitmap`) for a still or a check of what
 * is shown: the board reads its own canvas, where it paints. The `<canvas>` of a board in a worker
 * is only a placeholder on the page, and Firefox (153) makes a page that reads one wait for the
 * worker; read just after a paint, it has hung the page for 10 s (docs: Engines).
 */
export function compositeSnapshot(canvas: HTMLCanvasElement): Promise<ImageData | undefined> {
  return boardsByCanvas.get(canvas)?.snapshot() ?? Promise.resolve(undefined);
}
