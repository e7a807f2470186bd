/**
 * Loaded by the example editor's test page before the editor's own scripts (bundled by
 * tests/e2e/editorPage.ts into one classic script). Every engine's driver can run a script in
 * the page, but only some can run one before a page's scripts; so the test page carries this
 * instead. It watches from outside the kit: object URLs made and revoked, and what reaches the
 * speakers. It also finds controls as a person does, by role and accessible name (Testing
 * Library's queries, the same in every engine), and marks them for the driver to click.
 */
import { queryAllByLabelText, queryAllByRole, type ByRoleMatcher } from '@testing-library/dom';
import '../../../stories/support/objectUrlWatch';
import { enforceAutoplayPolicy } from '../../../stories/support/autoplayPolicy';
import { lightOf } from '../../../stories/support/pictureLight';

declare global {
  interface Window {
    __e2e: typeof tools;
  }
}

// What the page reports as an error (console errors, uncaught errors and rejections), kept for
// the test to read: every engine's page, whatever its driver can listen to.
const errors: string[] = [];
const consoleError = console.error.bind(console);
console.error = (...args: unknown[]) => {
  errors.push(args.map((part) => (part instanceof Error ? `${part.name}: ${part.message}` : String(part))).join(' '));
  consoleError(...args);
};
addEventListener('error', (event) => errors.push(String(event.error ?? event.message)));
addEventListener('unhandledrejection', (event) => errors.push(`Unhandled rejection: ${String(event.reason)}`));

// ?autoplay=enforced: the browser's autoplay policy in force from the first script on (headless
// engines apply none of their own).
if (new URLSearchParams(location.search).get('autoplay') === 'enforced') enforceAutoplayPolicy();

// Listens where the speakers do: whatever any node sends to a context's destination also goes
// to an analyser of the page's own, which `loudest` reads.
const taps = new Map<BaseAudioContext, AnalyserNode>();
const connect = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => unknown;
AudioNode.prototype.connect = function connectTapped(this: AudioNode, ...args: unknown[]) {
  const [destination] = args;
  if (destination instanceof AudioDestinationNode) {
    let tap = taps.get(destination.context);
    if (!tap) {
      tap = destination.context.createAnalyser();
      tap.fftSize = 32768;
      taps.set(destination.context, tap);
    }
    connect.call(this, tap);
  }
  return connect.apply(this, args);
} as typeof AudioNode.prototype.connect;

/** An element by role and accessible name, or by its label alone (an element with no role). */
export interface Query {
  role?: ByRoleMatcher;
  label?: string;
  name?: string | RegExpSource;
  /** Whole name (the default) or part of it. */
  exact?: boolean;
  /** Only inside the first element with this role and name. */
  within?: Omit<Query, 'within'>;
}

/** A regular expression sent across the driver, which carries only plain data. */
export interface RegExpSource {
  source: string;
  flags?: string;
}

const nameMatcher = (name: Query['name'], exact = true) => {
  if (name === undefined) return undefined;
  if (typeof name === 'object') return new RegExp(name.source, name.flags);
  return exact ? name : (text: string) => text.includes(name);
};

function all(query: Query): HTMLElement[] {
  const container = query.within ? all(query.within)[0] : document.body;
  if (!container) return [];
  if (query.label !== undefined) return queryAllByLabelText(container, query.label, { exact: query.exact ?? true });
  const name = nameMatcher(query.name, query.exact);
  return queryAllByRole(container, query.role ?? '', name === undefined ? {} : { name });
}

let marks = 0;

const tools = {
  count: (query: Query) => all(query).length,
  text: (query: Query) => all(query)[0]?.textContent ?? null,
  attribute: (query: Query, attribute: string) => all(query)[0]?.getAttribute(attribute) ?? null,
  /** Each match's attribute, in document order. */
  attributes: (query: Query, attribute: string) => all(query).map((element) => element.getAttribute(attribute)),
  /**
   * Marks the first match so the driver can act on it with a real, trusted input event (a
   * script's click counts as no gesture): the selector to hand the driver, or null.
   */
  mark(query: Query): string | null {
    const element = all(query)[0];
    if (!element) return null;
    marks += 1;
    element.setAttribute('data-e2e', String(marks));
    return `[data-e2e="${marks}"]`;
  },
  /** A click made by the page's script: no user gesture. */
  dispatchClick(query: Query): boolean {
    const element = all(query)[0];
    element?.click();
    return Boolean(element);
  },
  /** Chooses an option of a select as the browser does when a person picks it. */
  select(query: Query, value: string): boolean {
    const element = all(query)[0] as HTMLSelectElement | undefined;
    if (!element) return false;
    element.value = value;
    element.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  },
  /**
   * Hands files to a file input as the browser does when a person picks them (the same `change`
   * with a `FileList`); their bytes come from `urls`, as no driver shares one way to upload.
   */
  async pickFiles(label: string, files: { url: string; name: string; type: string }[]): Promise<boolean> {
    // A file input has no role: found by its label.
    const target = queryAllByLabelText(document.body, label).find((element) => element instanceof HTMLInputElement && element.type === 'file') as
      | HTMLInputElement
      | undefined;
    if (!target) return false;
    const transfer = new DataTransfer();
    for (const file of files) transfer.items.add(new File([await (await fetch(file.url)).blob()], file.name, { type: file.type }));
    target.files = transfer.files;
    target.dispatchEvent(new Event('change', { bubbles: true }));
    return true;
  },
  liveObjectUrls: () => window.__objectUrls.live.size,
  /** Errors the page reported since the last call. */
  takeErrors: () => errors.splice(0),
  /**
   * How light and varied the frame a video element shows is (drawn into a small canvas), or null
   * while it has none to show.
   */
  videoLight(selector: string) {
    const video = document.querySelector<HTMLVideoElement>(selector);
    if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.seeking) return null;
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 36;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    return lightOf(context.getImageData(0, 0, canvas.width, canvas.height).data);
  },
  /**
   * How light and varied each element's box is in a screenshot the driver took of the page (a
   * PNG, base64): pixels as the screen shows them, however they were drawn (a worker's canvas
   * is read this way, never by the page drawing it, which can stall Firefox's page).
   */
  async lightInScreenshot(png: string, selectors: string[]) {
    const bitmap = await createImageBitmap(await (await fetch(`data:image/png;base64,${png}`)).blob());
    const scale = bitmap.width / document.documentElement.clientWidth;
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    return selectors.map((selector) => {
      const element = document.querySelector(selector);
      if (!element) return null;
      const box = element.getBoundingClientRect();
      // Inside the box by a pixel: its edge can blend with what is around it.
      const [x, y] = [Math.round((box.x + 1) * scale), Math.round((box.y + 1) * scale)];
      const [width, height] = [Math.max(1, Math.round((box.width - 2) * scale)), Math.max(1, Math.round((box.height - 2) * scale))];
      return lightOf(context.getImageData(x, y, width, height).data);
    });
  },
  /** The loudest sample the speakers got over `ms` (the analysers' windows, read every 200 ms). */
  async loudest(ms: number): Promise<number> {
    let loudest = 0;
    // A sample that is not a number (NaN, infinite) is a fault of the sound, said as one: it would
    // make the result one the driver cannot carry (WebKitWebDriver: "Could not parse script result").
    let notNumbers = 0;
    const until = performance.now() + ms;
    while (performance.now() < until) {
      for (const tap of taps.values()) {
        const samples = new Float32Array(tap.fftSize);
        tap.getFloatTimeDomainData(samples);
        for (const sample of samples) {
          if (Number.isFinite(sample)) loudest = Math.max(loudest, Math.abs(sample));
          else notNumbers += 1;
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    if (notNumbers > 0) throw new Error(`the speakers got ${notNumbers} samples that are not numbers (the loudest number: ${loudest})`);
    return loudest;
  },
};

window.__e2e = tools;
