import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { toLoadError, useLoadedRendition, useRenditionSource } from '../sources';
import {
  planTrackLayer,
  selectClipLookAtPlayhead,
  selectLoadState,
  trackLoadFailed,
  trackMediaMeasured,
  useCompositorDispatch,
  useCompositorSelector,
  useCompositorStore,
  type PictureSize,
  type Track,
} from '../state';
import { openImage, pictureFits, stillPictureSize, titleBitmap, type OpenedImage } from './stillPictures';

/**
 * Where a still layer's picture goes: `show` takes the bitmap over (it shows it, and closes it
 * when it is done with it). A shower that lost it (the worker that held it went) changes the
 * hooks' `again` to have it made once more.
 */
export interface StillPictureSink {
  show(bitmap: ImageBitmap): void;
}

/**
 * The size the layer's picture is wanted at now, and its box (its plan under the playhead), each
 * equal from one render to the next while it does not change.
 */
function useWantedSize(track: Track, media: PictureSize | undefined): { wanted: PictureSize; box: PictureSize } {
  const clipLook = useCompositorSelector((state) => selectClipLookAtPlayhead(state, track));
  const planned = planTrackLayer(track, clipLook, media);
  const { width, height } = stillPictureSize(planned, media);
  const { look } = planned;
  const wanted = useMemo(() => ({ width, height }), [width, height]);
  const box = useMemo(() => ({ width: look.width, height: look.height }), [look.width, look.height]);
  return { wanted, box };
}

/**
 * Makes a picture when the wanted size is one the held picture cannot stand for (`pictureFits`),
 * or when `again` changes; a picture made for a size no longer wanted is closed, not shown.
 */
function usePictureAt(wanted: PictureSize | undefined, again: unknown, make: ((size: PictureSize) => Promise<ImageBitmap>) | undefined, sink: StillPictureSink, onError: (error: unknown) => void): void {
  const held = useRef<PictureSize | undefined>(undefined);
  const latest = useRef({ sink, onError });
  useEffect(() => {
    latest.current = { sink, onError };
  }, [sink, onError]);
  useEffect(() => {
    held.current = undefined;
  }, [make, again]);
  useEffect(() => {
    if (!wanted || !make || (held.current && pictureFits(held.current, wanted))) return;
    let current = true;
    make(wanted).then(
      (bitmap) => {
        if (!current) return bitmap.close();
        held.current = wanted;
        latest.current.sink.show(bitmap);
      },
      (error: unknown) => {
        if (current) latest.current.onError(error);
      },
    );
    return () => {
      current = false;
    };
  }, [wanted, make, again]);
}

/** Fails the track's load with `error`, on its load attempt as it is when the error comes. */
function useFailLoad(trackId: string): (error: unknown) => void {
  const store = useCompositorStore();
  return useCallback(
    (error: unknown) => store.dispatch(trackLoadFailed({ id: trackId, attempt: selectLoadState(store.getState(), trackId).attempt, error: toLoadError(error) })),
    [store, trackId],
  );
}

/**
 * An image layer's picture, decoded from its file at the size the layer is drawn at (again when
 * it is drawn at a size the held picture cannot stand for), handed to `sink`. The file's size is
 * reported as the track's media (its fit and crop follow); a file that is not an image fails the
 * track's load, as an undecodable video does.
 */
export function useImagePicture(track: Track, sink: StillPictureSink, again: unknown): void {
  const dispatch = useCompositorDispatch();
  const source = useRenditionSource(track, useLoadedRendition(track.id));
  const [opened, setOpened] = useState<OpenedImage | undefined>(undefined);
  const fail = useFailLoad(track.id);

  useEffect(() => {
    if (!source) return;
    const abort = new AbortController();
    let image: OpenedImage | undefined;
    openImage(source, abort.signal).then(
      (read) => {
        // Read just as the layer went: let go at once.
        if (abort.signal.aborted) return read.close();
        image = read;
        dispatch(trackMediaMeasured({ id: track.id, width: read.width, height: read.height }));
        setOpened(read);
      },
      (error: unknown) => {
        if (!abort.signal.aborted) fail(error);
      },
    );
    return () => {
      abort.abort();
      image?.close();
      setOpened(undefined);
    };
  }, [source, track.id, dispatch, fail]);

  const media = useMemo(() => (opened ? { width: opened.width, height: opened.height } : undefined), [opened]);
  const { wanted } = useWantedSize(track, media);
  const make = useMemo(() => (opened ? (size: PictureSize) => opened.decodeAt(size) : undefined), [opened]);
  usePictureAt(media ? wanted : undefined, again, make, sink, fail);
}

/**
 * A text layer's picture: its title set in its box at the size the layer is drawn at, again when
 * its words, style or that size change, handed to `sink`.
 */
export function useTitlePicture(track: Track, sink: StillPictureSink, again: unknown): void {
  const fail = useFailLoad(track.id);
  const { wanted, box } = useWantedSize(track, undefined);
  const { text } = track;
  const make = useMemo(() => (text ? (size: PictureSize) => titleBitmap(text, box, size) : undefined), [text, box]);
  usePictureAt(wanted, again, make, sink, fail);
}
