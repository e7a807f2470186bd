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
  parameters: {
    layout: 'padded',
  },
};

export default preview;
