import type { Meta, StoryObj } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { expect, waitFor, within } from 'storybook/test';
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

/** A story's own store (with `selected` selected), QueryClient, and the renderer the preview runs stories under (the themes apply to either). */
function useThemedProject(tracks: NewTrack[], selected?: string) {
  const [store] = useState(() => {
    const created = createCompositorStore();
    for (const track of tracks) created.dispatch(trackAdded(track));
    if (selected) created.dispatch(trackSelected(selected));
    return created;
  });
  const [queryClient] = useState(() => new QueryClient());
  const renderer = useStoryRenderer();
  const [config] = useState(() => ({ renderer }));
  return { store, queryClient, config };
}

function DarkHostEditor({ tracks }: { tracks: NewTrack[] }) {
  const { store, queryClient, config } = useThemedProject(tracks, 'track-2');
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

/** A host's own dark theme: its classes and the kit's custom properties restyle every part. */
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

/** The kit's own designed themes: the editor's parts with the timeline's track headers, nothing of the host's. */
function KitThemedEditor({ tracks, theme }: { tracks: NewTrack[]; theme: 'dark' | 'light' }) {
  const { store, queryClient, config } = useThemedProject(tracks);
  return (
    <CompositorProvider store={store} queryClient={queryClient} config={config}>
      <div data-mtk-theme={theme} data-testid="themed" style={{ display: 'grid', gap: 8, maxWidth: 760, padding: 12 }}>
        <CompositeView width={640} height={360} />
        <Transport />
        <Timeline editable headers waveforms={false} />
      </div>
    </CompositorProvider>
  );
}

const headerTracks = gridTracks(['a.mp4', 'b.mp4'].map(themed.urlOf));

/** The kit's dark theme, with each track's header beside its clips: show or hide, lock, and a menu for the rest. */
export const TheKitsDarkThemeWithTrackHeaders: Story = {
  tags: ['both-renderers'],
  args: { tracks: headerTracks },
  render: (args) => <KitThemedEditor tracks={args.tracks} theme="dark" />,
  parameters: { msw: { handlers: themed.handlers } },
  beforeEach: () => themed.reset(),
  play: async ({ canvas, canvasElement, userEvent }) => {
    await waitForPicture(canvasElement, 'track-1');
    const color = (element: Element, property: string) => getComputedStyle(element).getPropertyValue(property).trim();
    // The dark room: the panel and the text from the theme's tokens.
    await expect(color(canvas.getByTestId('themed'), 'background-color')).toBe('rgb(30, 31, 34)');
    await expect(color(canvas.getByTestId('themed'), 'color')).toBe('rgb(230, 230, 230)');
    // Each row's header beside its clips: kind, name, state and icon buttons with names.
    await waitFor(() => expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Ready'), patience);
    for (const name of ['Hide Track 1', 'Lock Track 1', 'More for Track 1']) await expect(canvas.getByRole('button', { name })).toBeVisible();
    const row = canvasElement.querySelector('.mtk-timeline-row[data-track-id="track-1"]') as HTMLElement;
    await expect(row.contains(canvas.getByRole('button', { name: /^Track 1 clip 1/ }))).toBe(true);
    await expect(row.contains(canvas.getByRole('button', { name: 'Hide Track 1' }))).toBe(true);
    // Locked, its clips take no edits (they are no longer buttons); unlocked, they do again.
    await userEvent.click(canvas.getByRole('button', { name: 'Lock Track 1' }));
    await expect(canvas.getByRole('button', { name: 'Lock Track 1' })).toHaveAttribute('aria-pressed', 'true');
    await expect(canvas.queryByRole('button', { name: /^Track 1 clip 1/ })).toBeNull();
    await userEvent.click(canvas.getByRole('button', { name: 'Lock Track 1' }));
    await expect(canvas.getByRole('button', { name: /^Track 1 clip 1/ })).toBeVisible();
    // The menu: what can be done to the top track (it cannot move up), focus in it, Escape closes it.
    await userEvent.click(canvas.getByRole('button', { name: 'More for Track 2' }));
    const menu = await waitFor(() => within(document.body).getByRole('menu', { name: 'More for Track 2' }), patience);
    await expect(within(menu).getAllByRole('menuitem').map((item) => item.textContent)).toEqual(['Select', 'Move down', 'Remove']);
    await waitFor(() => expect(menu.contains(document.activeElement)).toBe(true), patience);
    await userEvent.keyboard('{Escape}');
    await waitFor(() => expect(within(document.body).queryByRole('menu')).toBeNull(), patience);
    // Chosen from the menu, Select selects the track: its layer is outlined.
    await userEvent.click(canvas.getByRole('button', { name: 'More for Track 2' }));
    await userEvent.click(await waitFor(() => within(document.body).getByRole('menuitem', { name: 'Select' }), patience));
    await waitFor(() => expect(canvas.getByRole('group', { name: 'Track 2 layer' })).toHaveAttribute('data-selected', 'true'), patience);
    // Hidden from its header: the layer goes, the row says so.
    await userEvent.click(canvas.getByRole('button', { name: 'Hide Track 1' }));
    await waitFor(() => expect(canvas.getByLabelText('Track 1 status')).toHaveTextContent('Hidden'), patience);
  },
};

/** The kit's light theme. */
export const TheKitsLightTheme: Story = {
  args: { tracks: headerTracks },
  render: (args) => <KitThemedEditor tracks={args.tracks} theme="light" />,
  parameters: { msw: { handlers: themed.handlers } },
  beforeEach: () => themed.reset(),
  play: async ({ canvas, canvasElement }) => {
    await waitForPicture(canvasElement, 'track-1');
    await expect(getComputedStyle(canvas.getByTestId('themed')).colorScheme).toBe('light');
    await expect(canvas.getByRole('button', { name: 'More for Track 1' })).toBeVisible();
  },
};
