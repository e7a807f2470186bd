import type { CSSProperties } from 'react';
import { partClass, percentOf, type StyleProps } from '../render';
import type { Point } from '../state';
import { anchorOnComposite } from '../state';
import type { HandleKind, LayerHandlesState } from './useLayerHandles';

export interface LayerHandlesProps extends StyleProps {
  /** What `useLayerHandles` gives; its `regionProps` go on the composite this is drawn in. */
  handles: LayerHandlesState;
  width: number;
  height: number;
}

const corners: HandleKind[] = ['top-left', 'top-right', 'bottom-right', 'bottom-left'];

/**
 * The default look of the selected layer's handles: its drawn picture's outline, a square at each
 * corner, a round handle above its top edge to turn it, and one at its anchor to move it (or move
 * it by its picture). Placed from the composite plan, in percent of the composite, so they hold at
 * any view size and keep their own size whatever the layer's scale.
 */
export function LayerHandles({ handles, width, height, className, style }: LayerHandlesProps) {
  const { selected, gesture } = handles;
  if (!selected) return null;
  const { layer } = selected;
  const at = ({ x, y }: Point): CSSProperties => ({ left: percentOf(x, width), top: percentOf(y, height) });
  const top = { x: (layer.corners[0].x + layer.corners[1].x) / 2, y: (layer.corners[0].y + layer.corners[1].y) / 2 };
  return (
    <div className={partClass('mtk-handles', className)} data-gesture={gesture} style={style}>
      <svg className="mtk-handles-outline" viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
        <polygon points={layer.corners.map(({ x, y }) => `${x},${y}`).join(' ')} vectorEffect="non-scaling-stroke" />
      </svg>
      <div className="mtk-handle" {...handles.handleProps('move')} style={at(anchorOnComposite(layer))} />
      {corners.map((kind, index) => (
        <div key={kind} className="mtk-handle" {...handles.handleProps(kind)} style={at(layer.corners[index])} />
      ))}
      {/* Above the top edge, out along the layer's own up, however it is turned: the stylesheet
          turns it by --mtk-handle-turn and moves it 2.5 handles out. */}
      <div className="mtk-handle" {...handles.handleProps('rotate')} style={{ ...at(top), '--mtk-handle-turn': `${layer.look.rotation}deg` } as CSSProperties} />
    </div>
  );
}
