import type { Meta, StoryObj } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { expect, waitFor } from 'storybook/test';
import { gridTracks } from './support/Editor';
import { patience, waitForPicture } from './support/playHelpers';
import { storyMedia } from './support/storyMedia';
import { useStoryRenderer } from './support/storyRenderer';
import { CompositeView, CompositorProvider, Timeline, TrackList, Transport, createCompositorStore, trackAdded, trackSelected, type NewTrack } from '../src';

// A host editor's dark theme: the kit's custom properties set once on the host's own shell, and
// a few host classes for the parts it wants to look like the rest of its editor.
const hostCss = `
.host-dark {
  --mtk-text: #e6e6e6;
  --mtk-muted: #9aa4b2;
  --mtk-accent: #ffb000;
  --mtk-composite-background: #0b0d10;
  --mtk-clip-background: #3a4a66;
  --mtk-clip-border: #6b86b8;
  --mtk-playhead: #ffb000;
  --mtk-ruler: #4a5160;
  background: #16181d;
  color: #e6e6e6;
  padding: 12px;
  display: grid;
  gap: 8px;
  max-width: 640px;
}
.host-toolbar { background: #22262e; border-radius: 6px; padding: 4px 8px; }
.host-toolbar button, .host-tracks button { background: #2d323c; color: #e6e6e6; border: 1px solid #4a5160; border-radius: 4px; }
.host-tracks { font: 12px ui-monospace, monospace; }
`;

function DarkHostEditor({ tracks }: { tracks: NewTrack[] }) {
  const [store] = useState(() => {
    const created = createCompositorStore();
    for (const track of tracks) created.dispatch(trackAdded(track));
    created.dispatch(trackSelected('track-2'));
    return created;
  });
  const [queryClient] = useState(() => new QueryClient());
  // The renderer the preview runs stories under (the theme applies to either).
  const renderer = useStoryRenderer();
  const [config] = useState(() => ({ renderer }));
  return (
    <CompositorProvider store={store} queryClient={queryClient} config={config}>
      <style>{hostCss}</style>
      <div className="host-dark" data-testid="host-shell">
        <CompositeView width={640} height={360} className="host-composite" style={{ borderRadius: 6 }} />
        <Transport className="host-toolbar" />
        <Timeline className="host-timeline" />
        <TrackList className="host-tracks" />
      </div>
    </CompositorProvider>
  );
}

const meta = {
  title: 'Compositor/Theming',
  component: DarkHostEditor,
  args: { tracks: [] },
} satisfies Meta<typeof DarkHostEditor>;

export default meta;
type Story = StoryObj<typeof meta>;

const themed = storyMedia('theming', { 'a.mp4': 'clip-h264.mp4', 'b.mp4': 'clip-h264-b.mp4' });

export const InAHostsDarkTheme: Story = {
  tags: ['both-renderers'],
  args: { tracks: gridTracks(['a.mp4', 'b.mp4'].map(themed.urlOf)) },
  parameters: { msw: { handlers: themed.handlers } },
  beforeEach: () => themed.reset(),
  play: async ({ canvas, canvasElement }) => {
    await waitForPicture(canvasElement, 'track-1');
    await waitForPicture(canvasElement, 'track-2');
    const color = (element: Element, property: string) => getComputedStyle(element).getPropertyValue(property).trim();

    // The host's classes reach the parts and win over the kit's defaults.
    const transport = canvas.getByRole('toolbar', { name: 'Transport' });
    await expect(transport).toHaveClass('mtk-transport', 'host-toolbar');
    await expect(color(transport, 'background-color')).toBe('rgb(34, 38, 46)');
    await expect(color(canvas.getByRole('button', { name: 'Play' }), 'color')).toBe('rgb(230, 230, 230)');
    const composite = canvas.getByRole('region', { name: 'Composite' });
    await expect(composite).toHaveClass('host-composite');
    await expect(color(composite, 'border-top-left-radius')).toBe('6px');

    // The theme's custom properties colour what the kit draws: the composite, the selected
    // layer's outline, the clips and the playhead.
    await expect(color(composite, 'background-color')).toBe('rgb(11, 13, 16)');
    const selected = canvas.getByRole('group', { name: 'Track 2 layer' });
    await expect(selected).toHaveAttribute('data-selected', 'true');
    // Drawn over the picture (an outline of the box itself would sit under the video).
    await expect(getComputedStyle(selected, '::after').getPropertyValue('border-top-color')).toBe('rgb(255, 176, 0)');
    await expect(color(canvasElement.querySelector('[data-clip-of="track-1"]') as Element, 'background-color')).toBe('rgb(58, 74, 102)');
    await expect(color(canvas.getByRole('slider', { name: 'Playhead' }), 'background-color')).toBe('rgb(255, 176, 0)');
    await expect(color(canvas.getByLabelText('Track 1 status'), 'color')).toBe('rgb(154, 164, 178)');
    await waitFor(() => expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready'), patience);
  },
};
