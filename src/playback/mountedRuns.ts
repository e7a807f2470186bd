import {
  clipRuns,
  runsToMount,
  selectIsPlaying,
  selectPlayheadMs,
  type ClipRun,
  type CompositorRootState,
  type Track,
} from '../state';

export interface MountedRun {
  run: ClipRun;
  active: boolean;
}

/**
 * Which of a track's clip runs need an element now, as a short key (`"2|0,3"`: run 2 on screen,
 * runs 0 and 3 mounted around it), so a component re-renders at cuts and at the window's edges
 * rather than on every clock tick.
 */
export function mountedRunsKey(state: CompositorRootState, track: Track, window: { aheadMs: number; behindMs: number }): string {
  const runs = clipRuns(track.clips);
  const { current, upcoming, recent } = runsToMount(
    runs,
    selectPlayheadMs(state),
    selectIsPlaying(state) ? window.aheadMs : 0,
    window.behindMs,
  );
  const around = [upcoming, recent].filter((run) => run !== undefined).map((run) => run.firstClip);
  return `${current?.firstClip ?? ''}|${around.join(',')}`;
}

/** The runs a key names, in clip order (so elements never move in the DOM), the one on screen marked active. */
export function mountedRuns(track: Track, key: string): MountedRun[] {
  const [current, around] = key.split('|');
  const wanted = new Set([current, ...around.split(',')].filter((first) => first !== ''));
  return clipRuns(track.clips)
    .filter((run) => wanted.has(String(run.firstClip)))
    .map((run) => ({ run, active: String(run.firstClip) === current }));
}
