import { useCallback } from 'react';
import { tracksAdded, useCompositorDispatch, withLinkedSound, type NewTrack } from '../state';
import { probeMedia } from './probeMedia';
import { useSourceContext } from './SourceContext';
import { trackSourceQuery } from './trackSourceQuery';

/**
 * Adds a media file as an editor does: a video file with sound as a video track and its linked
 * sound (`withLinkedSound`), a video without sound as a video track, a sound file as an audio
 * track. The file's header is read first (through the same resolvers as every track, so a host
 * protocol or a picked File works) to learn which. Resolves with the ids added. A file that
 * cannot be read is added as given, so its track shows why.
 *
 * A host that knows what its files hold dispatches `tracksAdded(withLinkedSound(track))` or
 * `trackAdded({ ...track, kind: 'audio' })` itself and reads nothing.
 */
export function useAddMedia(): (track: NewTrack) => Promise<string[]> {
  const dispatch = useCompositorDispatch();
  const { queryClient, options } = useSourceContext();
  return useCallback(
    async (track) => {
      let tracks: NewTrack[] = [track];
      const { source } = track;
      if (track.kind === undefined && source) {
        try {
          const { hasPicture, hasSound } = await probeMedia(await queryClient.fetchQuery(trackSourceQuery(source, options)));
          if (hasPicture && hasSound) tracks = withLinkedSound({ ...track, source });
          else if (hasSound) tracks = [{ ...track, kind: 'audio' }];
        } catch {
          // Added as given: its own load fails with the reason, on its row.
        }
      }
      dispatch(tracksAdded(tracks));
      return tracks.map(({ id }) => id);
    },
    [dispatch, queryClient, options],
  );
}
