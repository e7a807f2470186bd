import { useEffect, useMemo, useRef, useState } from 'react';
import { planFilmstrip, tileCell } from '../derived';
import { useFilmstripSheets } from '../filmstrip';
import type { MediaReference } from '../state';
import { useVisibleSpan } from './useVisibleSpan';

export interface ClipFilmstripProps {
  source: MediaReference;
  /** The part of the source the clip plays, in source ms. */
  fromMs: number;
  toMs: number;
  label: string;
  /** Told how the strip stands: every sheet in view drawn, some still coming, or one failed (with why). */
  onState?: (state: 'drawn' | 'loading' | 'failed', reason?: string) => void;
}

/** The strip as last made: its picture's object URL, and the plan and sheets it was drawn from. */
interface MadeStrip {
  url: string;
  /** The part of the box it covers, in CSS px from the box's left edge. */
  from: number;
  to: number;
  plan: ReturnType<typeof planFilmstrip>;
  sheets: ReturnType<typeof useFilmstripSheets>;
}

/**
 * A video clip's filmstrip: thumbnails as tall as the clip's box side by side, each the picture at
 * its left edge's time. Only the part of the box on screen is planned, fetched and drawn (a
 * picture as wide as that part, so a clip zoomed to any width costs a screenful); thumbnails come
 * as sheets of 100 from the media server or are made in a worker (`useFilmstripSheets`).
 *
 * The strip is drawn once on an `OffscreenCanvas` and shown as an `<img>` of it (a PNG by object
 * URL, let go once it has loaded), not as a `<canvas>` on the page: every canvas is a layer of its own
 * for the browser's compositor, and with a timeline of 22 rows of 20 clips in view (440 canvases)
 * the moving playhead made Chromium layerise and commit them all each frame (the page's thread
 * busy 2.3 times as long as with 2 rows, bench:main-thread); as images they are part of the rows'
 * painting.
 */
export function ClipFilmstrip({ source, fromMs, toMs, label, onState }: ClipFilmstripProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const span = useVisibleSpan(boxRef);
  // The picture's shape, learnt from the first sheet; 16:9 until then.
  const [aspect, setAspect] = useState(16 / 9);
  const pixelRatio = typeof window === 'undefined' ? 1 : window.devicePixelRatio || 1;
  const plan = useMemo(
    () =>
      span && span.to > span.from
        ? planFilmstrip({ sourceFromMs: fromMs, sourceToMs: toMs, boxWidth: span.width, visibleFromPx: span.from, visibleToPx: span.to, deviceHeight: Math.round(span.height * pixelRatio), pixelRatio, aspect })
        : undefined,
    [span, fromMs, toMs, pixelRatio, aspect],
  );
  const sheets = useFilmstripSheets(source, plan?.sheets ?? []);
  // Kept once learnt (set while rendering, React's way to keep what a render found): sheets of
  // another zoom, not loaded yet, must not send the plan back to 16:9 and round again.
  const firstTile = sheets.find((state) => state.sheet)?.sheet?.tile;
  if (firstTile && firstTile.width / firstTile.height !== aspect) setAspect(firstTile.width / firstTile.height);
  const [made, setMade] = useState<MadeStrip>();
  const [shownUrl, setShownUrl] = useState<string>();
  const [makeError, setMakeError] = useState<string>();
  // The last URL made, which the strip lets go when it goes even if its state update was never
  // committed (unmounted between the blob's arrival and the next render).
  const lastUrl = useRef<string>(undefined);
  useEffect(
    () => () => {
      if (lastUrl.current) URL.revokeObjectURL(lastUrl.current);
    },
    [],
  );

  useEffect(() => {
    if (!span || !plan || typeof OffscreenCanvas === 'undefined') return;
    const board = new OffscreenCanvas(Math.max(1, Math.round((span.to - span.from) * pixelRatio)), Math.max(1, Math.round(span.height * pixelRatio)));
    const context = board.getContext('2d');
    if (!context) return;
    for (const slot of plan.slots) {
      const cell = tileCell(slot.tile);
      const sheet = sheets[plan.sheets.findIndex((params) => params.sheet === cell.sheet)]?.sheet;
      if (!sheet) continue;
      const { width, height } = sheet.tile;
      context.drawImage(sheet.bitmap, cell.column * width, cell.row * height, width, height, (slot.x - span.from) * pixelRatio, 0, plan.slotWidth * pixelRatio, board.height);
    }
    let current = true;
    board.convertToBlob().then(
      (blob) => {
        if (!current) return;
        const url = URL.createObjectURL(blob);
        lastUrl.current = url;
        setMade({ url, from: span.from, to: span.to, plan, sheets });
      },
      (error: unknown) => {
        if (current) setMakeError(`the strip could not be drawn: ${String(error)}`);
      },
    );
    return () => {
      current = false;
    };
  }, [span, plan, sheets, pixelRatio]);
  // A picture not loaded yet is let go once another replaces it, or the strip goes.
  useEffect(() => (made ? () => URL.revokeObjectURL(made.url) : undefined), [made]);

  const reason = sheets.find((entry) => entry.error)?.error?.message ?? makeError;
  const current = made !== undefined && made.plan === plan && made.sheets === sheets;
  // Nothing of it in view is nothing to draw.
  const state = reason !== undefined ? 'failed' : !plan || (sheets.every((entry) => entry.sheet) && current && shownUrl === made.url) ? 'drawn' : 'loading';
  useEffect(() => onState?.(state, reason), [onState, state, reason]);

  return (
    <div ref={boxRef} className="mtk-clip-filmstrip">
      {made && (
        <img
          src={made.url}
          alt={label}
          draggable={false}
          onLoad={() => {
            // Loaded, the picture no longer needs its URL: let go at once, so the page holds no
            // object URL per strip on screen (the image keeps its bytes).
            URL.revokeObjectURL(made.url);
            setShownUrl(made.url);
          }}
          style={{ left: made.from, width: made.to - made.from }}
        />
      )}
    </div>
  );
}
