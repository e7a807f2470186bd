import { useEffect, useMemo, useRef, useState } from 'react';
import { useAudioEngine } from '../audio';
import { createScrubThrottle, createShuttle, usePlaybackClock, usePlaybackContext } from '../playback';
import {
  markInSet,
  markOutSet,
  playheadSeeked,
  selectIsPlaying,
  selectTimelineDurationMs,
  selectTimelineMarks,
  useCompositorDispatch,
  useCompositorStore,
} from '../state';
import { useTransport } from './useTransport';

export interface EditorShortcutsOptions {
  /** Whether the page's keys drive the editor; a host with its own shortcuts turns them off. True by default. */
  enabled?: boolean;
}

const wallClock = () => performance.now();

/** The shuttle's speeds, each press of L (forward) or J (back) one further. */
const shuttleSpeeds = [1, 2, 4, 8];

/**
 * Whether a key pressed in `target` is the target's own: typing in a field, a control that answers
 * arrows or Space itself (a slider, a native range, a button), or anything that already handled it.
 */
function keyBelongsTo(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === 'TEXTAREA' || tag === 'SELECT') return true;
  if (tag === 'INPUT') return true;
  const role = target.getAttribute('role');
  if ((key === ' ' || key === 'Enter') && (tag === 'BUTTON' || tag === 'A' || role === 'button' || role === 'menuitem' || role === 'checkbox' || role === 'switch')) return true;
  if (key.startsWith('Arrow') || key === 'Home' || key === 'End') return role === 'slider' || role === 'spinbutton' || role === 'listbox' || role === 'menu' || role === 'tablist';
  return false;
}

/**
 * The page-wide keys of an editor, on the window while `enabled`: Space plays and pauses; J, K, L
 * shuttle (L plays, pressed again 2x, 4x, 8x; J the same backwards; K stops; above 1x and in
 * reverse by seeking, see `createShuttle`); ← / → step a frame, with Shift a second; Home and End
 * go to either end; I and O set the in and out marks at the playhead, Shift+I and Shift+O go to
 * them. A key typed in a field, or that a focused control answers itself, is left to it. Returns
 * the shuttle's speed (0 when it is not shuttling; 1 is playing).
 */
export function useEditorShortcuts({ enabled = true }: EditorShortcutsOptions = {}): { shuttleSpeed: number } {
  const dispatch = useCompositorDispatch();
  const store = useCompositorStore();
  const clock = usePlaybackClock();
  const { seeks } = usePlaybackContext();
  const engine = useAudioEngine();
  const transport = useTransport();
  const [shuttleSpeed, setShuttleSpeed] = useState(0);
  const latest = useRef(transport);
  useEffect(() => {
    latest.current = transport;
  });

  const shuttle = useMemo(() => {
    const throttle = createScrubThrottle(seeks, (ms) => dispatch(playheadSeeked(ms)));
    const driver = createShuttle({
      playheadMs: () => clock.playheadAt(),
      durationMs: () => selectTimelineDurationMs(store.getState()),
      seekTo: (ms) => {
        throttle.request(ms);
        engine.scrub(ms);
      },
      now: wallClock,
    });
    return { driver, throttle };
  }, [seeks, dispatch, clock, store, engine]);
  useEffect(
    () => () => {
      shuttle.driver.stop();
      shuttle.throttle.stop();
    },
    [shuttle],
  );

  useEffect(() => {
    if (!enabled) return;
    const { driver, throttle } = shuttle;
    const playing = () => selectIsPlaying(store.getState());
    /** Stops shuttling (the last position lands) and, unless `keepPlaying`, playing. */
    const halt = (keepPlaying = false) => {
      if (driver.speed !== 0) {
        driver.stop();
        throttle.flush();
      }
      if (!keepPlaying && playing()) latest.current.togglePlay();
      setShuttleSpeed(0);
    };
    const shuttleBy = (direction: 1 | -1) => {
      const now = driver.speed !== 0 ? driver.speed : playing() ? 1 : 0;
      const at = Math.sign(now) === direction ? shuttleSpeeds.indexOf(Math.abs(now)) : -1;
      const next = direction * shuttleSpeeds[Math.min(at + 1, shuttleSpeeds.length - 1)];
      if (next === 1) {
        halt(true);
        if (!playing()) latest.current.togglePlay();
        setShuttleSpeed(1);
        return;
      }
      // Anything but 1x forward shuttles, paused.
      if (playing()) latest.current.togglePlay();
      driver.run(next);
      setShuttleSpeed(next);
    };
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey || keyBelongsTo(event.target, event.key)) return;
      const transport = latest.current;
      const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
      const marks = selectTimelineMarks(store.getState());
      if (key === ' ') {
        // Shuttling is paused: Space stops it; else it plays or pauses.
        if (driver.speed !== 0) halt(true);
        else {
          transport.togglePlay();
          setShuttleSpeed(playing() ? 1 : 0);
        }
      } else if (key === 'k') halt();
      else if (key === 'l') shuttleBy(1);
      else if (key === 'j') shuttleBy(-1);
      else if (key === 'ArrowLeft' || key === 'ArrowRight') {
        halt();
        transport.step((key === 'ArrowLeft' ? -1 : 1) * (event.shiftKey ? Math.round(transport.frameRate) : 1));
      } else if (key === 'Home' || key === 'End') {
        halt();
        transport.seek(key === 'Home' ? 0 : transport.durationMs);
      } else if (key === 'i' && event.shiftKey) {
        if (marks.inMs === undefined) return;
        halt();
        transport.seek(marks.inMs);
      } else if (key === 'o' && event.shiftKey) {
        if (marks.outMs === undefined) return;
        halt();
        transport.seek(marks.outMs);
      } else if (key === 'i') dispatch(markInSet(clock.playheadAt()));
      else if (key === 'o') dispatch(markOutSet(clock.playheadAt()));
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [enabled, shuttle, store, dispatch, clock]);

  return { shuttleSpeed };
}
