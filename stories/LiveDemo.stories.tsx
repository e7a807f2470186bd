import type { Meta, StoryObj } from '@storybook/react-vite';
import { QueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { expect } from 'storybook/test';
import {
  CompositeView,
  CompositorProvider,
  Mixer,
  Timeline,
  Transport,
  createCanvasRenderer,
  createCompositorStore,
  createElementRenderer,
  tracksAdded,
  withLinkedSound,
  type CompositorConfig,
  type NewTrack,
} from '../src';
import type { FixtureName, MediaFault } from '../src/mocks';
import { waitForPicture } from './support/playHelpers';
import { storyMedia } from './support/storyMedia';

/** The knobs a person tries the kit with: how many tracks, of which file, drawn how, failing how. */
interface DemoArgs {
  tracks: number;
  file: 'a clip with sound' | 'a frame-numbered clip' | 'a VP9 clip' | 'a one-minute clip';
  renderer: 'video elements' | 'canvas (WebCodecs)';
  fault: 'none' | 'the first file missing (404)' | 'the first file slow (3 s)' | 'the server failing (500)';
  theme: 'dark' | 'light';
}

const files: Record<DemoArgs['file'], FixtureName> = {
  'a clip with sound': 'flash-beeps.mp4',
  'a frame-numbered clip': 'frame-code-h264.mp4',
  'a VP9 clip': 'clip-vp9.webm',
  'a one-minute clip': 'stream-h264.mp4',
};
const faults: Record<DemoArgs['fault'], MediaFault | undefined> = {
  none: undefined,
  'the first file missing (404)': { kind: 'status', status: 404 },
  'the first file slow (3 s)': { kind: 'delay', ms: 3000 },
  'the server failing (500)': { kind: 'status', status: 500 },
};
const maxTracks = 9;
// Every file the knobs can ask for, under names of their own: `<fixture>-<n>`.
const demo = storyMedia(
  'live-demo',
  Object.fromEntries(Object.values(files).flatMap((fixture) => Array.from({ length: maxTracks }, (_, n) => [`${n + 1}-${fixture}`, fixture]))),
);
const renderers = { 'video elements': createElementRenderer(), 'canvas (WebCodecs)': createCanvasRenderer() };

/** The project the knobs describe: `tracks` clips of `file` in a grid, each with its sound where it has one. */
function projectOf({ tracks, file }: DemoArgs): NewTrack[] {
  const fixture = files[file];
  const columns = Math.ceil(Math.sqrt(tracks));
  const rows = Math.ceil(tracks / columns);
  return Array.from({ length: tracks }, (_, index) => {
    const track = {
      id: `track-${index + 1}`,
      name: `Clip ${index + 1}`,
      source: { url: demo.urlOf(`${index + 1}-${fixture}`) },
      layout: { x: (index % columns) * (1280 / columns), y: Math.floor(index / columns) * (720 / rows), width: 1280 / columns, height: 720 / rows },
    };
    return fixture === 'flash-beeps.mp4' ? withLinkedSound(track) : [track];
  }).flat();
}

/** A small editor built from the kit's parts, made again whenever a knob changes. */
function LiveDemo(args: DemoArgs) {
  const [store] = useState(() => {
    applyFault(args);
    const created = createCompositorStore();
    created.dispatch(tracksAdded(projectOf(args)));
    return created;
  });
  const [queryClient] = useState(() => new QueryClient());
  const [config] = useState<CompositorConfig>(() => ({ renderer: renderers[args.renderer] }));
  return (
    <CompositorProvider store={store} queryClient={queryClient} config={config}>
      <div data-mtk-theme={args.theme} style={{ display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) 240px', gap: 12, padding: 12, maxWidth: 1100 }}>
        <div style={{ display: 'grid', gap: 8, alignContent: 'start' }}>
          <CompositeView width={1280} height={720} handles />
          <Transport />
        </div>
        <Mixer />
        <div style={{ gridColumn: '1 / -1' }}>
          <Timeline editable headers filmstrips />
        </div>
      </div>
    </CompositorProvider>
  );
}

/** Remounts the demo for each setting of the knobs. */
function LiveDemoStory(args: DemoArgs) {
  return <LiveDemo key={JSON.stringify(args)} {...args} />;
}

/** The chosen fault in force, before the demo asks for its files. */
function applyFault({ file, fault }: DemoArgs): void {
  demo.reset();
  const fixture = files[file];
  if (fault === 'the server failing (500)') for (let n = 1; n <= maxTracks; n += 1) demo.setFault(`${n}-${fixture}`, faults[fault]);
  else demo.setFault(`1-${fixture}`, faults[fault]);
}

const meta = {
  title: 'Start here/Live demo',
  component: LiveDemoStory,
  args: { tracks: 4, file: 'a clip with sound', renderer: 'video elements', fault: 'none', theme: 'dark' },
  argTypes: {
    tracks: { control: { type: 'range', min: 1, max: maxTracks, step: 1 }, description: 'How many clips, in a grid' },
    file: { control: 'select', options: Object.keys(files), description: 'Which file each clip plays' },
    renderer: { control: 'inline-radio', options: Object.keys(renderers), description: 'How the composite is drawn' },
    fault: { control: 'select', options: Object.keys(faults), description: 'What the media server does wrong' },
    theme: { control: 'inline-radio', options: ['dark', 'light'], description: "The kit's theme" },
  },
  parameters: { msw: { handlers: demo.handlers }, layout: 'fullscreen' },
} satisfies Meta<typeof LiveDemoStory>;

export default meta;
type Story = StoryObj<typeof meta>;

/**
 * A live editor made of the kit's parts: play, scrub, drag and trim clips on the timeline, hide,
 * mute and solo from the track headers, move a layer by its handles; the knobs in Controls change
 * the project, the renderer and what the server does wrong.
 */
export const Editor: Story = {
  play: async ({ canvasElement, args }) => {
    for (let n = 1; n <= args.tracks; n += 1) await waitForPicture(canvasElement, `track-${n}`);
    await expect(canvasElement.querySelectorAll('.mtk-timeline-row[data-kind="video"]')).toHaveLength(args.tracks);
  },
};
