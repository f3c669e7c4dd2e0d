// No way around a lesson, and no input that can kill the page (issue 22):
// long texts through every call and through postMessage, locks against
// every route (lessons, model files, CSV, the problem type, typos in lock),
// step(n) that never blocks the page, and the smaller holes.
import { nextFrames, parseHash, sleep } from './scenarios.mjs';

const MiB16 = 16 * 1024 * 1024;
const SIZES = [1024, 2e6, MiB16 - 1, MiB16 + 1];

const state = async (t) => parseHash(await t.page.evaluate(() => window.playground.getState()));

// The page is alive: frames come, one epoch steps, the state reads back.
async function alive(t, what) {
  await nextFrames(t, 2);
  const before = await t.page.evaluate(() => window.playground.metrics().epoch);
  const after = await t.page.evaluate(() => window.playground.step(1));
  t.assert(after === before + 1, `${what}: step(1) went from ${before} to ${after}`);
}

// Calls playground[name](text of `size` bytes made by `make`) in the page;
// returns {ok, result} or {ok: false, error}.
async function callWith(t, name, size, make) {
  return t.page.evaluate(([name, size, make]) => {
    const text = new Function('size', make)(size);
    try {
      const result = window.playground[name](text);
      return { ok: true, result: typeof result === 'string' ? result.slice(0, 300) : result, length: text.length };
    } catch (e) {
      return { ok: false, error: String(e.message), length: text.length };
    }
  }, [name, size, make]);
}

// Each call's inputs: what a text of `size` characters is for it.
const INPUTS = {
  setState: "return 'seed=' + 'x'.repeat(size - 5);",
  lock: "return 'y'.repeat(size);",
  loadLesson: "return 'z'.repeat(size);",
  // Rows of a valid CSV, padded with a comment-free tail of spaces to the size.
  loadCsv: "const row = '0.5,-0.5,1\\n'; const n = Math.floor(size / row.length); " +
           "return row.repeat(n) + ' '.repeat(size - n * row.length);",
  // The page's own model, padded with white space (still valid JSON) to the size.
  loadModel: "const m = window.playground.model(); return m + ' '.repeat(Math.max(0, size - m.length));",
};

function longTextScenario(name) {
  return {
    name: `long-text-${name}`,
    async run(t) {
      await t.open('networkShape=3');
      for (const size of SIZES) {
        const before = await t.page.evaluate(() => window.playground.getState());
        const r = await callWith(t, name, size, INPUTS[name]);
        const label = `${name}(${r.length.toLocaleString('en-US')} characters)`;
        if (size > MiB16) {
          t.assert(!r.ok && /16 MiB/.test(r.error) && /nothing changed/.test(r.error), `${label}: ${JSON.stringify(r)}`);
          t.assert((await t.page.evaluate(() => window.playground.getState())) === before, `${label} changed the state`);
        } else if (!r.ok) {
          // A refusal names what was wrong, in a bounded message.
          t.assert(r.error.length < 400 && !/memory access|RuntimeError/.test(r.error), `${label}: ${r.error.slice(0, 200)}`);
        }
        if (name === 'loadModel' && size <= MiB16)
          t.assert(r.ok && r.result === '', `${label}: the padded model did not load: ${JSON.stringify(r).slice(0, 300)}`);
        if (name === 'loadLesson' && size <= MiB16)
          t.assert(r.ok && /no lesson named 'z{40}…' \(/.test(r.result), `${label}: ${JSON.stringify(r).slice(0, 200)}`);
        const notices = await t.page.evaluate(() => window.playground.probe().notices);
        t.assert(notices.every((n) => n.length <= 330), `${label}: a notice of ${Math.max(...notices.map((n) => n.length))} characters`);
        await alive(t, label);
      }
      console.log(`  no way around: ${name} took 1 KB, 2 MB, 16 MiB - 1 and refused 16 MiB + 1; the page stayed alive`);
    },
  };
}

export const noWayAroundScenarios = [
  ...Object.keys(INPUTS).map(longTextScenario),
  {
    // The page's own files always load back, at the documented limits' scale.
    name: 'long-text-own-files',
    async run(t) {
      await t.open('networkShape=256,256,256');
      const model = await t.page.evaluate(() => {
        const m = window.playground.model();
        return { length: m.length, error: window.playground.loadModel(m) };
      });
      t.assert(model.length > 1.3e6 && model.error === '', `model() of 256,256,256 (${model.length} chars) did not load back: ${model.error}`);
      await alive(t, 'after a 1.5 MB model');
      await t.page.evaluate(() => window.playground.setState('numSamples=100000&networkShape=2'));
      const csv = await t.page.evaluate(() => {
        const text = window.playground.dataCsv();
        try { window.playground.loadCsv(text); return { length: text.length, error: '' }; }
        catch (e) { return { length: text.length, error: e.message }; }
      });
      t.assert(csv.length > 3e6 && csv.error === '', `dataCsv() (${csv.length} chars) did not load back: ${csv.error}`);
      await alive(t, 'after a 4 MB CSV');
    },
  },
  {
    // The same through postMessage, from any origin's point of view (a host page).
    name: 'long-text-postmessage',
    async run(t) {
      await t.open();
      await t.page.setContent(`<!doctype html><body><iframe id="pg" src="${t.url}#networkShape=2" width="800" height="500"></iframe></body>`);
      const frame = await (await t.page.waitForSelector('#pg')).contentFrame();
      await frame.waitForFunction(() => window.playground && window.playground.version);
      const replies = await t.page.evaluate(([MiB16]) => new Promise((resolve) => {
        const pg = document.getElementById('pg').contentWindow;
        const got = {};
        window.addEventListener('message', (e) => {
          if (e.data.type !== 'playground-result') return;
          got[e.data.id] = e.data.error !== undefined ? { error: e.data.error } : { result: e.data.result };
          if (Object.keys(got).length === 5) resolve(got);
        });
        const send = (id, call, args) => pg.postMessage({ type: 'playground', id, call, args }, '*');
        send(1, 'setState', ['seed=' + 'x'.repeat(2e6)]);
        send(2, 'setState', ['seed=' + 'x'.repeat(MiB16 - 6)]);
        send(3, 'loadCsv', ['1,1,1\n'.repeat(Math.ceil((MiB16 + 1) / 6))]);
        send(4, 'step', [1]);
        send(5, 'getState', []);
      }), [MiB16]);
      t.assert(Array.isArray(replies[1].result) && /seed/.test(replies[1].result.join(' ')), `2 MB seed: ${JSON.stringify(replies[1]).slice(0, 200)}`);
      t.assert(Array.isArray(replies[2].result), `16 MiB - 1: ${JSON.stringify(replies[2]).slice(0, 200)}`);
      t.assert(/16 MiB/.test(replies[3].error || ''), `16 MiB + 1 CSV: ${JSON.stringify(replies[3]).slice(0, 200)}`);
      t.assert(replies[4].result === 1, `step after the long texts: ${JSON.stringify(replies[4])}`);
      t.assert(/networkShape=2/.test(replies[5].result), `state after the long texts: ${replies[5].result}`);
    },
  },
  {
    // The teacher's lesson link, and a student who tries every way around it.
    name: 'locks-hold-every-route',
    async run(t) {
      const link = '?lock=learningRate,dataset,networkShape,hides#dataset=xor&networkShape=2&learningRate=0.1' +
                   '&learningRate_hide=true&dataset_hide=true&numHiddenLayers_hide=true';
      await t.open();
      await t.page.goto(t.url + link);
      await t.page.evaluate(() => window.playground.ready);
      const expectHeld = async (what) => {
        const s = await state(t);
        t.assert(s.dataset === 'xor' && s.problem === 'classification' && s.networkShape === '2' &&
                 s.learningRate === '0.1' && s.learningRate_hide === 'true' && s.dataset_hide === 'true' &&
                 s.numHiddenLayers_hide === 'true', `${what}: a lock gave way: ${JSON.stringify(s)}`);
        const shown = await t.page.evaluate(() => window.playground.visibleControls());
        t.assert(!shown.includes('learningRate') && !shown.includes('dataset'), `${what}: hidden controls shown: ${shown}`);
      };
      await expectHeld('the link');
      const points = await t.page.evaluate(() => window.playground.dataCsv());
      // A lesson through the API and through postMessage.
      const lessonError = await t.page.evaluate(() => window.playground.loadLesson('xor-2-2-1'));
      t.assert(/locked/.test(lessonError), `loadLesson('xor-2-2-1') under locks answered '${lessonError}'`);
      await expectHeld('loadLesson');
      const viaMessage = await t.page.evaluate(() => new Promise((resolve) => {
        window.addEventListener('message', (e) => { if (e.data.type === 'playground-result' && e.data.id === 3) resolve(e.data.result); });
        window.postMessage({ type: 'playground', id: 3, call: 'loadLesson', args: ['softmax-3'] }, '*');
      }));
      t.assert(/locked/.test(viaMessage), `loadLesson by postMessage answered '${viaMessage}'`);
      await expectHeld('loadLesson by postMessage');
      // A model file of another shape: refused, and a reload keeps the shape.
      const model = JSON.parse(await t.page.evaluate(() => window.playground.model()));
      model.layers[0].weights = [...model.layers[0].weights, ...model.layers[0].weights];
      model.layers[0].bias = [...model.layers[0].bias, ...model.layers[0].bias];
      model.layers[1].weights = model.layers[1].weights.map((row) => [...row, ...row]);
      const modelError = await t.page.evaluate((m) => window.playground.loadModel(m), JSON.stringify(model));
      t.assert(/networkShape/.test(modelError) && /locked/.test(modelError), `a 4-unit model under a locked shape: '${modelError}'`);
      await expectHeld('loadModel');
      // Points: a CSV, and the problem type (which would bring other points).
      const csvError = await t.page.evaluate(() => {
        try { window.playground.loadCsv('1,1,1\n-1,-1,-1\n'); return ''; } catch (e) { return e.message; }
      });
      t.assert(/points/.test(csvError), `loadCsv under a locked dataset: '${csvError}'`);
      const problemNotices = await t.page.evaluate(() => window.playground.setState('problem=regression'));
      t.assert(problemNotices.some((n) => /problem/.test(n) && /locked/.test(n)), `problem=regression: ${JSON.stringify(problemNotices)}`);
      t.assert((await t.page.evaluate(() => window.playground.dataCsv())) === points, 'the locked points changed');
      await expectHeld('loadCsv and problem');
      // A later lock does not take the locked values again.
      await t.page.evaluate(() => { window.playground.lock('noise'); window.playground.setState('learningRate=0.5&learningRate_hide=false'); });
      await expectHeld('lock(noise) then setState');
      // Typos and objects are reported, not locked silently.
      const typos = await t.page.evaluate(() => window.playground.lock('learningrate,dataSet'));
      t.assert(typos.length === 2 && /did you mean 'learningRate'/.test(typos[0]) && /did you mean 'dataset'/.test(typos[1]),
               `lock with typos answered ${JSON.stringify(typos)}`);
      const objectLock = await t.page.evaluate(() => { try { window.playground.lock({}); return 'accepted'; } catch (e) { return e.message; } });
      t.assert(/a text \(string\) is needed/.test(objectLock), `lock({}) answered '${objectLock}'`);
      const locked = await t.page.evaluate(() => window.playground.locked());
      t.assert(!locked.some((k) => /object|learningrate|dataSet/.test(k)), `locked() lists ${locked}`);
      await t.screenshot();
      // ?lesson= added to the teacher's link: the link's hash and locks win.
      await t.page.goto(t.url + link.replace('?', '?lesson=xor-2-2-1&'));
      await t.page.evaluate(() => window.playground.ready);
      await expectHeld('?lesson= added to the link');
      await t.page.reload();
      await t.page.evaluate(() => window.playground.ready);
      await expectHeld('a reload');
    },
  },
  {
    // The same locks against the UI's own routes: the Lessons menu, Open model,
    // and a weight cell typed with garbage.
    name: 'locks-hold-ui-routes',
    async run(t) {
      await t.open();
      await t.page.goto(t.url + '?lock=dataset,networkShape#dataset=xor&networkShape=2');
      await t.page.evaluate(() => window.playground.ready);
      await t.page.evaluate(() => window.playground.probe());
      await nextFrames(t, 2);
      const click = async (id) => {
        const c = (await t.page.evaluate(() => window.playground.probe())).controls.find((e) => e.id === id);
        t.assert(c, `no control '${id}' drawn`);
        await t.page.mouse.move(c.rect[0] + c.rect[2] / 2, c.rect[1] + c.rect[3] / 2);
        await nextFrames(t, 1);
        await t.page.mouse.click(c.rect[0] + c.rect[2] / 2, c.rect[1] + c.rect[3] / 2);
        await nextFrames(t, 3);
      };
      const points = await t.page.evaluate(() => window.playground.dataCsv());
      // The Lessons menu: XOR's lesson brings its own points (and regression): refused.
      await click('lessons');
      await click('lesson.xor-2-2-1');
      let s = await state(t);
      let notices = await t.page.evaluate(() => window.playground.probe().notices);
      t.assert(s.dataset === 'xor' && s.problem === 'classification' && s.networkShape === '2' &&
               (await t.page.evaluate(() => window.playground.dataCsv())) === points,
               `the Lessons menu got around the locks: ${JSON.stringify(s)}`);
      t.assert(notices.some((n) => /locked/.test(n)), `no notice for the refused lesson: ${JSON.stringify(notices)}`);
      // Open model: a file of another shape is refused, with a notice.
      const model = JSON.parse(await t.page.evaluate(() => window.playground.model()));
      model.layers[0].weights = [...model.layers[0].weights, ...model.layers[0].weights];
      model.layers[0].bias = [...model.layers[0].bias, ...model.layers[0].bias];
      model.layers[1].weights = model.layers[1].weights.map((row) => [...row, ...row]);
      const chooser = t.page.waitForEvent('filechooser');
      await click('model.open');
      await (await chooser).setFiles({ name: 'wider.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(model)) });
      await t.page.waitForFunction(() => window.playground.probe().notices.some((n) => /networkShape/.test(n)), null, { timeout: 10000 });
      t.assert((await state(t)).networkShape === '2', 'Open model changed a locked networkShape');
      // A weight cell: 'nan' and 3.5e38 are refused with a word, the weight kept.
      await t.page.evaluate(() => window.playground.setState('inspect=true'));
      await nextFrames(t, 3);
      for (const garbage of ['nan', '3.5e38']) {
        const before = JSON.parse(await t.page.evaluate(() => window.playground.model())).layers[0].weights[0][0];
        await click('lab.w.0.0.0');
        await t.page.keyboard.down('Control');
        await t.page.keyboard.press('a');
        await t.page.keyboard.up('Control');
        await t.page.keyboard.type(garbage);
        await t.page.keyboard.press('Tab');
        await nextFrames(t, 3);
        const after = JSON.parse(await t.page.evaluate(() => window.playground.model())).layers[0].weights[0][0];
        const error = await t.page.evaluate(() => window.playground.probe().cellError);
        t.assert(after === before, `'${garbage}' changed the weight from ${before} to ${after}`);
        t.assert(error.includes(`'${garbage}'`) && /float/.test(error), `'${garbage}' was refused without a word: '${error}'`);
      }
      await t.screenshot();
    },
  },
  {
    // step(n) runs between frames: the page answers, pause() stops it.
    name: 'step-never-blocks',
    async run(t) {
      await t.open('dataset=xor&networkShape=64,64,64');
      await t.page.evaluate(() => { window.__big = window.playground.step(1e6); window.__big.then((e) => { window.__reached = e; }); });
      // Frames keep coming and epochs rise while the million epochs run.
      const seen = await t.page.evaluate(() => new Promise((resolve) => {
        let frames = 0;
        const tick = () => { if (++frames >= 10) resolve(frames); else requestAnimationFrame(tick); };
        requestAnimationFrame(tick);
      }));
      t.assert(seen === 10, 'frames stopped while step(1e6) ran');
      await t.page.waitForFunction(() => window.playground.metrics().epoch >= 2, null, { timeout: 60000 });
      const reached = await t.page.evaluate(async () => { window.playground.pause(); return window.__big; });
      const m = await t.page.evaluate(() => window.playground.metrics());
      t.assert(reached >= 2 && reached < 1e6 && m.epoch === reached, `pause ended step(1e6) at ${reached}, metrics say ${m.epoch}`);
      await nextFrames(t, 3);
      t.assert((await t.page.evaluate(() => window.playground.metrics().epoch)) === reached, 'training went on after pause');
      // A small step is exact; a bad n is refused.
      t.assert((await t.page.evaluate(() => window.playground.step(3))) === reached + 3, 'step(3) after the pause');
      const bad = await t.page.evaluate(() => { try { window.playground.step(2e6); return 'accepted'; } catch (e) { return e.message; } });
      t.assert(/1,000,000/.test(bad), `step(2e6): ${bad}`);
      // Through postMessage: the reply comes when the epochs ran.
      const reply = await t.page.evaluate(() => new Promise((resolve) => {
        window.addEventListener('message', (e) => { if (e.data.type === 'playground-result' && e.data.id === 11) resolve(e.data); });
        window.postMessage({ type: 'playground', id: 11, call: 'step', args: [2] }, '*');
      }));
      t.assert(reply.result === reached + 5, `step(2) by postMessage answered ${JSON.stringify(reply)}`);
    },
  },
  {
    name: 'small-holes',
    async run(t) {
      await t.open();
      // Notices: bounded, dismissed with Escape.
      await t.page.evaluate(() => window.playground.loadLesson('z'.repeat(1.25e6)));
      let notices = await t.page.evaluate(() => window.playground.probe().notices);
      t.assert(notices.length > 0 && notices.every((n) => n.length <= 330), `notices: ${notices.map((n) => n.length)}`);
      await t.screenshot('-notice');
      // The keyboard goes to the canvas (a click would land on a control).
      await t.page.evaluate(() => document.getElementById('canvas').focus());
      await t.page.keyboard.down('Escape');
      await nextFrames(t, 2);
      await t.page.keyboard.up('Escape');
      await nextFrames(t, 2);
      notices = await t.page.evaluate(() => window.playground.probe().notices);
      t.assert(notices.length === 0, `Escape left the notices: ${notices}`);
      // Events by name only; NUL, nulls and a later model version are refused.
      const answers = await t.page.evaluate(() => {
        const pg = window.playground;
        const tryIt = (f) => { try { return `accepted: ${JSON.stringify(f())}`; } catch (e) { return e.message; } };
        const model = JSON.parse(pg.model());
        model.version = 99;
        return {
          proto: tryIt(() => pg.on('__proto__', () => {})),
          ctor: tryIt(() => pg.on('constructor', () => {})),
          off: tryIt(() => pg.off('__proto__', () => {})),
          nul: tryIt(() => pg.loadLesson('worked-example\0x')),
          select: tryIt(() => pg.select(null, null, null)),
          version: pg.loadModel(JSON.stringify(model)),
        };
      });
      t.assert(/unknown event '__proto__'/.test(answers.proto) && /unknown event 'constructor'/.test(answers.ctor) &&
               /unknown event/.test(answers.off), `events: ${JSON.stringify(answers)}`);
      t.assert(/NUL/.test(answers.nul), `loadLesson with NUL: ${answers.nul}`);
      t.assert(/finite numbers are needed/.test(answers.select), `select(null, null, null): ${answers.select}`);
      t.assert(/^version: /.test(answers.version) && /99/.test(answers.version), `a version 99 model: '${answers.version}'`);
      t.assert((await state(t)).inspect === undefined, 'the NUL lesson opened');
      // The address bar shows what the app holds after a refused hash edit.
      await t.page.evaluate(() => window.playground.lock('learningRate'));
      await t.page.evaluate(() => { location.hash = '#learningRate=5&noise=10'; });
      await t.page.waitForFunction(() => /learningRate=0.03/.test(location.hash) && /noise=10/.test(location.hash), null, { timeout: 5000 });
      await t.page.evaluate(() => history.replaceState(null, '', '#learningRate=7'));
      await t.page.waitForFunction(() => /learningRate=0.03/.test(location.hash), null, { timeout: 5000 });
    },
  },
  {
    // Replies go to the origin that asked; an opaque origin cannot subscribe,
    // and is ignored when ?origins= is set.
    name: 'postmessage-origins',
    async run(t) {
      await t.open();
      // The sender is a sandboxed frame (origin 'null') beside the playground's
      // frame: sandboxing is inherited, so the playground cannot sit inside it.
      const box = `<script>
          const out = {};
          window.addEventListener('message', (e) => {
            if (e.data === 'go') {
              const pg = parent.frames[0];
              pg.postMessage({ type: 'playground', id: 1, call: 'getState', args: [] }, '*');
              pg.postMessage({ type: 'playground', id: 2, call: 'on', args: ['state'] }, '*');
              setTimeout(() => parent.postMessage({ report: out }, '*'), 2000);
            } else if (e.data && e.data.id) out[e.data.id] = e.data;
          });
        </script>`.replace(/"/g, '&quot;');
      const run = async (query) => {
        await t.page.setContent(`<!doctype html><body><iframe id="pg" src="${t.url}${query}#networkShape=2" width="600" ` +
                                `height="400"></iframe><iframe id="box" sandbox="allow-scripts" srcdoc="${box}"></iframe></body>`);
        const frame = await (await t.page.waitForSelector('#pg')).contentFrame();
        await frame.waitForFunction(() => window.playground && window.playground.version);
        return t.page.evaluate(() => new Promise((resolve) => {
          window.addEventListener('message', (e) => { if (e.data && e.data.report) resolve(e.data.report); });
          document.getElementById('box').contentWindow.postMessage('go', '*');
        }));
      };
      const open = await run('');
      t.assert(open[1] && /networkShape=2/.test(open[1].result), `an opaque sender's call: ${JSON.stringify(open[1])}`);
      t.assert(open[2] && /subscribe/.test(open[2].error || ''), `an opaque sender's subscription: ${JSON.stringify(open[2])}`);
      const restricted = await run('?origins=https://a.example');
      t.assert(!restricted[1] && !restricted[2], `with ?origins= an opaque sender was answered: ${JSON.stringify(restricted)}`);
    },
  },
];
