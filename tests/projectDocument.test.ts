import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { projectSchemaPath, projectSchemaText } from '../scripts/api-report';
import {
  channelMuted,
  channelPanChanged,
  channelVolumeChanged,
  clipAnimationChanged,
  clipLookChanged,
  compositionBackgroundChanged,
  compositionResized,
  createCompositorStore,
  markInSet,
  markOutSet,
  masterVolumeChanged,
  playbackSettingsChanged,
  playheadSeeked,
  ProjectDocumentError,
  projectLoaded,
  saveProject,
  selectChannel,
  selectCompositionSize,
  selectFrameRate,
  selectPlayback,
  selectSelectedTrackId,
  selectTimelineMarks,
  selectTracksInPaintOrder,
  trackAdded,
  trackDurationLearnt,
  trackLockChanged,
  trackLookChanged,
  trackSelected,
  tracksAdded,
  withLinkedSound,
  type ProjectDocument,
} from '../src/state';

/** A project with one of everything the document holds. */
function editedStore() {
  const store = createCompositorStore();
  store.dispatch(
    tracksAdded([
      ...withLinkedSound({ id: 'cam', name: 'Camera', source: { url: '/media/cam.mp4', proxy: { url: '/media/cam-proxy.mp4', height: 360 } }, clips: [{ startMs: 0, inMs: 1000, outMs: 5000 }, { startMs: 6000, inMs: 9000 }] }),
      { id: 'logo', name: 'Logo', kind: 'image', source: { url: '/media/logo.png' }, layout: { x: 1000, y: 40, width: 200, height: 100 } },
      { id: 'bar', name: 'Bar', kind: 'color', color: 'rgba(0, 0, 0, 0.5)', layout: { x: 0, y: 560, width: 1280, height: 120 }, clip: { startMs: 0, outMs: 8000 } },
      { id: 'title', name: 'Title', kind: 'text', text: { content: 'Hello', fontSize: 64, shadow: { color: '#000', blur: 4, x: 2, y: 2 } }, clip: { startMs: 1000, outMs: 4000 } },
      { id: 'short', name: 'Short', kind: 'audio', source: { url: '/media/short.m4a' }, cutShortAtMs: 2500 },
    ]),
  );
  store.dispatch(trackDurationLearnt({ id: 'cam', durationMs: 12_000 }));
  store.dispatch(trackLookChanged({ id: 'logo', look: { rotation: 15, opacity: 0.8, blend: 'screen', crop: { left: 0.1 } } }));
  store.dispatch(clipLookChanged({ id: 'cam', clip: 1, look: { scale: { x: 1.5, y: 1.5 }, flip: { horizontal: true } } }));
  store.dispatch(
    clipAnimationChanged({
      id: 'cam',
      clip: 0,
      animation: {
        'opacity': [{ atMs: 0, value: 0, easing: 'ease-out' }, { atMs: 500, value: 1 }],
        'scale.x': [{ atMs: 0, value: 1, easing: { cubicBezier: [0.34, 1.56, 0.64, 1] } }, { atMs: 4000, value: 1.2 }],
      },
    }),
  );
  store.dispatch(clipAnimationChanged({ id: 'cam.sound', clip: 0, animation: { volumeDb: [{ atMs: 3500, value: 0 }, { atMs: 4000, value: -60, easing: 'hold' }] } }));
  store.dispatch(channelVolumeChanged({ id: 'cam.sound', volumeDb: -6 }));
  store.dispatch(channelPanChanged({ id: 'cam.sound', pan: -0.25 }));
  store.dispatch(channelMuted({ id: 'short', muted: true }));
  store.dispatch(masterVolumeChanged(-3));
  store.dispatch(trackLockChanged({ id: 'bar', locked: true }));
  store.dispatch(compositionResized({ width: 1280, height: 720 }));
  store.dispatch(compositionBackgroundChanged({ background: '#102030' }));
  store.dispatch(playbackSettingsChanged({ frameRate: 25 }));
  store.dispatch(markInSet(1000));
  store.dispatch(markOutSet(7000));
  return store;
}

/** The document as a file holds it: written out and read back as JSON. */
const throughJson = (document: ProjectDocument): unknown => JSON.parse(JSON.stringify(document));

describe('a project saved and opened again', () => {
  it('gives the same timeline: tracks in paint order, clips, looks, content, links, locks, mix, composition, frame rate and marks', () => {
    const edited = editedStore();
    const saved = saveProject(edited.getState(), { title: 'Interview', host: { bin: ['cam.mp4'] } });
    const opened = createCompositorStore();
    opened.dispatch(projectLoaded(throughJson(saved)));
    const state = opened.getState();
    expect(selectTracksInPaintOrder(state)).toEqual(selectTracksInPaintOrder(edited.getState()));
    for (const id of ['cam', 'cam.sound', 'short']) expect(selectChannel(state, id)).toEqual(selectChannel(edited.getState(), id));
    expect(state.multitrack.mixer.masterVolumeDb).toBe(-3);
    expect(selectCompositionSize(state)).toEqual({ width: 1280, height: 720, background: '#102030' });
    expect(selectFrameRate(state)).toBe(25);
    expect(selectTimelineMarks(state)).toEqual({ inMs: 1000, outMs: 7000 });
    // And saved again, it is the same document, title and host data included.
    expect(saveProject(state, { title: 'Interview', host: { bin: ['cam.mp4'] } })).toEqual(saved);
  });

  it('holds media as references (URLs), never media, and says its format and version', () => {
    const saved = saveProject(editedStore().getState());
    expect(saved).toMatchObject({ format: 'multitrack-kit/project', version: 2 });
    expect(saved.tracks.find((track) => track.id === 'cam')?.source).toEqual({ url: '/media/cam.mp4', proxy: { url: '/media/cam-proxy.mp4', height: 360 } });
    expect(saved.tracks.map((track) => track.id)).toEqual(['cam', 'cam.sound', 'logo', 'bar', 'title', 'short']);
  });

  it('replaces what the store held in one update: old tracks gone, playhead at 0 and paused, nothing selected', () => {
    const saved = throughJson(saveProject(editedStore().getState()));
    const store = createCompositorStore();
    store.dispatch(trackAdded({ id: 'old', name: 'Old', source: { url: '/media/old.mp4' } }));
    store.dispatch(trackSelected('old'));
    store.dispatch(playheadSeeked(3000));
    let updates = 0;
    store.subscribe(() => (updates += 1));
    store.dispatch(projectLoaded(saved));
    expect(updates).toBe(1);
    expect(selectTracksInPaintOrder(store.getState()).map((track) => track.id)).not.toContain('old');
    expect(selectSelectedTrackId(store.getState())).toBeNull();
    expect(selectPlayback(store.getState())).toMatchObject({ playheadMs: 0, playing: false });
  });
});

describe('a document that cannot be opened', () => {
  const good = () => throughJson(saveProject(editedStore().getState())) as { tracks: Record<string, unknown>[] } & Record<string, unknown>;

  /** Each bad document names the field that is wrong, and the store is left as it was. */
  const refusals: [string, (document: ReturnType<typeof good>) => unknown, string][] = [
    ['a negative clip start', (document) => ((document.tracks[0].clips as { startMs: number }[])[0].startMs = -5, document), 'tracks[0].clips[0].startMs'],
    ['a clip that ends before it starts', (document) => ((document.tracks[0].clips as { outMs: number }[])[0].outMs = 500, document), 'tracks[0].clips[0].outMs'],
    ['an unknown blend mode', (document) => ((document.tracks[2].look as { blend: string }).blend = 'dodge', document), 'tracks[2].look.blend'],
    ['a crop that leaves no picture', (document) => ((document.tracks[2].look as { crop: object }).crop = { left: 0.6, right: 0.5 }, document), 'tracks[2].look.crop.left'],
    ['NaN as a rotation (null in JSON)', (document) => ((document.tracks[2].look as { rotation: unknown }).rotation = null, document), 'tracks[2].look.rotation'],
    ['a colour layer of no colour', (document) => ((document.tracks[3].color = 'not a colour'), document), 'tracks[3].color'],
    ['a title whose weight is over 1000', (document) => ((document.tracks[4].text as { fontWeight: number }).fontWeight = 1200, document), 'tracks[4].text.fontWeight'],
    ['a video track with no source', (document) => (delete document.tracks[0].source, document), 'tracks[0].source'],
    ['a title shadow that is null', (document) => (((document.tracks[4].text as { shadow: unknown }).shadow = null), document), 'tracks[4].text.shadow'],
    ['an unknown kind', (document) => ((document.tracks[0].kind = 'hologram'), document), 'tracks[0].kind'],
    ['two tracks of one id', (document) => ((document.tracks[3].id = 'logo'), document), 'tracks[3].id'],
    ['a field the format does not have', (document) => ((document.tracks[1].volume = 3), document), 'tracks[1]'],
    ['a fader above its top', (document) => (((document.tracks[1].mix as { volumeDb: number }).volumeDb = 40), document), 'tracks[1].mix.volumeDb'],
    ['a frame rate of 0', (document) => (((document.composition as { frameRate: number }).frameRate = 0), document), 'composition.frameRate'],
    ['another format', (document) => ((document.format = 'otio'), document), 'format'],
    ['a version a newer kit wrote', (document) => ((document.version = 3), document), 'version'],
    ['keyframes out of time order', (document) => (((document.tracks[0].clips as { animation?: unknown }[])[0].animation = { rotation: [{ atMs: 900, value: 0 }, { atMs: 100, value: 90 }] }), document), 'tracks[0].clips[0].animation.rotation[1].atMs'],
    ['an unknown easing', (document) => (((document.tracks[0].clips as { animation?: unknown }[])[0].animation = { opacity: [{ atMs: 0, value: 1, easing: 'bounce' }] }), document), 'tracks[0].clips[0].animation.opacity[0].easing'],
    ['a property keyframes cannot move', (document) => (((document.tracks[0].clips as { animation?: unknown }[])[0].animation = { blend: [{ atMs: 0, value: 1 }] }), document), 'tracks[0].clips[0].animation'],
  ];

  it.each(refusals)('refuses %s, naming the field, and leaves the store as it was', (_what, spoil, field) => {
    const store = editedStore();
    const before = store.getState();
    let refusal: unknown;
    try {
      store.dispatch(projectLoaded(spoil(good())));
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ProjectDocumentError);
    expect((refusal as ProjectDocumentError).issues.map((issue) => issue.field)).toContain(field);
    expect((refusal as Error).message).toContain(field);
    expect(store.getState()).toBe(before);
  });

  it('opens a version 1 document (before keyframes) as it was written', () => {
    const first = good();
    first.version = 1;
    for (const track of first.tracks) for (const clip of track.clips as { animation?: unknown }[]) delete clip.animation;
    const store = createCompositorStore();
    store.dispatch(projectLoaded(first));
    const cam = selectTracksInPaintOrder(store.getState()).find((track) => track.id === 'cam');
    expect(cam?.clips).toEqual([
      { startMs: 0, inMs: 1000, outMs: 5000 },
      { startMs: 6000, inMs: 9000, outMs: 12_000, look: { scale: { x: 1.5, y: 1.5 }, flip: { horizontal: true } } },
    ]);
  });

  it('refuses what is not a JSON object at all', () => {
    for (const input of [null, 'project', [], 42]) expect(() => projectLoaded(input)).toThrow(ProjectDocumentError);
  });

  it('says every bad field at once, not only the first', () => {
    const document = good();
    (document.tracks[0].clips as { startMs: number }[])[0].startMs = -1;
    document.tracks[3].color = 'no colour';
    expect(() => projectLoaded(document)).toThrow(/tracks\[0\]\.clips\[0\]\.startMs.*tracks\[3\]\.color/);
  });
});

describe("the document's JSON Schema", () => {
  it('is committed as the schema made from the one the kit checks with (npm run api:update writes it)', async () => {
    expect(readFileSync(projectSchemaPath, 'utf8')).toBe(await projectSchemaText());
  });
});
