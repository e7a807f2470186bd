import type { CompositorRenderer } from '../renderer';
import { withElementDefaults, type ElementRendererConfig } from './elementOptions';
import { ElementLayer } from './ElementLayer';
import { createElementSession } from './elementSession';

/**
 * The renderer that gives every mounted clip run of a seen track its own `<video>` element,
 * positioned in the track's layer, kept on the master clock by rate nudges and seeks. The
 * compositor's default.
 */
export function createElementRenderer(config: ElementRendererConfig = {}): CompositorRenderer {
  const options = withElementDefaults(config);
  return {
    name: 'elements',
    createSession: () => createElementSession(options),
    Layer: ElementLayer,
  };
}
