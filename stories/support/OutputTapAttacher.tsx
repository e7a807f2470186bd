import { useEffect } from 'react';
import { useAudioEngine, useAudioOutputState } from '../../src';
import type { OutputTap } from './outputTap';

/** Attaches a story's output tap to the compositor's master output once the sound runs. */
export function OutputTapAttacher({ tap }: { tap: OutputTap }) {
  const engine = useAudioEngine();
  const state = useAudioOutputState();
  useEffect(() => {
    const output = engine.graph()?.output;
    if (state !== 'running' || !output) return;
    let detach: (() => void) | undefined;
    let cancelled = false;
    void tap.attach(output).then((disconnect) => {
      if (cancelled) disconnect();
      else detach = disconnect;
    });
    return () => {
      cancelled = true;
      detach?.();
    };
  }, [engine, state, tap]);
  return null;
}
