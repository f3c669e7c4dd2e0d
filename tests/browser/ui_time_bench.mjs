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
      const samples = [];
      for (let i = 0; i < 12; ++i) {
        await page.waitForTimeout(250);
        samples.push(await page.evaluate(() => window.playground.metrics().uiMs));
      }
      const key = `${c.name}|${v.name}`;
      if (!results.has(key)) results.set(key, []);
      results.get(key).push(median(samples));
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
}
await browser.close();
for (const s of servers) s.server.close();
