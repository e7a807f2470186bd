// The main-thread benchmark's page: the kit with every component the example editor mounts (the
// composite with its handles, transport, mixer, memory readout, and the timeline with filmstrips,
// editing and track headers) and the standalone track list, N tracks of 20 clips each with 2
// visible, and hooks to play, count store changes and time track additions.
import { QueryClient } from '@tanstack/react-query';
import { createRoot } from 'react-dom/client';
import {
  CompositeView,
  CompositorProvider,
  MemoryReadout,
  Mixer,
  Timeline,
  TrackList,
  Transport,
  createCompositorStore,
  playbackPaused,
  playbackStarted,
  trackAdded,
  tracksAdded,
  type NewTrack,
} from '../../src';

const query = new URLSearchParams(location.search);
const tracks = Number(query.get('tracks') ?? 0);
const media = query.get('media') ?? '';
const clipsPerTrack = 20;
// Parts left out, to find where the time goes: `without=composite,timeline,list,mixer,memory`.
const without = new Set((query.get('without') ?? '').split(','));
// The timeline's options, all on as the example has them unless listed: `timeline=filmstrips,headers`.
const timelineOptions = new Set((query.get('timeline') ?? 'filmstrips,editable,headers').split(','));

/** Track `index` of a project: 20 cuts of 3 s from a 12 s file over a minute, side by side in pairs. */
function newTrack(index: number, visible: boolean): NewTrack {
  return {
    id: `t${index}`,
    name: `Track ${index + 1}`,
    source: { url: `${media}?copy=${index % 2}` },
    layout: { x: (index % 2) * 640, y: 0, width: 640, height: 360 },
    visible,
    clips: Array.from({ length: clipsPerTrack }, (_, clip) => ({ startMs: clip * 3000, inMs: (clip * 1500) % 9000, outMs: ((clip * 1500) % 9000) + 3000 })),
  };
}

const store = createCompositorStore();
let dispatches = 0;
let notifications = 0;
const actionTypes: Record<string, number> = {};
// Counted from outside the kit: every action that reaches the store, and every change its
// subscribers hear of (each one a possible loader pass and selector run).
const dispatch = store.dispatch;
store.dispatch = ((action: Parameters<typeof dispatch>[0]) => {
  dispatches += 1;
  const { type } = action as { type: string };
  actionTypes[type] = (actionTypes[type] ?? 0) + 1;
  return dispatch(action);
}) as typeof dispatch;
store.subscribe(() => (notifications += 1));
store.dispatch(tracksAdded(Array.from({ length: tracks }, (_, index) => newTrack(index, index < 2))));

createRoot(document.getElementById('root') as HTMLElement).render(
  <CompositorProvider store={store} queryClient={new QueryClient()}>
    <div data-mtk-theme="dark" style={{ width: 1280 }}>
      {!without.has('composite') && <CompositeView width={1280} height={360} handles />}
      <Transport />
      {!without.has('mixer') && <Mixer />}
      {!without.has('memory') && <MemoryReadout />}
      {!without.has('timeline') && <Timeline filmstrips={timelineOptions.has('filmstrips')} editable={timelineOptions.has('editable')} headers={timelineOptions.has('headers')} />}
      {!without.has('list') && <TrackList />}
    </div>
  </CompositorProvider>,
);

const painted = () => new Promise<number>((resolve) => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0)));

const perf = {
  counts: () => ({ dispatches, notifications, actionTypes: { ...actionTypes } }),
  // Ready once the visible tracks show a frame and the timeline has drawn its filmstrips: what is
  // measured is playing, not the strips' one-time making (bench/mainThread.ts).
  ready: () =>
    (without.has('composite') || [...document.querySelectorAll('video')].filter((video) => video.readyState >= 2).length >= Math.min(2, tracks)) &&
    document.querySelector('.mtk-clip[data-filmstrip="loading"]') === null,
  play: () => store.dispatch(playbackStarted()),
  pause: () => store.dispatch(playbackPaused()),
  /** Adds `count` hidden tracks, one action each or one batch, and resolves with the ms until the screen shows them. */
  async add(count: number, batch: boolean) {
    await painted();
    const from = tracks;
    // The host's objects are made before the clock starts: what is timed is the kit's share.
    const added = Array.from({ length: count }, (_, index) => newTrack(from + index, false));
    const started = performance.now();
    if (batch) store.dispatch(tracksAdded(added));
    else for (const track of added) store.dispatch(trackAdded(track));
    const dispatched = performance.now();
    const shown = await painted();
    const rows = document.querySelectorAll('li[data-track-id]').length;
    // The track list shows the top layer first: the last track added is its first row.
    const newestShown = without.has('list') || document.querySelector(`li[data-track-id="t${from + count - 1}"]`) !== null;
    return { dispatchMs: dispatched - started, screenMs: shown - started, rows, newestShown };
  },
};

(window as unknown as { __perf: typeof perf }).__perf = perf;
