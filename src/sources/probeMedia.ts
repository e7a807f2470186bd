import { EncodedPacketSink, type Input, type InputTrack } from 'mediabunny';
import { mediaInputOf } from './mediaInput';
import type { ResolvedSource } from './ResolvedSource';

/** What a media file holds: a picture, sound, or both; and how much of it the file really has. */
export interface MediaContents {
  hasPicture: boolean;
  hasSound: boolean;
  /** The length its header states, in ms (undefined when it states none and has no packets). */
  statedMs?: number;
  /**
   * Where the file's readable media ends, in ms, when that is before `statedMs`: a download or
   * copy cut short keeps a header that states the whole length. Undefined for a whole file.
   */
  cutShortAtMs?: number;
}

/**
 * A stated end further than this past the last packet is taken for a file cut short where the
 * container cannot say which packets are missing (WebM, whose header states a length but whose
 * packets are found by reading them): measured, whole files' packets end within 7 ms of it.
 */
const statedEndSlackSeconds = 0.25;

/**
 * Reads a file's header (a Range request or two; mediabunny's demuxers) to learn whether it has
 * a picture and sound, and whether its media is all there: the packet at its stated end is read
 * (one more request, at the end of the file). Rejects when the file cannot be read or is not media.
 */
export async function probeMedia(source: ResolvedSource): Promise<MediaContents> {
  const input = mediaInputOf(source, { cacheBytes: 1024 * 1024, retries: 0 });
  try {
    const [picture, sound] = await Promise.all([input.getPrimaryVideoTrack(), input.getPrimaryAudioTrack()]);
    return { hasPicture: picture !== null, hasSound: sound !== null, ...(await readableLength(input, [picture, sound])) };
  } finally {
    input.dispose();
  }
}

/** The stated length of `input`'s media and, when its tracks end before it, where they do. */
export async function readableLength(input: Input, tracks: (InputTrack | null)[]): Promise<Pick<MediaContents, 'statedMs' | 'cutShortAtMs'>> {
  const present = tracks.filter((track): track is InputTrack => track !== null);
  if (present.length === 0) return {};
  const stated = (await input.getDurationFromMetadata(present)) ?? (await input.computeDuration(present));
  const ends = await Promise.all(present.map((track) => readableEnd(track, stated)));
  // A track whose packet at the stated end is missing (an MP4's table lists every packet and
  // where it lies): the file stops inside it. Otherwise the longest track's end is the media's.
  const missing = ends.filter(({ whole }) => !whole).map(({ end }) => end);
  const end = missing.length > 0 ? Math.min(...missing) : Math.max(...ends.map(({ end: last }) => last));
  const cut = missing.length > 0 || end < stated - statedEndSlackSeconds;
  return cut ? { statedMs: stated * 1000, cutShortAtMs: end * 1000 } : { statedMs: stated * 1000 };
}

/**
 * Where `track`'s packets in the file end, in seconds, and whether the packet its table names at
 * `stated` is there. A packet whose bytes lie past the end of the file reads as none (mediabunny
 * knows the file's size), so the last one there is found by halving the time between the first
 * and `stated` (a packet read a step, to a millisecond: about 22 for an hour).
 */
async function readableEnd(track: InputTrack, stated: number): Promise<{ end: number; whole: boolean }> {
  const sink = new EncodedPacketSink(track);
  const last = await sink.getPacket(stated);
  if (last) return { end: last.timestamp + last.duration, whole: true };
  let found = await sink.getFirstPacket();
  let from = found?.timestamp ?? 0;
  let to = stated;
  while (found && to - from > 0.001) {
    const middle = (from + to) / 2;
    const packet = await sink.getPacket(middle);
    if (packet) {
      found = packet;
      from = middle;
    } else to = middle;
  }
  return { end: found ? found.timestamp + found.duration : 0, whole: false };
}
