import { preview } from 'vite';
import { chromium } from 'playwright-core';
const server = await preview({ configFile: false, root: process.cwd(), build: { outDir: 'storybook-static' }, preview: { port: 6199, host: '127.0.0.1' }, logLevel: 'warn' });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox','--disable-gpu','--autoplay-policy=no-user-gesture-required'] });
for (let run = 0; run < 6; run++) {
const page = await browser.newPage();
await page.addInitScript(() => {
  window.__events = []; window.__samples = [];
  const Native = AudioWorkletNode;
  window.AudioWorkletNode = class extends Native {
    constructor(ctx, name, opts) {
      super(ctx, name, opts);
      if (name === 'mtk-sound-feed') {
        const post = this.port.postMessage.bind(this.port);
        this.port.postMessage = (m, t) => { if (m.type !== 'data' && m.type !== 'ping') window.__events.push([m.type, (ctx.currentTime).toFixed(4), JSON.stringify(m)]); return post(m, t); };
        this.port.addEventListener('message', (e) => { if (e.data.type !== 'pong') window.__events.push(['from feed ' + e.data.type, ctx.currentTime.toFixed(4)]); });
      }
      if (name === 'mtk-output-tap') this.port.addEventListener('message', (e) => window.__samples.push(e.data));
    }
  };
  const ramp = AudioParam.prototype.linearRampToValueAtTime;
  AudioParam.prototype.linearRampToValueAtTime = function (v, t) { window.__events.push(['ramp', t.toFixed(4), v.toFixed(3)]); return ramp.call(this, v, t); };
});
await page.goto('http://127.0.0.1:6199/iframe.html?id=compositor-sound--fader-ramps-without-a-click&viewMode=story');
await page.waitForTimeout(5000);
const result = await page.evaluate(() => {
  let best = { step: 0, at: 0 }; let prev;
  const seen = new Set();
  for (const { frame, samples } of window.__samples) {
    if (seen.has(frame)) continue; seen.add(frame);
    for (let i = 0; i < samples.length; i++) { const s = samples[i]; if (prev !== undefined && Math.abs(s - prev) > best.step) best = { step: Math.abs(s - prev), at: (frame + i) / 44100 }; prev = s; }
  }
  const all = []; const seen2 = new Set();
  for (const { frame, samples } of window.__samples) { if (seen2.has(frame)) continue; seen2.add(frame); for (let i = 0; i < samples.length; i++) all.push([frame + i, samples[i]]); }
  const idx = all.findIndex(([f]) => f / 44100 >= best.at);
  const around = all.slice(idx - 6, idx + 6).map(([f, s]) => f + ':' + s.toFixed(3)).join(' ');
  // gaps: runs of exact zeros longer than 5 samples while playing
  return { best, around, events: window.__events };
});
console.log(JSON.stringify(result.best), result.around, '\n', result.events.map((e) => e.join(' ')).join(' | '));
await page.close();
}
await browser.close(); await server.close();
