import { QueryClient } from '@tanstack/react-query';
import { useState, type ReactNode } from 'react';
import {
  CompositeView,
  CompositorProvider,
  DecoderBudgetReadout,
  SourceUsageReadout,
  Timeline,
  TrackList,
  Transport,
  createCompositorStore,
  trackAdded,
  trackSelected,
  type CompositorConfig,
  type NewTrack,
  type SourceConfig,
  type TimelineProps,
} from '../../src';
import { useStoryRenderer } from './storyRenderer';

export interface EditorProps {
  tracks: NewTrack[];
  sourceOptions?: SourceConfig;
  /** The track selected before anything loads. */
  selectedTrackId?: string;
  /** The rest of the compositor's config; `sourceOptions` goes into its `sources`. */
  config?: Omit<CompositorConfig, 'sources'>;
  /** Shown above the canvas, inside the provider (a memory banner, say). */
  children?: ReactNode;
  /** The timeline's props (`waveforms: false` where a story counts every byte read for playing). */
  timeline?: TimelineProps;
  /** Zooms the timeline as a host does: this many px wide, in a box that scrolls across it. */
  timelineWidth?: number;
  /** Handles on the selected layer (`CompositeView`'s `handles`). */
  handles?: boolean;
}

/** What an editor embedding the kit shows: canvas, transport, track list, source usage. */
export function Editor({ tracks, sourceOptions, selectedTrackId, config, children, timeline, timelineWidth, handles }: EditorProps) {
  // A fresh store and QueryClient for every story, never shared between stories.
  const [store] = useState(() => {
    const created = createCompositorStore();
    for (const track of tracks) created.dispatch(trackAdded(track));
    if (selectedTrackId) created.dispatch(trackSelected(selectedTrackId));
    return created;
  });
  const [queryClient] = useState(() => new QueryClient());
  // The story's own renderer if it names one, else the one the Storybook global picks.
  const renderer = useStoryRenderer();
  const [fullConfig] = useState<CompositorConfig>(() => ({ renderer, ...config, sources: { maxRetries: 0, ...sourceOptions } }));
  return (
    <CompositorProvider store={store} queryClient={queryClient} config={fullConfig}>
      <div style={{ display: 'grid', gap: 8, maxWidth: 640 }}>
        {children}
        <CompositeView width={640} height={360} handles={handles} />
        <Transport />
        {timelineWidth === undefined ? (
          <Timeline {...timeline} />
        ) : (
          <div data-testid="timeline-scroller" style={{ overflowX: 'auto' }}>
            <Timeline {...timeline} style={{ ...timeline?.style, width: timelineWidth }} />
          </div>
        )}
        <SourceUsageReadout />
        <DecoderBudgetReadout />
        <TrackList />
      </div>
    </CompositorProvider>
  );
}

const columns = 3;

/** Tracks laid out in a grid of 3 columns over a 640x360 composition, one per file URL. */
export function gridTracks(urls: string[], extra: (index: number) => Partial<NewTrack> = () => ({})): NewTrack[] {
  const rows = Math.ceil(urls.length / columns);
  const width = Math.floor(640 / columns);
  const height = Math.floor(360 / Math.max(rows, 1));
  return urls.map((url, index) => ({
    id: `track-${index + 1}`,
    name: `Track ${index + 1}`,
    source: { url },
    layout: { x: (index % columns) * width, y: Math.floor(index / columns) * height, width, height },
    clip: { startMs: 0, inMs: 0, outMs: 4000 },
    ...extra(index),
  }));
}
