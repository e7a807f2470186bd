// @vitest-environment happy-dom
import { QueryClient } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import {
  CompositeView,
  CompositorProvider,
  DecoderBudgetReadout,
  MemoryReadout,
  SourceUsageReadout,
  Timeline,
  TrackList,
  Transport,
  createCompositorStore,
  trackAdded,
  trackSelected,
  type CompositorConfig,
} from '../src';
import { createRecordingRenderer } from './support/recordingRenderer';

afterEach(() => cleanup());

const kitStyles = () => document.head.querySelectorAll('style[data-multitrack-kit-styles]');

function renderKit(children: React.ReactNode, config: CompositorConfig = {}) {
  const store = createCompositorStore();
  store.dispatch(trackAdded({ id: 'a', name: 'Camera A', source: { url: '/a.mp4' }, clip: { startMs: 0, outMs: 4000 }, visible: false }));
  store.dispatch(trackAdded({ id: 'b', name: 'Camera B', source: { url: '/b.mp4' }, clip: { startMs: 0, outMs: 4000 }, visible: false }));
  const view = render(
    <CompositorProvider store={store} queryClient={new QueryClient()} config={{ renderer: createRecordingRenderer().renderer, ...config }}>
      {children}
    </CompositorProvider>,
  );
  return { store, view };
}

describe('given a host that passes its own class and style', () => {
  it('puts them on the element of every component, after the kit’s own class', () => {
    renderKit(
      <>
        <CompositeView className="host-composite" style={{ borderRadius: 8 }} />
        <Transport className="host-transport" style={{ gap: 2 }} />
        <Timeline className="host-timeline" />
        <TrackList className="host-tracks" />
        <SourceUsageReadout className="host-readout" />
        <MemoryReadout className="host-memory" />
        <DecoderBudgetReadout className="host-budget" />
      </>,
    );
    const composite = screen.getByRole('region', { name: 'Composite' });
    expect(composite.className).toBe('mtk-composite host-composite');
    expect(composite.style.borderRadius).toBe('8px');
    // The computed aspect ratio stays: a host style is merged over it, not instead of it.
    expect(composite.style.aspectRatio).not.toBe('');
    expect(screen.getByRole('toolbar', { name: 'Transport' }).className).toBe('mtk-transport host-transport');
    expect(screen.getByRole('toolbar', { name: 'Transport' }).style.gap).toBe('2px');
    expect(screen.getByRole('group', { name: 'Timeline' }).classList).toContain('host-timeline');
    expect(screen.getByRole('list', { name: 'Tracks' }).classList).toContain('host-tracks');
    expect(screen.getByLabelText('Source usage').classList).toContain('host-readout');
    expect(screen.getByLabelText('Memory').classList).toContain('host-memory');
    expect(screen.getByLabelText('Decoder budget').classList).toContain('host-budget');
  });

  it('exposes state as data attributes a host stylesheet can select', () => {
    const { store } = renderKit(
      <>
        <CompositeView />
        <TrackList />
      </>,
    );
    act(() => {
      store.dispatch(trackSelected('b'));
    });
    const layer = screen.getByRole('group', { name: 'Camera B layer' });
    expect(layer.dataset.status).toBe('hidden');
    expect(layer.dataset.selected).toBe('true');
    // The selected hidden layer is drawn as an outline saying so; an unselected one not at all.
    expect(screen.getByRole('status', { name: 'Camera B: Hidden' }).dataset.state).toBe('hidden');
    expect(screen.queryByRole('group', { name: 'Camera A layer' })).toBeNull();
    expect(screen.getByLabelText('Camera A status').closest('li')?.dataset.status).toBe('hidden');
    const row = screen.getByLabelText('Camera B status').closest('li');
    expect(row?.dataset).toMatchObject({ status: 'hidden', selected: 'true', visible: 'false' });
  });
});

describe('the default stylesheet', () => {
  it('is in the document once while any provider wants it, and gone after the last', () => {
    const first = renderKit(<Transport />);
    const second = renderKit(<Transport />);
    expect(kitStyles()).toHaveLength(1);
    // First in the head, so any stylesheet of the host's wins a tie.
    expect(document.head.firstElementChild).toBe(kitStyles()[0]);
    first.view.unmount();
    expect(kitStyles()).toHaveLength(1);
    second.view.unmount();
    expect(kitStyles()).toHaveLength(0);
  });

  it('is left out for a host that loads the stylesheet itself', () => {
    renderKit(<Transport />, { injectStyles: false });
    expect(kitStyles()).toHaveLength(0);
  });

  it('weighs nothing against a host class: every rule is inside :where()', () => {
    renderKit(<Transport />);
    const css = kitStyles()[0].textContent ?? '';
    const selectors = css
      .split('}')
      .map((block) => block.split('{')[0].trim())
      .filter((selector) => selector !== '');
    expect(selectors.length).toBeGreaterThan(20);
    expect(selectors.filter((selector) => !/^:where\(.*\)(::after)?$/.test(selector))).toEqual([]);
  });
});
