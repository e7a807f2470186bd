import type { CSSProperties } from 'react';

/** What every component of the kit takes to be restyled by its host. */
export interface StyleProps {
  /** Added after the kit's own class (`mtk-...`), so the host's rules win. */
  className?: string;
  /** Merged over the kit's computed inline style (a layer's position, say). */
  style?: CSSProperties;
}

/** The kit's class for a part, followed by the host's. */
export const partClass = (kitClass: string, className: string | undefined) => (className ? `${kitClass} ${className}` : kitClass);

/** `part` as a CSS percentage of `whole` (0% of nothing), for sizes that hold at any view size. */
export const percentOf = (part: number, whole: number) => `${whole > 0 ? (part / whole) * 100 : 0}%`;
