/**
 * A length of media as a person reads it on a clock: `m:ss`, or `h:mm:ss` past the hour, whole
 * seconds rounded down (a file cut short at 4.9 s plays to 0:04, not 0:05).
 */
export function formatClock(ms: number): string {
  const totalSeconds = Math.floor(Math.max(0, ms) / 1000);
  const hours = Math.floor(totalSeconds / 3600);
  const minutes = Math.floor(totalSeconds / 60) % 60;
  const seconds = String(totalSeconds % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, '0')}:${seconds}` : `${minutes}:${seconds}`;
}
