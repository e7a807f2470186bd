// The example host editor, built against the packed kit, driven in Debian's Chromium as a person
// uses it. The media server is the one in the installed package, on loopback.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { enforceAutoplayPolicy } from '../../stories/support/autoplayPolicy';
import { launchBrowser } from '../support/chromium';
import { lightOf } from '../../stories/support/pictureLight';

const example = path.resolve('examples/host-editor');
const clips = ['camera-a.mp4', 'camera-b.mp4', 'camera-c.mp4', 'camera-d.mp4', 'camera-e.mp4'];
// Media with sound: a video that flashes and beeps, and the same beeps as a sound file (a 1 kHz
// tone of 50 ms at half scale, every second from 0.5 s).
const sounds = ['flash-beeps.mp4', 'beeps-aac.m4a'];

interface Sent {
  method: string;
  url: string;
  status: number;
}


let mediaRoot: string;
let proxyCache: string;
let media: { url: string; close(): Promise<void> };
const requests: Sent[] = [];
let app: PreviewServer;
let appUrl: string;
let browser: Browser;
let page: Page;
let consoleErrors: string[];

beforeAll(async () => {
  mediaRoot = mkdtempSync(path.join(tmpdir(), 'host-editor-media-'));
  proxyCache = mkdtempSync(path.join(tmpdir(), 'host-editor-proxies-'));
  for (const name of clips) copyFileSync(path.resolve('public/fixtures/sync-h264.mp4'), path.join(mediaRoot, name));
  for (const name of sounds) copyFileSync(path.resolve('public/fixtures', name), path.join(mediaRoot, name));
  writeFileSync(path.join(mediaRoot, 'media.json'), JSON.stringify([...clips, ...sounds]));
  // The installed package's server entry, as a host would import it (not ../server).
  const serverEntry = pathToFileURL(path.join(example, 'node_modules/multitrack-kit/dist/server/index.js')).href;
  const { startMediaServer } = await import(serverEntry);
  media = await startMediaServer({
    root: mediaRoot,
    port: 0,
    cors: '*',
    maxRangeBytes: 1024 * 1024,
    onResponse: (sent: Sent) => requests.push(sent),
    // Proxies made with ffmpeg, kept outside the media root.
    proxies: { cacheDir: path.join(proxyCache, 'cache'), maxHeight: 90 },
  });
  app = await preview({
    configFile: false,
    root: example,
    build: { outDir: path.join(example, 'dist') },
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  appUrl = `${app.resolvedUrls?.local[0]}?media=${encodeURIComponent(media.url)}`;
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await media?.close();
  await new Promise<void>((resolve) => (app ? app.httpServer.close(() => resolve()) : resolve()));
  rmSync(mediaRoot, { recursive: true, force: true });
  rmSync(proxyCache, { recursive: true, force: true });
});

/** Opens the editor in a new page; `beforeLoad` runs in the page before any of its scripts. */
async function openEditor(on: Browser, beforeLoad?: () => unknown): Promise<Page> {
  const opened = await on.newPage({ viewport: { width: 1400, height: 1000 } });
  if (beforeLoad) await opened.addInitScript(beforeLoad);
  opened.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  opened.on('pageerror', (error) => consoleErrors.push(error.message));
  // Counts object URLs the page makes and revokes, to find any left behind.
  await opened.addInitScript(() => {
    const live = new Set<string>();
    (window as unknown as { __objectUrls: Set<string> }).__objectUrls = live;
    const create = URL.createObjectURL.bind(URL);
    const revoke = URL.revokeObjectURL.bind(URL);
    URL.createObjectURL = (object: Blob | MediaSource) => {
      const url = create(object);
      live.add(url);
      return url;
    };
    URL.revokeObjectURL = (url: string) => {
      live.delete(url);
      revoke(url);
    };
  });
  // Listens where the speakers do, outside the kit: whatever any node sends to a context's
  // destination also goes to an analyser of the page's own, which `loudestHeard` reads.
  await opened.addInitScript(() => {
    const taps = new Map<BaseAudioContext, AnalyserNode>();
    (window as unknown as { __taps: Map<BaseAudioContext, AnalyserNode> }).__taps = taps;
    const connect = AudioNode.prototype.connect as (this: AudioNode, ...args: unknown[]) => unknown;
    AudioNode.prototype.connect = function (this: AudioNode, ...args: unknown[]) {
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
  });
  await opened.goto(appUrl);
  return opened;
}

beforeEach(async () => {
  consoleErrors = [];
  page = await openEditor(browser);
});


afterEach(async () => {
  await page.close();
});

const liveObjectUrls = () => page.evaluate(() => (window as unknown as { __objectUrls: Set<string> }).__objectUrls.size);

/** Draws the track's on-screen frame into a canvas and says whether it shows a picture (not black, not flat). */
async function frameDrawn(name: string): Promise<boolean> {
  const pixels = await page.evaluate((label) => {
    const video = document.querySelector<HTMLVideoElement>(`video[aria-label="${label} video"][data-active]`);
    if (!video || video.readyState < HTMLMediaElement.HAVE_CURRENT_DATA || video.seeking) return undefined;
    const canvas = document.createElement('canvas');
    canvas.width = 64;
    canvas.height = 36;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.drawImage(video, 0, 0, canvas.width, canvas.height);
    return [...context.getImageData(0, 0, canvas.width, canvas.height).data];
  }, name);
  if (!pixels) return false;
  const { mean, variance } = lightOf(Uint8ClampedArray.from(pixels));
  return mean > 20 && variance > 200;
}

async function expectFrameDrawn(name: string): Promise<void> {
  await expect.poll(() => frameDrawn(name), { timeout: 15_000, message: `a frame of ${name} on screen` }).toBe(true);
}

/** How far back the tap's analyser reaches (32768 samples at 44.1 kHz, 0.74 s), and a margin. */
const tapWindowMs = 1000;

/** The loudest sample the speakers got over `ms` (the analyser's window, read every 200 ms). */
function loudestHeard(ms: number, on: Page = page): Promise<number> {
  return on.evaluate(async (span) => {
    const taps = [...(window as unknown as { __taps: Map<BaseAudioContext, AnalyserNode> }).__taps.values()];
    let loudest = 0;
    const until = performance.now() + span;
    while (performance.now() < until) {
      for (const tap of taps) {
        const samples = new Float32Array(tap.fftSize);
        tap.getFloatTimeDomainData(samples);
        for (const sample of samples) loudest = Math.max(loudest, Math.abs(sample));
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return loudest;
  }, ms);
}

const requestsFor = (name: string) => requests.filter((request) => request.url.includes(name)).length;

describe('the host editor', () => {
  it('composites five server clips, releases hidden ones, shows one again and plays', async () => {
    for (const name of clips) await page.getByRole('button', { name: `Add ${name}` }).click();
    for (const name of clips) await expectFrameDrawn(name);

    const hidden = clips.slice(1, 4);
    for (const name of hidden) await page.getByRole('button', { name: `Hide ${name}` }).click();
    for (const name of hidden) {
      // The track row says so, and the composite draws nothing of it.
      await expect.poll(() => page.getByLabel(`${name} status`, { exact: true }).textContent()).toBe('Hidden');
      await expect.poll(() => page.getByRole('group', { name: `${name} layer`, exact: true }).count()).toBe(0);
      await expect.poll(() => page.locator(`video[aria-label="${name} video"]`).count()).toBe(0);
    }
    // Their sources are released: two live decoders remain, and the server hears nothing more of them.
    await expect.poll(() => page.getByLabel('Memory').textContent(), { timeout: 10_000 }).toContain('2 live decoders');
    const afterHiding = hidden.map(requestsFor);
    await page.waitForTimeout(2000);
    expect(hidden.map(requestsFor)).toEqual(afterHiding);

    await page.getByRole('button', { name: `Show ${hidden[0]}` }).click();
    await expectFrameDrawn(hidden[0]);

    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(3000);
    const playing = await page.evaluate(() =>
      [...document.querySelectorAll<HTMLVideoElement>('video[data-active]')].map((video) => ({ paused: video.paused, time: video.currentTime })),
    );
    expect(playing).toHaveLength(3);
    for (const video of playing) {
      expect(video.paused).toBe(false);
      expect(video.time).toBeGreaterThan(2.5);
    }
    await page.getByRole('button', { name: 'Pause' }).click();
    // About three seconds played: the clock holds a start for the audio output's latency and a
    // margin (so sound starts on time), a little under a fifth of a second.
    const [, seconds, frames] = /^00:00:(\d\d):(\d\d)/.exec((await page.getByRole('status', { name: 'Timecode' }).textContent()) ?? '') ?? [];
    const playedMs = Number(seconds) * 1000 + (Number(frames) * 1000) / 30;
    expect(playedMs).toBeGreaterThan(2700);
    expect(playedMs).toBeLessThan(4000);
    for (const name of clips.filter((clip) => !hidden.slice(1).includes(clip))) await expectFrameDrawn(name);

    expect(consoleErrors).toEqual([]);
    expect(await liveObjectUrls()).toBe(0);
  });

  it('switches to the canvas renderer: one canvas draws every layer from WebCodecs frames, and plays', async () => {
    const two = clips.slice(0, 2);
    for (const name of two) await page.getByRole('button', { name: `Add ${name}` }).click();
    for (const name of two) await expectFrameDrawn(name);
    await page.getByLabel('Renderer').selectOption('canvas');
    await expect.poll(() => page.getByRole('region', { name: 'Composite' }).getAttribute('data-renderer')).toBe('canvas');
    // No element left: each layer's picture is on the composite's canvas, read from its pixels.
    await expect.poll(() => page.locator('video').count()).toBe(0);
    const layerPixels = async () =>
      (await page.evaluate((names) => {
        const canvas = document.querySelector<HTMLCanvasElement>('canvas[aria-label="Composite picture"]') as HTMLCanvasElement;
        const scale = canvas.width / canvas.getBoundingClientRect().width;
        const origin = canvas.getBoundingClientRect();
        // The composite is drawn by a worker it was handed to: the page reads it by drawing it.
        const copy = new OffscreenCanvas(canvas.width, canvas.height);
        const context = copy.getContext('2d') as OffscreenCanvasRenderingContext2D;
        context.drawImage(canvas, 0, 0);
        return names.map((name) => {
          const box = (document.querySelector(`[role="group"][aria-label="${name} layer"]`) as HTMLElement).getBoundingClientRect();
          return [...context.getImageData((box.x - origin.x) * scale, (box.y - origin.y) * scale, Math.max(1, box.width * scale), Math.max(1, box.height * scale)).data];
        });
      }, two)).map((pixels) => lightOf(Uint8ClampedArray.from(pixels)));
    await expect.poll(async () => (await layerPixels()).every(({ mean, variance }) => mean > 20 && variance > 200), { timeout: 15_000 }).toBe(true);
    const before = await layerPixels();
    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(1500);
    await page.getByRole('button', { name: 'Pause' }).click();
    // The pictures moved on (the fixture's burned-in frame numbers change).
    const after = await layerPixels();
    expect(after.map(({ sum }) => sum)).not.toEqual(before.map(({ sum }) => sum));
    await page.getByLabel('Renderer').selectOption('elements');
    for (const name of two) await expectFrameDrawn(name);
    expect(consoleErrors).toEqual([]);
  });

  it('plays a file picked from disk, from the file itself, and lets it go when removed', async () => {
    const picked = path.join(mediaRoot, 'picked.mp4');
    copyFileSync(path.resolve('public/fixtures/sync-h264.mp4'), picked);
    await page.getByLabel('Import files').setInputFiles(picked);
    await expectFrameDrawn('picked.mp4');
    expect(await liveObjectUrls()).toBe(1);
    // Its filmstrip is made in the kit's worker, as the host's bundler shipped it (no server has it).
    await expect.poll(() => page.locator('[data-filmstrip="drawn"]').filter({ has: page.getByRole('img', { name: 'Filmstrip of picked.mp4' }) }).count(), { timeout: 20_000 }).toBe(1);
    expect(requests.some((sent) => sent.url.startsWith('/.derived/') && sent.url.includes('picked'))).toBe(false);

    await page.getByRole('button', { name: 'Play' }).click();
    await page.waitForTimeout(2000);
    const time = await page.evaluate(() => document.querySelector<HTMLVideoElement>('video[aria-label="picked.mp4 video"]')?.currentTime ?? 0);
    expect(time).toBeGreaterThan(1.5);
    await page.getByRole('button', { name: 'Pause' }).click();

    await page.getByRole('button', { name: 'Remove picked.mp4' }).click();
    await expect.poll(() => page.locator('video').count()).toBe(0);
    await expect.poll(liveObjectUrls).toBe(0);
    expect(consoleErrors).toEqual([]);
  });

  it('has the media server make a proxy of a clip and previews it, then the original when selected', async () => {
    const name = clips[0];
    await page.getByRole('button', { name: `Add ${name}` }).click();
    await expectFrameDrawn(name);
    await page.getByRole('button', { name: `Make a proxy of ${name}` }).click();
    await expect.poll(() => page.getByRole('status', { name: `Proxy of ${name}` }).textContent(), { timeout: 30_000 }).toBe(' Proxy ready');
    // The preview plays the 160x90 proxy the server made from the 320x180 original.
    const onScreen = () => page.evaluate((label) => {
      const video = document.querySelector<HTMLVideoElement>(`video[aria-label="${label} video"][data-active]`);
      return video ? { rendition: video.dataset.rendition, height: video.videoHeight, src: video.currentSrc } : undefined;
    }, name);
    await expect.poll(onScreen, { timeout: 15_000 }).toMatchObject({ rendition: 'proxy', height: 90 });
    expect((await onScreen())?.src).toBe(`${media.url}/.proxy/${name}`);
    await expect.poll(() => page.getByLabel(`${name} status`, { exact: true }).textContent()).toBe('Ready (range, proxy)');
    await expectFrameDrawn(name);
    // Selected, its layer (240 tall) is taller than the proxy: the original plays.
    await page.getByRole('button', { name: `Select ${name}` }).click();
    await expect.poll(onScreen, { timeout: 15_000 }).toMatchObject({ rendition: 'original', height: 180 });
    await expectFrameDrawn(name);
    expect(consoleErrors).toEqual([]);
  });

  it('plays the sound of a video and of a sound file through its mixer', async () => {
    // A video with sound comes as its picture and its linked sound; a sound file as an audio track.
    // The mixer lists them as the track list does, the newest on top.
    for (const name of sounds) await page.getByRole('button', { name: `Add ${name}` }).click();
    const mixer = page.getByRole('region', { name: 'Mixer' });
    await expect.poll(() => mixer.getByRole('group', { name: / channel$/ }).evaluateAll((groups) => groups.map((group) => group.getAttribute('aria-label'))))
      .toEqual(['beeps-aac.m4a channel', 'flash-beeps.mp4 sound channel', 'Master channel']);
    await expect.poll(() => page.getByLabel('flash-beeps.mp4 status', { exact: true }).textContent(), { timeout: 15_000 }).toMatch(/^Ready/);
    expect(await page.locator('video').count()).toBe(1);
    // Each sound's clip on the timeline draws its waveform, made by the media server's pipeline
    // (the host turned `derivedFromServer` on), and the video's clip its filmstrip.
    for (const name of ['beeps-aac.m4a', 'flash-beeps.mp4 sound']) {
      await expect.poll(() => page.getByRole('img', { name: `Waveform of ${name}` }).count(), { timeout: 15_000 }).toBe(1);
    }
    await expect.poll(() => page.getByRole('img', { name: 'Filmstrip of flash-beeps.mp4' }).count(), { timeout: 15_000 }).toBe(1);
    for (const name of sounds) expect(requests.some((sent) => sent.method === 'GET' && sent.status === 200 && sent.url.startsWith(`/.derived/peaks/${name}`)), name).toBe(true);

    await page.getByRole('button', { name: 'Play' }).click();
    // Both beep at half scale, at the same instants.
    expect(await loudestHeard(1500)).toBeGreaterThan(0.4);
    await mixer.getByRole('button', { name: 'Mute beeps-aac.m4a' }).click();
    await mixer.getByRole('button', { name: 'Mute flash-beeps.mp4 sound' }).click();
    expect(await mixer.getByRole('button', { name: 'Mute beeps-aac.m4a' }).getAttribute('aria-pressed')).toBe('true');
    await page.waitForTimeout(tapWindowMs);
    expect(await loudestHeard(1500)).toBeLessThan(0.001);
    // Unmuted, the sound file comes back from where the playhead is; the master fader, from the
    // keyboard, takes it down to silence and back.
    await mixer.getByRole('button', { name: 'Mute beeps-aac.m4a' }).click();
    await expect.poll(() => loudestHeard(1200), { timeout: 5000 }).toBeGreaterThan(0.3);
    await mixer.getByRole('slider', { name: 'Master volume' }).press('Home');
    expect(await mixer.getByRole('slider', { name: 'Master volume' }).getAttribute('aria-valuetext')).toBe('-inf dB');
    await page.waitForTimeout(tapWindowMs);
    expect(await loudestHeard(1500)).toBeLessThan(0.001);
    await page.getByRole('button', { name: 'Pause' }).click();

    // Sound is streamed as pictures are: parts of the file (206), or the browser's cache
    // revalidating a part it holds (304, after the unmute), never the whole file (200).
    const answers = requests.filter((request) => request.url.startsWith('/beeps-aac.m4a')).map((request) => request.status);
    expect(answers).toContain(206);
    expect(answers.filter((status) => status !== 206 && status !== 304)).toEqual([]);
    expect(consoleErrors).toEqual([]);

    // Removing the picture removes its sound too.
    await page.getByRole('button', { name: 'Remove flash-beeps.mp4', exact: true }).click();
    await expect.poll(() => mixer.getByRole('group', { name: / channel$/ }).count()).toBe(2);
    await expect.poll(() => page.locator('video').count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Remove / }).evaluateAll((buttons) => buttons.map((button) => button.textContent))).toEqual([
      'Remove beeps-aac.m4a',
    ]);
  });

  it('says when the browser blocks sound, and the next click turns it on', async () => {
    // The browser's autoplay policy in force (headless Chromium applies none): sound starts
    // only after a person's gesture.
    const editor = await openEditor(browser, enforceAutoplayPolicy);
    try {
      // Clicks made by the page's script (no gesture, so the page has had none yet).
      await editor.getByRole('button', { name: 'Add beeps-aac.m4a' }).dispatchEvent('click');
      await expect.poll(() => editor.getByLabel('beeps-aac.m4a status', { exact: true }).textContent(), { timeout: 15_000 }).toMatch(/^Ready/);
      await editor.getByRole('button', { name: 'Play' }).dispatchEvent('click');
      const turnOn = editor.getByRole('button', { name: 'Sound is blocked: turn it on' });
      await expect.poll(() => turnOn.count(), { timeout: 5000 }).toBe(1);
      expect(await editor.getByRole('toolbar', { name: 'Transport' }).getAttribute('data-sound')).toBe('blocked');
      // A person's click turns it on: the beeps are heard where the playhead is.
      await turnOn.click();
      await expect.poll(() => turnOn.count()).toBe(0);
      await expect.poll(() => loudestHeard(1200, editor), { timeout: 5000 }).toBeGreaterThan(0.3);
      expect(consoleErrors).toEqual([]);
    } finally {
      await editor.close();
    }
  });

  it('backs the decoder budget off when the browser refuses more media players', async () => {
    // Chromium told to allow 3 players; the editor gets 3 more tracks than that.
    const limited = await launchBrowser(['--max-web-media-player-count=3']);
    const editor = await openEditor(limited);
    try {
      const six = [...clips, 'camera-f.mp4'];
      copyFileSync(path.resolve('public/fixtures/sync-h264.mp4'), path.join(mediaRoot, 'camera-f.mp4'));
      for (const name of six.slice(0, 5)) await editor.getByRole('button', { name: `Add ${name}` }).click();
      await editor.getByLabel('Import files').setInputFiles(path.join(mediaRoot, 'camera-f.mp4'));
      // Three play; the other three say why they wait, with no error.
      await expect.poll(() => editor.getByRole('status', { name: /: Suspended$/ }).count(), { timeout: 15_000 }).toBe(3);
      await expect.poll(() => editor.locator('video[data-active]').evaluateAll((videos) =>
        videos.filter((video) => (video as HTMLVideoElement).readyState >= 2).length), { timeout: 15_000 }).toBe(3);
      expect(await editor.getByRole('status', { name: /: Suspended$/ }).first().textContent()).toContain('The browser allows 3 video players at once');
      expect(await editor.getByRole('alert').count()).toBe(0);
      // Hiding a playing track frees a player: a waiting one takes it.
      await editor.getByRole('button', { name: 'Hide camera-f.mp4' }).click();
      await expect.poll(() => editor.getByRole('status', { name: /: Suspended$/ }).count(), { timeout: 15_000 }).toBe(2);
      // Chromium reports each refusal on the console; nothing else may be there.
      expect(consoleErrors.filter((message) => !message.includes('too many WebMediaPlayers'))).toEqual([]);
    } finally {
      await editor.close();
      await limited.close();
    }
  });
});
