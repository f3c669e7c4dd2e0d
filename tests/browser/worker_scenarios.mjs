// Training off the frame (issue 11): a Web Worker trains a copy of the run
// while the page draws. These check that it does, without shared memory or
// special headers, that everything keeps its meaning (step(n), reset, edits
// and settings applied at once, pause keeps what is shown, divergence stops
// training), and print the live speed beside the targets.
import { metrics, nextFrames, sleep } from './scenarios.mjs';

// TensorFlow Playground's spiral link (8,8,5 ReLU, 250 training points) and the default.
const SPIRAL_LINK = 'activation=relu&batchSize=10&dataset=spiral&learningRate=0.03&networkShape=8,8,5&noise=0&percTrainData=50';
const TARGETS = { spiral: 2000, default: 5000, fps: 8 };

// The page's own work in a frame (smoothed): applying the worker's progress,
// the heatmaps' band (sized to a budget) and building the UI.
const ownWorkMs = (m) => m.trainMs + m.heatmapMs + m.uiMs;

// Plays until the worker trains (it loads its module at the first Play).
async function playInWorker(t) {
  await t.page.evaluate(() => window.playground.play());
  await t.page.waitForFunction(() => window.playground.metrics().trainingIn === 'worker', null, { timeout: 10000 });
}

// Epochs per second from the epoch counter and frames per second from
// requestAnimationFrame, both over `ms` of wall time while playing; epochs and
// frames are the counts behind them. The rates depend on how busy the machine
// is and are printed; the tests assert on the counts (the worker trains, frames
// keep coming) and on the page's own work per frame (metrics().trainMs,
// heatmapMs, uiMs: what the page decides to do in a frame).
async function measure(t, ms) {
  return t.page.evaluate((ms) => new Promise((resolve) => {
    const pg = window.playground;
    const e0 = pg.metrics().epoch, t0 = performance.now();
    let frames = 0;
    const tick = () => {
      frames++;
      if (performance.now() - t0 < ms) { requestAnimationFrame(tick); return; }
      const m = pg.metrics(), s = (performance.now() - t0) / 1000;
      resolve({ epochsPerSecond: (m.epoch - e0) / s, fps: frames / s, epochs: m.epoch - e0, frames, m });
    };
    requestAnimationFrame(tick);
  }), ms);
}

const params = (t) => t.page.evaluate(() => JSON.parse(window.playground.model()).layers.map((l) => [l.weights, l.biases]));
const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);

export const workerScenarios = [
  {
    name: 'worker-live-speed',
    async run(t) {
      const isolated = await (async () => { await t.open(); return t.page.evaluate(() => window.crossOriginIsolated); })();
      t.assert(isolated === false, 'the test page is cross-origin isolated: it must work without');
      const rows = [];
      for (const [name, hash, target] of [['default 2-4-2-1 circle', '', TARGETS.default],
                                          ['spiral 2-8-8-5-1 ReLU', SPIRAL_LINK, TARGETS.spiral]]) {
        await t.open(hash);
        await playInWorker(t);
        await sleep(500);  // past the start
        const r = await measure(t, 3000);
        await t.page.evaluate(() => window.playground.pause());
        t.assert(r.m.trainingIn === 'worker', `training ran in the ${r.m.trainingIn}`);
        t.assert(r.epochs > 0, `${name}: the worker trained no epoch in 3 s of play`);
        rows.push({ name, target, ...r });
        await t.screenshot('-' + name.split(' ')[0]);
      }
      // The figures (targets are reported, not asserted: this machine's speed drifts 1.5x,
      // and more when other work shares it).
      for (const r of rows) {
        const met = r.epochsPerSecond >= r.target && r.fps >= TARGETS.fps ? 'met' : 'NOT met';
        console.log(`        live: ${r.name}: ${r.epochsPerSecond.toFixed(0)} epochs/s in the worker at ${r.fps.toFixed(1)} fps ` +
                    `(frame ${r.m.frameMs.toFixed(1)} ms: applying progress ${r.m.trainMs.toFixed(1)}, heatmaps ${r.m.heatmapMs.toFixed(1)}, ui ${r.m.uiMs.toFixed(1)}); ` +
                    `target >= ${r.target} epochs/s at >= ${TARGETS.fps} fps: ${met}`);
      }
    },
  },
  {
    // The same meaning as training in the frame: pause keeps what is shown,
    // step(n) is exactly n epochs, settings and weights reach the running
    // network at once, reset gives the initial weights.
    name: 'worker-keeps-meaning',
    async run(t) {
      await t.open('dataset=xor&networkShape=4,3&seed=0.25');
      const initial = await params(t);
      await playInWorker(t);
      await sleep(400);
      await t.page.evaluate(() => window.playground.pause());
      const paused = await metrics(t);
      const pausedParams = await params(t);
      await nextFrames(t, 10);
      await sleep(200);
      const later = await metrics(t);
      t.assert(later.epoch === paused.epoch && same(await params(t), pausedParams),
               `pause did not keep what was shown: epoch ${paused.epoch} -> ${later.epoch}`);
      t.assert(paused.epoch > 50, `only ${paused.epoch} epochs trained`);

      const reached = await t.page.evaluate(() => window.playground.step(7));
      t.assert(reached === paused.epoch + 7, `step(7) from ${paused.epoch} reached ${reached}`);

      // Reset while the worker trains: epoch 0, exactly the initial weights, paused.
      await playInWorker(t);
      await sleep(300);
      await t.page.evaluate(() => window.playground.reset());
      const r = await metrics(t);
      t.assert(r.epoch === 0 && !r.playing, `reset: epoch ${r.epoch}, playing ${r.playing}`);
      await nextFrames(t, 5);
      t.assert(same(await params(t), initial) && (await metrics(t)).epoch === 0,
               'reset while the worker trained did not give the initial weights');

      // A learning rate of 0 reaches the worker at once: the epochs go on, the weights stay.
      await t.page.evaluate(() => window.playground.setState('learningRate=0'));
      await playInWorker(t);
      await nextFrames(t, 3);
      const frozen = await params(t);
      const e1 = (await metrics(t)).epoch;
      await sleep(500);
      const e2 = (await metrics(t)).epoch;
      t.assert(e2 > e1 + 20, `the worker did not train on with learning rate 0: ${e1} -> ${e2}`);
      t.assert(same(await params(t), frozen), 'weights changed with learning rate 0: the worker trains an old run');

      // A weight typed into the running network stays (no stale progress puts the old one back).
      const model = JSON.parse(await t.page.evaluate(() => window.playground.model()));
      model.layers[0].weights[0][0] = 0.123;
      const err = await t.page.evaluate((m) => window.playground.loadModel(m), JSON.stringify(model));
      t.assert(err === '', `loadModel: ${err}`);
      await playInWorker(t);
      await sleep(500);
      const w = JSON.parse(await t.page.evaluate(() => window.playground.model())).layers[0].weights[0][0];
      t.assert(Math.abs(w - 0.123) < 1e-7, `the edited weight became ${w} while playing`);
      t.assert((await metrics(t)).trainingIn === 'worker', 'not training in the worker');

      await t.screenshot();
    },
  },
  {
    // A diverging run stops in the worker and the page says so.
    name: 'worker-divergence',
    async run(t) {
      await t.open('problem=regression&regDataset=reg-plane&activation=linear&learningRate=10&networkShape=8,8');
      await t.page.evaluate(() => window.playground.play());
      await t.page.waitForFunction(() => !window.playground.metrics().playing, null, { timeout: 10000 });
      const m = await metrics(t);
      t.assert(typeof m.divergence === 'string' && /diverged at epoch \d+/.test(m.divergence), `no divergence: ${JSON.stringify(m)}`);
      await sleep(300);
      t.assert((await metrics(t)).epoch === m.epoch, 'training went on after the divergence');
      await t.screenshot();
    },
  },
  {
    // A big network: the worker trains while frames stay short (no whole epoch in a frame).
    name: 'worker-big-network',
    async run(t) {
      await t.open('networkShape=256,256,256&numSamples=2000&batchSize=30');
      await playInWorker(t);
      await sleep(1000);
      const r = await measure(t, 3000);
      // The first epoch takes the worker about a second here; on a busy machine longer.
      const first = await t.page.waitForFunction(() => window.playground.metrics().epoch >= 1, null, { timeout: 30000 })
        .then(() => true, () => false);
      await t.page.evaluate(() => window.playground.pause());
      t.assert(first, `no epoch finished in 34 s: ${JSON.stringify(await metrics(t))}`);
      console.log(`        live: 2-256-256-256-1, 1000 training points: ${r.epochsPerSecond.toFixed(1)} epochs/s in the worker at ${r.fps.toFixed(1)} fps ` +
                  `(frame ${r.m.frameMs.toFixed(1)} ms: applying progress ${r.m.trainMs.toFixed(1)}, heatmaps ${r.m.heatmapMs.toFixed(1)}, ui ${r.m.uiMs.toFixed(1)})`);
      // Live while a big network trains: frames keep coming, and the page's own
      // work per frame is small (no epoch, no whole grid in a frame). The frame
      // rate itself is the machine's: printed above, not asserted.
      t.assert(r.frames >= 2, `${r.frames} frame(s) in 3 s while a big network trains`);
      t.assert(ownWorkMs(r.m) < 100, `the frame's own work is ${ownWorkMs(r.m).toFixed(0)} ms while a big network trains`);
      await t.screenshot();
    },
  },
  {
    // Limits (issue 9): work beyond the bound is refused with a notice naming
    // the keys and the limit, the network is kept; the largest admitted setup
    // is applied in bounded time and trains in the worker while frames go on.
    name: 'limits-keep-the-page-live',
    async run(t) {
      await t.open('networkShape=4,2');
      const refused = await t.page.evaluate(() => {
        const t0 = performance.now();
        const notices = window.playground.setState('networkShape=256,256&numSamples=100000');
        return { ms: performance.now() - t0, notices };
      });
      const text = refused.notices.join(' ');
      t.assert(/numSamples/.test(text) && /networkShape/.test(text) && /limit of 400000000/.test(text),
               `no notice naming the keys and the limit: ${text}`);
      t.assert(/networkShape=4%2C2|networkShape=4,2/.test(await t.page.evaluate(() => window.playground.getState())),
               'the refused state replaced the network');
      const big = 'networkShape=' + Array(12).fill(256).join(',');
      const applied = await t.page.evaluate((s) => {
        const t0 = performance.now();
        const notices = window.playground.setState(s);
        return { ms: performance.now() - t0, notices };
      }, big);
      t.assert(applied.notices.length === 0, `the largest network was refused: ${applied.notices.join(' ')}`);
      await playInWorker(t);
      await sleep(1000);
      const r = await measure(t, 3000);
      await t.page.evaluate(() => window.playground.pause());
      console.log(`        limits: refusing 256,256 x 100,000 points took ${refused.ms.toFixed(0)} ms; applying 12 x 256 ` +
                  `(725,000 parameters, 500 points: the work limit) took ${applied.ms.toFixed(0)} ms; playing it: ` +
                  `${r.epochsPerSecond.toFixed(1)} epochs/s in the worker at ${r.fps.toFixed(1)} fps (frame ${r.m.frameMs.toFixed(0)} ms: ` +
                  `applying progress ${r.m.trainMs.toFixed(1)}, heatmaps ${r.m.heatmapMs.toFixed(1)}, ui ${r.m.uiMs.toFixed(1)})`);
      t.assert(r.frames >= 2, `${r.frames} frame(s) in 3 s`);
      t.assert(ownWorkMs(r.m) < 100, `the frame's own work is ${ownWorkMs(r.m).toFixed(0)} ms`);
      await t.screenshot();
    },
  },
];
