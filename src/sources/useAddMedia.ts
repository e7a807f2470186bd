import { useCallback, useMemo } from 'react';
import { formatClock, tracksAdded, useCompositorDispatch, withLinkedSound, type NewTrack } from '../state';
import { fileName, MediaSourceError } from './MediaSourceError';
import { mediaReadError } from './mediaInput';
import { createProbeGate } from './probeGate';
import { probeMedia, type MediaContents } from './probeMedia';
import { useSourceContext } from './SourceContext';
import { trackSourceQuery } from './trackSourceQuery';

export interface AddMediaOptions {
  /**
   * A file that ends before the length its header states (a download or copy that stopped):
   * `'add'` (the default) adds it with the length it really has, its row saying where it is cut
   * short; `'refuse'` rejects it with a `MediaSourceError` `cut-short`, as a file that is not media.
   */
  cutShort?: 'add' | 'refuse';
}

/**
 * Adds a media file as an editor does: a video file with sound as a video track and its linked
 * sound (`withLinkedSound`), a video without sound as a video track, a sound file as an audio
 * track. The file's header is read first (through the same resolvers as every track, so a host
 * protocol or a picked File works) to learn which, and the packet at its stated end, to learn
 * whether the file holds it all. Resolves with the ids added.
 *
 * A file whose bytes are not media this browser reads (a text file, a damaged header, a
 * container with neither picture nor sound) is refused at the door: the promise rejects with a
 * `MediaSourceError` (`unsupported` or `decode`) and no track is added, since no retry could
 * mend it. A file cut short is added with its real length (`Track.cutShortAtMs`), or refused (see
 * `AddMediaOptions.cutShort`). A file that cannot be had now (a server down, a file not there
 * yet, a 403) is added as given: its track says why, and Retry may help.
 *
 * A host that knows what its files hold dispatches `tracksAdded(withLinkedSound(track))` or
 * `trackAdded({ ...track, kind: 'audio' })` itself and reads nothing.
 */
export function useAddMedia(options: AddMediaOptions = {}): (track: NewTrack) => Promise<string[]> {
  const dispatch = useCompositorDispatch();
  const readMedia = useReadMedia(options);
  return useCallback(
    async (track) => {
      const tracks = await readMedia(track);
      dispatch(tracksAdded(tracks));
      return tracks.map(({ id }) => id);
    },
    [dispatch, readMedia],
  );
}

/**
 * What `useAddMedia` would add for a file, without adding it: the tracks (a video with its
 * linked sound, a video, or a sound), or the same refusal. For a host that adds many files at
 * once (a project opened, a folder dropped): read them all at once and dispatch
 * `tracksAdded` in its own order as they are read, so each waits for no other's header. Reads
 * run at most `SourceOptions.concurrency` at a time (the load budget), the rest in turn.
 */
export function useReadMedia(options: AddMediaOptions = {}): (track: NewTrack) => Promise<NewTrack[]> {
  const { queryClient, options: sourceOptions } = useSourceContext();
  const refuseCutShort = options.cutShort === 'refuse';
  const gate = useMemo(() => createProbeGate(sourceOptions.concurrency), [sourceOptions.concurrency]);
  return useCallback(
    async (track) => {
      const { source } = track;
      if (track.kind !== undefined || !source) return [track];
      let contents: MediaContents | undefined;
      try {
        contents = await gate.run(async () => probeMedia(await queryClient.fetchQuery(trackSourceQuery(source, sourceOptions))));
      } catch (error) {
        const reason = mediaReadError(source.url, error, 'picture');
        if (reason.code === 'unsupported' || reason.code === 'decode') throw reason;
        // Added as given: its own load fails with the reason, on its row.
        return [track];
      }
      if (!contents.hasPicture && !contents.hasSound) {
        throw new MediaSourceError('unsupported', source.url, `${fileName(source.url)} holds neither a picture nor sound.`);
      }
      const { cutShortAtMs, statedMs } = contents;
      if (cutShortAtMs !== undefined && refuseCutShort) {
        const stated = statedMs === undefined ? '' : ` of the ${formatClock(statedMs)} its header states`;
        throw new MediaSourceError('cut-short', source.url, `${fileName(source.url)} is cut short: it ends at ${formatClock(cutShortAtMs)}${stated}.`);
      }
      const added = cutShortAtMs === undefined ? track : { ...track, cutShortAtMs };
      if (contents.hasPicture && contents.hasSound) return withLinkedSound({ ...added, source });
      if (contents.hasSound) return [{ ...added, kind: 'audio' }];
      return [added];
    },
    [queryClient, sourceOptions, refuseCutShort, gate],
  );
}
