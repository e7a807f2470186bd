import { readFileSync } from 'node:fs';
import path from 'node:path';
import { QueryClient } from '@tanstack/react-query';
import { setupServer } from 'msw/node';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { createMediaHandlers, type MediaFault } from '../../src/mocks';
import { blobResolver, readSourceUsage, startSourceLoader, type SourceConfig } from '../../src/sources';
import { createCompositorStore, selectLoadState, trackAdded, type NewTrack } from '../../src/state';

export const clipBytes = new Uint8Array(readFileSync(path.resolve('public/fixtures/clip-h264.mp4')));
export const otherClipBytes = new Uint8Array(readFileSync(path.resolve('public/fixtures/clip-vp9.webm')));

const server = setupServer();

/** Starts the msw/node server for a test file; each test adds its own media handlers to it. */
export function serveMediaDuringTests() {
  beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return server;
}

let namespace = 0;

/** A store, a fresh QueryClient and a running source loader over media served by msw. */
export function createHarness(options: {
  files?: Record<string, Uint8Array<ArrayBuffer>>;
  faults?: Record<string, MediaFault>;
  sourceOptions?: SourceConfig;
} = {}) {
  namespace += 1;
  const media = createMediaHandlers({
    baseUrl: `http://media.test/run-${namespace}`,
    files: Object.fromEntries(
      Object.entries(options.files ?? { 'clip.mp4': clipBytes }).map(([name, bytes]) => [name, { bytes }]),
    ),
    faults: options.faults,
  });
  server.use(...media.handlers);
  const store = createCompositorStore();
  const queryClient = new QueryClient();
  // Blob sources unless a test asks otherwise: these tests are about holding and releasing them.
  const stop = startSourceLoader(store, queryClient, { maxRetries: 0, resolvers: [blobResolver], ...options.sourceOptions });

  return {
    media,
    store,
    queryClient,
    stop,
    addTracks(count: number, file = 'clip.mp4', extra: Partial<NewTrack> = {}) {
      const ids: string[] = [];
      for (let index = 1; index <= count; index += 1) {
        const id = `track-${store.getState().multitrack.tracks.ids.length + 1}`;
        store.dispatch(trackAdded({ id, name: `Track ${id}`, source: { url: media.urlOf(file) }, ...extra }));
        ids.push(id);
      }
      return ids;
    },
    status: (id: string) => selectLoadState(store.getState(), id).status,
    usage: () => readSourceUsage(queryClient),
  };
}

/** Waits for the loader's fetches and the query cache's release timers to settle. */
export async function settle(ms = 30): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` until it holds, failing with `what` after `timeoutMs`. */
export async function waitFor(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await settle(5);
  }
}
