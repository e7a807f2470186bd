import { mediaInputOf } from './mediaInput';
import type { ResolvedSource } from './ResolvedSource';

/** What a media file holds: a picture, sound, or both. */
export interface MediaContents {
  hasPicture: boolean;
  hasSound: boolean;
}

/**
 * Reads a file's header (a Range request or two; mediabunny's demuxers) to learn whether it has
 * a picture and sound. Rejects when the file cannot be read or is not media.
 */
export async function probeMedia(source: ResolvedSource): Promise<MediaContents> {
  const input = mediaInputOf(source, { cacheBytes: 1024 * 1024, retries: 0 });
  try {
    const [picture, sound] = await Promise.all([input.getPrimaryVideoTrack(), input.getPrimaryAudioTrack()]);
    return { hasPicture: picture !== null, hasSound: sound !== null };
  } finally {
    input.dispose();
  }
}
