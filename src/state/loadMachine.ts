/**
 * The life of one track's media, as a small explicit state machine. Every change to a track's
 * load state goes through `nextLoadStatus`, so an event that does not fit the current state (a
 * late success after the track was hidden, a second start) is ignored instead of corrupting it.
 */
export type LoadStatus = 'idle' | 'queued' | 'loading' | 'ready' | 'error' | 'released';

export type LoadEvent = 'requested' | 'started' | 'succeeded' | 'failed' | 'released';

const transitions: Record<LoadStatus, Partial<Record<LoadEvent, LoadStatus>>> = {
  idle: { requested: 'queued' },
  queued: { started: 'loading', released: 'released' },
  loading: { succeeded: 'ready', failed: 'error', released: 'released' },
  // A decoder can still fail after the source resolved, so ready -> error is legal.
  ready: { failed: 'error', released: 'released' },
  // Retrying an error is a new request.
  error: { requested: 'queued', released: 'released' },
  released: { requested: 'queued' },
};

/** The status after `event`, or `undefined` when the event is illegal in `status`. */
export function nextLoadStatus(status: LoadStatus, event: LoadEvent): LoadStatus | undefined {
  return transitions[status][event];
}

export const loadStatuses = Object.keys(transitions) as LoadStatus[];
export const loadEvents: LoadEvent[] = ['requested', 'started', 'succeeded', 'failed', 'released'];
