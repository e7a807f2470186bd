import { formatTimecode } from '../playback';
import { formatClock } from '../state';

/** A ruler mark: where, and what it says. */
export interface RulerTick {
  ms: number;
  label: string;
}

/** How far apart, at least, the ruler's labelled marks are, in px. */
const labelSpacingPx = 72;

const secondSteps = [1000, 2000, 5000, 10_000, 15_000, 30_000, 60_000, 120_000, 300_000, 600_000, 900_000, 1_800_000, 3_600_000];

/**
 * The ruler's step at a zoom (`msPerPx`): the shortest of 1, 2, 5, 10 and 15 frames, then 1, 2, 5,
 * 10, 15, 30 seconds, 1, 2, 5, 10, 15, 30 minutes and an hour whose marks are `labelSpacingPx`
 * apart or more, so a label fits between marks at any zoom.
 */
export function rulerStepMs(msPerPx: number, frameRate: number): number {
  const frameMs = 1000 / frameRate;
  const steps = [...[1, 2, 5, 10, 15].map((frames) => frames * frameMs).filter((ms) => ms < 1000), ...secondSteps];
  return steps.find((step) => step / msPerPx >= labelSpacingPx) ?? 2 * 3_600_000;
}

/**
 * The marks from `fromMs` to `toMs` at a zoom: each labelled in the timeline's time, `m:ss` (or
 * `h:mm:ss`) where the step is whole seconds, the full timecode `HH:MM:SS:FF` where it is frames.
 */
export function rulerTicks(fromMs: number, toMs: number, msPerPx: number, frameRate: number): RulerTick[] {
  const step = rulerStepMs(msPerPx, frameRate);
  // A hair over, so a mark that falls on `fromMs` is not taken for the one before it.
  const first = Math.max(0, Math.floor(fromMs / step + 1e-6));
  const last = Math.floor(toMs / step + 1e-6);
  const ticks: RulerTick[] = [];
  for (let index = first; index <= last; index += 1) {
    // Frame n at n * 1000 / rate, kept whole where it is.
    const ms = step < 1000 ? (Math.round((index * step * frameRate) / 1000) * 1000) / frameRate : index * step;
    ticks.push({ ms, label: step < 1000 ? formatTimecode(ms, frameRate) : formatClock(ms) });
  }
  return ticks;
}
