import { EncodedPacketSink, IsobmffInputFormat, type Input, type InputTrack } from 'mediabunny';
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
 * Reads a file's header (a Range request or two; mediabunny's demuxers) to learn whether it has
 * a picture and sound, and whether its media is all there (`readableLength`: for an MP4 the packet
 * at its stated end is read, one more request at the end of the file). Rejects when the file
 * cannot be read or is not media.
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

/**
 * The stated length of `input`'s media and, when its tracks end before it, where they do. Checked
 * where the container's header says where every packet lies (MP4, MOV, M4A: their sample tables),
 * so finding the last one costs a read or two. Elsewhere (WebM, MP3, ...) packets are found by
 * reading them, from the start where the file has no index: a file is not read whole to add it,
 * so those are not checked here (a cut one plays to where its bytes end, and says so when a
 * seek past that fails).
 */
export async function readableLength(input: Input, tracks: (InputTrack | null)[]): Promise<Pick<MediaContents, 'statedMs' | 'cutShortAtMs'>> {
  const present = tracks.filter((track): track is InputTrack => track !== null);
  if (present.length === 0) return {};
  const stated = await input.getDurationFromMetadata(present);
  if (stated === null) return {};
  if (!((await input.getFormat()) instanceof IsobmffInputFormat)) return { statedMs: stated * 1000 };
  const ends = await Promise.all(present.map((track) => readableEnd(track, stated)));
  // A track whose packet at the stated end is missing: the file stops inside it, and the media
  // where the first such track runs out.
  const missing = ends.filter(({ whole }) => !whole).map(({ end }) => end);
  return missing.length > 0 ? { statedMs: stated * 1000, cutShortAtMs: Math.min(...missing) * 1000 } : { statedMs: stated * 1000 };
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
