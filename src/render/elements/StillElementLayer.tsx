import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import { clipAt, selectPlayheadMs, useCompositorSelector, type Track } from '../../state';
import type { RendererLayerProps } from '../renderer';
import { TrackPlaceholder } from '../TrackPlaceholder';
import { useImagePicture, useTitlePicture, type StillPictureSink } from '../useStillPicture';
import { useElementSession } from './elementSession';
import { usePicturePlacement } from './usePicturePlacement';

/** Whether a clip of the track is under the store's playhead (which moves at clip edges). */
const useOnClip = (track: Track) => useCompositorSelector((state) => clipAt(track.clips, selectPlayheadMs(state)) !== undefined);


/**
 * A still's picture in a `<canvas>` that shows the bitmap as it was made (`bitmaprenderer`: no
 * copy), sized and placed by CSS as a `<video>` is. Its bytes are counted by the session while it
 * holds them.
 */
function useStillCanvas(track: Track): { sink: StillPictureSink; element: ReactElement } {
  const { pictures } = useElementSession();
  const ref = useRef<HTMLCanvasElement>(null);
  const [drawn, setDrawn] = useState(false);
  const onClip = useOnClip(track);
  const placement = usePicturePlacement(track, ref);
  const trackId = track.id;
  const show = useCallback(
    (bitmap: ImageBitmap) => {
      const canvas = ref.current;
      if (!canvas) return bitmap.close();
      canvas.width = bitmap.width;
      canvas.height = bitmap.height;
      const shower = canvas.getContext('bitmaprenderer');
      if (shower) shower.transferFromImageBitmap(bitmap);
      else {
        canvas.getContext('2d')?.drawImage(bitmap, 0, 0);
        bitmap.close();
      }
      pictures.set(trackId, canvas.width * canvas.height * 4);
      setDrawn(true);
    },
    [pictures, trackId],
  );
  const sink = useMemo(() => ({ show }), [show]);
  useEffect(
    () => () => {
      pictures.delete(trackId);
      const canvas = ref.current;
      if (!canvas) return;
      // Gives the bitmap back now rather than at garbage collection.
      canvas.getContext('bitmaprenderer')?.transferFromImageBitmap(null);
      canvas.width = 0;
      canvas.height = 0;
    },
    [pictures, trackId],
  );
  const element = (
    <>
      <canvas ref={ref} className="mtk-still" data-still={track.kind} hidden={!onClip || !drawn} aria-hidden="true" style={placement} />
      {!drawn && onClip && <TrackPlaceholder state="loading" trackName={track.name} />}
    </>
  );
  return { sink, element };
}

function ImageStill({ track }: { track: Track }) {
  const { sink, element } = useStillCanvas(track);
  useImagePicture(track, sink, undefined);
  return element;
}

function TitleStill({ track }: { track: Track }) {
  const { sink, element } = useStillCanvas(track);
  useTitlePicture(track, sink, undefined);
  return element;
}

/** A colour layer: a box of its colour where its picture lies (its crop), under the playhead's clips. */
function ColorBox({ track }: { track: Track }) {
  const onClip = useOnClip(track);
  const box = useRef<HTMLDivElement>(null);
  const placement = usePicturePlacement(track, box);
  if (!onClip) return null;
  return <div ref={box} className="mtk-still" data-still="color" style={{ ...placement, background: track.color }} />;
}

/**
 * The element renderer's layer for a still: an image or a title as a picture made at the size it
 * is drawn (`useStillPicture`), a colour as a box of it. Unlike a video's, the box is not filled
 * with the composite's background: an image or a title may be transparent, and what is under it
 * shows through.
 */
export function StillElementLayer({ track }: RendererLayerProps) {
  if (track.kind === 'color') return <ColorBox track={track} />;
  return track.kind === 'image' ? <ImageStill track={track} /> : <TitleStill track={track} />;
}
