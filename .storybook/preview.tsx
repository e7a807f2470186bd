import '../stories/support/objectUrlWatch';
import '../stories/support/videoFrameWatch';
import type { Preview } from '@storybook/react-vite';
import { mswLoader } from 'msw-storybook-addon/csf3';
import { setupWorker } from 'msw/browser';
import { StoryLifetime } from '../stories/support/StoryLifetime';

const preview: Preview = {
  loaders: [
    mswLoader(async () => {
      const worker = setupWorker();
      await worker.start({ onUnhandledRequest: 'bypass', quiet: true });
      return worker;
    }),
  ],
  decorators: [
    (Story) => (
      <StoryLifetime>
        <Story />
      </StoryLifetime>
    ),
  ],
  parameters: {
    layout: 'padded',
  },
};

export default preview;
