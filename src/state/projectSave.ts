import type { CompositorRootState } from './compositorReducer';
import { projectFormat, projectVersion, type ProjectDocument, type ProjectTrack } from './projectDocument';
import { selectChannel, selectCompositionSize, selectMixer, selectPlayback, selectTracksInPaintOrder } from './selectors';

/**
 * The project document of the kit's timeline in `state` (see `projectDocument.ts`): what a host
 * writes to a file (`JSON.stringify`) and opens again with `projectLoaded`. `title` and `host`
 * (the host's own JSON) are kept in it as they are.
 */
export function saveProject(state: CompositorRootState, { title, host }: { title?: string; host?: ProjectDocument['host'] } = {}): ProjectDocument {
  const composition = selectCompositionSize(state);
  const playback = selectPlayback(state);
  const tracks = selectTracksInPaintOrder(state).map((track): ProjectTrack => {
    const { x, y, width, height } = track.layout;
    const { volumeDb, pan, muted, soloed } = selectChannel(state, track.id);
    return {
      id: track.id,
      name: track.name,
      kind: track.kind,
      ...(track.source && { source: track.source }),
      ...(track.color !== undefined && { color: track.color }),
      ...(track.text && { text: track.text }),
      layout: { x, y, width, height },
      ...(track.look && { look: track.look }),
      clips: track.clips.map((clip) => ({ ...clip })),
      visible: track.visible,
      ...(track.linkId !== undefined && { linkId: track.linkId }),
      ...(track.locked && { locked: true }),
      ...(track.mediaDurationMs !== undefined && { mediaDurationMs: track.mediaDurationMs }),
      ...(track.cutShortAtMs !== undefined && { cutShortAtMs: track.cutShortAtMs }),
      mix: { volumeDb, pan, muted, soloed },
    };
  });
  const { inMs, outMs } = playback.marks ?? {};
  return {
    format: projectFormat,
    version: projectVersion,
    ...(title !== undefined && { title }),
    composition: {
      ...(composition.width !== undefined && { width: composition.width }),
      ...(composition.height !== undefined && { height: composition.height }),
      frameRate: playback.frameRate,
      ...(composition.background !== undefined && { background: composition.background }),
    },
    master: { volumeDb: selectMixer(state).masterVolumeDb },
    ...((inMs !== undefined || outMs !== undefined) && { marks: { ...(inMs !== undefined && { inMs }), ...(outMs !== undefined && { outMs }) } }),
    tracks,
    ...(host !== undefined && { host }),
  };
}
