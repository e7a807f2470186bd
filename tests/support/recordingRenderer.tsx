import { useEffect } from 'react';
import {
  useCompositorSelector,
  type CompositorRenderer,
  type RendererLayerProps,
} from '../../src';
import { mountedRuns, mountedRunsKey, useLoadedRendition, usePlaybackContext, useRenditionSource } from '../../src/renderer';

/** One thing the renderer was asked to draw. */
export interface DrawRecord {
  trackId: string;
  rendition: string;
  url: string | undefined;
  /** The clip runs it should hold a decoder for, the one on screen first. */
  runs: number[];
}

/**
 * A renderer that draws nothing but records what the kit asks of it: which tracks' layers are
 * mounted, with which source and clip runs. It proves that state, sources and the clock drive
 * any renderer through the seam, with no `<video>` anywhere.
 */
export function createRecordingRenderer() {
  const draws: DrawRecord[] = [];
  const mounted = new Set<string>();

  function RecordingLayer({ track }: RendererLayerProps) {
    const rendition = useLoadedRendition(track.id);
    const source = useRenditionSource(track, rendition);
    const { options } = usePlaybackContext();
    const runsKey = useCompositorSelector((state) =>
      mountedRunsKey(state, track, { aheadMs: options.prerollMs, behindMs: options.keepBehindMs }),
    );
    const runs = mountedRuns(track, runsKey)
      .sort((a, b) => Number(b.active) - Number(a.active))
      .map(({ run }) => run.firstClip);
    draws.push({ trackId: track.id, rendition, url: source?.url, runs });
    useEffect(() => {
      mounted.add(track.id);
      return () => {
        mounted.delete(track.id);
      };
    }, [track.id]);
    return <div data-recorded-layer={track.id} />;
  }

  const renderer: CompositorRenderer = {
    name: 'recording',
    createSession: () => ({
      liveDecoders: () => mounted.size,
      pictureBytes: () => 0,
      stillOf: () => undefined,
      releaseStill: () => undefined,
    }),
    Layer: RecordingLayer,
  };
  return { renderer, draws, mounted, lastDrawOf: (trackId: string) => draws.findLast((draw) => draw.trackId === trackId) };
}
