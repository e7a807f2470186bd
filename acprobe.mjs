import { openEngine } from '/work/main/scripts/engines/engines.js';
import http from 'node:http';
const server = http.createServer((q, r) => { r.setHeader('content-type', 'text/html'); r.end('<button id=b onclick="window.clicked = true">go</button>'); }).listen(6152, '127.0.0.1');
const page = await openEngine(process.argv[2]);
await page.goto('http://127.0.0.1:6152/');
await page.click('#b');
console.log(page.version, await page.run(async () => {
  await new Promise((r) => setTimeout(r, 2000));
  const c = new AudioContext(); c.resume();
  await new Promise((r) => setTimeout(r, 3000));
  const t0 = c.currentTime;
  await new Promise((r) => setTimeout(r, 500));
  const ts = c.getOutputTimestamp();
  return { clicked: window.clicked, state: c.state, advanced: c.currentTime - t0, outputLatency: c.outputLatency, ts: [ts.contextTime, ts.performanceTime], now: performance.now() };
}));
await page.close(); server.close();
