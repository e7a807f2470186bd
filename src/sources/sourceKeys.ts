import type { MediaReference } from '../state';

/** Every query key the kit's sources use, from one place. */
export const sourceKeys = {
  all: ['multitrack-kit', 'source'] as const,
  source: (source: MediaReference) => [...sourceKeys.all, source.url] as const,
};
