import {
  holdsMedia,
  madeKinds,
  planDecoders,
  previewRendition,
  renditionReference,
  selectLoadOrder,
  selectLoadState,
  selectSelectedTrackId,
  selectTrackById,
  selectTrackIdsToLoad,
  selectTracksInPaintOrder,
  type CompositorRootState,
  type DecoderBudget,
  type LoadStatus,
  type ProxyPolicy,
  type Rendition,
  type Track,
} from '../state';

/** The statuses in which a track keeps a hold: its source loading, or held by its elements. */
const heldStatuses: ReadonlySet<LoadStatus> = new Set(['loading', 'ready', 'buffering']);

/** What the loader holds for one track, as the planner sees it. */
export interface HeldSource {
  /** The URL of the rendition it holds. */
  sourceUrl: string;
  rendition: Rendition;
  /** Another rendition being loaded while this one plays on, if any. */
  switchingTo?: Rendition;
}

/** One thing the loader must do, in order. */
export type LoadStep =
  /** Let go of the track's hold, and of a rendition switch in flight. */
  | { do: 'drop'; trackId: string }
  | { do: 'request'; trackId: string }
  | { do: 'suspend'; trackId: string }
  | { do: 'release'; trackId: string }
  /** Start loading a queued track's rendition. */
  | { do: 'start'; trackId: string; rendition: Rendition }
  /** Load another rendition for a track that plays on meanwhile. */
  | { do: 'switch'; trackId: string; rendition: Rendition }
  | { do: 'cancel-switch'; trackId: string };

export interface LoadPlanSettings {
  concurrency: number;
  decoderBudget: DecoderBudget;
  proxies: ProxyPolicy;
}

/** Per track, rendition URLs that failed to load: not tried again. */
export type FailedUrls = ReadonlyMap<string, ReadonlySet<string>>;

/** The URL a track's hold on `rendition` reads; none for a colour or a title, which read no file. */
export const heldUrl = (track: Track, rendition: Rendition) => (madeKinds.has(track.kind) ? '' : renditionReference(track, rendition).url);

/** The rendition a track's preview should play, unless that rendition failed before. */
export function wantedRendition(state: CompositorRootState, track: Track, proxies: ProxyPolicy, failedUrls: FailedUrls): Rendition {
  const wanted = previewRendition(track, selectSelectedTrackId(state) === track.id, proxies);
  return failedUrls.get(track.id)?.has(renditionReference(track, wanted).url) ? 'original' : wanted;
}

/**
 * What the loader must do to bring what it holds in line with the store: a pure function of the
 * state and the holds, so every rule of loading is tested without a network or a QueryClient.
 * Seen tracks (visible, on the composite) are queued and started, at most `concurrency` loading
 * at once, in load order; unseen, removed or moved tracks are let go; over the decoder budget a
 * track is suspended; a ready track whose preview rendition changed loads the other one.
 */
export function planLoads(state: CompositorRootState, holds: ReadonlyMap<string, HeldSource>, settings: LoadPlanSettings, failedUrls: FailedUrls): LoadStep[] {
  const steps: LoadStep[] = [];
  const held = new Map(holds);
  const seen = new Set(selectTrackIdsToLoad(state));
  const drop = (trackId: string) => {
    if (!held.has(trackId)) return;
    held.delete(trackId);
    steps.push({ do: 'drop', trackId });
  };

  for (const [trackId, hold] of holds) {
    const track = selectTrackById(state, trackId);
    // Gone, not seen, or its media moved to another URL under it: nothing of the old one is kept.
    if (!track || !seen.has(trackId) || heldUrl(track, hold.rendition) !== hold.sourceUrl) drop(trackId);
    // A failed track holds nothing, whatever failed (its element, after the source resolved), and
    // a retried one starts over from the queue: a stale hold would keep it Queued for ever.
    else if (!heldStatuses.has(selectLoadState(state, trackId).status)) drop(trackId);
  }

  for (const [trackId, hold] of held) {
    const track = selectTrackById(state, trackId);
    if (!track || !holdsMedia(selectLoadState(state, trackId).status)) continue;
    const wanted = wantedRendition(state, track, settings.proxies, failedUrls);
    let switching = hold.switchingTo;
    if (switching !== undefined && switching !== wanted) {
      steps.push({ do: 'cancel-switch', trackId });
      switching = undefined;
    }
    if (hold.rendition !== wanted && switching === undefined) steps.push({ do: 'switch', trackId, rendition: wanted });
  }

  // Each track's status once this plan's requests, suspensions and releases have landed.
  const statusAfter = new Map<string, LoadStatus>();
  const overBudget = new Set(planDecoders(state, settings.decoderBudget).suspended);
  let loading = 0;
  for (const track of selectTracksInPaintOrder(state)) {
    const { status } = selectLoadState(state, track.id);
    const isSeen = seen.has(track.id);
    const emit = (step: 'request' | 'suspend' | 'release', after: LoadStatus) => {
      steps.push({ do: step, trackId: track.id });
      statusAfter.set(track.id, after);
    };
    if (isSeen && overBudget.has(track.id)) {
      // Over the decoder budget: nothing held, a still shown, until the budget has room.
      if (status !== 'suspended' && status !== 'error') {
        drop(track.id);
        if (status === 'idle' || status === 'released') emit('request', 'queued');
        emit('suspend', 'suspended');
      }
    } else if (status === 'suspended') {
      // Suspended elsewhere too (the browser refused a player): let go of what it held first.
      drop(track.id);
      if (isSeen) emit('request', 'queued');
      else emit('release', 'released');
    } else if (!isSeen) {
      if (status !== 'idle' && status !== 'released') emit('release', 'released');
    } else if (status === 'idle' || status === 'released') {
      emit('request', 'queued');
    } else if ((status === 'loading' || holdsMedia(status)) && !held.has(track.id)) {
      // Left so by an earlier loader on this store (Strict Mode mounts twice, a host may restart
      // the provider): nothing holds this source now, so load it again.
      emit('release', 'released');
      emit('request', 'queued');
    } else if (status === 'loading') {
      loading += 1;
    }
  }

  // Selected first, then what is under the playhead, top layers first: what a person looks at.
  for (const track of selectLoadOrder(state)) {
    if (loading >= settings.concurrency) break;
    if (held.has(track.id)) continue;
    if ((statusAfter.get(track.id) ?? selectLoadState(state, track.id).status) !== 'queued') continue;
    steps.push({ do: 'start', trackId: track.id, rendition: wantedRendition(state, track, settings.proxies, failedUrls) });
    loading += 1;
  }
  return steps;
}
