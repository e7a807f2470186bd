import { createContext, useContext } from 'react';
import { createCanvasRenderer, createElementRenderer, type CompositorRenderer } from '../../src';

/**
 * Which renderer a compositor story runs under: the Storybook global `renderer` (the toolbar),
 * or what the test-runner's canvas pass set on the page before the preview loaded
 * (`window.__storyRenderer`). `Editor` uses it unless a story names its own renderer. Stories
 * tagged `both-renderers` are run under each (`npm run test:stories` and `test:stories:canvas`).
 */
export type StoryRendererName = 'elements' | 'canvas';

/** One of each for the whole preview, so a story's config stays the same setting across renders. */
export const storyRenderers: Record<StoryRendererName, CompositorRenderer> = {
  elements: createElementRenderer(),
  canvas: createCanvasRenderer(),
};

export const StoryRendererContext = createContext<StoryRendererName>('elements');

export const useStoryRenderer = (): CompositorRenderer => storyRenderers[useContext(StoryRendererContext)];

/** The renderer the preview runs stories under: the test-runner's choice first, else the global. */
export function storyRendererName(globalValue: unknown): StoryRendererName {
  const forced = (window as unknown as { __storyRenderer?: string }).__storyRenderer;
  const name = forced ?? globalValue;
  return name === 'canvas' ? 'canvas' : 'elements';
}
