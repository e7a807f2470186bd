// @vitest-environment happy-dom
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { CompositorProvider, Timeline, TrackList, createCompositorStore, tracksAdded } from '../src';
import { createRecordingRenderer } from './support/recordingRenderer';

afterEach(() => cleanup());

function renderProject(tracks: number) {
  const store = createCompositorStore();
  store.dispatch(tracksAdded(Array.from({ length: tracks }, (_, index) => ({
    id: `t${index}`,
    name: `Track ${index + 1}`,
    source: { url: `/t${index}.mp4` },
    clip: { startMs: 0, outMs: 4000 },
    visible: false,
  }))));
  return render(
    <CompositorProvider store={store} queryClient={new QueryClient()} config={{ renderer: createRecordingRenderer().renderer }}>
      <TrackList />
      <Timeline />
    </CompositorProvider>,
  );
}

describe('given a project of a thousand tracks', () => {
  it('draws only the rows in view of the track list and the timeline, and says how many there are', () => {
    // A test DOM has no layout: give every scroll viewport the height the default look gives it.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(480);
    const view = renderProject(1000);
    const rows = screen.getAllByRole('listitem');
    // 480 px of 28 px rows, and 4 more below for a fast scroll.
    expect(rows).toHaveLength(Math.ceil(480 / 28) + 4);
    expect(rows[0].getAttribute('aria-setsize')).toBe('1000');
    expect(rows[0].getAttribute('aria-posinset')).toBe('1');
    // Top layer first: the last track added is the first row.
    expect(screen.queryByLabelText('Track 1000 status')).not.toBeNull();
    expect(screen.queryByLabelText('Track 1 status')).toBeNull();
    expect(view.container.querySelectorAll('.mtk-timeline-row')).toHaveLength(Math.ceil(480 / 22) + 4);

    // Scrolled to the end, the last rows are drawn and the first are gone.
    const viewport = screen.getByRole('list', { name: 'Tracks' }).parentElement as HTMLElement;
    act(() => {
      viewport.scrollTop = 1000 * 28 - 480;
      fireEvent.scroll(viewport);
    });
    expect(screen.queryByLabelText('Track 1 status')).not.toBeNull();
    expect(screen.queryByLabelText('Track 1000 status')).toBeNull();
  });

  it('draws every row of a small project', () => {
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(100);
    renderProject(40);
    expect(screen.getAllByRole('listitem')).toHaveLength(40);
    expect(screen.getAllByRole('listitem')[0].getAttribute('aria-setsize')).toBeNull();
  });
});
