// Soak test: the page plays for a long time in headless Chromium while a
// simulated student changes settings, the network shape and the data every
// few seconds, edits weights, opens the lab and lessons. Every `interval`
// seconds it samples the WebAssembly memory, the JS heap (after a forced GC)
// and the frame time. It fails on any console error or page error, and if
// memory grows after the first minute (a leak): the last sample may exceed
// the largest sample of the first minute by at most 8 MiB (WebAssembly) and
// 25 % (JS heap).
//   node tests/browser/soak.mjs <site dir> [seconds = 120] [sample interval = 30]
// CI runs 2 minutes (sampling every 15 s); scripts/soak.sh runs it long.
import path from 'node:path';
import fs from 'node:fs';
import { chromium } from 'playwright-core';
import { serveSite } from '../../scripts/serve.mjs';

const [siteDir, secondsArg, intervalArg] = process.argv.slice(2);
if (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error(`soak: no index.html in '${siteDir}' (build the site first)`);
  process.exit(2);
}
const seconds = Number(secondsArg || 120);
const interval = Number(intervalArg || (seconds <= 180 ? 15 : 30));

const { server, url } = await serveSite(siteDir, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
    '--enable-precise-memory-info', '--js-flags=--expose-gc'],
});
const page = await browser.newPage();
const errors = [];
page.on('console', (m) => { if (m.type() === 'error') errors.push('console error: ' + m.text()); });
page.on('pageerror', (e) => errors.push('page error: ' + e.message));
await page.setViewportSize({ width: 1280, height: 800 });
await page.goto(url + '#dataset=spiral&networkShape=6,4&x=true&y=true&sinX=true');
await page.evaluate(() => window.playground.ready);
await page.evaluate(() => window.playground.play());

// A deterministic sequence of what a student does (seeded, so a failure replays).
let seed = 12345;
const rand = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const pick = (a) => a[Math.floor(rand() * a.length)];
const actions = [
  () => `setState:dataset=${pick(['circle', 'xor', 'gauss', 'spiral'])}&noise=${pick([0, 10, 25])}`,
  () => `setState:networkShape=${pick(['', '3', '4,2', '8,8,5', '6,6,6,6', '16,16'])}&activation=${pick(['tanh', 'relu', 'sigmoid', 'gelu'])}`,
  () => `setState:learningRate=${pick([0.001, 0.03, 0.3, 3])}&momentum=${pick([0, 0.5, 0.9])}&batchSize=${pick([1, 10, 30])}`,
  () => `setState:problem=${pick(['classification', 'regression', 'multiclass'])}&percTrainData=${pick([10, 50, 100])}`,
  () => 'csv', () => 'weight', () => 'lab', () => 'lesson', () => 'reset', () => 'step',
];
async function act(a) {
  await page.evaluate((a) => {
    const pg = window.playground;
    if (a.startsWith('setState:')) pg.setState(a.slice(9));
    else if (a === 'csv') {
      let text = 'x1,x2,label\n';
      for (let i = 0; i < 60; ++i) text += `${(Math.random() * 10 - 5).toFixed(3)},${(Math.random() * 10 - 5).toFixed(3)},${Math.random() < 0.5 ? -1 : 1}\n`;
      try { pg.loadCsv(text); } catch (e) { /* the problem may be multi-class: a notice, not an error */ }
    } else if (a === 'weight') {
      const m = JSON.parse(pg.model());
      m.layers[0].weights[0][0] = Math.random() * 2 - 1;
      pg.loadModel(JSON.stringify(m));
    } else if (a === 'lab') {
      pg.setState(`inspect=${Math.random() < 0.5}`);
      try { pg.gradientCheck(); } catch (e) { /* diverged networks have no gradient */ }
    } else if (a === 'lesson') pg.loadLesson(['worked-example', 'xor-2-2-1', 'softmax-3'][Math.floor(Math.random() * 3)]);
    else if (a === 'reset') pg.reset();
    else if (a === 'step') pg.step(5);
    pg.play();
  }, a);
}

const sample = async (t) => page.evaluate((t) => {
  if (window.gc) window.gc();
  const m = window.playground.metrics();
  return { t, wasmMiB: Module.HEAPU8.length / 1048576, jsMiB: performance.memory.usedJSHeapSize / 1048576,
           frameMs: m.frameMs, epoch: m.epoch };
}, t);

const samples = [await sample(0)];
const start = Date.now();
let nextSample = interval, count = 0;
while ((Date.now() - start) / 1000 < seconds) {
  await act(pick(actions)());
  ++count;
  await page.waitForTimeout(1500 + rand() * 2000);
  const t = (Date.now() - start) / 1000;
  if (t >= nextSample) {
    samples.push(await sample(Math.round(t)));
    nextSample += interval;
  }
}
samples.push(await sample(Math.round((Date.now() - start) / 1000)));
await browser.close();
server.close();

console.log(`soak: ${count} actions in ${seconds} s; samples (s, WebAssembly MiB, JS heap MiB, frame ms):`);
for (const s of samples) console.log(`  soak: ${String(s.t).padStart(5)} s  wasm ${s.wasmMiB.toFixed(1)}  js ${s.jsMiB.toFixed(1)}  frame ${s.frameMs.toFixed(1)}`);
const firstMinute = samples.filter((s) => s.t <= 60);
const last = samples[samples.length - 1];
const wasmCap = Math.max(...firstMinute.map((s) => s.wasmMiB)) + 8;
const jsCap = Math.max(...firstMinute.map((s) => s.jsMiB)) * 1.25;
const failures = [...errors];
if (last.wasmMiB > wasmCap) failures.push(`WebAssembly memory grew to ${last.wasmMiB.toFixed(1)} MiB (cap ${wasmCap.toFixed(1)})`);
if (last.jsMiB > jsCap) failures.push(`JS heap grew to ${last.jsMiB.toFixed(1)} MiB (cap ${jsCap.toFixed(1)})`);
for (const f of failures) console.log(`  FAIL  ${f}`);
console.log(`soak: ${failures.length ? 0 : 1} passed, ${failures.length ? 1 : 0} failed`);
process.exit(failures.length ? 1 : 0);
