import { MediaSourceError } from '../../sources';

/**
 * Whether an element's error is the browser refusing one more media player (Chromium: code 4,
 * "error creating media player"), not a file it cannot play.
 */
export function isPlayerRefused(code: number | undefined, message: string | undefined): boolean {
  return code === 4 && /error creating media player/i.test(message ?? '');
}

/** The typed error for a `<video>` element's `MediaError` code. */
export function mediaElementError(url: string, code: number | undefined, name: string): MediaSourceError {
  switch (code) {
    case 2:
      return new MediaSourceError('network', url, `The media of ${name} stopped arriving. Try again.`);
    case 3:
      return new MediaSourceError('decode', url, `The media of ${name} could not be decoded.`);
    default:
      return new MediaSourceError('unsupported', url, `The media of ${name} is not in a format this browser plays.`);
  }
}
