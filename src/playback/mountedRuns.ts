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
 * Which of a track's clip runs need an element now, as a short key (`"0"`, `"0>2"`), so a
 * component re-renders at cuts and clip edges rather than on every clock tick.
 */
export function mountedRunsKey(state: CompositorRootState, track: Track, prerollMs: number): string {
  const runs = clipRuns(track.clips);
  const { current, upcoming } = runsToMount(runs, selectPlayheadMs(state), selectIsPlaying(state) ? prerollMs : 0);
  return `${current?.firstClip ?? ''}>${upcoming?.firstClip ?? ''}`;
}

/** The runs a key names, the one on screen marked active. */
export function mountedRuns(track: Track, key: string): MountedRun[] {
  const runs = clipRuns(track.clips);
  const [current, upcoming] = key.split('>');
  const byFirstClip = (first: string) => runs.find((run) => String(run.firstClip) === first);
  const mounted: MountedRun[] = [];
  const currentRun = current ? byFirstClip(current) : undefined;
  const upcomingRun = upcoming ? byFirstClip(upcoming) : undefined;
  if (currentRun) mounted.push({ run: currentRun, active: true });
  if (upcomingRun) mounted.push({ run: upcomingRun, active: false });
  return mounted;
}
