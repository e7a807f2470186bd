import '../stories/support/objectUrlWatch';
import '../stories/support/videoFrameWatch';
import '../stories/support/silentDecoders';
import '../stories/support/failingDrawingWorker';
import type { Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { setupWorker } from 'msw/browser';
import { StoryLifetime } from '../stories/support/StoryLifetime';
import { StoryRendererContext, storyRendererName } from '../stories/support/storyRenderer';

const preview: Preview = {
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker();
      await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
      return worker;
    }),
  ],
  decorators: [
    // Each story says on its canvas, in a sentence, what it shows (its doc comment, which
    // Storybook's docs addon reads into `parameters.docs.description.story`).
    (Story, context) => {
      const explains = context.viewMode === 'story' ? (context.parameters.docs as { description?: { story?: string } } | undefined)?.description?.story : undefined;
      return (
        <>
          {explains && (
            <p className="story-explains" style={{ margin: '0 0 12px', maxWidth: 720, font: '14px/1.4 system-ui, sans-serif', color: '#444' }}>
              {explains}
            </p>
          )}
          <Story />
        </>
      );
    },
    (Story, context) => (
      <StoryRendererContext.Provider value={storyRendererName(context.globals.renderer)}>
        <StoryLifetime>
          <Story />
        </StoryLifetime>
      </StoryRendererContext.Provider>
    ),
  ],
  globalTypes: {
    renderer: {
      description: 'The renderer compositor stories use',
      toolbar: {
        title: 'Renderer',
        items: [
          { value: 'elements', title: 'Video elements' },
          { value: 'canvas', title: 'Canvas (WebCodecs)' },
        ],
        dynamicTitle: true,
      },
    },
  },
  initialGlobals: { renderer: 'elements' },
  // The editor stories' props are projects and configs, not knobs a person turns: Controls leaves
  // them out (the live demo's knobs are its own).
  argTypes: Object.fromEntries(['tracks', 'config', 'sourceOptions', 'timeline', 'timelineWidth', 'handles', 'selectedTrackId', 'children'].map((name) => [name, { control: false }])),
  parameters: {
    layout: 'padded',
    options: { storySort: { order: ['Start here', 'Guides', 'Docs', 'Compositor'] } },
  },
};

export default preview;
