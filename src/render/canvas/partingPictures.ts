import type { PictureSize } from '../../state';

/**
 * The last picture of a layer that went, by track, for a while (`keepMs`): a track that opens its
 * media again (another rendition, a software decoder, a retry) shows it until its first frame,
 * rather than a blank box, as the element renderer keeps the old element until the new one shows.
 */
export interface PartingPictures {
  keep(trackId: string, picture: number, media: PictureSize): void;
  get(trackId: string): { picture: number; media: PictureSize } | undefined;
  /** Lets the track's kept picture go (its board's picture freed). */
  drop(trackId: string): void;
  dropAll(): void;
}

export function createPartingPictures(keepMs: number, free: (picture: number) => void): PartingPictures {
  const kept = new Map<string, { picture: number; media: PictureSize; timer: ReturnType<typeof setTimeout> }>();
  const drop = (trackId: string) => {
    const parting = kept.get(trackId);
    if (!parting) return;
    clearTimeout(parting.timer);
    free(parting.picture);
    kept.delete(trackId);
  };
  return {
    keep(trackId, picture, media) {
      drop(trackId);
      kept.set(trackId, { picture, media, timer: setTimeout(() => drop(trackId), keepMs) });
    },
    get: (trackId) => kept.get(trackId),
    drop,
    dropAll() {
      for (const trackId of [...kept.keys()]) drop(trackId);
    },
  };
}
