/**
 * The life of one track's media, as a small explicit state machine. Every change to a track's
 * load state goes through `nextLoadStatus`, so an event that does not fit the current state (a
 * late success after the track was hidden, a second start) is ignored instead of corrupting it.
 */
export type LoadStatus = 'idle' | 'queued' | 'loading' | 'ready' | 'buffering' | 'suspended' | 'error' | 'released';

export type LoadEvent =
  | 'requested'
  | 'started'
  | 'succeeded'
  | 'stalled'
  | 'resumed'
  | 'suspended'
  | 'failed'
  | 'released';

const transitions: Record<LoadStatus, Partial<Record<LoadEvent, LoadStatus>>> = {
  idle: { requested: 'queued' },
  queued: { started: 'loading', suspended: 'suspended', released: 'released' },
  loading: { succeeded: 'ready', failed: 'error', suspended: 'suspended', released: 'released' },
  // A decoder can still fail after the source resolved, so ready -> error is legal.
  ready: { stalled: 'buffering', failed: 'error', suspended: 'suspended', released: 'released' },
  // Ready media that cannot keep up with the playhead: still held, waiting for data or a decoder.
  buffering: { resumed: 'ready', failed: 'error', suspended: 'suspended', released: 'released' },
  // Over the decoder budget: its media let go, a still of its last frame shown, until the budget
  // allows it again (or the user loads it anyway).
  suspended: { requested: 'queued', released: 'released' },
  // Retrying an error is a new request.
  error: { requested: 'queued', released: 'released' },
  released: { requested: 'queued' },
};

/** The status after `event`, or `undefined` when the event is illegal in `status`. */
export function nextLoadStatus(status: LoadStatus, event: LoadEvent): LoadStatus | undefined {
  return transitions[status][event];
}

export const loadStatuses = Object.keys(transitions) as LoadStatus[];
export const loadEvents: LoadEvent[] = ['requested', 'started', 'succeeded', 'stalled', 'resumed', 'suspended', 'failed', 'released'];

/** Whether a track in `status` holds its media (a ready source, playing or buffering). */
export const holdsMedia = (status: LoadStatus) => status === 'ready' || status === 'buffering';
