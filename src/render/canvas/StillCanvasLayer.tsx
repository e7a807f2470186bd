import { useEffect, useMemo, useRef, useState } from 'react';
import { selectLoadState, useCompositorStore, type Track } from '../../state';
import type { RendererLayerProps } from '../renderer';
import { TrackPlaceholder } from '../TrackPlaceholder';
import { useImagePicture, useTitlePicture, type StillPictureSink } from '../useStillPicture';
import { useCanvasSession } from './canvasSession';

/**
 * Registers the still with the session, which paints it into the composite: a colour from its
 * plan alone, an image or a title from the picture its hook makes and hands over (to the board,
 * in the worker where it draws). Shows Loading until that picture is there.
 */
function useStillRegistration(track: Track): { sink: StillPictureSink; again: number; drawn: boolean } {
  const session = useCanvasSession('a still layer');
  const store = useCompositorStore();
  const latest = useRef(track);
  const [again, setAgain] = useState(0);
  const [drawn, setDrawn] = useState(false);
  // Read by `show`, which runs after the effect that registers (a picture is made asynchronously).
  const registration = useRef<ReturnType<typeof session.registerStill> | undefined>(undefined);
  const registrations = useRef(0);
  const trackId = track.id;

  useEffect(() => {
    const registered = session.registerStill({
      trackId,
      track: () => latest.current,
      media: () => (latest.current.kind === 'image' ? selectLoadState(store.getState(), trackId).media : undefined),
      lost: () => setAgain((count) => count + 1),
    });
    registration.current = registered;
    // A registration after the first (another session) holds no picture: it is made again.
    if (registrations.current > 0) setAgain((count) => count + 1);
    registrations.current += 1;
    return () => {
      registered.remove();
      if (registration.current === registered) registration.current = undefined;
    };
  }, [session, store, trackId]);

  useEffect(() => {
    latest.current = track;
    session.requestDraw();
  }, [session, track]);

  const sink = useMemo<StillPictureSink>(
    () => ({
      show(bitmap) {
        const registered = registration.current;
        if (!registered) return bitmap.close();
        registered.show(bitmap);
        setDrawn(true);
      },
    }),
    [],
  );
  return { sink, again, drawn };
}

function ImageStill({ track }: { track: Track }) {
  const { sink, again, drawn } = useStillRegistration(track);
  useImagePicture(track, sink, again);
  return drawn ? null : <TrackPlaceholder state="loading" trackName={track.name} />;
}

function TitleStill({ track }: { track: Track }) {
  const { sink, again, drawn } = useStillRegistration(track);
  useTitlePicture(track, sink, again);
  return drawn ? null : <TrackPlaceholder state="loading" trackName={track.name} />;
}

function ColorStill({ track }: { track: Track }) {
  useStillRegistration(track);
  return null;
}

/** The canvas renderer's layer for a still: an image, a colour or a title, painted into the composite by the session. */
export function StillCanvasLayer({ track }: RendererLayerProps) {
  if (track.kind === 'color') return <ColorStill track={track} />;
  return track.kind === 'image' ? <ImageStill track={track} /> : <TitleStill track={track} />;
}
