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

/**
 * A video clip's filmstrip: thumbnails as tall as the clip's box side by side, each the picture at
 * its left edge's time. Only the part of the box on screen is planned, fetched and drawn (on a
 * canvas as wide as that part, so a clip zoomed to any width costs a screenful); thumbnails come
 * as sheets of 100 from the media server or are made in a worker (`useFilmstripSheets`).
 */
export function ClipFilmstrip({ source, fromMs, toMs, label, onState }: ClipFilmstripProps) {
  const boxRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
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

  const reason = sheets.find((entry) => entry.error)?.error?.message;
  const state = reason !== undefined ? 'failed' : sheets.every((entry) => entry.sheet) ? 'drawn' : 'loading';
  useEffect(() => onState?.(state, reason), [onState, state, reason]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || !span || !plan) return;
    canvas.width = Math.max(1, Math.round((span.to - span.from) * pixelRatio));
    canvas.height = Math.max(1, Math.round(span.height * pixelRatio));
    const context = canvas.getContext('2d');
    if (!context) return;
    context.clearRect(0, 0, canvas.width, canvas.height);
    for (const slot of plan.slots) {
      const cell = tileCell(slot.tile);
      const sheet = sheets[plan.sheets.findIndex((params) => params.sheet === cell.sheet)]?.sheet;
      if (!sheet) continue;
      const { width, height } = sheet.tile;
      context.drawImage(sheet.bitmap, cell.column * width, cell.row * height, width, height, (slot.x - span.from) * pixelRatio, 0, plan.slotWidth * pixelRatio, canvas.height);
    }
  }, [span, plan, sheets, pixelRatio]);

  return (
    <div ref={boxRef} className="mtk-clip-filmstrip">
      {span && span.to > span.from && (
        <canvas ref={canvasRef} role="img" aria-label={label} style={{ left: span.from, width: span.to - span.from }} />
      )}
    </div>
  );
}
