// The three browser engines a host of the kit runs, each from Debian and driven through a driver
// from the npm registry, never a downloaded browser:
// - chromium: Debian's Chromium through playwright-core (the Chrome DevTools Protocol);
// - firefox: Debian's firefox-esr through puppeteer-core (WebDriver BiDi);
// - webkit: WebKitGTK's MiniBrowser (what Tauri renders with on Linux) through its own
//   WebKitWebDriver and the `webdriver` client (WebDriver classic), on a virtual display.
// Each opens as one page with the same small interface, so a test written against it runs in any.
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromiumFlags } from './chromiumFlags.js';

export const engineNames = ['chromium', 'firefox', 'webkit'];

const chromiumPath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
const firefoxPath = process.env.FIREFOX_PATH || '/usr/bin/firefox-esr';
const miniBrowserPath = process.env.MINIBROWSER_PATH || '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser';
const webkitDriverPath = process.env.WEBKIT_DRIVER_PATH || '/usr/bin/WebKitWebDriver';

/** What each engine needs on this machine, and the Debian package that brings it. */
export function missingFor(engine) {
  const needs = {
    chromium: [[chromiumPath, 'chromium']],
    firefox: [[firefoxPath, 'firefox-esr']],
    webkit: [
      [webkitDriverPath, 'webkit2gtk-driver'],
      [miniBrowserPath, 'webkit2gtk-driver'],
    ],
  }[engine];
  return needs.filter(([file]) => !existsSync(file)).map(([, pkg]) => pkg);
}

// The page each engine opens as (`EnginePage`) is typed in engines.d.ts.

/**
 * Opens `engine` with one page. Rejects, naming the package to install, when the engine is
 * missing. `chromiumArgs`: more command-line flags, for Chromium only.
 */
export async function openEngine(engine, { width = 1400, height = 1000, chromiumArgs = [] } = {}) {
  const missing = missingFor(engine);
  if (missing.length > 0) throw new Error(`${engine}: not installed here (apt-get install -y ${[...new Set(missing)].join(' ')})`);
  const page = await { chromium: () => openChromium(width, height, chromiumArgs), firefox: () => openFirefox(width, height), webkit: () => openWebKit(width, height) }[engine]?.();
  if (!page) throw new Error(`unknown engine ${engine}: one of ${engineNames.join(', ')}`);
  return { ...page, screenshot: async (file) => writeFileSync(file, Buffer.from(await page.png(), 'base64')) };
}

async function openChromium(width, height, extraArgs) {
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: [...chromiumFlags, ...extraArgs],
  });
  const page = await browser.newPage({ viewport: { width, height } });
  return {
    engine: 'chromium',
    version: browser.version(),
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    run: (fn, arg) => page.evaluate(fn, arg),
    click: (selector) => page.click(selector),
    press: (selector, key) => page.press(selector, key),
    png: async () => (await page.screenshot()).toString('base64'),
    close: () => browser.close(),
  };
}

async function openFirefox(width, height) {
  const { default: puppeteer } = await import('puppeteer-core');
  const browser = await puppeteer.launch({
    browser: 'firefox',
    // Every call the runners make is short (a story is polled): one that takes this long is a hung page.
    protocolTimeout: 60_000,
    executablePath: firefoxPath,
    headless: true,
    defaultViewport: { width, height },
    extraPrefsFirefox: {
      // As Chromium's --autoplay-policy flag: stories start sound without a click of their own.
      'media.autoplay.default': 0,
      'media.autoplay.block-webaudio': false,
      'media.autoplay.blocking_policy': 0,
    },
  });
  const page = await browser.newPage();
  return {
    engine: 'firefox',
    version: await browser.version(),
    goto: async (url) => void (await page.goto(url, { waitUntil: 'load' })),
    run: (fn, arg) => page.evaluate(fn, arg),
    click: (selector) => page.click(selector),
    press: async (selector, key) => {
      await page.focus(selector);
      await page.keyboard.press(key === ' ' ? 'Space' : key);
    },
    png: () => page.screenshot({ encoding: 'base64' }),
    close: () => browser.close(),
  };
}

const freePort = () =>
  new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** A virtual display for engines that need one (WebKitGTK), unless there is a display already. */
async function virtualDisplay(width, height) {
  if (process.env.DISPLAY) return { display: process.env.DISPLAY, stop: () => undefined };
  const xvfb = spawn('Xvfb', ['-displayfd', '1', '-screen', '0', `${width}x${height}x24`, '-nolisten', 'tcp'], { stdio: ['ignore', 'pipe', 'ignore'] });
  const display = await new Promise((resolve, reject) => {
    let out = '';
    xvfb.stdout.on('data', (chunk) => {
      out += chunk;
      if (out.includes('\n')) resolve(`:${out.trim()}`);
    });
    xvfb.once('error', (error) => reject(new Error(`Xvfb could not start (apt-get install -y xvfb): ${error.message}`)));
    xvfb.once('exit', (code) => reject(new Error(`Xvfb exited with ${code}`)));
  });
  return { display, stop: () => xvfb.kill() };
}

/** Waits until something listens on the loopback port (a driver that just started). */
async function listening(port, timeoutMs = 15_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const open = await new Promise((resolve) => {
      const socket = new Socket();
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
      socket.connect(port, '127.0.0.1');
    });
    if (open) return;
    if (Date.now() > until) throw new Error(`nothing listens on 127.0.0.1:${port} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** How WebDriver names an element in its answers. */
const elementKey = 'element-6066-11e4-a23a-4f3e5ab9c3f5';

/** The keys `press` knows, as WebDriver codes them (its specification's table of keys). */
const webDriverKeys = { Home: '\uE011', End: '\uE010', ArrowLeft: '\uE012', ArrowUp: '\uE013', ArrowRight: '\uE014', ArrowDown: '\uE015', Enter: '\uE007', ' ': ' ' };

async function openWebKit(width, height) {
  const { default: WebDriver } = await import('webdriver');
  // Larger than the window: room for the window's frame.
  const screen = await virtualDisplay(width + 200, height + 200);
  const port = await freePort();
  const profile = mkdtempSync(path.join(tmpdir(), 'multitrack-webkit-'));
  const driver = spawn(webkitDriverPath, [`--port=${port}`, '--host=127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, DISPLAY: screen.display, XDG_CACHE_HOME: profile, XDG_DATA_HOME: profile },
  });
  const driverLog = [];
  // What the driver and the browser print (a web process's crash report among it).
  for (const stream of [driver.stdout, driver.stderr]) stream.on('data', (chunk) => driverLog.push(String(chunk)));
  const exited = new Promise((resolve) => driver.once('exit', resolve));
  /** The profile goes last: a browser still shutting down writes into it (its shader cache). */
  const removeProfile = () => {
    try {
      rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    } catch (error) {
      console.warn(`webkit: could not remove its profile ${profile}: ${error.message}`);
    }
  };
  const stop = () => {
    process.off('exit', stop);
    driver.kill();
    screen.stop();
    removeProfile();
  };
  /** As `stop`, once the driver (and the browser it started) has gone, within 5 s. */
  const stopAndWait = async () => {
    process.off('exit', stop);
    driver.kill();
    await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 5000))]);
    screen.stop();
    removeProfile();
  };
  // A run cut short (a timeout, ^C) leaves no driver, browser or display behind.
  process.on('exit', stop);
  try {
    await listening(port);
    const client = await WebDriver.newSession({
      hostname: '127.0.0.1',
      port,
      logLevel: 'error',
      connectionRetryCount: 0,
      // Every call the runners make is short (a story is polled): one that takes this long is a hung page.
      connectionRetryTimeout: 30_000,
      capabilities: {
        // WebKitWebDriver speaks WebDriver classic only: without this the client asks for BiDi and no session matches.
        'wdio:enforceWebDriverClassic': true,
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: miniBrowserPath, args: ['--automation', `--geometry=${width}x${height}`] },
      },
    });
    await client.setTimeouts(undefined, 60_000, 25_000);
    // MiniBrowser opens at its own size whatever --geometry says; a page laid out wider than its
    // window has controls off to the side, where WebKitWebDriver's clicks do not land.
    await client.setWindowRect(0, 0, width, height);
    const find = async (selector) => {
      const element = await client.findElement('css selector', selector);
      return element[elementKey] ?? element.ELEMENT ?? Object.values(element)[0];
    };
    const version = client.capabilities.browserVersion ?? execFileSync('dpkg-query', ['-W', '-f=${Version}', 'libwebkit2gtk-4.1-0']).toString();
    return {
      engine: 'webkit',
      version: `WebKitGTK ${version}`,
      goto: (url) => client.navigateTo(url),
      // WebDriver classic runs a script body: the function's source is called with the argument and awaited.
      run: async (fn, arg) => {
        const outcome = await client.executeAsyncScript(
          `const done = arguments[arguments.length - 1];
           Promise.resolve().then(() => (${fn.toString()})(arguments[0]))
             .then((value) => done({ value }), (error) => done({ error: String(error && error.stack || error) }));`,
          [arg ?? null],
        );
        if (outcome && 'error' in outcome) throw new Error(outcome.error);
        return outcome?.value;
      },
      click: async (selector) => {
        await client.elementClick(await find(selector));
      },
      press: async (selector, key) => {
        if (!(key in webDriverKeys)) throw new Error(`press: no WebDriver code for ${key}`);
        await client.elementSendKeys(await find(selector), webDriverKeys[key]);
      },
      png: () => client.takeScreenshot(),
      /** What the driver and the browser it started printed (a web process's crash report among it). */
      log: () => driverLog.join(''),
      close: async () => {
        // Ending the session can wait on a web process that died: the driver goes either way.
        await Promise.race([client.deleteSession().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, 5000))]);
        await stopAndWait();
      },
    };
  } catch (error) {
    stop();
    throw new Error(`webkit: no session (${error.message})${driverLog.length ? `\n${driverLog.join('').slice(-2000)}` : ''}`, { cause: error });
  }
}
