import type { ComponentType } from 'react';
import type { Track } from '../state';

/**
 * A renderer turns seen tracks whose media is ready into pictures. The compositor picks one in
 * its config (`config.renderer`); the `<video>` element renderer (`createElementRenderer`) is
 * the default. Everything else (state, sources, clip timing, the load machine, decoder planning,
 * the clock) knows no renderer, so a second one plugs in here and nowhere else.
 *
 * What the kit does for a renderer, so a renderer need not:
 * - decides which tracks are seen (visible, on the composite), loads their media in priority order
 *   within the decoder budget, and mounts `Layer` only for a seen track whose media is ready (its
 *   load state holds media: `ready` or `buffering`). Unmounting `Layer` is the signal to let go of
 *   every decoder, element, frame and listener it holds.
 * - resolves the media: `useLoadedRendition(track.id)` names the rendition (original or proxy)
 *   the loader has ready, and `useRenditionSource(track, rendition)` gives its `ResolvedSource`
 *   (a URL to read, by Range where it streams). Subscribing through that hook is what keeps the
 *   source alive; it is released (object URLs revoked) once nobody uses it.
 * - runs the master clock: `usePlaybackContext().clock.playheadAt(wallMs)` is the playhead at a
 *   display time; `selectCompositeRunning` says whether it moves; `selectSeekRevision` changes on
 *   every explicit seek or frame step. Time is read from the clock, never from the store per frame.
 * - says which clip runs need a decoder now: `mountedRunsKey` / `mountedRuns` (the run on screen,
 *   the next one within the preroll while playing, the last one within the keep-behind).
 * - counts seeks in flight (`usePlaybackContext().seeks.begin()`), so scrubbing waits for decoders.
 *
 * What a renderer reports back, by dispatching to the store (`useCompositorDispatch`), each with
 * the track's load `attempt` so a late report cannot land on a newer load:
 * - `trackMediaMeasured` (picture size, what its decoder costs) and `trackDurationLearnt`;
 * - `trackBufferingStarted` / `trackBufferingEnded` when a layer cannot keep up (the composite
 *   waits while any seen track buffers);
 * - `trackLoadFailed` with a `MediaSourceError`'s load error when its media cannot be decoded;
 * - `playerLimitReached` when the platform refuses one more decoder.
 *
 * And what it must keep, for the memory monitor and the decoder budget, in its session.
 */
export interface CompositorRenderer {
  /** A short name for logs and data attributes (`elements`, `canvas`). */
  readonly name: string;
  /**
   * Starts the renderer's per-compositor state; the provider makes one session per mounted
   * compositor, and hears through `host` what goes wrong beyond one track.
   */
  createSession(host: RendererHost): RendererSession;
  /** Drawn once inside the composite view, under the layers (a canvas renderer's one canvas). Optional. */
  Surface?: ComponentType<RendererSurfaceProps>;
  /** Drawn inside the layer box of a seen track whose media is ready; shows its picture at the clock's time. */
  Layer: ComponentType<RendererLayerProps>;
}

/** What the compositor gives a renderer's session. */
export interface RendererHost {
  /**
   * A fault of the renderer itself, not of one track's media (those go to the track's load state):
   * reaches the host's `onRendererError`.
   */
  reportError(error: RendererError): void;
}

/**
 * Why a renderer changed how it draws, or could not draw: `worker-failed`, the canvas
 * renderer's drawing worker failed before it took the canvas (the page draws instead);
 * `worker-lost`, it failed after (the composite is drawn on a new canvas by the page). The
 * composite goes on drawing in both: the error says what changed and why.
 */
export class RendererError extends Error {
  override readonly name = 'RendererError';

  constructor(
    /** `bad-option`: a renderer was made with an option it cannot take (thrown by its factory). */
    readonly code: 'worker-failed' | 'worker-lost' | 'bad-option',
    readonly renderer: string,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** What one compositor's renderer holds across its layers. */
export interface RendererSession {
  /** Decoders alive right now (elements holding a source, WebCodecs decoders): what the memory monitor counts. */
  liveDecoders(): number;
  /** Bytes of the still layers' pictures (images, titles) it holds: what the memory monitor counts for them. */
  pictureBytes(): number;
  /**
   * A small picture of a suspended track's last frame, when the renderer kept one as the track
   * let go of its decoder. Shown under the Suspended badge.
   */
  stillOf(trackId: string): HTMLCanvasElement | undefined;
  /** The track is no longer suspended or gone: its still is let go. */
  releaseStill(trackId: string): void;
}

export interface RendererSurfaceProps {
  /** The composition's size, in the pixels track layouts use. */
  width: number;
  height: number;
}

export interface RendererLayerProps {
  /** The track to draw; its layout box is the parent element. */
  track: Track;
}
