// The example editor as a test drives it in any engine: one page of scripts/engines/engines.js
// (Chromium, Firefox or WebKitGTK), the test page that loads tests/e2e/inPage/instrument.ts
// before the editor, and controls found by role and name as a person finds them.
import { build } from 'esbuild';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openEngine, type EnginePage, type PressedKey } from '../../scripts/engines/engines.js';
import type { Query } from './inPage/instrument';

/** The test page's name in the built example. */
export const testPage = 'e2e.html';

/**
 * Writes the test page into the built example (`dist`): its own index.html with the instrument
 * as the first script of its head, a classic script, so it runs before the editor's modules.
 */
export async function writeTestPage(dist: string): Promise<void> {
  const bundle = await build({
    entryPoints: [path.resolve(import.meta.dirname, 'inPage/instrument.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'warning',
  });
  writeFileSync(path.join(dist, 'e2e-instrument.js'), bundle.outputFiles[0].contents);
  const index = readFileSync(path.join(dist, 'index.html'), 'utf8');
  writeFileSync(path.join(dist, testPage), index.replace('<head>', '<head>\n    <script src="./e2e-instrument.js"></script>'));
}

/** A control as the test finds it, by role and accessible name, in the page as it is now. */
export class Control {
  constructor(
    private readonly editor: EditorPage,
    readonly query: Query,
  ) {}

  count = () => this.editor.run((query) => window.__e2e.count(query), this.query);
  text = () => this.editor.run((query) => window.__e2e.text(query), this.query);
  attribute = (name: string) => this.editor.run(([query, attribute]) => window.__e2e.attribute(query, attribute), [this.query, name] as const);
  attributes = (name: string) => this.editor.run(([query, attribute]) => window.__e2e.attributes(query, attribute), [this.query, name] as const);

  /** A person's click: a trusted event through the driver. */
  async click(): Promise<void> {
    await this.editor.page.click(await this.marked());
  }

  /** A person's key press on the control, through the driver. */
  async press(key: PressedKey): Promise<void> {
    await this.editor.page.press(await this.marked(), key);
  }

  /** A click made by the page's own script: not a gesture. */
  async dispatchClick(): Promise<void> {
    await this.whenThere(() => this.editor.run((query) => window.__e2e.dispatchClick(query), this.query));
  }

  async select(value: string): Promise<void> {
    await this.whenThere(() => this.editor.run(([query, chosen]) => window.__e2e.select(query, chosen), [this.query, value] as const));
  }

  /** A control inside this one. */
  get(role: Query['role'], name?: Query['name'], exact?: boolean): Control {
    return new Control(this.editor, { role, name, exact, within: this.query });
  }

  private marked(): Promise<string> {
    return this.whenThere(() => this.editor.run((query) => window.__e2e.mark(query), this.query));
  }

  /**
   * Acts once the control is on the page (an editor shows some only after it has loaded
   * something), as a person waits for it; after `timeoutMs`, it is not there.
   */
  private async whenThere<T>(act: () => Promise<T | null | false>, timeoutMs = 15_000): Promise<T> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const done = await act();
      if (done !== null && done !== false) return done;
      if (Date.now() > until) throw new Error(`no ${describe(this.query)} on the page after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

const describe = ({ role, label, name }: Query) => `${role ?? `element labelled ${label}`}${name === undefined ? '' : ` named ${JSON.stringify(name)}`}`;

export class EditorPage {
  private constructor(readonly page: EnginePage) {}

  static async open(engine: string, options: { chromiumArgs?: string[] } = {}): Promise<EditorPage> {
    return new EditorPage(await openEngine(engine, options));
  }

  get engine(): string {
    return this.page.engine;
  }

  goto(url: string): Promise<void> {
    return this.page.goto(url);
  }

  /** Calls `fn` in the page (the instrument's tools are `window.__e2e`); it is sent as source, closing over nothing. */
  run<T, A>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T> {
    return this.page.run(fn, arg);
  }

  get(role: Query['role'], name?: Query['name'], exact?: boolean): Control {
    return new Control(this, { role, name, exact });
  }

  /** An element by its label (one with no role of its own). */
  byLabel(label: string, exact = true): Control {
    return new Control(this, { label, exact });
  }

  /** Elements matched by a CSS selector. */
  count(selector: string): Promise<number> {
    return this.run((css) => document.querySelectorAll(css).length, selector);
  }

  pickFiles(label: string, files: { url: string; name: string; type: string }[]): Promise<boolean> {
    return this.run(([input, picked]) => window.__e2e.pickFiles(input, picked), [label, files] as const);
  }

  liveObjectUrls = () => this.run(() => window.__e2e.liveObjectUrls());
  takeErrors = () => this.run(() => window.__e2e.takeErrors());
  loudest = (ms: number) => this.run((span) => window.__e2e.loudest(span), ms);
  videoLight = (selector: string) => this.run((css) => window.__e2e.videoLight(css), selector);

  /** How light and varied each element's box is on screen (a screenshot the driver took). */
  async lightOnScreen(selectors: string[]) {
    const png = await this.page.png();
    return this.run(([shot, css]) => window.__e2e.lightInScreenshot(shot, css), [png, selectors] as const);
  }

  wait(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  close(): Promise<void> {
    return this.page.close();
  }
}
