import type { ClockReader } from '../../playback';
import { clipAt, clipRuns, runsToMount, sourceTimeAt, type ClipRun, type ClipTiming, type Track } from '../../state';
import { useRenderer } from '../RendererContext';
import { RendererError, type RendererHost, type RendererSession } from '../renderer';
import { createStillFrames } from '../stillFrames';
import type { CanvasRendererOptions } from './canvasOptions';
import { createCompositeExport, type CompositeExport } from './compositeExport';
import { layerPaint } from './drawLayer';
import { createLocalBoard, type PaintedLayer, type PictureBoard } from './pictureBoard';
import { createPictureStager } from './pictureStager';
import { createWorkerBoard, workerBoardSupported } from './workerBoard';
import { createLayerFrames, type LayerFrames } from './layerFrames';
import { createStillLayers, type StillLayer, type StillLayerEntry } from './stillLayers';
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
}

/** A frame whose picture a canvas holds, and where it sits. */
interface Pictured {
  frame: DecodedVideoFrame;
  run: number;
  timestamp: number;
  duration: number;
  width: number;
  height: number;
  /** The source picture's size (the frame may be closed by the time the picture shows). */
  media: { width: number; height: number };
}

/** A picture on the board made ahead of its time, swapped to the front when it shows. */
interface PictureSlot {
  picture: number;
  has?: Pictured;
  /** The frame being made into it now. */
  making?: DecodedVideoFrame;
}

interface Layer {
  entry: CanvasLayerEntry;
  /** The frames of each clip run being decoded, by the run's first clip: the one on screen, and the next one ahead of a cut. */
  runs: Map<number, LayerFrames<DecodedVideoFrame>>;
  /** What the layer draws (a picture on the board): the picture of `frontHas`, fitted to its box. */
  front: number;
  frontHas?: Pictured;
  /** The next frame's picture, made while this one shows. */
  back: PictureSlot;
  /** The next clip's first frame's picture, made once it is decoded ahead of the cut, so the cut shows it on time. */
  cut: PictureSlot;
  /** Since when the layer has shown exactly the frame at a still playhead. */
  exactSince?: number;
  /** Paused on its frame long enough, it let go of its decoder and frames; its picture stays. */
  resting: boolean;
  gone: boolean;
}

const holds = (pictured: Pictured | undefined, frame: DecodedVideoFrame, size: { width: number; height: number }) =>
  pictured !== undefined && pictured.frame === frame && pictured.width === size.width && pictured.height === size.height;

/** The size `frame`'s picture is staged at for `track`'s layer while `clip` plays (its composite plan). */
const sizeOf = (frame: DecodedVideoFrame, track: Track, clip: ClipTiming | undefined, scale: { x: number; y: number }) =>
  layerPaint(track, clip, scale, { width: frame.frame.displayWidth, height: frame.frame.displayHeight }).staged;

const canvasSessions = new WeakSet<RendererSession>();
/** The board painting each composite `<canvas>` on screen, for `compositeSnapshot`. */
const boardsByCanvas = new WeakMap<HTMLCanvasElement, PictureBoard>();

export function createCanvasSession(options: CanvasRendererOptions, host: RendererHost): CanvasSession {
  const stills = createStillFrames();
  /** Where pictures are made and painted: the option, until a worker fails (then the page, for this session). */
  let drawIn: 'worker' | 'page' = options.drawIn === 'worker' && workerBoardSupported() ? 'worker' : 'page';
  let canvasKey = 0;
  const canvasListeners = new Set<() => void>();
  const layers = new Map<string, Layer>();
  let surface: { canvas: HTMLCanvasElement; view: CanvasView; background: string } | undefined;
  let scheduled = 0;
  const countedByGone = { shown: 0, skipped: 0 };
  /** When the layers began to show frames of different times (one still decoding toward the playhead). */
  let mixedSince: number | undefined;
  let holdTimer: ReturnType<typeof setTimeout> | undefined;
  /** Whether the canvas holds a picture worth keeping (its size is what it was when drawn). */
  let drewOnce = false;
  const drawn = { onClip: 0, exact: 0 };
  /** Where pictures are made and the composite painted, while a surface is attached (see `attach`). */
  let board: { on: HTMLCanvasElement; pictures: PictureBoard; ending?: ReturnType<typeof setTimeout> } | undefined;
  let nextPicture = 1;
  const newPicture = () => nextPicture++;
  const stillLayers = createStillLayers({ board: () => board?.pictures, newPicture, requestDraw: () => session.requestDraw() });
  /**
   * The board goes with its canvas: the layers' pictures with it (they are made again on the next
   * board, from frames decoded again where a layer let its go).
   */
  const endBoard = () => {
    if (!board) return;
    clearTimeout(board.ending);
    for (const trackId of [...parting.keys()]) dropParting(trackId);
    board.pictures.dispose();
    boardsByCanvas.delete(board.on);
    board = undefined;
    stillLayers.lostAll();
    paintedSize = '';
    for (const layer of layers.values()) {
      layer.frontHas = undefined;
      layer.resting = false;
      for (const slot of [layer.back, layer.cut]) {
        slot.has = undefined;
        slot.making = undefined;
      }
    }
  };
  /** The size the composite was last painted at, in device pixels. */
  let paintedSize = '';
  /** Video and still layers together, bottom first. */
  const everyLayerInPaintOrder = (): ({ video: Layer } | { still: StillLayer })[] =>
    [...[...layers.values()].map((video) => ({ video, order: video.entry.track().layout.order })), ...stillLayers.all().map((still) => ({ still, order: still.entry.track().layout.order }))].sort(
      (a, b) => a.order - b.order,
    );
  let restTimer: ReturnType<typeof setTimeout> | undefined;
  let silentTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * The last picture of a layer that went, by track, for a while: a track that opens its media
   * again (another rendition, a software decoder, a retry) shows it until its first frame, rather
   * than a blank box, as the element renderer keeps the old element until the new one shows.
   */
  const parting = new Map<string, { picture: number; media: { width: number; height: number }; timer: ReturnType<typeof setTimeout> }>();
  const dropParting = (trackId: string) => {
    const kept = parting.get(trackId);
    if (!kept) return;
    clearTimeout(kept.timer);
    board?.pictures.free(kept.picture);
    parting.delete(trackId);
  };

  /** Makes the frame's picture in one of the layer's slots, unless it is there or being made. */
  const makePicture = (layer: Layer, slot: PictureSlot, run: number, frame: DecodedVideoFrame, size: { width: number; height: number }) => {
    if (!board || slot.making === frame || holds(slot.has, frame, size)) return;
    slot.making = frame;
    slot.has = undefined;
    // A copy of the frame's own: the layer may close the frame (the next one shows) meanwhile.
    const copy = frame.frame.clone();
    const on = board;
    void on.pictures
      .stage(slot.picture, copy, size.width, size.height, () => slot.making === frame && !layer.gone && board === on)
      .then((made) => {
        if (slot.making !== frame) return;
        slot.making = undefined;
        if (made) slot.has = { frame, run, timestamp: frame.timestamp, duration: frame.duration, ...size, media: { width: frame.frame.displayWidth, height: frame.frame.displayHeight } };
        session.requestDraw();
      })
      .finally(() => copy.close());
  };

  /**
   * Whether the layer's front picture is the frame's: already, or by swapping in one made ahead of
   * time (the next frame's, or the next clip's first). If not, its making starts, and the layer
   * shows its last picture meanwhile.
   */
  const pictureOf = (layer: Layer, run: number, frame: DecodedVideoFrame, size: { width: number; height: number }) => {
    if (holds(layer.frontHas, frame, size)) return true;
    for (const slot of [layer.back, layer.cut]) {
      if (!holds(slot.has, frame, size)) continue;
      [layer.front, slot.picture] = [slot.picture, layer.front];
      layer.frontHas = slot.has;
      slot.has = undefined;
      return true;
    }
    makePicture(layer, layer.back, run, frame, size);
    return false;
  };

  const framesOf = (layer: Layer, run: ClipRun) => {
    let frames = layer.runs.get(run.firstClip);
    if (!frames) {
      frames = createLayerFrames(layer.entry.video.frames, {
        framesAhead: options.framesAhead,
        jumpSeconds: options.jumpSeconds,
        onFrame: session.requestDraw,
        onError: layer.entry.onError,
      });
      layer.runs.set(run.firstClip, frames);
    }
    return frames;
  };

  const dropRun = (layer: Layer, first: number) => {
    const frames = layer.runs.get(first);
    if (!frames) return;
    countedByGone.shown += frames.shownCount;
    countedByGone.skipped += frames.skipped;
    frames.dispose();
    layer.runs.delete(first);
  };

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
    const ordered = everyLayerInPaintOrder();
    const painted: PaintedLayer[] = [];
    const reports: [Layer, LayerShown][] = [];
    const now = performance.now();
    let mixed = false;
    /** The longest any layer's decoder has been asked and given nothing, in ms. */
    let longestSilentMs = 0;
    for (const item of ordered) {
      if ('still' in item) {
        const still = stillLayers.painted(item.still, board.pictures, playheadMs, scale);
        if (still) painted.push(still);
        continue;
      }
      const layer = item.video;
      const track = layer.entry.track();
      const { current, upcoming } = runsToMount(clipRuns(track.clips), playheadMs, aheadMs);
      // Off the playhead a run holds nothing: its decoder and frames go.
      for (const first of [...layer.runs.keys()]) if (first !== current?.firstClip && first !== upcoming?.firstClip) dropRun(layer, first);
      // The look of the clip under the playhead, over the track's (a run may join clips of different looks).
      const clip = clipAt(track.clips, playheadMs);
      // The next clip's first frame, decoded before the cut and its picture made, so the cut shows it on time.
      const cutTo = upcoming && framesOf(layer, upcoming).show(sourceTimeAt(upcoming, upcoming.startMs)).frame;
      if (cutTo && upcoming) makePicture(layer, layer.cut, upcoming.firstClip, cutTo, sizeOf(cutTo, track, clipAt(track.clips, upcoming.startMs), scale));
      if (!current) {
        layer.exactSince = undefined;
        layer.resting = false;
        reports.push([layer, { onClip: false, exact: true, drawn: false, silentMs: 0 }]);
        continue;
      }
      const seconds = sourceTimeAt(current, playheadMs);
      const staged = layer.frontHas;
      let exact: boolean;
      let silentMs = 0;
      if (layer.resting && staged && staged.run === current.firstClip && staged.timestamp <= seconds + 0.0001 && seconds + 0.0001 < staged.timestamp + staged.duration) {
        // Resting on the frame at the playhead: nothing to decode.
        exact = true;
      } else {
        layer.resting = false;
        const frames = framesOf(layer, current);
        const shown = frames.show(seconds);
        const pictured = shown.frame !== undefined && pictureOf(layer, current.firstClip, shown.frame, sizeOf(shown.frame, track, clip, scale));
        exact = shown.exact && pictured;
        silentMs = frames.silentMs();
        longestSilentMs = Math.max(longestSilentMs, silentMs);
        // The next frame's picture, made while this one shows, so it is ready at its time.
        const next = frames.peekNext();
        if (pictured && next && !layer.back.making) makePicture(layer, layer.back, current.firstClip, next, sizeOf(next, track, clip, scale));
      }
      if (layer.frontHas) dropParting(layer.entry.trackId);
      const picture = layer.frontHas ? layer.front : parting.get(layer.entry.trackId)?.picture;
      // A layer with no picture yet shows Loading over an empty box; one with a picture of another
      // time is a mix, unless its Buffering says so.
      if (!exact && picture && !layer.entry.saysBuffering()) mixed = true;
      const media = layer.frontHas?.media ?? parting.get(layer.entry.trackId)?.media;
      painted.push({ paint: layerPaint(track, clip, scale, media), picture });
      reports.push([layer, { onClip: true, exact, drawn: layer.frontHas !== undefined, silentMs }]);
      // Paused on the frame long enough: the decoder and its frames go; the picture stays.
      if (exact && !view.clock.running && !layer.resting) {
        layer.exactSince ??= now;
        if (now - layer.exactSince >= options.restAfterMs) {
          for (const first of [...layer.runs.keys()]) dropRun(layer, first);
          layer.resting = true;
        } else {
          restTimer ??= setTimeout(() => {
            restTimer = undefined;
            session.requestDraw();
          }, options.restAfterMs);
        }
      } else if (!exact || view.clock.running) {
        layer.exactSince = undefined;
      }
    }
    // Never a mix of times without saying so: while a layer decodes toward the playhead the
    // composite keeps its last picture, for up to holdMixedMs (by then a playing layer has said
    // Buffering and the clock waits for it); the frames that arrive call for a draw again.
    if (mixed) mixedSince ??= now;
    else mixedSince = undefined;
    const hold = mixedSince !== undefined && now - mixedSince < options.holdMixedMs && !resized && drewOnce;
    if (!hold) {
      board.pictures.paint(width, height, background, painted);
      paintedSize = `${width}x${height}`;
      drewOnce = true;
    } else if (mixedSince !== undefined) {
      // Look again when the hold runs out, in case no frame arrives to call for it.
      holdTimer ??= setTimeout(() => {
        holdTimer = undefined;
        session.requestDraw();
      }, options.holdMixedMs);
    }
    // A decoder that gives nothing calls for no draw: look again once it has been silent long
    // enough for its layer to replace it (paused, nothing else would).
    if (longestSilentMs > 0 && longestSilentMs <= options.silentDecoderMs) {
      silentTimer ??= setTimeout(() => {
        silentTimer = undefined;
        session.requestDraw();
      }, options.silentDecoderMs - longestSilentMs + 50);
    }
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
    attach(canvas, view) {
      // A layer's box is filled as a `<video>`'s is: with the composite's background (themeable).
      const composite = canvas.parentElement ? getComputedStyle(canvas.parentElement).backgroundColor : '';
      const background = composite && composite !== 'rgba(0, 0, 0, 0)' ? composite : '#000';
      surface = { canvas, view, background };
      // The same canvas attached again (new settings, React's development double mount) keeps its
      // board: a canvas handed to a worker cannot be handed over twice.
      clearTimeout(board?.ending);
      if (board && board.on !== canvas) endBoard();
      board ??= { on: canvas, pictures: drawIn === 'worker' ? createWorkerBoard(canvas, watchWorker(canvas)) : createLocalBoard(() => canvas) };
      boardsByCanvas.set(canvas, board.pictures);
      session.requestDraw();
      return () => {
        if (surface?.canvas !== canvas) return;
        surface = undefined;
        cancelAnimationFrame(scheduled);
        scheduled = 0;
        clearTimeout(holdTimer);
        holdTimer = undefined;
        clearTimeout(restTimer);
        restTimer = undefined;
        clearTimeout(silentTimer);
        silentTimer = undefined;
        for (const trackId of [...parting.keys()]) dropParting(trackId);
        drewOnce = false;
        if (board) board.ending = setTimeout(endBoard, 0);
      };
    },
    register(entry, captureStill) {
      const slot = (): PictureSlot => ({ picture: newPicture() });
      const layer: Layer = { entry, runs: new Map(), front: newPicture(), back: slot(), cut: slot(), resting: false, gone: false };
      layers.set(entry.trackId, layer);
      session.requestDraw();
      return () => {
        layer.gone = true;
        // Going away for the decoder budget: keep a small still of what it showed.
        const shown = layer.frontHas;
        if (shown && board && captureStill()) stills.capture(entry.trackId, board.pictures.copy(layer.front), shown.width, shown.height);
        // Its last picture stays a while for the track's next layer (see `parting`).
        dropParting(entry.trackId);
        if (shown && board) {
          const picture = layer.front;
          layer.front = newPicture();
          parting.set(entry.trackId, { picture, media: shown.media, timer: setTimeout(() => dropParting(entry.trackId), options.partingMs) });
        }
        // Gives the pictures' backing stores back now rather than at garbage collection.
        for (const picture of [layer.front, layer.back.picture, layer.cut.picture]) board?.pictures.free(picture);
        layer.frontHas = undefined;
        layer.back.has = undefined;
        layer.cut.has = undefined;
        for (const first of [...layer.runs.keys()]) dropRun(layer, first);
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
    frameCounts() {
      const counts = { ...countedByGone };
      for (const layer of layers.values()) {
        for (const frames of layer.runs.values()) {
          counts.shown += frames.shownCount;
          counts.skipped += frames.skipped;
        }
      }
      return counts;
    },
    lastDraw: () => ({ ...drawn }),
    liveDecoders() {
      let live = 0;
      for (const layer of layers.values()) for (const frames of layer.runs.values()) if (frames.decoding) live += 1;
      return live;
    },
    openExport() {
      if (!surface) throw new Error('multitrack-kit: the composite is not on screen: mount a CompositeView to export it.');
      return createCompositeExport({
        options,
        // Its own: the pictures on screen may be made in a worker.
        stager: createPictureStager(),
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
