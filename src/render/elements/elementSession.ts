import { useRenderer } from '../RendererContext';
import type { RendererSession } from '../renderer';
import { createDecoderTally, type DecoderTally } from './decoderTally';
import type { ElementRendererOptions } from './elementOptions';
import { createStillFrames, type StillFrames } from '../stillFrames';

/** What the element renderer keeps for one compositor. */
export interface ElementSession extends RendererSession {
  readonly options: ElementRendererOptions;
  readonly decoders: DecoderTally;
  readonly stills: StillFrames;
  /** Bytes of the still layers' pictures on screen, by track. */
  readonly pictures: Map<string, number>;
}

const elementSessions = new WeakSet<RendererSession>();

export function createElementSession(options: ElementRendererOptions): ElementSession {
  const decoders = createDecoderTally();
  const stills = createStillFrames();
  const pictures = new Map<string, number>();
  const session: ElementSession = {
    options,
    decoders,
    stills,
    pictures,
    liveDecoders: () => decoders.count(),
    pictureBytes: () => [...pictures.values()].reduce((sum, bytes) => sum + bytes, 0),
    stillOf: (trackId) => stills.get(trackId),
    releaseStill: (trackId) => stills.release(trackId),
  };
  elementSessions.add(session);
  return session;
}

/** The element renderer's session, for its own components. */
export function useElementSession(): ElementSession {
  const { session } = useRenderer();
  if (!elementSessions.has(session)) throw new Error('multitrack-kit: an element layer was drawn by another renderer.');
  return session as ElementSession;
}
