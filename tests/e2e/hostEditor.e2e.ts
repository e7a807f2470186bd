// The example host editor, built against the packed kit, driven as a person uses it in each
// engine a host runs: Debian's Chromium, Firefox and WebKitGTK (E2E_ENGINES picks some). The
// media server is the one in the installed package, on loopback.
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { preview, type PreviewServer } from 'vite';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startAudioSink } from '../../scripts/engines/audioSink.js';
import { EditorPage, testPage, writeTestPage } from './editorPage';

const example = path.resolve('examples/host-editor');
const engines = (process.env.E2E_ENGINES ?? 'chromium,firefox,webkit').split(',');
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
let stopAudioSink: (() => void) | undefined;

beforeAll(async () => {
  // Firefox and WebKitGTK play sound only where there is an output device.
  stopAudioSink = await startAudioSink();
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
    derived: { cacheDir: path.join(proxyCache, 'cache'), maxHeight: 90 },
  });
  await writeTestPage(path.join(example, 'dist'));
  app = await preview({
    configFile: false,
    root: example,
    build: { outDir: path.join(example, 'dist') },
    preview: { port: 0, host: '127.0.0.1' },
    logLevel: 'warn',
  });
  appUrl = `${app.resolvedUrls?.local[0]}${testPage}?media=${encodeURIComponent(media.url)}`;
});

afterAll(async () => {
  stopAudioSink?.();
  await media?.close();
  await new Promise<void>((resolve) => (app ? app.httpServer.close(() => resolve()) : resolve()));
  rmSync(mediaRoot, { recursive: true, force: true });
  rmSync(proxyCache, { recursive: true, force: true });
});

const requestsFor = (name: string) => requests.filter((request) => request.url.includes(name)).length;

/** How far back the tap's analyser reaches (32768 samples at 44.1 kHz, 0.74 s), and a margin. */
const tapWindowMs = 1000;

const videoOf = (name: string) => `video[aria-label="${name} video"][data-active]`;

// Firefox's page freezes on its own now and then (docs: Engines); a test whose page stopped
// answering runs once more in a freshly opened browser, as the engine runner does for stories.
for (const engine of engines) describe(`the host editor in ${engine}`, { retry: engine === 'firefox' ? 1 : 0 }, () => {
  let page: EditorPage;

  beforeAll(async () => {
    page = await EditorPage.open(engine);
  });

  afterAll(async () => {
    await page?.close();
  });

  /**
   * Chooses `item` from the menu of a track's header. The item is chosen by the page's script: an
   * open menu keeps the page from scrolling, and WebDriver cannot always reach into its popover.
   * WebKitGTK's driver also finds the menu's button "not interactable" (where its other header
   * buttons are not; not found why yet): there the button is pressed by script too. A person's
   * press on it is checked in all three engines by *Compositor/Theming / The Kit's Dark Theme
   * With Track Headers*.
   */
  const chooseFromMenu = async (track: string, item: string) => {
    const trigger = page.get('button', `More for ${track}`);
    if (engine === 'webkit') await trigger.dispatchClick();
    else await trigger.click();
    await page.get('menuitem', item).dispatchClick();
  };

  beforeEach(async () => {
    await page.goto(appUrl).catch(async () => {
      // The last page stopped answering: a fresh browser.
      await page.close().catch(() => undefined);
      page = await EditorPage.open(engine);
      await page.goto(appUrl);
    });
    await page.takeErrors();
  });

  afterEach(async () => {
    // Whatever the test did, the next one starts from an empty page (a page that stopped
    // answering is replaced before the next).
    await page.goto('about:blank').catch(() => undefined);
  });

  /** Whether the track's on-screen frame shows a picture (not black, not flat). */
  async function frameDrawn(name: string): Promise<boolean> {
    const light = await page.videoLight(videoOf(name));
    return light !== null && light.mean > 20 && light.variance > 200;
  }

  async function expectFrameDrawn(name: string): Promise<void> {
    await expect.poll(() => frameDrawn(name), { timeout: 15_000, message: `a frame of ${name} on screen` }).toBe(true);
  }

  /** Where the transport's timecode says the playhead is, in seconds (the fixtures are 30 fps). */
  async function timecodeSeconds(): Promise<number> {
    const [, seconds, frames] = /^00:00:(\d\d):(\d\d)/.exec((await page.get('status', 'Timecode').text()) ?? '') ?? [];
    return Number(seconds) + Number(frames) / 30;
  }

  it('composites five server clips, releases hidden ones, shows one again and plays', async () => {
    for (const name of clips) await page.get('button', `Add ${name}`).click();
    for (const name of clips) await expectFrameDrawn(name);

    const hidden = clips.slice(1, 4);
    for (const name of hidden) await page.get('button', `Hide ${name}`).click();
    for (const name of hidden) {
      // The track row says so, and the composite draws nothing of it.
      await expect.poll(() => page.byLabel(`${name} status`).text()).toBe('Hidden');
      await expect.poll(() => page.get('group', `${name} layer`).count()).toBe(0);
      await expect.poll(() => page.count(`video[aria-label="${name} video"]`)).toBe(0);
    }
    // Their sources are released: two live decoders remain, and the server is asked for none of
    // their media. (Their timeline rows still show filmstrips, whose making the editor may still
    // be asking after under `/.derived-status/`: that is not playing them.)
    await expect.poll(() => page.byLabel('Memory').text(), { timeout: 10_000 }).toContain('2 live decoders');
    const afterHiding = requests.length;
    await page.wait(2000);
    const mediaOf = (sent: Sent) => hidden.some((name) => sent.url.startsWith(`/${name}`));
    expect(requests.slice(afterHiding).filter(mediaOf)).toEqual([]);

    await page.get('button', `Show ${hidden[0]}`).click();
    await expectFrameDrawn(hidden[0]);

    await page.get('button', 'Play').click();
    const shown = () => page.run(() => [...document.querySelectorAll<HTMLVideoElement>('video[data-active]')].map((video) => ({ paused: video.paused, time: video.currentTime })));
    // Every shown track plays (the generous timeout means "never"; how fast is bench:sync's).
    await expect.poll(async () => (await shown()).filter((video) => !video.paused).length, { timeout: 20_000 }).toBe(3);
    await expect.poll(timecodeSeconds, { timeout: 20_000 }).toBeGreaterThan(1);
    await page.get('button', 'Pause').click();
    // Paused, the timecode and every shown track agree on where the playhead is.
    await expect.poll(async () => {
      const at = await timecodeSeconds();
      return (await shown()).every((video) => video.paused && Math.abs(video.time - at) <= 1.5 / 30);
    }, { timeout: 10_000, message: 'the tracks paused at the timecode' }).toBe(true);
    expect(await timecodeSeconds()).toBeGreaterThan(1);
    for (const name of clips.filter((clip) => !hidden.slice(1).includes(clip))) await expectFrameDrawn(name);

    expect(await page.takeErrors()).toEqual([]);
    // None left: a URL made for a moment (the sound feed's worklet module, revoked once it is
    // loaded, which Firefox takes a while to do after the first Play) is gone soon after.
    await expect.poll(() => page.liveObjectUrls()).toBe(0);
  });

  // Two hundred clicks and eight layers checked on screen: WebKitGTK under software rendering takes
  // most of a minute over them.
  it('ends a hide/show storm over eight tracks of one clip with every shown layer on screen, none black', async () => {
    const name = clips[0];
    for (let n = 0; n < 8; n += 1) await page.get('button', `Add ${name}`).click();
    await expect.poll(() => page.count(videoOf(name)), { timeout: 20_000 }).toBe(8);
    // The timeline's rows, each with its track's header.
    const ids = await page.run(() => [...document.querySelectorAll<HTMLElement>('.mtk-timeline-row[data-track-id]')].map((row) => row.dataset.trackId as string));
    expect(ids).toHaveLength(8);
    const videoOfTrack = (id: string) => `video[data-track-id="${id}"][data-active]`;
    const drawn = async (id: string) => {
      const light = await page.videoLight(videoOfTrack(id));
      return light !== null && light.mean > 20 && light.variance > 200;
    };
    for (const id of ids) await expect.poll(() => drawn(id), { timeout: 15_000, message: `a frame of ${id}` }).toBe(true);

    // 200 clicks on a track's Hide or Show, 20 to 80 ms apart, in a seeded order (the same in every
    // run), sent 25 at a time (a driver's script has a time limit; WebKitGTK's clicks are slow).
    let seed = 27;
    for (let sent = 0; sent < 200; sent += 25) {
      seed = await page.run(async ([rows, from]) => {
        let state = from;
        const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
        for (let click = 0; click < 25; click += 1) {
          const row = document.querySelector(`.mtk-timeline-row[data-track-id="${rows[Math.floor(random() * rows.length)]}"]`);
          const toggle = [...(row?.querySelectorAll('button') ?? [])].find((button) => /^(Hide|Show) /.test(button.getAttribute('aria-label') ?? ''));
          toggle?.click();
          await new Promise((resolve) => setTimeout(resolve, 20 + random() * 60));
        }
        return state;
      }, [ids, seed] as const);
    }
    const shown = await page.run((rows) => rows.filter((id) => document.querySelector(`.mtk-timeline-row[data-track-id="${id}"]`)?.getAttribute('data-visible') === 'true'), ids);
    expect(shown.length).toBeGreaterThan(0);
    // Every hidden track holds no element; every shown one is Ready with its frame drawn, and the
    // screen shows it (a screenshot: what a person sees, not only what the element decoded).
    for (const id of ids.filter((track) => !shown.includes(track))) await expect.poll(() => page.count(`video[data-track-id="${id}"]`)).toBe(0);
    for (const id of shown) {
      await expect.poll(() => page.run((track) => document.querySelector(`.mtk-track-header[data-track-id="${track}"]`)?.getAttribute('data-status'), id), { timeout: 15_000 }).toBe('ready');
      await expect.poll(() => drawn(id), { timeout: 15_000, message: `a frame of ${id} after the storm` }).toBe(true);
    }
    await expect
      .poll(async () => (await page.lightOnScreen(shown.map(videoOfTrack))).every((light) => light !== null && light.mean > 20 && light.variance > 200), { timeout: 15_000, message: 'every shown layer lit on screen' })
      .toBe(true);
    expect(await page.takeErrors()).toEqual([]);
  }, 120_000);

  it('switches to the canvas renderer: one canvas draws every layer from WebCodecs frames, and plays', async () => {
    const two = clips.slice(0, 2);
    for (const name of two) await page.get('button', `Add ${name}`).click();
    for (const name of two) await expectFrameDrawn(name);
    // Offered once the editor has seen this browser decode and draw a frame in a worker.
    await expect.poll(() => page.get('option', { source: '^Canvas' }).text(), { timeout: 10_000 }).toBe('Canvas (WebCodecs, drawn in a worker)');
    await page.byLabel('Renderer').select('canvas');
    await expect.poll(() => page.get('region', 'Composite').attribute('data-renderer')).toBe('canvas');
    // No element left: each layer's picture is on the composite's canvas, read from the screen.
    await expect.poll(() => page.count('video')).toBe(0);
    const layers = two.map((name) => `[role="group"][aria-label="${name} layer"]`);
    const layerLight = async () => (await page.lightOnScreen(layers)).map((light) => light ?? { mean: 0, variance: 0, sum: 0 });
    await expect.poll(async () => (await layerLight()).every(({ mean, variance }) => mean > 20 && variance > 200), { timeout: 15_000 }).toBe(true);
    const before = await layerLight();
    await page.get('button', 'Play').click();
    await expect.poll(timecodeSeconds, { timeout: 20_000 }).toBeGreaterThan(1);
    await page.get('button', 'Pause').click();
    // The pictures moved on (the fixture's burned-in frame numbers change).
    await expect.poll(async () => (await layerLight()).map(({ sum }) => sum), { timeout: 10_000 }).not.toEqual(before.map(({ sum }) => sum));
    await page.byLabel('Renderer').select('elements');
    for (const name of two) await expectFrameDrawn(name);
    expect(await page.takeErrors()).toEqual([]);
  });

  it('selects a layer on the composite, nudges it from its handle and sets its look in the inspector', async () => {
    const [name] = clips;
    await page.get('button', `Add ${name}`).click();
    await expectFrameDrawn(name);
    // A click on its picture selects it: the inspector shows its look, the handles are on it.
    await page.get('group', `${name} layer`).click();
    await expect.poll(() => page.get('region', 'Inspector').get('heading').text()).toBe(name);
    await expect.poll(() => page.get('region', 'Inspector').get('spinbutton', 'X').attribute('value')).toBe('0');
    // Where the layer's box is on the page, as a share of the composite's width.
    const layerLeft = () => page.run((label) => {
      const layer = document.querySelector(`[role="group"][aria-label="${label}"]`)?.getBoundingClientRect();
      const composite = document.querySelector('[role="region"][aria-label="Composite"]')?.getBoundingClientRect();
      return layer && composite ? (layer.left - composite.left) / composite.width : null;
    }, `${name} layer`);
    const before = await layerLeft();
    // The arrow key on its move handle is one edit: the inspector and the layer follow, one
    // composition pixel of 1280 to the right.
    await page.get('button', `Move ${name}`).press('ArrowRight');
    await expect.poll(() => page.get('region', 'Inspector').get('spinbutton', 'X').attribute('value')).toBe('1');
    // To 4 places: the layer's box is read in the engine's layout units (Firefox's are 1/60 px).
    await expect.poll(async () => ((await layerLeft()) ?? 0) - (before ?? 0)).toBeCloseTo(1 / 1280, 4);
    await page.get('region', 'Inspector').get('combobox', 'Blend').select('screen');
    await expect
      .poll(() => page.run((label) => {
        const layer = document.querySelector<HTMLElement>(`[role="group"][aria-label="${label}"]`);
        return layer && getComputedStyle(layer).mixBlendMode;
      }, `${name} layer`))
      .toBe('screen');
    expect(await page.takeErrors()).toEqual([]);
  });

  it('adds a colour bar and a title over the composite, and shows the words of the title in the inspector', async () => {
    await page.get('button', 'Add a colour bar').click();
    await page.get('button', 'Add a title').click();
    const named = (prefix: string) => page.run((start) => document.querySelector(`[role="group"][aria-label^="${start}"][aria-label$=" layer"]`)?.getAttribute('aria-label')?.replace(/ layer$/, '') ?? null, prefix);
    await expect.poll(() => named('Title ')).not.toBeNull();
    const title = (await named('Title ')) as string;
    const bar = (await named('Colour bar ')) as string;
    for (const name of [bar, title]) await expect.poll(() => page.byLabel(`${name} status`).text()).toBe('Ready');
    // The title's letters are drawn: light and varied where its box is, over the dark bar.
    const titleBox = `[role="group"][aria-label="${title} layer"]`;
    await expect.poll(async () => (await page.lightOnScreen([titleBox]))[0]?.variance ?? 0, { timeout: 15_000 }).toBeGreaterThan(200);
    await page.get('group', `${title} layer`).click();
    await expect.poll(() => page.get('region', 'Inspector').get('heading').text()).toBe(title);
    await expect.poll(() => page.get('region', 'Inspector').get('textbox', 'Words').attribute('value')).toBe('A title');
    expect(await page.takeErrors()).toEqual([]);
  });

  it('refuses a picked file that is not media, says why, and adds no track', async () => {
    writeFileSync(path.join(mediaRoot, 'notes.mp4'), 'meeting notes, not a video');
    expect(await page.pickFiles('Import files', [{ url: `${media.url}/notes.mp4`, name: 'notes.mp4', type: 'video/mp4' }])).toBe(true);
    await expect.poll(() => page.byLabel('Import refused').text(), { timeout: 15_000 }).toBe('notes.mp4 was not added: notes.mp4 is not in a format this browser plays.');
    expect(await page.count('.mtk-timeline-row[data-track-id]')).toBe(0);
    // Nothing holds it: no object URL of its File is left.
    await expect.poll(() => page.liveObjectUrls(), { timeout: 10_000 }).toBe(0);
    expect(await page.takeErrors()).toEqual([]);
  });

  it('plays a file picked from disk, from the file itself, and lets it go when removed', async () => {
    const picked = path.join(mediaRoot, 'picked.mp4');
    copyFileSync(path.resolve('public/fixtures/sync-h264.mp4'), picked);
    // The picked file's bytes, as the file input hands them over (the driver reads them from the server).
    expect(await page.pickFiles('Import files', [{ url: `${media.url}/picked.mp4`, name: 'picked.mp4', type: 'video/mp4' }])).toBe(true);
    const served = requestsFor('picked.mp4');
    await expectFrameDrawn('picked.mp4');
    // The file's one URL (the sound feed's worklet module has one too, until the engine has loaded it).
    await expect.poll(() => page.liveObjectUrls()).toBe(1);
    // Its filmstrip is made in the kit's worker, as the host's bundler shipped it (no server has it).
    await expect.poll(() => page.count('[data-filmstrip="drawn"] img[alt="Filmstrip of picked.mp4"]'), { timeout: 20_000 }).toBe(1);
    expect(requests.some((sent) => sent.url.startsWith('/.derived/') && sent.url.includes('picked'))).toBe(false);

    await page.get('button', 'Play').click();
    await expect.poll(() => page.run(() => document.querySelector<HTMLVideoElement>('video[aria-label="picked.mp4 video"]')?.currentTime ?? 0), { timeout: 20_000 }).toBeGreaterThan(1);
    await page.get('button', 'Pause').click();
    // Played from the file, not from the server.
    expect(requestsFor('picked.mp4')).toBe(served);

    await chooseFromMenu('picked.mp4', 'Remove');
    await expect.poll(() => page.count('video')).toBe(0);
    await expect.poll(() => page.liveObjectUrls()).toBe(0);
    expect(await page.takeErrors()).toEqual([]);
  });

  it('has the media server make a proxy of a clip and previews it, then the original when selected', async () => {
    const name = clips[0];
    await page.get('button', `Add ${name}`).click();
    await expectFrameDrawn(name);
    await page.get('button', `Make a proxy of ${name}`).click();
    await expect.poll(() => page.get('status', `Proxy of ${name}`).text(), { timeout: 30_000 }).toBe(' Proxy ready');
    // The preview plays the 160x90 proxy the server made from the 320x180 original.
    const onScreen = () => page.run((selector) => {
      const video = document.querySelector<HTMLVideoElement>(selector);
      return video ? { rendition: video.dataset.rendition, height: video.videoHeight, src: video.currentSrc } : undefined;
    }, videoOf(name));
    await expect.poll(onScreen, { timeout: 15_000 }).toMatchObject({ rendition: 'proxy', height: 90 });
    expect((await onScreen())?.src).toBe(`${media.url}/.derived/proxy/${name}`);
    await expect.poll(() => page.byLabel(`${name} status`).text()).toBe('Ready (range, proxy)');
    await expectFrameDrawn(name);
    // Selected, its layer (240 tall) is taller than the proxy: the original plays.
    await chooseFromMenu(name, 'Select');
    await expect.poll(onScreen, { timeout: 15_000 }).toMatchObject({ rendition: 'original', height: 180 });
    await expectFrameDrawn(name);
    expect(await page.takeErrors()).toEqual([]);
  });

  it('plays the sound of a video and of a sound file through its mixer', async () => {
    // A video with sound comes as its picture and its linked sound; a sound file as an audio track.
    // The mixer lists them as the track list does, the newest on top.
    for (const name of sounds) await page.get('button', `Add ${name}`).click();
    const mixer = page.get('region', 'Mixer');
    await expect.poll(() => mixer.get('group', { source: ' channel$' }).attributes('aria-label'))
      .toEqual(['beeps-aac.m4a channel', 'flash-beeps.mp4 sound channel', 'Master channel']);
    await expect.poll(() => page.byLabel('flash-beeps.mp4 status').text(), { timeout: 15_000 }).toMatch(/^Ready/);
    expect(await page.count('video')).toBe(1);
    // Each sound's clip on the timeline draws its waveform, made by the media server's pipeline
    // (the host turned `derivedFromServer` on), and the video's clip its filmstrip.
    for (const name of ['beeps-aac.m4a', 'flash-beeps.mp4 sound']) {
      await expect.poll(() => page.get('img', `Waveform of ${name}`).count(), { timeout: 15_000 }).toBe(1);
    }
    await expect.poll(() => page.get('img', 'Filmstrip of flash-beeps.mp4').count(), { timeout: 15_000 }).toBe(1);
    for (const name of sounds) expect(requests.some((sent) => sent.method === 'GET' && sent.status === 200 && sent.url.startsWith(`/.derived/peaks/${name}`)), name).toBe(true);

    await page.get('button', 'Play').click();
    // Both beep at half scale, at the same instants.
    await expect.poll(() => page.loudest(1500), { timeout: 10_000 }).toBeGreaterThan(0.4);
    await mixer.get('button', 'Mute beeps-aac.m4a').click();
    await mixer.get('button', 'Mute flash-beeps.mp4 sound').click();
    expect(await mixer.get('button', 'Mute beeps-aac.m4a').attribute('aria-pressed')).toBe('true');
    await page.wait(tapWindowMs);
    expect(await page.loudest(1500)).toBeLessThan(0.001);
    // Unmuted, the sound file comes back from where the playhead is; the master fader, from the
    // keyboard, takes it down to silence and back.
    await mixer.get('button', 'Mute beeps-aac.m4a').click();
    await expect.poll(() => page.loudest(1200), { timeout: 5000 }).toBeGreaterThan(0.3);
    await mixer.get('slider', 'Master volume').press('Home');
    expect(await mixer.get('slider', 'Master volume').attribute('aria-valuetext')).toBe('-inf dB');
    await page.wait(tapWindowMs);
    expect(await page.loudest(1500)).toBeLessThan(0.001);
    await page.get('button', 'Pause').click();

    // Sound is streamed as pictures are: parts of the file (206), or the browser's cache
    // revalidating a part it holds (304, after the unmute), never the whole file (200).
    const answers = requests.filter((request) => request.url.startsWith('/beeps-aac.m4a')).map((request) => request.status);
    expect(answers).toContain(206);
    expect(answers.filter((status) => status !== 206 && status !== 304)).toEqual([]);
    expect(await page.takeErrors()).toEqual([]);

    // Removing the picture removes its sound too.
    await chooseFromMenu('flash-beeps.mp4', 'Remove');
    await expect.poll(() => mixer.get('group', { source: ' channel$' }).count()).toBe(2);
    await expect.poll(() => page.count('video')).toBe(0);
    expect(await page.get('button', { source: '^More for ' }).count()).toBe(1);
    expect(await page.get('button', 'More for beeps-aac.m4a').count()).toBe(1);
  });

  it('says when the browser blocks sound, and the next click turns it on', async () => {
    // The browser's autoplay policy in force (headless engines apply none): sound starts only
    // after a person's gesture.
    await page.goto(`${appUrl}&autoplay=enforced`);
    // Clicks made by the page's script (no gesture, so the page has had none yet).
    await page.get('button', 'Add beeps-aac.m4a').dispatchClick();
    await expect.poll(() => page.byLabel('beeps-aac.m4a status').text(), { timeout: 15_000 }).toMatch(/^Ready/);
    await page.get('button', 'Play').dispatchClick();
    const turnOn = page.get('button', 'Sound is blocked: turn it on');
    await expect.poll(() => turnOn.count(), { timeout: 5000 }).toBe(1);
    expect(await page.get('toolbar', 'Transport').attribute('data-sound')).toBe('blocked');
    // A person's click turns it on: the beeps are heard where the playhead is.
    await turnOn.click();
    await expect.poll(() => turnOn.count()).toBe(0);
    await expect.poll(() => page.loudest(1200), { timeout: 5000 }).toBeGreaterThan(0.3);
    expect(await page.takeErrors()).toEqual([]);
  });
});

// A limit only Chromium has a switch for: how many media players a page may hold.
if (engines.includes('chromium')) describe('the host editor in chromium, allowed three media players', () => {
  it('backs the decoder budget off when the browser refuses more media players', async () => {
    const editor = await EditorPage.open('chromium', { chromiumArgs: ['--max-web-media-player-count=3'] });
    try {
      await editor.goto(appUrl);
      const six = [...clips, 'camera-f.mp4'];
      copyFileSync(path.resolve('public/fixtures/sync-h264.mp4'), path.join(mediaRoot, 'camera-f.mp4'));
      for (const name of six.slice(0, 5)) await editor.get('button', `Add ${name}`).click();
      expect(await editor.pickFiles('Import files', [{ url: `${media.url}/camera-f.mp4`, name: 'camera-f.mp4', type: 'video/mp4' }])).toBe(true);
      // Three play; the other three say why they wait, with no error.
      const suspended = editor.get('status', { source: ': Suspended$' });
      await expect.poll(() => suspended.count(), { timeout: 15_000 }).toBe(3);
      await expect.poll(() => editor.run(() => [...document.querySelectorAll<HTMLVideoElement>('video[data-active]')].filter((video) => video.readyState >= 2).length), { timeout: 15_000 }).toBe(3);
      expect(await suspended.text()).toContain('The browser allows 3 video players at once');
      expect(await editor.get('alert').count()).toBe(0);
      // Hiding a playing track frees a player: a waiting one takes it.
      await editor.get('button', 'Hide camera-f.mp4').click();
      await expect.poll(() => suspended.count(), { timeout: 15_000 }).toBe(2);
      expect(await editor.takeErrors()).toEqual([]);
    } finally {
      await editor.close();
    }
  });
});
