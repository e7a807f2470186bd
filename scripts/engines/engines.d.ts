// Types of engines.js for the TypeScript tests that drive an engine (tests/e2e).
export declare const engineNames: string[];

export type PressedKey = 'Home' | 'End' | 'ArrowUp' | 'ArrowDown' | 'ArrowLeft' | 'ArrowRight' | 'Enter' | ' ';

export interface EnginePage {
  engine: string;
  version: string;
  goto(url: string): Promise<void>;
  /** Calls `fn` in the page with `arg`; it is sent as source, so it closes over nothing, and returns plain data. */
  run<T, A = undefined>(fn: (arg: A) => T | Promise<T>, arg?: A): Promise<T>;
  click(selector: string): Promise<void>;
  press(selector: string, key: PressedKey): Promise<void>;
  /** A screenshot of the page's viewport, PNG, base64. */
  png(): Promise<string>;
  screenshot(file: string): Promise<void>;
  close(): Promise<void>;
}

export declare function missingFor(engine: string): string[];
export declare function openEngine(engine: string, options?: { width?: number; height?: number; chromiumArgs?: string[] }): Promise<EnginePage>;
