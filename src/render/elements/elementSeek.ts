import type { SeekTally } from '../../playback';

const landing = new WeakMap<HTMLVideoElement, () => void>();

/**
 * Seeks an element and counts the seek in `seeks` until it lands. An element seeks one target at
 * a time (a new target replaces the old one and only the last `seeked` fires), so it counts once.
 */
export function seekElement(video: HTMLVideoElement, seconds: number, seeks: SeekTally): void {
  // Before metadata the element only remembers the time, and no `seeked` will follow.
  if (video.readyState === HTMLMediaElement.HAVE_NOTHING) {
    video.currentTime = seconds;
    return;
  }
  if (!landing.has(video)) {
    const end = seeks.begin();
    const landed = () => {
      video.removeEventListener('seeked', landed);
      video.removeEventListener('emptied', landed);
      landing.delete(video);
      end();
    };
    video.addEventListener('seeked', landed);
    video.addEventListener('emptied', landed);
    landing.set(video, landed);
  }
  video.currentTime = seconds;
}

/** Stops counting an element's seek in flight: the element is going away. */
export function abandonSeek(video: HTMLVideoElement): void {
  landing.get(video)?.();
}
