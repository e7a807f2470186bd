// The still pictures benchmark's page: N image layers of one photo (each under its own URL, so
// nothing is shared between them), each in a box a ninth of the composite, under the renderer
// the query names, and a hook that says when every picture is drawn.
import { QueryClient } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import { CompositeView, CompositorProvider, MemoryReadout, createCanvasRenderer, createCompositorStore, createElementRenderer, selectLoadState, tracksAdded, type NewTrack } from '../../src';

const query = new URLSearchParams(location.search);
const count = Number(query.get('layers') ?? 0);
const photo = query.get('photo') ?? '';
const composition = { width: 1280, height: 720 };
// A ninth of the composite: a third of its width and of its height.
const box = { width: Math.round(composition.width / 3), height: composition.height / 3 };

const tracks: NewTrack[] = Array.from({ length: count }, (_, index) => ({
  id: `photo-${index}`,
  name: `Photo ${index + 1}`,
  kind: 'image',
  source: { url: `${photo}?copy=${index}` },
  // Nine places, taken in turn and moved a little each round, so every layer shows some of itself.
  layout: { x: (index % 3) * box.width + Math.floor(index / 9) * 24, y: (Math.floor(index / 3) % 3) * box.height + Math.floor(index / 9) * 16, ...box },
  clip: { startMs: 0, outMs: 10_000 },
}));

const store = createCompositorStore();
store.dispatch(tracksAdded(tracks));
const renderer = query.get('renderer') === 'canvas' ? createCanvasRenderer() : createElementRenderer();

(window as unknown as { __stills: unknown }).__stills = {
  /** Every layer ready and every picture drawn: the readout counts the bytes of as many pictures. */
  ready() {
    const state = store.getState();
    const bytes = Number(document.querySelector<HTMLElement>('[aria-label="Memory"]')?.dataset.pictureBytes ?? 0);
    const drawn = document.querySelectorAll('[role="status"][aria-label$=": Loading"]').length === 0;
    return tracks.every((track) => selectLoadState(state, track.id).status === 'ready') && drawn && bytes > 0;
  },
  pictureBytes: () => Number(document.querySelector<HTMLElement>('[aria-label="Memory"]')?.dataset.pictureBytes ?? 0),
};

createRoot(document.getElementById('root') as HTMLElement).render(
  <CompositorProvider store={store} queryClient={new QueryClient()} config={{ renderer }}>
    <div style={{ width: composition.width }}>
      <CompositeView width={composition.width} height={composition.height} />
      <MemoryReadout intervalMs={200} />
    </div>
  </CompositorProvider>,
);
