import { useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import {
  frameEdgeSeconds,
  selectCompositeRunning,
  selectFrameRate,
  selectIsPlaying,
  selectSeekRevision,
  selectSelectedTrackId,
  sourceTimeAt,
  speedOf,
  useCompositorSelector,
  useCompositorStore,
  type ClipRun,
} from '../../state';
import { elementCanPlayOn } from './elementCanPlayOn';
import { createDriftController, type SeekLead } from './driftController';
import { abandonSeek, seekElement } from './elementSeek';
import { createFrameDurationEstimate } from './frameDuration';
import { createMediaTimeOffset } from './mediaTimeOffset';
import { watchStarvation } from '../starvationWatch';
import { createStallDetector } from './stallDetector';
import { useSourceContext } from '../../sources';
import { usePlaybackContext } from '../../playback';
import { useElementSession } from './elementSession';

export interface ClipSyncTarget {
  trackId: string;
  /** The clips this element plays through without a seek. */
  run: ClipRun;
  /** On screen now; otherwise the element waits, paused, on the first frame of its run. */
  active: boolean;
  /** The track's load attempt, so a buffering report cannot land on a later attempt. */
  attempt: number;
  /** The source's frame rate when the host knows it; learnt from presented frames otherwise. */
  frameRate?: number;
  /** What the source itself asks the element to read ahead while waiting. */
  sourcePreload: 'none' | 'metadata' | 'auto';
  /**
   * Where an inactive element waits: on the first frame of its run (ahead of a cut, the default),
   * or at the playhead (about to take over from the element of another rendition).
   */
  waitAt?: 'start' | 'playhead';
  /** Told when an element waiting at the playhead shows the frame there and may take over. */
  onStandbyReady?: () => void;
}


/**
 * Keeps one element on the master clock: plays and pauses it with the composite, seeks it on
 * explicit seeks, corrects drift every presented frame (a bounded rate nudge, or a seek when far
 * off), and reports the track `buffering` when it cannot keep up, so the composite waits for it.
 */
export function useClipSync(ref: RefObject<HTMLVideoElement | null>, url: string | undefined, target: ClipSyncTarget): void {
  const { trackId, run, active, attempt, frameRate: sourceFrameRate, sourcePreload, waitAt = 'start', onStandbyReady } = target;
  const { clock, seeks, options } = usePlaybackContext();
  const { options: elementOptions } = useElementSession();
  const { noBytesTimeoutMs } = useSourceContext().options;
  const store = useCompositorStore();
  const running = useCompositorSelector(selectCompositeRunning);
  const wantsToPlay = useCompositorSelector(selectIsPlaying);
  const selected = useCompositorSelector((state) => selectSelectedTrackId(state) === trackId);
  const seekRevision = useCompositorSelector(selectSeekRevision);
  const compositionFrameRate = useCompositorSelector(selectFrameRate);
  // The run's times as one value, so effects restart when the clip changes, not on every render.
  const { startMs, inMs, outMs, speed } = run;
  const timing = useMemo(() => ({ startMs, inMs, outMs, speed }), [startMs, inMs, outMs, speed]);
  // The element plays its source at the clip's speed; the drift controller's nudges are about it.
  const pace = speedOf(timing);
  const [learntFrame] = useState(() => createFrameDurationEstimate(1 / compositionFrameRate));
  const [reportedOffset] = useState(createMediaTimeOffset);
  // What is learnt from presented frames holds for one source: another URL learns again.
  useEffect(
    () => () => {
      learntFrame.reset();
      reportedOffset.reset();
    },
    [url, learntFrame, reportedOffset],
  );
  // How long this element's seeks take while playing: a seek aims that far ahead of the clock.
  const seekLead = useRef<SeekLead>({ seconds: 0 });

  // Line up on explicit seeks, clip changes, and whenever the composite stops or starts.
  const linedUpAtSeek = useRef(seekRevision);
  useEffect(() => {
    const video = ref.current;
    if (!video || !url) return;
    const explicitSeek = linedUpAtSeek.current !== seekRevision;
    linedUpAtSeek.current = seekRevision;
    const atPlayhead = active || waitAt === 'playhead';
    const seconds = atPlayhead ? sourceTimeAt(timing, clock.playheadAt()) : timing.inMs / 1000;
    const frame = sourceFrameRate ? 1 / sourceFrameRate : learntFrame.seconds;
    // Starting to play, or taking over at a cut, the clock has moved on a frame or two since the
    // element was lined up: closing that is the drift controller's rate nudge, since a seek would
    // hold the picture and could go back to a frame before the one on screen. Paused, and after
    // an explicit seek, the element shows the playhead's frame exactly.
    const playing = running && active && !explicitSeek;
    const tolerance = playing ? elementOptions.drift.seekAfterFrames * frame : frame / 2;
    const lineUp = () => {
      if (Math.abs(video.currentTime - seconds) > tolerance) // Aimed a hair past the time asked for: one on a frame's first instant, after float error, can
      // fall short, and the browser would then show the frame before it.
      seekElement(video, seconds + frameEdgeSeconds, seeks);
    };
    lineUp();
    if (running) return;
    // Paused, an element may not rest where it was when checked above: WebKitGTK seeks by itself
    // on pausing, unasked, and can land two frames on. It lines up again whenever its time moves
    // while the composite stands still.
    const again = () => {
      if (!video.seeking) lineUp();
    };
    const events = ['pause', 'timeupdate', 'seeked'];
    for (const name of events) video.addEventListener(name, again);
    return () => {
      for (const name of events) video.removeEventListener(name, again);
    };
  }, [ref, url, seekRevision, running, active, waitAt, timing, clock, seeks, sourceFrameRate, learntFrame, elementOptions]);

  // What this engine reports for a frame presented while standing still (at load, after a seek).
  useEffect(() => {
    const video = ref.current;
    if (!video || !url || typeof video.requestVideoFrameCallback !== 'function') return;
    let handle = video.requestVideoFrameCallback(function onFrame(_now, metadata) {
      if (video.paused && !video.seeking) {
        reportedOffset.observeStill(metadata.mediaTime, video.currentTime, sourceFrameRate ? 1 / sourceFrameRate : learntFrame.seconds);
      }
      handle = video.requestVideoFrameCallback(onFrame);
    });
    return () => video.cancelVideoFrameCallback(handle);
  }, [ref, url, reportedOffset, sourceFrameRate, learntFrame]);

  // An element on standby at the playhead says when it shows the frame there, once.
  const standbyReady = useRef(onStandbyReady);
  useEffect(() => {
    standbyReady.current = onStandbyReady;
  }, [onStandbyReady]);
  useEffect(() => {
    const video = ref.current;
    if (!video || !url || active || waitAt !== 'playhead') return;
    let told = false;
    const check = () => {
      const frame = sourceFrameRate ? 1 / sourceFrameRate : learntFrame.seconds;
      // Playing, the playhead has moved on since the seek: the frame it landed on will do, since
      // the element lines up again as soon as it is on screen.
      const near = running || Math.abs(video.currentTime - sourceTimeAt(timing, clock.playheadAt())) <= frame;
      if (told || video.seeking || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || !near) return;
      told = true;
      standbyReady.current?.();
    };
    const events = ['loadeddata', 'seeked', 'canplay'];
    for (const name of events) video.addEventListener(name, check);
    check();
    return () => {
      for (const name of events) video.removeEventListener(name, check);
    };
  }, [ref, url, active, waitAt, running, timing, clock, sourceFrameRate, learntFrame]);

  useEffect(() => {
    const video = ref.current;
    if (!video || !url) return;
    // A track that will play soon reads ahead; one that waits reads only what its first frame needs.
    const { preload } = elementOptions;
    video.preload = wantsToPlay && active ? preload.playing : selected ? preload.selected : (preload.waiting ?? sourcePreload);
    if (!(running && active)) {
      video.pause();
      video.playbackRate = pace;
      return;
    }
    // Only where it differs: an engine may act on any rate it is given (WebKitGTK's pipeline).
    if (video.playbackRate !== pace) video.playbackRate = pace;
    const start = () =>
      video.play().catch((error: unknown) => {
        // A pause or teardown interrupting play() is expected; anything else shows on the element.
        if (!(error instanceof DOMException && error.name === 'AbortError')) video.pause();
      });
    // On the audio output, the clock holds a start (play, a seek, the sound starting under a
    // picture already playing) until sound started then can be heard; the picture waits as long,
    // or it runs ahead of its sound by the output's latency (measured: 28-42 ms at the first
    // flash after the first Play, when the sound starts after the picture).
    let held: ReturnType<typeof setTimeout> | undefined;
    const waitOutHold = () => {
      const holdMs = clock.holdRemainingMs();
      if (holdMs <= 0 || held !== undefined) return false;
      video.pause();
      held = setTimeout(() => {
        held = undefined;
        void start();
      }, holdMs);
      return true;
    };
    if (!waitOutHold()) void start();
    const unsubscribe = clock.subscribe(waitOutHold);
    return () => {
      unsubscribe();
      clearTimeout(held);
    };
  }, [ref, url, running, active, wantsToPlay, selected, elementOptions, sourcePreload, clock, seekRevision, pace]);

  // Every presented frame (or animation frame where the browser lacks frame callbacks): how far
  // off the clock is the element, and what to do about it (`driftController`); and an element
  // that presents nothing at all is caught by the stall detector.
  useEffect(() => {
    const video = ref.current;
    if (!video || !url || !running || !active) return;
    const drift = createDriftController(
      {
        policy: elementOptions.drift,
        expectedAt: (wallMs) => sourceTimeAt(timing, clock.playheadAt(wallMs)),
        frameSeconds: () => (sourceFrameRate ? 1 / sourceFrameRate : learntFrame.seconds),
        now: () => performance.now(),
        seek: (seconds) => seekElement(video, seconds, seeks),
        setRate: (rate) => {
          video.playbackRate = rate * pace;
        },
        get rate() {
          return video.playbackRate / pace;
        },
        onCheck: options.onSyncSample && ((check) => options.onSyncSample?.({ trackId, ...check })),
      },
      seekLead.current,
    );
    const check = (wallMs: number, mediaTime: number) => {
      if (video.paused || video.ended || video.seeking) return;
      drift.onFrame(wallMs, mediaTime);
    };
    const stalls = createStallDetector(video, {
      stallMs: options.bufferingGraceMs * 2,
      now: () => performance.now(),
      onPaused: () => void video.play().catch(() => undefined),
      onStall: () => drift.seekToClock(),
    });
    const watchdog = setInterval(stalls.check, 100);
    let stopFrames: () => void;
    if (typeof video.requestVideoFrameCallback === 'function') {
      let handle = 0;
      const onFrame: VideoFrameRequestCallback = (_now, metadata) => {
        learntFrame.observe(metadata.mediaTime);
        check(metadata.expectedDisplayTime, metadata.mediaTime - reportedOffset.seconds);
        handle = video.requestVideoFrameCallback(onFrame);
      };
      handle = video.requestVideoFrameCallback(onFrame);
      stopFrames = () => video.cancelVideoFrameCallback(handle);
    } else {
      let handle = 0;
      const onAnimationFrame = (wallMs: number) => {
        check(wallMs, video.currentTime);
        handle = requestAnimationFrame(onAnimationFrame);
      };
      handle = requestAnimationFrame(onAnimationFrame);
      stopFrames = () => cancelAnimationFrame(handle);
    }
    return () => {
      clearInterval(watchdog);
      stopFrames();
    };
  }, [ref, url, running, active, trackId, timing, clock, seeks, options, elementOptions, sourceFrameRate, learntFrame, reportedOffset, pace]);

  // Buffering: starved for longer than the grace while the composite plays, the track says so;
  // once it can play on (the composite may have stopped for it meanwhile), it says so again.
  useEffect(() => {
    const video = ref.current;
    if (!video || !url || !active || !wantsToPlay) return;
    const runEndSeconds = (timing.outMs ?? Number.POSITIVE_INFINITY) / 1000;
    const events = ['waiting', 'stalled', 'seeking', 'seeked', 'canplay', 'canplaythrough', 'playing', 'progress', 'loadeddata'];
    const watch = watchStarvation(store, {
      trackId,
      attempt: () => attempt,
      url,
      graceMs: options.bufferingGraceMs,
      noBytesMs: noBytesTimeoutMs,
      layer: {
        canPlayOn: () => elementCanPlayOn(video, runEndSeconds),
        fetching: () => video.networkState === HTMLMediaElement.NETWORK_LOADING,
        listen(changed, bytes) {
          for (const name of events) video.addEventListener(name, changed);
          video.addEventListener('progress', bytes);
          return () => {
            for (const name of events) video.removeEventListener(name, changed);
            video.removeEventListener('progress', bytes);
          };
        },
      },
    });
    // A track that leaves the screen (cut, hide, pause) no longer holds the composite back.
    return watch.stop;
  }, [ref, url, active, wantsToPlay, trackId, attempt, timing, store, options.bufferingGraceMs, noBytesTimeoutMs]);

  useEffect(() => {
    const video = ref.current;
    return () => {
      if (video) abandonSeek(video);
    };
  }, [ref]);
}
