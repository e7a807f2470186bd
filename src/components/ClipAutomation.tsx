import { selectTrackById, useCompositorSelector, type ClipTiming, type ClipTransition } from '../state';
import { keyframeMarks, levelShape } from './clipAutomationShape';

export interface ClipAutomationProps {
  clip: ClipTiming;
  /** The clip's length on the timeline, in ms. */
  lengthMs: number;
  /** The clip's name, for what assistive technology reads of its keyframes and fades. */
  name: string;
  /** Whether to draw the sound's level line and fades (audio clips). */
  level: boolean;
}

const kindWords: Record<ClipTransition['kind'], string> = { 'cross-dissolve': 'Cross-dissolve', dip: 'Dip', wipe: 'Wipe', slide: 'Slide', push: 'Push' };

/** The transition a clip comes in by: a band over its start as long as the transition, named. */
function TransitionMark({ transition, lengthMs }: { transition: ClipTransition; lengthMs: number }) {
  const fromName = useCompositorSelector((state) => selectTrackById(state, transition.fromTrackId)?.name ?? transition.fromTrackId);
  const side = transition.kind === 'wipe' || transition.kind === 'slide' || transition.kind === 'push' ? ` from the ${transition.from ?? 'left'}` : '';
  return (
    <span
      role="img"
      aria-label={`${kindWords[transition.kind]}${side} out of ${fromName}, ${seconds(transition.durationMs)}`}
      className="mtk-clip-transition"
      data-kind={transition.kind}
      style={{ width: `${Math.min(1, transition.durationMs / Math.max(1, lengthMs)) * 100}%` }}
    />
  );
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const svgPoints = (points: readonly [number, number][]) => points.map(([x, y]) => `${x * 1000},${y * 100}`).join(' ');

/**
 * What changes over a clip's life, drawn over its box on the timeline: the transition it comes in
 * by as a band over its start, a diamond at each time it has keyframes (of any property), and for
 * sound its level (volume keyframes times fades) as a line with each fade's stretch shaded. Drawn in fractions of the box, so zoom costs nothing; names
 * what it shows for assistive technology.
 */
export function ClipAutomation({ clip, lengthMs, name, level }: ClipAutomationProps) {
  const marks = keyframeMarks(clip, lengthMs);
  const shape = level ? levelShape(clip, lengthMs) : { line: [], fades: [] };
  const fadeWords = (['in', 'out'] as const).flatMap((side) => {
    const fade = clip.fades?.[side];
    return fade && fade.durationMs > 0 ? [`fade ${side} ${seconds(fade.durationMs)} ${(fade.curve ?? 'equal-power').replace('-', ' ')}`] : [];
  });
  return (
    <>
      {clip.transitionIn && <TransitionMark transition={clip.transitionIn} lengthMs={lengthMs} />}
      {shape.line.length > 0 && (
        <svg className="mtk-clip-level" viewBox="0 0 1000 100" preserveAspectRatio="none" role="img" aria-label={`Level of ${name}${fadeWords.length ? `: ${fadeWords.join(', ')}` : ''}`}>
          {shape.fades.map((area, index) => (
            <polygon key={index} className="mtk-clip-fade" points={svgPoints(area)} />
          ))}
          <polyline points={svgPoints(shape.line)} vectorEffect="non-scaling-stroke" />
        </svg>
      )}
      {marks.length > 0 && (
        <div className="mtk-clip-keyframes" role="img" aria-label={`Keyframes of ${name}: ${marks.map((mark) => `${seconds(mark.atMs)} ${mark.properties.join(', ')}`).join('; ')}`}>
          {marks.map((mark) => (
            <span key={mark.atMs} className="mtk-keyframe" style={{ left: `${mark.x * 100}%` }} data-at-ms={mark.atMs} />
          ))}
        </div>
      )}
    </>
  );
}
