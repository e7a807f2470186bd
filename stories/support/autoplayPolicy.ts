/**
 * The browser's autoplay policy for Web Audio as desktop Chromium applies it: an AudioContext
 * starts only once a person has clicked or typed on the page (a trusted event: a script's
 * synthetic click is none); before that it stays suspended and `resume()` waits. Headless
 * Chromium never blocks sound, whatever `--autoplay-policy` it is given (measured on this
 * machine), and its `navigator.userActivation` is set by the test driver's own evaluations, so
 * the stories and tests of the blocked state put this in its place, outside the kit, counting
 * trusted events from the moment it is installed. Self-contained, so a test can also hand it to
 * `page.addInitScript`. Returns the undo.
 */
export function enforceAutoplayPolicy(): () => void {
  const scope = globalThis as typeof globalThis & { AudioContext: typeof AudioContext };
  const Original = scope.AudioContext;
  const resume = Original.prototype.resume;
  let gestured = false;
  // Capturing on the window: it hears a gesture before the control it lands on acts on it.
  const onInput = (event: Event) => {
    if (event.isTrusted) gestured = true;
  };
  const inputs = ['pointerdown', 'keydown', 'click'];
  for (const type of inputs) addEventListener(type, onInput, true);
  const allowed = () => gestured;
  Original.prototype.resume = function (this: AudioContext) {
    return allowed() ? resume.call(this) : new Promise<void>(() => undefined);
  };
  scope.AudioContext = class extends Original {
    constructor(options?: AudioContextOptions) {
      super(options);
      if (!allowed()) void this.suspend();
    }
  };
  return () => {
    for (const type of inputs) removeEventListener(type, onInput, true);
    Original.prototype.resume = resume;
    scope.AudioContext = Original;
  };
}
