// The browser test scenarios. Each gets a context from run.mjs:
//   open(hash, {width, height}), screenshot(suffix) -> pixel variance, assert(cond, msg), page

// A real TensorFlow Playground link, with settings that all differ from the defaults.
const REFERENCE_LINK =
  'activation=relu&batchSize=20&dataset=xor&regDataset=reg-gauss&learningRate=0.1&regularizationRate=0.001' +
  '&noise=10&networkShape=5,3&seed=0.12345&showTestData=true&discretize=true&percTrainData=60&x=true&y=true' +
  '&xTimesY=true&xSquared=false&ySquared=false&cosX=false&sinX=true&cosY=false&sinY=false&collectStats=false' +
  '&problem=classification&initZero=false&hideText=false&regularization=L2';

export const parseHash = (s) => Object.fromEntries(s.replace(/^#/, '').split('&').filter(Boolean).map((kv) => {
  const i = kv.indexOf('=');
  return i < 0 ? [kv, ''] : [kv.slice(0, i), decodeURIComponent(kv.slice(i + 1))];
}));
const same = (a, b) => a === b || (a !== '' && b !== '' && !Number.isNaN(Number(a)) && Number(a) === Number(b));
export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
export const metrics = (t) => t.page.evaluate(() => window.playground.metrics());
export const nextFrames = (t, n = 3) => t.page.evaluate((n) => new Promise((resolve) => {
  const tick = () => (--n <= 0 ? resolve() : requestAnimationFrame(tick));
  requestAnimationFrame(tick);
}), n);

// One key press. Down and up at once: the platform layer (web/main.cpp) hands
// ImGui a key's up in the frame after its down, so every press is seen once
// (quick-keys-slow-frames). Holding the key across frames instead made the
// result depend on the machine: when a loaded machine's frames take longer
// than ImGui's key-repeat delay (0.275 s), a two-frame hold of → or 's'
// repeats and steps twice.
export async function pressKey(t, key) {
  await t.page.keyboard.press(key);
}

// Moves the mouse onto a named widget (as a hand would: hover, then act).
export async function hoverItem(t, name) {
  const probe = () => t.page.evaluate(() => window.playground.probe());
  let p = await probe();
  for (let tries = 0; tries < 3 && !p.items[name]; ++tries) {  // links are listed from the frame after the first probe
    await nextFrames(t, 2);
    p = await probe();
  }
  const r = p.items[name];
  t.assert(r, `no widget '${name}' on screen (have: ${Object.keys(p.items).slice(0, 40).join(', ')})`);
  const x = r[0] + r[2] / 2, y = r[1] + r[3] / 2;
  await t.page.mouse.move(x, y);
  await nextFrames(t, 3);
  return { x, y };
}
export async function clickItem(t, name) {
  const { x, y } = await hoverItem(t, name);
  await t.page.mouse.down();
  await nextFrames(t, 2);
  await t.page.mouse.up();
  await nextFrames(t, 3);
  return { x, y };
}

// The Data panel's thumbnail of `dataset`, clicked as a student would (its
// rectangle from the control list probe() records; the state must then say it).
export async function pickDatasetThumbnail(t, dataset) {
  const controls = () => t.page.evaluate(() => window.playground.probe().controls);
  await controls();  // starts recording the list
  await nextFrames(t, 3);
  const thumb = (await controls()).find((c) => c.id === `dataset.${dataset}`);
  t.assert(thumb, `no ${dataset} thumbnail in the Data panel`);
  await t.page.mouse.click(thumb.rect[0] + thumb.rect[2] / 2, thumb.rect[1] + thumb.rect[3] / 2);
  await nextFrames(t, 3);
  const state = parseHash(await t.page.evaluate(() => window.playground.getState()));
  t.assert(state.dataset === dataset, `the thumbnail did not choose ${dataset}`);
}

// Plays for `ms`, and on past it until more than `minEpochs` epochs are done
// (up to 30 s more: a busy machine trains slower, which is not a failure),
// and returns the metrics at the end (paused again).
async function playFor(t, ms, minEpochs = 0) {
  await t.page.evaluate(() => window.playground.play());
  await sleep(ms);
  await t.page.waitForFunction((n) => window.playground.metrics().epoch > n, minEpochs, { timeout: 30000 }).catch(() => {});
  const m = await metrics(t);
  await t.page.evaluate(() => window.playground.pause());
  return m;
}

export const scenarios = [
  {
    name: 'loads',
    async run(t) {
      await t.open();
      const version = await t.page.evaluate(() => window.playground.version);
      t.assert(typeof version === 'string' && /^\d+\.\d+\.\d+/.test(version), `version is '${version}'`);
      const title = await t.page.title();
      t.assert(/Playground/.test(title), `page title is '${title}'`);
      const variance = await t.screenshot();
      t.assert(variance > 50, `the canvas looks blank (pixel variance ${variance.toFixed(1)})`);
    },
  },
  {
    name: 'hidpi-iframe-size',
    dpr: 2,
    async run(t) {
      await t.open('', { width: 800, height: 500 });
      // The canvas fills the 800x500 viewport with a 2x backing store.
      const size = await t.page.evaluate(() => {
        const c = document.getElementById('canvas');
        const r = c.getBoundingClientRect();
        return { cssW: r.width, cssH: r.height, w: c.width, h: c.height };
      });
      t.assert(Math.abs(size.cssW - 800) < 1 && Math.abs(size.cssH - 500) < 1, `canvas CSS size ${size.cssW}x${size.cssH}`);
      t.assert(size.w === 1600 && size.h === 1000, `canvas backing store ${size.w}x${size.h}, expected 1600x1000`);
      const variance = await t.screenshot();
      t.assert(variance > 50, `the canvas looks blank (pixel variance ${variance.toFixed(1)})`);
    },
  },
  {
    name: 'reference-link',
    async run(t) {
      await t.open(REFERENCE_LINK);
      const state = parseHash(await t.page.evaluate(() => window.playground.getState()));
      for (const [key, value] of Object.entries(parseHash(REFERENCE_LINK))) {
        t.assert(key in state, `getState() lacks '${key}'`);
        t.assert(same(state[key], value), `${key}: getState() has '${state[key]}', the link '${value}'`);
      }
      // The address bar is not rewritten until something changes, and stays a working link.
      t.assert(await t.page.evaluate(() => location.hash.length > 1), 'the hash was cleared');
      await nextFrames(t);
      await t.screenshot();
    },
  },
  {
    name: 'step-one-epoch',
    async run(t) {
      await t.open();
      const before = await metrics(t);
      t.assert(before.epoch === 0, `starts at epoch ${before.epoch}`);
      const reached = await t.page.evaluate(() => window.playground.step(1));
      const after = await metrics(t);
      t.assert(reached === 1 && after.epoch === 1, `step(1) reached epoch ${after.epoch}`);
      t.assert(Number.isFinite(after.trainLoss) && after.trainLoss !== before.trainLoss, 'the loss did not change');
      await nextFrames(t);
      await t.screenshot();
    },
  },
  {
    name: 'play-lowers-loss',
    async run(t) {
      await t.open();
      const before = await metrics(t);
      await t.page.evaluate(() => {
        window.__epochEvents = 0;
        window.playground.on('epoch', () => { window.__epochEvents++; });
      });
      const after = await playFor(t, 3000, 10);
      t.assert(after.epoch > 10, `only ${after.epoch} epochs in 33 s`);
      t.assert(after.testLoss < before.testLoss, `test loss ${before.testLoss} -> ${after.testLoss}`);
      const events = await t.page.evaluate(() => window.__epochEvents);
      t.assert(events > 0, 'no epoch event');
      console.log(`        default 2-4-2-1: ${after.epochsPerSecond.toFixed(0)} epochs/s (training in the ${after.trainingIn}), frame ${after.frameMs.toFixed(1)} ms (train ${after.trainMs.toFixed(1)}, heatmaps ${after.heatmapMs.toFixed(1)}, ui ${after.uiMs.toFixed(1)}), ` +
                  `test loss ${before.testLoss.toFixed(3)} -> ${after.testLoss.toFixed(3)} after ${after.epoch} epochs`);
      await t.screenshot();
    },
  },
  {
    name: 'speed-6x8',
    async run(t) {
      await t.open('networkShape=8,8,8,8,8,8&dataset=spiral');
      const m = await playFor(t, 3000, 10);
      t.assert(m.epoch > 10, `only ${m.epoch} epochs in 33 s`);
      console.log(`        6x8 2-8-8-8-8-8-8-1: ${m.epochsPerSecond.toFixed(0)} epochs/s (training in the ${m.trainingIn}), frame ${m.frameMs.toFixed(1)} ms (train ${m.trainMs.toFixed(1)}, heatmaps ${m.heatmapMs.toFixed(1)}, ui ${m.uiMs.toFixed(1)}), ` +
                  `${m.epoch} epochs in 3 s (or more, until 10)`);
      await t.screenshot();
    },
  },
  {
    name: 'reset-exact',
    async run(t) {
      await t.open('dataset=gauss&momentum=0.5');
      const initial = await metrics(t);
      await t.page.evaluate(() => window.playground.step(25));
      const trained = await metrics(t);
      t.assert(trained.epoch === 25 && trained.testLoss !== initial.testLoss, 'training did not change the loss');
      await t.page.evaluate(() => window.playground.reset());
      const reset = await metrics(t);
      t.assert(reset.epoch === 0, `epoch ${reset.epoch} after reset`);
      t.assert(reset.testLoss === initial.testLoss && reset.trainLoss === initial.trainLoss,
        `reset gives loss ${reset.trainLoss}/${reset.testLoss}, initially ${initial.trainLoss}/${initial.testLoss}`);
      await nextFrames(t);
      await t.screenshot();
    },
  },
  {
    name: 'set-state',
    async run(t) {
      await t.open();
      await t.page.evaluate(() => window.playground.step(5));
      const notices = await t.page.evaluate(() =>
        window.playground.setState('#networkShape=6,6,3&dataset=spiral&activation=relu&x=true&y=true&sinX=true'));
      t.assert(Array.isArray(notices) && notices.length === 0, `notices: ${JSON.stringify(notices)}`);
      const state = parseHash(await t.page.evaluate(() => window.playground.getState()));
      t.assert(state.networkShape === '6,6,3' && state.dataset === 'spiral' && state.activation === 'relu' &&
               state.sinX === 'true', `state after setState: ${JSON.stringify(state)}`);
      const m = await metrics(t);
      t.assert(m.epoch === 0, `a new network starts at epoch 0, got ${m.epoch}`);
      await nextFrames(t);
      const hash = await t.page.evaluate(() => location.hash);
      t.assert(hash.includes('networkShape=6,6,3'), `the URL was not updated: ${hash}`);
      // Editing the address bar applies the new hash.
      await t.page.evaluate(() => { location.hash = '#dataset=gauss&networkShape=3'; });
      await nextFrames(t);
      const edited = parseHash(await t.page.evaluate(() => window.playground.getState()));
      t.assert(edited.dataset === 'gauss' && edited.networkShape === '3', `hash edit gave ${JSON.stringify(edited)}`);
      // A hyper-parameter change keeps the weights and the epoch.
      await t.page.evaluate(() => window.playground.step(3));
      await t.page.evaluate(() => window.playground.setState(window.playground.getState().replace(/learningRate=[^&]*/, 'learningRate=0.01')));
      const m2 = await metrics(t);
      t.assert(m2.epoch === 3, `changing the learning rate reset the network (epoch ${m2.epoch})`);
      await nextFrames(t);
      await t.screenshot();
    },
  },
  {
    name: 'hide-controls',
    async run(t) {
      await t.open('playButton_hide=true&learningRate_hide=true&noise_hide=true&sinX_hide=true&hideText=true');
      await nextFrames(t);
      const visible = await t.page.evaluate(() => window.playground.visibleControls());
      for (const hidden of ['playButton', 'learningRate', 'noise'])
        t.assert(!visible.includes(hidden), `'${hidden}' is still shown: ${visible}`);
      for (const shown of ['stepButton', 'resetButton', 'activation', 'batchSize'])
        t.assert(visible.includes(shown), `'${shown}' is missing: ${visible}`);
      const state = await t.page.evaluate(() => window.playground.getState());
      t.assert(state.includes('playButton_hide=true') && state.includes('hideText=true'), `state: ${state}`);
      await t.screenshot();
    },
  },
  {
    name: 'bad-input',
    async run(t) {
      await t.open('learningRate=abc&noise=500&networkShape=4,x&frobnicate=1&activation=swish');
      await nextFrames(t);
      const state = parseHash(await t.page.evaluate(() => window.playground.getState()));
      t.assert(state.learningRate === '0.03', `learningRate '${state.learningRate}'`);
      t.assert(Number(state.noise) <= 50, `noise '${state.noise}' not clamped`);
      t.assert(state.activation === 'tanh', `activation '${state.activation}'`);
      const notices = await t.page.evaluate(() => window.playground.setState('frobnicate=2&batchSize=0'));
      t.assert(notices.some((n) => n.includes('frobnicate')) && notices.some((n) => n.includes('batchSize')),
        `notices do not name the keys: ${JSON.stringify(notices)}`);
      await nextFrames(t);
      await t.screenshot();
    },
  },
  {
    name: 'divergence',
    async run(t) {
      await t.open('problem=regression&regDataset=reg-plane&activation=linear&learningRate=10&networkShape=8,8');
      await t.page.evaluate(() => window.playground.step(200));
      const m = await metrics(t);
      t.assert(typeof m.divergence === 'string' && m.divergence.length > 0, `no divergence reported: ${JSON.stringify(m)}`);
      t.assert(Number.isFinite(m.trainLoss) || m.trainLoss === null, 'metrics broke');
      await t.page.evaluate(() => window.playground.play());
      await nextFrames(t, 5);
      const m2 = await metrics(t);
      t.assert(!m2.playing && m2.epoch === m.epoch, 'training went on after the divergence');
      await t.screenshot();
    },
  },
  {
    name: 'postmessage',
    async run(t) {
      await t.open();
      const reply = await t.page.evaluate(() => new Promise((resolve) => {
        window.addEventListener('message', (e) => {
          if (e.data && e.data.type === 'playground-result' && e.data.id === 7) resolve(e.data);
        });
        window.postMessage({ type: 'playground', call: 'step', args: [2], id: 7 }, '*');
      }));
      t.assert(reply.result === 2, `reply ${JSON.stringify(reply)}`);
      const bad = await t.page.evaluate(() => new Promise((resolve) => {
        window.addEventListener('message', (e) => {
          if (e.data && e.data.type === 'playground-result' && e.data.id === 8) resolve(e.data);
        });
        window.postMessage({ type: 'playground', call: 'launchMissiles', id: 8 }, '*');
      }));
      t.assert(typeof bad.error === 'string', `unknown call answered ${JSON.stringify(bad)}`);
      await t.screenshot();
      // ?origins= restricts who may call: this page's own origin is not listed, so no reply.
      await t.page.goto(t.url + '?origins=https://a.example,https://b.example');
      await t.page.evaluate(() => window.playground.ready);
      const ignored = await t.page.evaluate(() => new Promise((resolve) => {
        window.addEventListener('message', (e) => {
          if (e.data && e.data.type === 'playground-result') resolve('answered');
        });
        window.postMessage({ type: 'playground', call: 'step', args: [1], id: 9 }, '*');
        setTimeout(() => resolve('ignored'), 1000);
      }));
      t.assert(ignored === 'ignored', 'a message from an origin not in ?origins= was answered');
      t.assert((await metrics(t)).epoch === 0, 'the refused call ran');
    },
  },
  {
    name: 'keyboard',
    async run(t) {
      await t.open();
      await t.page.click('#canvas', { position: { x: 640, y: 790 } });  // focus (the status line: no control)
      await pressKey(t, 's');
      await nextFrames(t);
      let m = await metrics(t);
      t.assert(m.epoch === 1, `'s' stepped to epoch ${m.epoch}`);
      await pressKey(t, 'ArrowRight');
      await nextFrames(t);
      m = await metrics(t);
      t.assert(m.epoch === 2, `right arrow stepped to epoch ${m.epoch}`);
      await pressKey(t, 'Space');
      await nextFrames(t, 5);
      m = await metrics(t);
      t.assert(m.playing && m.epoch > 2, `space did not start training (epoch ${m.epoch})`);
      await pressKey(t, 'Space');
      await nextFrames(t);
      await pressKey(t, 'r');
      await nextFrames(t);
      m = await metrics(t);
      t.assert(!m.playing && m.epoch === 0, `space then r: playing ${m.playing}, epoch ${m.epoch}`);
    },
  },
  {
    // Positions are those of the default layout at 1280x800 (see the screenshots).
    name: 'mouse-edit',
    async run(t) {
      await t.open();
      // Where things are drawn: playground.probe() lists every control (its first call starts the list).
      await t.page.evaluate(() => window.playground.probe());
      await nextFrames(t, 2);
      const controls = (await t.page.evaluate(() => window.playground.probe())).controls;
      const at = (id) => {
        const c = controls.find((e) => e.id === id);
        if (!c) throw new Error(`no control '${id}' drawn`);
        return { x: c.rect[0] + c.rect[2] / 2, y: c.rect[1] + c.rect[3] / 2 };
      };
      // The XOR thumbnail in the Data panel (hover first, as a hand would).
      const xor = at('dataset.xor');
      await t.page.mouse.move(xor.x, xor.y);
      await nextFrames(t);
      await t.page.mouse.click(xor.x, xor.y);
      await nextFrames(t);
      let state = parseHash(await t.page.evaluate(() => window.playground.getState()));
      t.assert(state.dataset === 'xor', `clicking the XOR thumbnail gave dataset '${state.dataset}'`);
      // Hover the link X1 -> first neuron, click, type a value.
      const before = await metrics(t);
      const link = at('link.0.0.0');
      await t.page.mouse.move(link.x, link.y);
      await nextFrames(t);
      await t.screenshot('-hover-link');
      await t.page.mouse.click(link.x, link.y);
      await nextFrames(t);
      await t.page.keyboard.down('Control');
      await pressKey(t, 'a');
      await t.page.keyboard.up('Control');
      await t.page.keyboard.type('4');
      await pressKey(t, 'Enter');
      await nextFrames(t);
      const after = await metrics(t);
      t.assert(after.trainLoss !== before.trainLoss, 'typing a weight did not change the loss');
      // Hover a hidden neuron: the big heatmap shows it.
      const neuron = at('node.0.0');
      await t.page.mouse.move(neuron.x, neuron.y);
      await nextFrames(t);
      await t.screenshot('-hover-neuron');
      // The loss chart's log toggle.
      await t.page.evaluate(() => window.playground.step(300));
      const log = at('chart.log');
      await t.page.mouse.move(log.x, log.y);
      await nextFrames(t);
      await t.page.mouse.click(log.x, log.y);
      await nextFrames(t);
      await t.page.mouse.move(1100, 250);
      await nextFrames(t);
      await t.screenshot('-log-chart');
    },
  },
  {
    name: 'multiclass',
    async run(t) {
      await t.open('problem=multiclass&mcDataset=blobs&numClasses=4&networkShape=6,4&showTestData=true');
      await t.page.evaluate(() => window.playground.step(30));
      const m = await metrics(t);
      t.assert(m.accuracy > 0.5, `accuracy ${m.accuracy} after 30 epochs`);
      await nextFrames(t);
      await t.screenshot();
    },
  },
  {
    name: 'regression-small',
    async run(t) {
      await t.open('problem=regression&regDataset=reg-gauss&networkShape=6,6&discretize=false', { width: 800, height: 500 });
      await t.page.evaluate(() => window.playground.step(50));
      await nextFrames(t);
      await t.screenshot();
    },
  },
  {
    name: 'csv-data',
    async run(t) {
      await t.open('showTestData=true');
      // Two clusters on a diagonal, 40 points, with a header.
      const rows = ['x1,x2,label'];
      for (let i = 0; i < 20; i++) rows.push(`${(2 + Math.sin(i)).toFixed(3)},${(2 + Math.cos(i)).toFixed(3)},1`);
      for (let i = 0; i < 20; i++) rows.push(`${(-2 + Math.sin(i)).toFixed(3)},${(-2 + Math.cos(i)).toFixed(3)},-1`);
      await t.page.evaluate((text) => window.playground.loadCsv(text), rows.join('\n'));
      const back = await t.page.evaluate(() => window.playground.dataCsv());
      t.assert(back.trim().split('\n').length === 41, `dataCsv() has ${back.trim().split('\n').length} lines`);
      await t.page.evaluate(() => window.playground.step(20));
      const m = await metrics(t);
      t.assert(m.accuracy > 0.9, `accuracy ${m.accuracy} on two separated clusters`);
      const error = await t.page.evaluate(() => {
        try { window.playground.loadCsv('x1,x2,label\n1,2,1\n3,abc,1\n'); return null; } catch (e) { return e.message; }
      });
      t.assert(error && /line 3/.test(error), `a bad CSV gave '${error}'`);
      await nextFrames(t);
      await t.screenshot();
    },
  },
  {
    // A course page embedding the playground in an 800x500 iframe and driving it with postMessage.
    name: 'iframe-embed',
    async run(t) {
      await t.page.setViewportSize({ width: 900, height: 600 });
      await t.page.setContent(`<!doctype html><body style="margin:20px;background:#fff">
        <iframe id="pg" src="${t.url}#networkShape=3&dataset=xor" width="800" height="500" style="border:1px solid #ccc"></iframe>
        </body>`);
      const frame = await (await t.page.waitForSelector('#pg')).contentFrame();
      await frame.waitForFunction(() => window.playground && window.playground.version);
      const ask = (call, args, id) => t.page.evaluate(({ call, args, id }) => new Promise((resolve) => {
        const onMessage = (e) => {
          if (e.data && e.data.type === 'playground-result' && e.data.id === id) {
            window.removeEventListener('message', onMessage);
            resolve(e.data);
          }
        };
        window.addEventListener('message', onMessage);
        document.getElementById('pg').contentWindow.postMessage({ type: 'playground', call, args, id }, '*');
      }), { call, args, id });
      const stepped = await ask('step', [5], 1);
      t.assert(stepped.result === 5, `step reply ${JSON.stringify(stepped)}`);
      const state = await ask('getState', [], 2);
      t.assert(/networkShape=3(&|$)/.test(state.result) && /dataset=xor/.test(state.result), `state ${state.result}`);
      const m = await ask('metrics', [], 3);
      t.assert(m.result.epoch === 5, `metrics ${JSON.stringify(m.result)}`);
      await t.page.waitForTimeout(300);
      await t.screenshot();
    },
  },
];
