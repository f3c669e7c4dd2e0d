// Browser scenarios of lessons that hold (issue "Lessons that hold"): locks
// from the keyboard, the mouse and postMessage; setState merging; limits on
// input; quick key presses at a slow frame rate; layout from 800 x 500 to
// 2560 x 1440.
import { metrics, nextFrames, pressKey, parseHash } from './scenarios.mjs';

const api = (t, fn, ...args) => t.page.evaluate(({ fn, args }) => window.playground[fn](...args), { fn, args });
const probe = (t) => t.page.evaluate(() => window.playground.probe());
const state = async (t) => parseHash(await api(t, 'getState'));

const ALL_HIDES = ['showTestData', 'discretize', 'playButton', 'stepButton', 'resetButton', 'learningRate',
  'activation', 'regularization', 'regularizationRate', 'problem', 'dataset', 'percTrainData', 'noise',
  'batchSize', 'numHiddenLayers', 'momentum', 'loss', 'initializer', 'numSamples', 'numClasses', 'seed', 'speed',
  'inspect', 'regenerate', 'csv', 'editWeights', 'theme', 'timeline', 'record'].map((c) => `${c}_hide=true`).join('&');

export const lessonScenarios = [
  {
    // Every control hidden: no shortcut does anything, nothing is listed.
    name: 'locks-keyboard',
    async run(t) {
      await t.open(`networkShape=2&${ALL_HIDES}`, { width: 800, height: 500 });
      const visible = await api(t, 'visibleControls');
      t.assert(visible.length === 0, `visibleControls() with every control hidden: ${JSON.stringify(visible)}`);
      const before = await api(t, 'getState');
      await t.page.mouse.click(400, 300);
      for (const key of [' ', 's', 'r', 'i', 'ArrowRight']) await pressKey(t, key);
      await nextFrames(t);
      const m = await metrics(t);
      t.assert(!m.playing && m.epoch === 0, `hidden Play/Step answered their keys: playing ${m.playing}, epoch ${m.epoch}`);
      t.assert((await api(t, 'getState')) === before, 'a hidden control\'s key changed the state');
      await t.screenshot();
    },
  },
  {
    // Data and weight buttons have hide keys; dataset_hide hides Regenerate and CSV upload too.
    name: 'locks-buttons',
    async run(t) {
      await t.open('networkShape=2&dataset_hide=true');
      let v = await api(t, 'visibleControls');
      t.assert(!v.includes('regenerate'), `dataset_hide=true still shows Regenerate: ${v}`);
      await api(t, 'replaceState', 'networkShape=2&regenerate_hide=true&csv_hide=true&editWeights_hide=true');
      await nextFrames(t);
      v = await api(t, 'visibleControls');
      for (const c of ['regenerate', 'csv', 'editWeights']) t.assert(!v.includes(c), `${c}_hide=true: still visible (${v})`);
      t.assert(v.filter((c) => c === 'activation').length <= 1, `activation listed twice: ${v}`);
      // A click on the first link with editWeights_hide opens no editor.
      await api(t, 'setState', 'inspect=true');
      await nextFrames(t, 4);
      const p = await probe(t);
      await nextFrames(t, 3);
      const link = (await probe(t)).items['link.0.0.0'];
      t.assert(link, 'no link on screen');
      const model = await api(t, 'model');
      await t.page.mouse.click(link[0] + 1, link[1] + 1);
      await nextFrames(t);
      await t.page.keyboard.type('5');
      await pressKey(t, 'Enter');
      await nextFrames(t);
      t.assert((await api(t, 'model')) === model, 'editWeights_hide=true: a click and typing changed a weight');
      t.assert(!p.items['lab.w.0.0.0'], 'editWeights_hide=true: the weight table is still editable');
    },
  },
  {
    name: 'set-state-merges',
    async run(t) {
      await t.open('dataset=xor&networkShape=5,3&learningRate_hide=true');
      let notices = await api(t, 'setState', 'noise=10');
      let s = await state(t);
      t.assert(s.noise === '10' && s.dataset === 'xor' && s.networkShape === '5,3' && s.learningRate_hide === 'true',
               `setState('noise=10') did not merge: ${JSON.stringify(s)}`);
      await api(t, 'replaceState', 'noise=5');
      s = await state(t);
      t.assert(s.dataset === 'circle' && s.networkShape === '4,2' && !s.learningRate_hide, `replaceState kept keys: ${JSON.stringify(s)}`);
      notices = await api(t, 'setState', 'seed=NaN');
      t.assert(notices.some((n) => /seed/.test(n)), `seed=NaN gave no notice: ${JSON.stringify(notices)}`);
      t.assert((await state(t)).seed !== 'NaN', 'seed=NaN was accepted');
      const nul = await t.page.evaluate(() => { try { window.playground.setState('noise=10\u0000&dataset=xor'); return null; } catch (e) { return e.message; } });
      t.assert(nul && /NUL/.test(nul), `a NUL in setState: ${nul}`);
      const long = await api(t, 'setState', 'networkShape=' + '9'.repeat(200000));
      t.assert(long.every((n) => n.length < 400), `a 200 KB value is repeated in the notice (${Math.max(...long.map((n) => n.length))} chars)`);
    },
  },
  {
    // ?lock= in the iframe's URL: a student's hash edit cannot lift a hide; postMessage lock, on and off.
    name: 'locks-embedding-page',
    async run(t) {
      await t.open();
      await t.page.goto(`${t.url}?lock=hides,learningRate#learningRate=0.1&learningRate_hide=true&networkShape=3`);
      await t.page.evaluate(() => window.playground.ready);
      await t.page.evaluate(() => { location.hash = '#learningRate=0.3&learningRate_hide=false&networkShape=3'; });
      await nextFrames(t);
      const s = await state(t);
      t.assert(s.learningRate === '0.1' && s.learningRate_hide === 'true', `the locked keys changed: ${JSON.stringify(s)}`);
      const notices = await api(t, 'setState', 'learningRate_hide=false&noise=5');
      t.assert(notices.some((n) => /locked/.test(n)) && (await state(t)).noise === '5', `setState of a locked key: ${JSON.stringify(notices)}`);
      // postMessage: lock a key, subscribe twice (events once), unsubscribe.
      await t.page.setContent(`<!doctype html><body><iframe id="pg" src="${t.url}#networkShape=2" width="800" height="500"></iframe></body>`);
      const frame = await (await t.page.waitForSelector('#pg')).contentFrame();
      await frame.waitForFunction(() => window.playground && window.playground.version);
      const result = await t.page.evaluate(() => new Promise((resolve) => {
        const pg = document.getElementById('pg').contentWindow;
        let events = 0;
        const replies = {};
        window.addEventListener('message', (e) => {
          if (e.data.type === 'playground-event') events++;
          if (e.data.type === 'playground-result') replies[e.data.id] = e.data;
        });
        const send = (id, call, args = []) => pg.postMessage({ type: 'playground', id, call, args }, '*');
        send(1, 'lock', ['dataset=xor']);
        send(2, 'on', ['epoch']);
        send(3, 'on', ['epoch']);
        send(4, 'step', [1]);
        setTimeout(() => {
          const afterOn = events;
          send(5, 'off', ['epoch']);
          send(6, 'step', [1]);
          send(7, 'setState', ['dataset=circle']);
          send(8, 'getState');
          setTimeout(() => resolve({ afterOn, afterOff: events, replies }), 600);
        }, 600);
      }));
      t.assert(result.afterOn === 1, `two 'on' calls gave ${result.afterOn} events for one step`);
      t.assert(result.afterOff === 1, `after 'off' events went on (${result.afterOff})`);
      t.assert(/dataset=xor/.test(result.replies[8].result), `the locked dataset changed: ${result.replies[8].result}`);
    },
  },
  {
    // Quick presses at a slow frame rate (CPU throttled): each press is seen.
    name: 'quick-keys-slow-frames',
    async run(t) {
      await t.open('networkShape=8,8,8,8&dataset=spiral');
      const cdp = await t.page.context().newCDPSession(t.page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 8 });
      await t.page.mouse.click(640, 700);
      await nextFrames(t, 2);
      await t.page.keyboard.press(' ');  // down and up at once: one frame sees both
      await nextFrames(t, 3);
      let m = await metrics(t);
      t.assert(m.playing, `a quick Space press at ${m.frameMs.toFixed(0)} ms per frame was lost`);
      await t.page.keyboard.press(' ');
      await nextFrames(t, 3);
      m = await metrics(t);
      t.assert(!m.playing, 'a second quick Space press was lost');
      const epoch = m.epoch;
      for (let i = 0; i < 3; ++i) await t.page.keyboard.press('s');
      await nextFrames(t, 4);
      m = await metrics(t);
      t.assert(m.epoch === epoch + 3, `three quick 's' presses stepped ${m.epoch - epoch} epochs`);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
      console.log(`  lab: quick keys at ${m.frameMs.toFixed(0)} ms per frame: every press seen`);
    },
  },
  {
    name: 'layout-sizes',
    async run(t) {
      for (const [w, h] of [[800, 500], [1280, 800], [2560, 1440]]) {
        await t.open('networkShape=4,2&noise=10', { width: w, height: h });
        await nextFrames(t, 3);
        const p = await probe(t);
        for (const name of ['play', 'step', 'reset', 'inspect', 'lessons']) {
          const r = p.items[name];
          t.assert(r && r[0] >= 0 && r[1] >= 0 && r[0] + r[2] <= w && r[1] + r[3] <= h, `${w}x${h}: ${name} at ${JSON.stringify(r)}`);
        }
        if (w === 2560) t.assert(p.items.play[3] > 30, `2560x1440: the Play button is ${p.items.play[3]} px high (the UI did not grow)`);
        await t.screenshot(`-${w}x${h}`);
        // The hash is written on load.
        if (w === 1280) t.assert((await t.page.evaluate(() => location.hash)).includes('networkShape=4,2'), 'the hash was not written on load');
      }
      // Below 800 x 500 the panels stack in one column that scrolls (web/layout.h):
      // every control is still there, Play at the top (issue 17; screen_scenarios.mjs checks each size).
      await t.open('', { width: 400, height: 300 });
      await nextFrames(t);
      const shown = await api(t, 'visibleControls');
      t.assert(shown.includes('playButton') && shown.includes('learningRate') && shown.includes('dataset'),
               `at 400x300 the controls shown are ${shown}`);
      const play = (await probe(t)).items.play;
      t.assert(play && play[1] >= 0 && play[1] + play[3] <= 300, `at 400x300 Play is at ${JSON.stringify(play)}`);
      await t.screenshot('-400x300');
    },
  },
  {
    // Draw mode: add, move, erase, clear, undo, redo points with the mouse and
    // keyboard; the drawn points are the data, training goes on, download works.
    name: 'draw-points',
    async run(t) {
      await t.open('dataset=gauss&networkShape=3&percTrainData=100');
      const items = async () => (await probe(t)).items;
      const click = async (x, y, modifiers = []) => {
        await t.page.mouse.move(x, y);
        await nextFrames(t, 2);
        for (const k of modifiers) await t.page.keyboard.down(k);
        await t.page.mouse.down();
        await nextFrames(t, 2);
        await t.page.mouse.up();
        for (const k of modifiers) await t.page.keyboard.up(k);
        await nextFrames(t, 3);
      };
      const count = async () => (await api(t, 'dataCsv')).trim().split('\n').length - 1;
      await nextFrames(t, 3);  // the layout settles over the first frames
      let it = await items();
      await click(it['draw.toggle'][0] + 5, it['draw.toggle'][1] + 5);
      it = await items();
      const plot = it.plot;
      const at = (x1, x2) => [plot[0] + (x1 + 6) / 12 * plot[2], plot[1] + (6 - x2) / 12 * plot[3]];
      const n0 = await count();
      await click(it['draw.class.1'][0] + 4, it['draw.class.1'][1] + 4);  // the +1 class
      await click(...at(5, 5));
      t.assert((await count()) === n0 + 1, `a click added ${(await count()) - n0} points`);
      await click(it['draw.class.0'][0] + 4, it['draw.class.0'][1] + 4);  // the -1 class
      await click(...at(-5, 5));
      const rows = (await api(t, 'dataCsv')).trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
      const added = rows.find((r) => Math.abs(r[0] + 5) < 0.2 && Math.abs(r[1] - 5) < 0.2);
      t.assert(added && added[2] === -1, `the point at (-5, 5) is ${JSON.stringify(added)}`);
      // Drag the (5, 5) point to (5, -5).
      const [fx, fy] = at(5, 5), [tx, ty] = at(5, -5);
      await t.page.mouse.move(fx, fy);
      await nextFrames(t, 2);
      await t.page.mouse.down();
      await nextFrames(t, 2);
      for (let k = 1; k <= 4; ++k) { await t.page.mouse.move(fx + (tx - fx) * k / 4, fy + (ty - fy) * k / 4); await nextFrames(t, 1); }
      await t.page.mouse.up();
      await nextFrames(t, 3);
      let pts = (await api(t, 'dataCsv')).trim().split('\n').slice(1).map((l) => l.split(',').map(Number));
      t.assert(pts.some((r) => Math.abs(r[0] - 5) < 0.3 && Math.abs(r[1] + 5) < 0.3) && !pts.some((r) => Math.abs(r[0] - 5) < 0.2 && Math.abs(r[1] - 5) < 0.2),
               'dragging did not move the point from (5, 5) to (5, -5)');
      // Shift+click erases the nearest; Ctrl+Z brings it back, Ctrl+Shift+Z erases it again.
      await click(...at(5, -5), ['Shift']);
      t.assert((await count()) === n0 + 1, `Shift+click left ${(await count()) - n0} added points`);
      await t.page.keyboard.down('Control'); await pressKey(t, 'z'); await t.page.keyboard.up('Control');
      await nextFrames(t, 3);
      t.assert((await count()) === n0 + 2, `Ctrl+Z: ${(await count()) - n0} added points, expected 2`);
      await t.page.keyboard.down('Control'); await t.page.keyboard.down('Shift'); await pressKey(t, 'z');
      await t.page.keyboard.up('Shift'); await t.page.keyboard.up('Control');
      await nextFrames(t, 3);
      t.assert((await count()) === n0 + 1, `Ctrl+Shift+Z: ${(await count()) - n0} added points, expected 1`);
      // Training goes on with the drawn points; Clear then one new point.
      await api(t, 'play');
      await t.page.waitForTimeout(800);
      await click(...at(0, 5));
      await t.page.waitForTimeout(500);
      const m = await metrics(t);
      t.assert(m.playing && (await count()) === n0 + 2, `training stopped or the point was lost: ${JSON.stringify(m)}`);
      await api(t, 'pause');
      await t.screenshot();
      await click(it['draw.clear'][0] + 4, it['draw.clear'][1] + 4);
      await click(...at(1, 1));
      t.assert((await count()) === 1, `after Clear and one click: ${await count()} points`);
      // Download CSV gives the drawn points.
      const dl = (await probe(t)).items['csv.download'];
      await t.page.mouse.move(dl[0] + dl[2] / 2, dl[1] + dl[3] / 2);
      await nextFrames(t, 2);
      const [download] = await Promise.all([t.page.waitForEvent('download'), t.page.mouse.click(dl[0] + dl[2] / 2, dl[1] + dl[3] / 2)]);
      const fs = await import('node:fs');
      const csv = fs.readFileSync(await download.path(), 'utf8').trim().split('\n');
      const row = (csv[1] || '').split(',').map(Number);
      t.assert(csv.length === 2 && Math.abs(row[0] - 1) < 0.1 && Math.abs(row[1] - 1) < 0.1, `the downloaded CSV: ${JSON.stringify(csv)}`);
    },
  },
  {
    // Save the model as a download, open it again through the file chooser; a
    // model that does not fit is refused and the network kept.
    name: 'model-files-ui',
    async run(t) {
      await t.open('networkShape=3&dataset=xor');
      const at = async (name) => {
        const r = (await probe(t)).items[name];
        t.assert(r, `no '${name}' button`);
        return [r[0] + r[2] / 2, r[1] + r[3] / 2];
      };
      const [sx, sy] = await at('model.save');
      const [download] = await Promise.all([t.page.waitForEvent('download'), t.page.mouse.click(sx, sy)]);
      t.assert(download.suggestedFilename() === 'playground-model.json', `download named ${download.suggestedFilename()}`);
      const fs = await import('node:fs');
      const saved = fs.readFileSync(await download.path(), 'utf8');
      t.assert(saved === (await api(t, 'model')), 'the downloaded model is not model()');
      const m = JSON.parse(saved);
      m.layers[0].weights[0][0] = 0.625;
      const [ox, oy] = await at('model.open');
      let [chooser] = await Promise.all([t.page.waitForEvent('filechooser'), t.page.mouse.click(ox, oy)]);
      await chooser.setFiles({ name: 'edited.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(m)) });
      await t.page.waitForTimeout(300);
      await nextFrames(t);
      t.assert(JSON.parse(await api(t, 'model')).layers[0].weights[0][0] === 0.625, 'the opened model is not in use');
      // Three outputs for a two-class problem: refused, the network kept.
      const wrong = JSON.parse(saved);
      wrong.layers[1].weights = [[1, 1, 1], [1, 1, 1], [1, 1, 1]];
      wrong.layers[1].bias = [0, 0, 0];
      const before = await api(t, 'model');
      [chooser] = await Promise.all([t.page.waitForEvent('filechooser'), t.page.mouse.click(ox, oy)]);
      await chooser.setFiles({ name: 'wrong.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(wrong)) });
      await t.page.waitForTimeout(300);
      await nextFrames(t);
      t.assert((await api(t, 'model')) === before, 'a model with 3 outputs replaced a 1-output network');
      const notices = (await probe(t)).notices;
      t.assert(notices.some((n) => /output/.test(n)), `no notice names the outputs: ${JSON.stringify(notices)}`);
      await t.screenshot();
    },
  },
  {
    // A big network stays responsive: its heatmaps are computed a band of rows per frame.
    name: 'big-network-responsive',
    async run(t) {
      await t.open('networkShape=256,256&x=true&y=true');
      await t.page.waitForTimeout(3000);
      const m = await metrics(t);
      console.log(`  lab: 2-256-256-1 frame ${m.frameMs.toFixed(1)} ms, heatmaps ${m.heatmapMs.toFixed(1)} ms, UI ${m.uiMs.toFixed(1)} ms per frame`);
      t.assert(m.heatmapMs < 25, `2-256-256-1 spends ${m.heatmapMs.toFixed(1)} ms per frame on heatmaps`);
      const v = await t.screenshot();
      t.assert(v > 50, 'the page looks blank');
    },
  },
  {
    // A notice appears without moving Play; Reset pauses.
    name: 'notices-and-reset',
    async run(t) {
      await t.open('networkShape=2');
      const before = (await probe(t)).items.play;
      await api(t, 'setState', 'bogusKey=1&learningRate=abc');
      await nextFrames(t, 3);
      const after = (await probe(t)).items.play;
      t.assert(before[0] === after[0] && before[1] === after[1], `a notice moved Play from ${before} to ${after}`);
      await t.screenshot();
      await api(t, 'play');
      await nextFrames(t, 3);
      await api(t, 'reset');
      await nextFrames(t, 2);
      const m = await metrics(t);
      t.assert(!m.playing && m.epoch === 0, `Reset did not pause: ${JSON.stringify(m)}`);
    },
  },
];
