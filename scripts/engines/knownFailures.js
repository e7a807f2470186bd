// What is known not to work in an engine, by story and renderer, with the reason: the runner
// still plays these stories and prints their failure as known (not counted as failed), so the
// list is what the docs' engine table says, checked on every run. A story listed here that
// passes is printed as passing: take it off the list.
const soundLate =
  "sound plays from the start since the kit waits for the output to run steadily, but WebKitGTK's output time can still stop and leap ahead a few hundred ms in: the kit starts sound and picture again from where they were, and the story, which measures beeps in the context's time, hears them a second apart no more";
const knownFailures = {
  // WebKitGTK 2.50, the element renderer.
  'webkit elements compositor-sound--an-audio-track-plays': soundLate,
  'webkit elements compositor-sound--mute-lets-go-of-the-track': soundLate,
  // WebKitGTK 2.50, the canvas renderer.
  'webkit canvas compositor-streaming--seeking-a-streamed-track':
    "WebKitGTK's service worker hands the page the whole of an open-ended Range response at once (all 4.5 MB of the mock's file before the seek), so the seek reads on from bytes already received instead of asking from far into the file (Docs/Engines)",
  'webkit canvas compositor-canvas-renderer--every-layer-shows-the-frame-its-clip-names':
    "more decoded frames are open than the kit's bound (15 to 18 for 9, five a layer for three): WebKitGTK's decoder takes chunks into its pipeline (they leave `decodeQueueSize`) and gives nothing until it holds about four, then gives them together; all are closed once the layer rests (0 open 1.5 s later)",
};

/** Why `storyId` is known to fail in `engine` under `renderer`, or undefined. */
export function knownFailure(engine, renderer, storyId) {
  return knownFailures[`${engine} ${renderer} ${storyId}`];
}
