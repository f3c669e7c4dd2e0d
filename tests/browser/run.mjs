// Browser tests: serve the built site on 127.0.0.1, drive Debian's Chromium
// with playwright-core, and check what a user would see.
//   node tests/browser/run.mjs <site dir> <screenshot dir> [scenario name filter: a regular expression]
// Every scenario fails on any console error or page error, and saves a
// screenshot. The last line is "browser: N passed, N failed".
import fs from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { serveSite } from '../../scripts/serve.mjs';
import { decodePng, pixelVariance } from './png.mjs';
import { scenarios as playgroundScenarios } from './scenarios.mjs';
import { labScenarios } from './lab_scenarios.mjs';
import { lessonScenarios } from './lesson_scenarios.mjs';
import { pageScenarios } from './page_scenarios.mjs';
import { workerScenarios } from './worker_scenarios.mjs';
import { noWayAroundScenarios } from './no_way_around_scenarios.mjs';
import { screenScenarios } from './screen_scenarios.mjs';
import { probeScenarios } from './probe_scenarios.mjs';
import { a11yScenarios } from './a11y_scenarios.mjs';
import { themeScenarios } from './theme_scenarios.mjs';
import { lectureScenarios } from './lecture_scenarios.mjs';
import { historyScenarios } from './history_scenarios.mjs';
import { courseScenarios } from './course_scenarios.mjs';

const scenarios = [...playgroundScenarios, ...labScenarios, ...lessonScenarios, ...pageScenarios, ...workerScenarios,
                   ...noWayAroundScenarios, ...screenScenarios, ...probeScenarios, ...a11yScenarios, ...themeScenarios,
                   ...courseScenarios, ...lectureScenarios, ...historyScenarios];

const [siteDir, shotDir, filter] = process.argv.slice(2);
if (!siteDir || !fs.existsSync(path.join(siteDir, 'index.html'))) {
  console.error(`browser: no index.html in '${siteDir}' (build the site first)`);
  process.exit(2);
}
fs.mkdirSync(shotDir, { recursive: true });

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
  '--use-angle=swiftshader', '--enable-unsafe-swiftshader',
];

const { server, url } = await serveSite(siteDir, 0);
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || '/usr/bin/chromium', headless: true, args: CHROMIUM_ARGS,
});
// Which versions ran: playwright-core is pinned for Debian 12's Node 18 (README).
const driver = JSON.parse(fs.readFileSync(
  new URL('./node_modules/playwright-core/package.json', import.meta.url), 'utf8')).version;
console.log(`browser: Chromium ${browser.version()}, playwright-core ${driver}, Node ${process.versions.node}`);

// Helpers handed to every scenario.
function makeContext(page, name, errors) {
  return {
    url, page, siteDir,
    // Opens the page (with an optional hash) and waits for window.playground.ready.
    async open(hash = '', { width = 1280, height = 800 } = {}) {
      await page.setViewportSize({ width, height });
      await page.goto(url + (hash ? '#' + hash.replace(/^#/, '') : ''));
      await page.evaluate(() => window.playground.ready);
    },
    // Saves a screenshot and returns its pixel variance.
    async screenshot(suffix = '') {
      const file = path.join(shotDir, `${name}${suffix}.png`);
      const png = await page.screenshot({ path: file });
      return pixelVariance(decodePng(png));
    },
    assert(cond, message) { if (!cond) throw new Error(message); },
    errors,
  };
}

let passed = 0, failed = 0;
for (const sc of scenarios) {
  if (filter && !new RegExp(filter).test(sc.name)) continue;  // a name or a regular expression
  // sc.mobile: a phone or tablet (touch events, the mobile viewport, pointer: coarse).
  const page = await browser.newPage({ deviceScaleFactor: sc.dpr || 1, isMobile: !!sc.mobile, hasTouch: !!sc.mobile });
  const errors = [];
  // Chromium's intervention notice "Ignored attempt to cancel a touchstart event with
  // cancelable=false" is the browser's, not the page's: Emscripten's touch handler calls
  // preventDefault on every touch, and a busy machine makes Chromium deliver a synthetic
  // touch as already uncancelable (the canvas is touch-action: none, so nothing scrolls).
  const intervention = /^(\[Intervention\] )?Ignored attempt to cancel a touch\w+ event with cancelable=false/;
  page.on('console', (m) => {
    if (m.type() === 'error' && !intervention.test(m.text())) errors.push('console error: ' + m.text());
  });
  page.on('pageerror', (e) => errors.push('page error: ' + e.message));
  const t0 = Date.now();
  try {
    await Promise.race([
      sc.run(makeContext(page, sc.name, errors)),
      // sc.timeout: a scenario that renders at device scale 3 on a software rasterizer needs longer.
      new Promise((_, reject) => setTimeout(() => reject(new Error(`timed out after ${(sc.timeout || 90000) / 1000} s`)), sc.timeout || 90000)),
    ]);
    if (errors.length) throw new Error(errors.join('\n'));
    passed++;
    console.log(`  ok    ${sc.name} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  } catch (e) {
    failed++;
    console.log(`  FAIL  ${sc.name}: ${e.message}`);
    await page.screenshot({ path: path.join(shotDir, `${sc.name}-failed.png`) }).catch(() => {});
  }
  await page.close();
}
await browser.close();
server.close();
console.log(`browser: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
