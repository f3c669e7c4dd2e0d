// Training's history (issue 20 §4): the timeline under the loss chart, dragged
// with the mouse as a user would, shows the network of an earlier epoch
// (model() is that epoch's, to the bit: a fresh run stepped as many epochs
// gives the same file); "Continue from here" trains on from it exactly as
// the run went on then; "Back to epoch N" restores the present. Record makes
// a WebM of the canvas that a <video> element plays.
import { metrics, nextFrames, sleep } from './scenarios.mjs';

const api = (t, fn, ...args) => t.page.evaluate(({ fn, args }) => window.playground[fn](...args), { fn, args });
const probe = (t) => t.page.evaluate(() => window.playground.probe());

async function control(t, id) {
  for (let tries = 0; tries < 5; ++tries) {
    const c = (await probe(t)).controls.find((x) => x.id === id);
    if (c && c.visible) return c;
    await nextFrames(t, 2);
  }
  throw new Error(`no control '${id}' on screen`);
}
async function click(t, id) {
  const c = await control(t, id);
  await t.page.mouse.click(c.rect[0] + c.rect[2] / 2, c.rect[1] + c.rect[3] / 2);
  await nextFrames(t, 3);
}

// Drags the timeline's grab to about `epoch` (the slider spans epochs 0 to
// the present) and lets go; returns the epoch the app shows.
async function scrubTo(t, epoch) {
  const c = await control(t, 'timeline');
  const tl = await api(t, 'timeline');
  const [x, y, w, h] = c.rect;
  const xOf = (e) => x + 5 + (w - 10) * e / Math.max(1, tl.present);
  await t.page.mouse.move(xOf(tl.present), y + h / 2);
  await t.page.mouse.down();
  for (const f of [0.8, 0.5, 0.2, 0]) {
    await t.page.mouse.move(xOf(epoch + (tl.present - epoch) * f), y + h / 2, { steps: 2 });
    await nextFrames(t, 1);
  }
  await t.page.mouse.up();
  await nextFrames(t, 3);
  return (await api(t, 'timeline')).shown;
}

const RUN = 'dataset=xor&networkShape=4,3&momentum=0.9&batchSize=5&learningRate=0.1&seed=0.42';

export const historyScenarios = [
  {
    name: 'history-timeline-scrub-and-continue',
    timeout: 180000,
    async run(t) {
      await t.open(RUN);
      await api(t, 'step', 60);
      await nextFrames(t, 3);
      const present = await api(t, 'model');
      let tl = await api(t, 'timeline');
      t.assert(tl.present === 60 && !tl.viewing, `timeline after 60 epochs: ${JSON.stringify(tl)}`);
      t.assert(tl.epochs.length === 61 && tl.epochs[0] === 0 && tl.epochs[60] === 60, `snapshots: ${tl.epochs}`);

      // Drag back to about epoch 20.
      const k = await scrubTo(t, 20);
      tl = await api(t, 'timeline');
      t.assert(tl.viewing && k > 5 && k < 40, `dragged to epoch ${k}: ${JSON.stringify(tl)}`);
      const m = await metrics(t);
      t.assert(m.epoch === k && !m.playing, `metrics while viewing: ${JSON.stringify(m)}`);
      const past = await api(t, 'model');
      t.assert(past !== present, 'the model shown is still the present one');
      // What the lab computes is that network's too.
      const sel = await api(t, 'selected');
      const seen = await api(t, 'inspect', sel.x1, sel.x2, sel.label);
      await t.screenshot('-viewing');

      // Back to the present: exactly as it was.
      await click(t, 'timeline.present');
      t.assert((await api(t, 'model')) === present, 'Back to epoch 60 did not restore the present');
      t.assert((await metrics(t)).epoch === 60, 'the epoch after going back');

      // Again to epoch k, then Continue from here.
      const k2 = await scrubTo(t, k);
      t.assert(k2 === k, `the same drag shows epoch ${k2}, first ${k}`);
      await click(t, 'timeline.continue');
      tl = await api(t, 'timeline');
      t.assert(!tl.viewing && tl.present === k && tl.epochs[tl.epochs.length - 1] === k, `after Continue: ${JSON.stringify(tl)}`);
      t.assert((await api(t, 'model')) === past, 'Continue from here changed the weights');
      await api(t, 'step', 7);
      const after = await api(t, 'model');

      // A fresh run stepped k epochs is that snapshot, and k + 7 what continuing gave, to the bit.
      await api(t, 'reset');
      await api(t, 'step', k);
      t.assert((await api(t, 'model')) === past, `a fresh run stepped ${k} epochs differs from the snapshot`);
      const fresh = await api(t, 'inspect', sel.x1, sel.x2, sel.label);
      t.assert(JSON.stringify(fresh) === JSON.stringify(seen), 'inspect() of the snapshot and of the fresh run differ');
      await api(t, 'step', 7);
      t.assert((await api(t, 'model')) === after, `continuing from epoch ${k} is not the run stepped ${k + 7} epochs`);
    },
  },
  {
    // Play while a past epoch is shown trains on from it (in the worker):
    // the snapshots it hands back are a fresh run's, to the bit.
    name: 'history-play-from-the-past',
    async run(t) {
      await t.open(RUN);
      await api(t, 'step', 30);
      const k = await api(t, 'viewEpoch', 12);
      t.assert(k === 12, `viewEpoch(12) showed ${k}`);
      await click(t, 'play');
      for (let i = 0; i < 50 && (await metrics(t)).epoch < 45; ++i) await sleep(100);
      await click(t, 'play');  // Pause
      const tl = await api(t, 'timeline');
      t.assert(!tl.viewing && tl.present > 12, `after Play: ${JSON.stringify(tl)}`);
      for (let e = 0; e <= Math.min(tl.present, 127); ++e)
        t.assert(tl.epochs[e] === e, `epoch ${e} has no snapshot: ${tl.epochs}`);
      // The last snapshot before the present (the present may be inside an epoch).
      const s = tl.epochs.filter((e) => e < tl.present).pop();
      t.assert((await api(t, 'viewEpoch', s)) === s, `viewEpoch(${s})`);
      const model = await api(t, 'model');
      await api(t, 'reset');
      await api(t, 'step', s);
      t.assert((await api(t, 'model')) === model, `the snapshot of epoch ${s} is not the run stepped ${s} epochs`);
    },
  },
  {
    name: 'history-record-webm',
    timeout: 120000,
    async run(t) {
      await t.open('dataset=spiral&networkShape=6,4');
      await click(t, 'play');
      await click(t, 'record');
      t.assert((await api(t, 'recording')).recording, 'Record did not start a recording');
      t.assert((await control(t, 'record')).label === 'Stop', 'the Record button does not offer Stop');
      await sleep(2500);
      await click(t, 'record');
      let last = null;
      for (let i = 0; i < 50 && !last; ++i) {
        await sleep(100);
        last = (await api(t, 'recording')).last;
      }
      t.assert(last && last.bytes > 0 && /^video\/webm/.test(last.type), `the recording: ${JSON.stringify(last)}`);
      const notices = (await probe(t)).notices.join(' | ');
      t.assert(/Saved the recording as playground-recording\.webm/.test(notices), `notices: ${notices}`);
      // Playable: a <video> reads its metadata and finds a duration.
      const video = await t.page.evaluate((url) => new Promise((resolve) => {
        const v = document.createElement('video');
        v.muted = true;
        const done = () => resolve({ readyState: v.readyState, duration: v.duration, width: v.videoWidth, height: v.videoHeight, error: v.error && v.error.code });
        v.onerror = done;
        v.onloadedmetadata = () => {
          // MediaRecorder's WebM has no duration in its header: seeking past the end finds it.
          if (Number.isFinite(v.duration)) return done();
          v.ondurationchange = () => { if (Number.isFinite(v.duration)) done(); };
          v.currentTime = 1e9;
        };
        setTimeout(done, 10000);
        v.src = url;
      }), last.url);
      t.assert(!video.error && video.readyState >= 1 && video.duration > 0 && Number.isFinite(video.duration),
        `the WebM does not play: ${JSON.stringify(video)}`);
      t.assert(video.width > 0 && video.height > 0, `no picture size: ${JSON.stringify(video)}`);
      console.log(`        recording: ${last.bytes} bytes, ${video.duration.toFixed(2)} s, ${video.width}x${video.height}`);
      await click(t, 'play');
    },
  },
];
