import { planTrackLayer } from './compositePlan';
import { mediaOf, type MediaReference, type Track } from './tracksSlice';

/** Which file of a track's media its elements play: the original, or its preview proxy. */
export type Rendition = 'original' | 'proxy';

/**
 * When previews play a proxy. `auto`: whenever the track has one, except the selected track
 * drawn taller than the proxy's picture (its box as its look scales it, from the composite
 * plan), where a person inspects detail the proxy lacks.
 * `always`: whenever there is one. `never`: the original, always.
 */
export type ProxyPolicy = 'auto' | 'always' | 'never';

/** The proxy's assumed height when the host does not say. */
export const defaultProxyHeight = 720;

/** The rendition a track's preview plays, by the policy. */
export function previewRendition(track: Track, selected: boolean, policy: ProxyPolicy): Rendition {
  const proxy = track.source?.proxy;
  if (!proxy || policy === 'never') return 'original';
  if (policy === 'always') return 'proxy';
  const drawnHeight = planTrackLayer(track).drawnSize.height;
  return selected && drawnHeight > (proxy.height ?? defaultProxyHeight) ? 'original' : 'proxy';
}

/** The media reference of one rendition of a track's media; the proxy keeps the original's timing. */
export function renditionReference(track: Track, rendition: Rendition): MediaReference {
  const media = mediaOf(track);
  const { proxy, ...original } = media;
  if (rendition === 'original' || !proxy) return media;
  return { ...original, url: proxy.url, mimeType: proxy.mimeType };
}
