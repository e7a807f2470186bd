import { useCallback, useMemo, type CSSProperties, type RefObject } from 'react';
import { clipMotion, selectClipAtPlayhead, selectLoadState, useCompositorSelector, type Track } from '../../state';
import { useLookMotion } from '../useLookMotion';
import { picturePlacement } from './picturePlacement';

/**
 * Where a layer's picture (its `<video>`, a still's canvas, a colour's box) sits in the layer's
 * box, as the composite plan says for the clip under the playhead; moved on every frame, in
 * `element`, while that clip has look keyframes.
 */
export function usePicturePlacement(track: Track, element: RefObject<HTMLElement | null>): CSSProperties | undefined {
  const clip = useCompositorSelector((state) => selectClipAtPlayhead(state, track));
  const media = useCompositorSelector((state) => selectLoadState(state, track.id).media);
  const placementAt = useCallback((playheadMs: number) => picturePlacement(track, clip?.look, media, clip && clipMotion(clip, playheadMs)), [track, clip, media]);
  useLookMotion(element, clip, placementAt);
  return useMemo(() => picturePlacement(track, clip?.look, media), [track, clip, media]);
}
