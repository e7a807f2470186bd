/** Seconds of media an element holds beyond its current time. */
function bufferedAhead(video: HTMLMediaElement): number {
  const { buffered, currentTime } = video;
  for (let index = 0; index < buffered.length; index += 1) {
    if (buffered.start(index) <= currentTime + 0.01 && currentTime < buffered.end(index)) return buffered.end(index) - currentTime;
  }
  return 0;
}

/**
 * Whether an element could play on from where it is, paused or not: it has the frame at its time
 * and either says it has more, or holds half a second (or the rest of its run) beyond it.
 */
export function elementCanPlayOn(video: HTMLMediaElement, runEndSeconds: number): boolean {
  if (video.seeking || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA) return false;
  if (video.readyState >= HTMLMediaElement.HAVE_FUTURE_DATA) return true;
  return bufferedAhead(video) >= Math.min(0.5, Math.max(0, runEndSeconds - video.currentTime - 0.05));
}
