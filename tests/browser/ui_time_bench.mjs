// The frame's UI time (building ImGui's frame: panels, diagram, lab), as the
// page measures it (metrics().uiMs, a running average), for pages to compare
// in the same run: a benchmark that prints, never a test that asserts.
//   node tests/browser/ui_time_bench.mjs <site dir> [<baseline site dir>] [rounds]
// Each round opens every variant in turn at 1280 x 800, with the lab closed
// and open, paused and playing, and samples uiMs for 3 s; the figures are the
// medians over rounds, and the difference to the first variant. Variants: the
// site with the accessible layer on, the same site with ?a11y=off, and the
// baseline site when given (an older build, e.g. before a change).
import { chromium } from 'playwright-core';
import { serveSite } from '../../scripts/serve.mjs';

const [siteDir, baseDir, roundsArg] = process.argv.slice(2);
if (!siteDir) {
  console.error('usage: node tests/browser/ui_time_bench.mjs <site dir> [<baseline site dir>] [rounds]');
  process.exit(2);
}
const rounds = Number(roundsArg || 3);
const servers = [await serveSite(siteDir, 0)];
if (baseDir) servers.push(await serveSite(baseDir, 0));
const variants = [
  { name: 'a11y on', url: servers[0].url },
  { name: 'a11y off', url: servers[0].url + '?a11y=off' },
];
if (baseDir) variants.push({ name: 'baseline', url: servers[1].url });
const cases = [
  { name: 'lab closed, paused', hash: '', play: false },
  { name: 'lab open, paused', hash: 'inspect=true', play: false },
  { name: 'lab closed, playing', hash: '', play: true },
  { name: 'lab open, playing', hash: 'inspect=true', play: true },
];

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'],
});
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s.length ? s[Math.floor(s.length / 2)] : NaN; };
const results = new Map();  // "case|variant" -> [uiMs per round]
for (let r = 0; r < rounds; ++r) {
  for (const c of cases) {
    for (const v of variants) {
      const page = await browser.newPage();
      await page.setViewportSize({ width: 1280, height: 800 });
      await page.goto(v.url + (c.hash ? '#' + c.hash : ''));
      await page.evaluate(() => window.playground.ready);
      if (c.play) await page.evaluate(() => window.playground.play());
      await page.waitForTimeout(1500);  // the running average settles
      const samples = [], split = [];
      const snap = () => page.evaluate(() => ({ ...(window.playgroundA11yStats || {}), t: performance.now(),
                                                m: window.playground.metrics() }));
      const d0 = await snap();
      for (let i = 0; i < 12; ++i) {
        await page.waitForTimeout(250);
        const m = await page.evaluate(() => window.playground.metrics());
        samples.push(m.uiMs);
        split.push(m);
      }
      const d1 = await snap();
      const key = `${c.name}|${v.name}`;
      if (!results.has(key)) results.set(key, []);
      results.get(key).push(median(samples));
      if (v.name === 'a11y on') {
        // The layer's own cost per frame, measured inside this page: a recorded
        // frame's UI time over a plain one's, and the publish (JSON and the DOM
        // update), at most 4 times a second; the descriptions' JavaScript.
        const secs = (d1.t - d0.t) / 1000;
        const fps = 1000 / median(split.map((m) => m.frameMs));
        const rec = median(split.map((m) => m.uiRecordedMs)), plain = median(split.map((m) => m.uiPlainMs));
        const pub = median(split.map((m) => m.a11yPublishMs));
        const sampleRate = (d1.m.a11ySamples - d0.m.a11ySamples) / secs;     // recorded frames per second
        const pubRate = (d1.m.a11yPublishes - d0.m.a11yPublishes) / secs;    // publishes per second
        const desc = (d1.describeMs - d0.describeMs) / secs;                 // descriptions, ms per second
        const perSecond = Math.max(0, rec - plain) * sampleRate + pub * pubRate + desc;
        if (!results.has(key + '|split')) results.set(key + '|split', []);
        results.get(key + '|split').push({ rec, plain, pub, desc, fps, sampleRate, pubRate, perSecond,
                                           jsUpdate: (d1.updateMs - d0.updateMs) / Math.max(1, d1.updates - d0.updates) });
      }
      await page.close();
    }
  }
}
console.log(`ui_time: median over ${rounds} rounds of the page's uiMs at 1280 x 800 (ms per frame)`);
for (const c of cases) {
  const ref = median(results.get(`${c.name}|${variants[0].name}`));
  const parts = variants.map((v) => {
    const m = median(results.get(`${c.name}|${v.name}`));
    return `${v.name} ${m.toFixed(2)}`;
  });
  const diffs = variants.slice(1).map((v) => {
    const m = median(results.get(`${c.name}|${v.name}`));
    return `on − ${v.name} ${(ref - m >= 0 ? '+' : '')}${(ref - m).toFixed(2)}`;
  });
  console.log(`  ${c.name.padEnd(20)} ${parts.join(', ')}; ${diffs.join(', ')}`);
  const sp = results.get(`${c.name}|a11y on|split`);
  const med = (f) => median(sp.map(f));
  console.log(`  ${''.padEnd(20)} layer's own cost: a recorded frame ${med((x) => x.rec).toFixed(2)} ms against ` +
              `${med((x) => x.plain).toFixed(2)} ms (${med((x) => x.sampleRate).toFixed(1)}/s), a publish ` +
              `${med((x) => x.pub).toFixed(2)} ms of which the page's DOM ${med((x) => x.jsUpdate).toFixed(2)} ms ` +
              `(${med((x) => x.pubRate).toFixed(1)}/s), descriptions ${med((x) => x.desc).toFixed(2)} ms/s: ` +
              `${med((x) => x.perSecond).toFixed(1)} ms per second, ${(med((x) => x.perSecond) / 60).toFixed(3)} ms per frame at 60 fps ` +
              `(${(med((x) => x.perSecond) / med((x) => x.fps)).toFixed(3)} at the ${med((x) => x.fps).toFixed(0)} fps measured)`);
}
await browser.close();
for (const s of servers) s.server.close();
