// What is known not to work in an engine, by story and renderer, with the reason: the runner
// still plays these stories and prints their failure as known (not counted as failed), so the
// list is what the docs' engine table says, checked on every run. A story listed here that
// passes is printed as passing: take it off the list.
const knownFailures = {};

/** Why `storyId` is known to fail in `engine` under `renderer`, or undefined. */
export function knownFailure(engine, renderer, storyId) {
  return knownFailures[`${engine} ${renderer} ${storyId}`];
}
