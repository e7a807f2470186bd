import { useEffect, type RefObject } from 'react';
import { MediaSourceError, probeRangeSupport, rangeLossNote } from '../../sources';
import { trackSourceNoted, useCompositorDispatch } from '../../state';

/** A seek that has not landed after this long makes the kit ask the server whether ranges still work. */
export const slowSeekMs = 2000;

/**
 * A server can stop honouring Range in the middle of a session (a proxy put in front, a config
 * change): Chromium then reads the whole file from byte 0 on every seek, for seconds or longer,
 * and says nothing. The watch notices a seek that has not landed after `slowSeekMs`, probes the
 * URL once with a two-byte Range request, and when the answer is a 200 writes the reason on the
 * track (its row's note) while it plays on. Streamed sources only: a Blob cannot lose ranges.
 */
export function useRangeLossWatch(ref: RefObject<HTMLVideoElement | null>, url: string, streamed: boolean, trackId: string, attempt: number): void {
  const dispatch = useCompositorDispatch();
  useEffect(() => {
    const video = ref.current;
    if (!video || !streamed) return;
    const abort = new AbortController();
    let timer: ReturnType<typeof setTimeout> | undefined;
    let probed = false;
    const onSeeking = () => {
      clearTimeout(timer);
      if (probed) return;
      timer = setTimeout(() => {
        if (!video.seeking || probed) return;
        probed = true;
        probeRangeSupport(url, abort.signal).catch((error: unknown) => {
          if (error instanceof MediaSourceError && error.code === 'no-range-support') {
            dispatch(trackSourceNoted({ id: trackId, attempt, note: rangeLossNote(error) }));
          }
        });
      }, slowSeekMs);
    };
    const onSeeked = () => clearTimeout(timer);
    video.addEventListener('seeking', onSeeking);
    video.addEventListener('seeked', onSeeked);
    return () => {
      clearTimeout(timer);
      abort.abort();
      video.removeEventListener('seeking', onSeeking);
      video.removeEventListener('seeked', onSeeked);
    };
  }, [ref, url, streamed, trackId, attempt, dispatch]);
}
