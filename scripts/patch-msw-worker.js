// Patches the worker that `msw init` writes so that media streams through it. The stock worker
// clones every response for its life-cycle events and nobody reads the clone: when a <video>
// cancels an open-ended `bytes=N-` request, the tee keeps pulling the rest of the file into
// memory (measured: 2.27 GB instead of 0.51 GB for one 243 MB video). Media requests (a Range
// header, or a video/audio destination) get no clone. Run by `npm run msw:worker` after
// `msw init`, so an upgrade of msw re-applies it; fails if the worker no longer looks as expected.
import { readFileSync, writeFileSync } from 'node:fs';

export const patchMarker = 'multitrack-kit: no response clone for media';

const anchor = 'const responseClone = isEventStreamResponse ? null : response.clone()';
const replacement = `// ${patchMarker} (scripts/patch-msw-worker.js): a clone nobody reads makes the
    // tee pull a cancelled media response to the end of the file.
    const isMediaRequest =
      event.request.headers.has('range') ||
      event.request.destination === 'video' ||
      event.request.destination === 'audio'
    const responseClone =
      isEventStreamResponse || isMediaRequest ? null : response.clone()`;

/** The worker source with the patch applied; throws when the anchor is gone. */
export function patchWorker(source) {
  if (source.includes(patchMarker)) return source;
  if (!source.includes(anchor)) {
    throw new Error('patch-msw-worker: the msw worker changed; update the anchor in scripts/patch-msw-worker.js');
  }
  return source.replace(anchor, replacement);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const file = process.argv[2] ?? 'public/mockServiceWorker.js';
  writeFileSync(file, patchWorker(readFileSync(file, 'utf8')));
  console.log(`patch-msw-worker: ${file} streams media without a clone`);
}
