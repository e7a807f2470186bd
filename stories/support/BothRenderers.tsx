import { QueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { expect } from 'storybook/test';
import {
  CompositeView,
  CompositorProvider,
  createCanvasRenderer,
  createCompositorStore,
  createElementRenderer,
  trackAdded,
  type CompositorConfig,
  type CompositorRenderer,
  type CompositorStore,
  type NewTrack,
} from '../../src';
import { pageScreenshot, screenColourAt } from './pageScreenshot';
import { expectedColourAt, flatPointsOf, type PlannedPicture } from './planPixels';
import { compositionPointOnPage } from './playHelpers';

/** The stores of the panes on the page, elements first: what a play function drives (a seek in both). */
export const paneStores: CompositorStore[] = [];

/** One compositor of the project, drawn by `renderer`, 384 px wide. */
function Pane({ label, renderer, project }: { label: string; renderer: CompositorRenderer; project: PaneProject }) {
  const [store] = useState(() => projectStore(project));
  useEffect(() => {
    paneStores.push(store);
    return () => void paneStores.splice(paneStores.indexOf(store), 1);
  }, [store]);
  const [queryClient] = useState(() => new QueryClient());
  const [config] = useState<CompositorConfig>(() => ({ renderer, sources: { maxRetries: 0 } }));
  return (
    <section aria-label={label} style={{ width: 384 }}>
      <CompositorProvider store={store} queryClient={queryClient} config={config}>
        <CompositeView width={project.composition.width} height={project.composition.height} />
      </CompositorProvider>
    </section>
  );
}

/** A project the panes draw: its tracks, then edits made after they are added (`setup`: transitions, say). */
export interface PaneProject {
  tracks: NewTrack[];
  setup?: (store: CompositorStore) => void;
  composition: { width: number; height: number };
}

/** A store holding the project: what each pane draws, and what a story plans its expectations from. */
export function projectStore({ tracks, setup }: PaneProject): CompositorStore {
  const store = createCompositorStore();
  for (const track of tracks) store.dispatch(trackAdded(track));
  setup?.(store);
  return store;
}

/** The same project under both renderers, side by side ("Drawn by elements", "Drawn on the canvas"). */
export function BothRenderers(project: PaneProject) {
  const [renderers] = useState(() => ({ elements: createElementRenderer(), canvas: createCanvasRenderer() }));
  return (
    <div style={{ display: 'flex', gap: 8 }}>
      <Pane label="Drawn by elements" renderer={renderers.elements} project={project} />
      <Pane label="Drawn on the canvas" renderer={renderers.canvas} project={project} />
    </div>
  );
}

/** Per channel, of 255: a flat part of a picture through scaling, an opacity's rounding and the screenshot. */
export const parityTolerance = 16;

/**
 * Reads both panes off a screenshot at the flat points of each named layer (`pictures[index]`,
 * the layers in paint order as the plan draws them, `background` the composite's) and compares
 * them with the colours the plan gives there and with each other: the points more than
 * `parityTolerance` apart.
 */
export async function pointsOffThePlan(
  panes: Record<'elements' | 'canvas', HTMLElement>,
  pictures: readonly PlannedPicture[],
  compared: readonly { name: string; index: number }[],
  background: number[],
  composition: { width: number; height: number },
): Promise<{ off: string[]; compared: number }> {
  const shot = await pageScreenshot();
  const off: string[] = [];
  let count = 0;
  const far = (a: number[], b: number[]) => a.some((value, channel) => Math.abs(value - b[channel]) > parityTolerance);
  for (const { name, index } of compared) {
    const points = flatPointsOf(pictures[index].plan, pictures, background, composition, 4, 6);
    await expect(points.length, `${name}: points to compare`).toBeGreaterThan(8);
    for (const point of points) {
      const expected = expectedColourAt(point, pictures, background);
      const [elements, canvas] = [panes.elements, panes.canvas].map((pane) => {
        const onPage = compositionPointOnPage(pane, composition, point.x, point.y);
        return screenColourAt(shot, onPage.x, onPage.y, 0.5);
      });
      count += 1;
      if (far(elements, expected) || far(canvas, expected) || far(elements, canvas)) {
        off.push(`${name} at (${point.x.toFixed(0)}, ${point.y.toFixed(0)}): plan ${expected.join(',')}, elements ${elements.join(',')}, canvas ${canvas.join(',')}`);
      }
    }
  }
  return { off, compared: count };
}
