import type { CompositorRootState } from './compositorReducer';
import { isStillKind } from './tracksSlice';
import { selectLoadOrder, selectLoadStates, selectPlayerLimit, selectTracksUnderPlayheadKey } from './selectors';

/** How many decoders the composite may hold at once, by count and by estimated bytes. */
export interface DecoderBudget {
  /** Live decoders at most; `Infinity` for no limit. */
  maxDecoders: number;
  /** Estimated decoder bytes at most (see `decoderCostBytes`); `Infinity` for no limit. */
  maxBytes: number;
}

export const unlimitedDecoderBudget: DecoderBudget = { maxDecoders: Number.POSITIVE_INFINITY, maxBytes: Number.POSITIVE_INFINITY };

/**
 * What one live 720p decoder costs, measured: 20 streamed 720p tracks playing cost about 820 MB
 * more than an empty page in Chromium here, about 40 MiB each (frame pools, the decoder's own
 * buffers, the compositor's copies). The one figure the budget and the memory monitor both use.
 */
export const decoderBytesAt720p = 40 * 1024 * 1024;

/**
 * What one decoder of a `width` x `height` picture costs: the measured 720p figure scaled by the
 * pixels (1080p: 90 MiB; 4K: 360 MiB). Before a renderer has read the media, 720p is assumed.
 */
export function decoderCostBytes(media: { width: number; height: number } | undefined): number {
  const { width, height } = media ?? { width: 1280, height: 720 };
  return Math.round((decoderBytesAt720p * width * height) / (1280 * 720));
}

export interface DecoderPlan {
  /** Tracks under the playhead that may hold a decoder, most important first. */
  allowed: string[];
  /** Tracks under the playhead over the budget: their media is let go. */
  suspended: string[];
  /** Estimated bytes of the allowed decoders. */
  bytes: number;
}

/**
 * Which tracks under the playhead get a decoder: those the user loaded anyway, then the load
 * order (selected, then top layer first), while the count and the byte budget allow. Tracks off
 * the playhead hold no decoder, so the budget never touches them.
 */
export function planDecoders(state: CompositorRootState, budget: DecoderBudget): DecoderPlan {
  const loads = selectLoadStates(state);
  const underPlayhead = new Set(selectTracksUnderPlayheadKey(state).split('\n'));
  // A still (an image, a colour, a title) holds a picture, no decoder: the budget never counts it.
  const candidates = selectLoadOrder(state).filter((track) => underPlayhead.has(track.id) && !isStillKind(track.kind));
  const ordered = [
    ...candidates.filter((track) => loads[track.id]?.forced),
    ...candidates.filter((track) => !loads[track.id]?.forced),
  ];
  // Never more than the browser has shown it allows, not even for a track loaded anyway.
  const browserLimit = selectPlayerLimit(state) ?? Number.POSITIVE_INFINITY;
  const maxDecoders = Math.min(budget.maxDecoders, browserLimit);
  const plan: DecoderPlan = { allowed: [], suspended: [], bytes: 0 };
  for (const track of ordered) {
    const cost = decoderCostBytes(loads[track.id]?.media);
    const fits = plan.allowed.length < maxDecoders && plan.bytes + cost <= budget.maxBytes;
    if (fits || (loads[track.id]?.forced && plan.allowed.length < browserLimit)) {
      plan.allowed.push(track.id);
      plan.bytes += cost;
    } else {
      plan.suspended.push(track.id);
    }
  }
  return plan;
}

/**
 * Why a track is suspended, in words for its badge: the browser's own limit when it refused a
 * player below the budget, else the budget.
 */
export function suspensionReason(playerLimit: number | undefined, budget: DecoderBudget): string {
  if (playerLimit !== undefined && playerLimit < budget.maxDecoders) return `The browser allows ${playerLimit} video players at once`;
  return Number.isFinite(budget.maxDecoders) ? `Over the decoder budget (${budget.maxDecoders} decoders)` : 'Over the decoder budget';
}
