/**
 * Waits until an audio context's time moves as the wall clock does: the sign that its output
 * device is open and playing. A context says "running" before that in some engines:
 * - WebKitGTK 2.50 runs its time slowly to ~100 ms after `resume()` (~0.4 of the wall's pace),
 *   stops it for ~700 ms while GStreamer opens the device, then leaps it ahead by as much at once
 *   (measured on this kit's CI machines);
 *   sound scheduled for that time is not heard as scheduled;
 * - Chromium on PulseAudio keeps it at one render quantum for up to ~2 s.
 * Sound started on such a context starts with a hole, or not at all. So the audio engine says it
 * runs only once the time has moved at about the wall's pace for `windowMs`, or after `capMs`
 * (a context whose time never moves, as WebKitGTK's with no device, is then left to the output
 * clock, which falls back to the wall clock).
 */
export interface SteadyOptions {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** How long the time must move at the wall's pace. */
  windowMs?: number;
  /** How long to wait at most. */
  capMs?: number;
  /** Stop waiting (the engine was disposed): resolves false. */
  cancelled?: () => boolean;
}

/** Context time per wall time, over the window, that counts as "moving as the wall does". */
const slowest = 0.5;
const fastest = 1.5;
const pollMs = 20;
/** A step of the context time this far beyond the wall's is a leap. */
const leapMs = 50;
/** The context time standing still this long (its updates come a render period apart) is a stop. */
const stillMs = 80;

/** Resolves true once the context's time moves steadily, false at the cap or when cancelled. */
export async function outputSteady(
  context: Pick<BaseAudioContext, 'currentTime'>,
  {
    now = () => performance.now(),
    sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    windowMs = 200,
    capMs = 3000,
    cancelled = () => false,
  }: SteadyOptions = {},
): Promise<boolean> {
  const read = () => ({ wallMs: now(), contextMs: context.currentTime * 1000 });
  const until = now() + capMs;
  // Where the current stretch began, the last read, and when the context time last moved.
  let from = read();
  let last = from;
  let moved = from;
  while (!cancelled() && now() < until) {
    await sleep(pollMs);
    const at = read();
    if (at.contextMs !== moved.contextMs) moved = at;
    const leapt = at.contextMs - last.contextMs > at.wallMs - last.wallMs + leapMs;
    const stood = at.wallMs - moved.wallMs > stillMs;
    last = at;
    if (leapt || stood) {
      from = at;
      continue;
    }
    const wallMs = at.wallMs - from.wallMs;
    if (wallMs < windowMs) continue;
    const rate = (at.contextMs - from.contextMs) / wallMs;
    if (rate >= slowest && rate <= fastest) return true;
    from = at;
  }
  return false;
}
