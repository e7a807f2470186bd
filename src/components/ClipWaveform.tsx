import { useEffect, useRef } from 'react';
import { peaksForColumns, type WaveformPeaks } from '../audio';

export interface ClipWaveformProps {
  peaks: WaveformPeaks;
  /** The part of the source the clip plays, in source ms. */
  fromMs: number;
  toMs: number;
  label: string;
}

/**
 * A clip's waveform: a canvas as large as the clip's box, one column of the lowest to the highest
 * sample per device pixel, in the canvas's CSS `color` (the theme's `--mtk-waveform`). Drawn again
 * when the box changes size; nothing is drawn per frame.
 */
export function ClipWaveform({ peaks, fromMs, toMs, label }: ClipWaveformProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas) return;
    const draw = () => {
      const box = canvas.getBoundingClientRect();
      const ratio = window.devicePixelRatio || 1;
      canvas.width = Math.max(1, Math.round(box.width * ratio));
      canvas.height = Math.max(1, Math.round(box.height * ratio));
      const context = canvas.getContext('2d');
      if (!context) return;
      context.clearRect(0, 0, canvas.width, canvas.height);
      context.fillStyle = getComputedStyle(canvas).color;
      const columns = peaksForColumns(peaks, fromMs, toMs, canvas.width);
      const middle = canvas.height / 2;
      for (let x = 0; x < canvas.width; x += 1) {
        const top = middle - columns[x * 2 + 1] * middle;
        const bottom = middle - columns[x * 2] * middle;
        // Silence still draws its line: the clip is there, and quiet.
        context.fillRect(x, top, 1, Math.max(1, bottom - top));
      }
    };
    draw();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(draw);
    observer.observe(canvas);
    return () => observer.disconnect();
  }, [peaks, fromMs, toMs]);
  return <canvas ref={ref} role="img" aria-label={label} className="mtk-clip-waveform" />;
}
