// playground.probe().controls: every control drawn in the last frame, with its
// URL name, kind, label, value and rectangle in CSS pixels of the page (issue
// 17 §5), and the numbers the lab draws on the diagram's nodes, which must
// read as the engine's to the digits shown and never lose their exponent (§4).
import { metrics, nextFrames } from './scenarios.mjs';

const api = (t, fn, ...args) => t.page.evaluate(({ fn, args }) => window.playground[fn](...args), { fn, args });
const KINDS = new Set(['button', 'combo', 'slider', 'checkbox', 'textField', 'link', 'node', 'text']);

// The controls of the last frame. Recording starts at the first probe(), so
// the first call after loading may return none: wait for a frame then.
async function controls(t) {
  let p = await api(t, 'probe');
  for (let tries = 0; tries < 5 && p.controls.length === 0; ++tries) {
    await nextFrames(t, 2);
    p = await api(t, 'probe');
  }
  t.assert(p.controls.length > 0, 'probe() lists no controls');
  return p;
}

// Every visibleControls() name has a drawn, visible control inside the viewport; ids are unique.
async function checkComplete(t, width, height, what) {
  await nextFrames(t, 3);
  const { controls: list } = await controls(t);
  const visible = await api(t, 'visibleControls');
  const ids = new Set();
  for (const c of list) {
    t.assert(!ids.has(c.id), `${what}: the id '${c.id}' is listed twice`);
    ids.add(c.id);
    t.assert(KINDS.has(c.kind), `${what}: ${c.id} has the kind '${c.kind}'`);
    t.assert(Array.isArray(c.rect) && c.rect.length === 4, `${what}: ${c.id} has no rectangle`);
  }
  for (const name of visible) {
    const mine = list.filter((c) => c.name === name);
    t.assert(mine.length > 0, `${what}: visibleControls() names '${name}' but probe().controls has no entry for it`);
    const shown = mine.filter((c) => {
      const [x, y, w, h] = c.rect;
      return c.visible && w > 0 && h > 0 && x >= 0 && y >= 0 && x + w <= width + 0.5 && y + h <= height + 0.5;
    });
    t.assert(shown.length > 0, `${what}: no control of '${name}' has a non-empty rectangle inside the ` +
             `${width}x${height} viewport: ${JSON.stringify(mine.slice(0, 3))}`);
  }
  return list;
}

// A click at the centre of a control's rectangle, as a hand makes it (held across frames).
async function clickControl(t, id) {
  const { controls: list } = await controls(t);
  const c = list.find((e) => e.id === id);
  t.assert(c, `no control '${id}' (have: ${list.map((e) => e.id).slice(0, 40).join(', ')})`);
  const [x, y, w, h] = c.rect;
  await t.page.mouse.move(x + w / 2, y + h / 2);
  await nextFrames(t, 2);
  await t.page.mouse.down();
  await nextFrames(t, 2);
  await t.page.mouse.up();
  await nextFrames(t, 3);
  return c;
}

// Significant digits of a drawn number: its mantissa without leading zeros
// (and, without a point, without trailing ones: "2000" keeps 1).
function significantDigits(text) {
  const mantissa = text.split('e')[0];
  let digits = mantissa.replace(/[^0-9]/g, '').replace(/^0+/, '');
  if (!mantissa.includes('.')) digits = digits.replace(/0+$/, '');
  return Math.max(1, digits.length);
}

// The drawn text reads as the engine's value to its own digits, and keeps the magnitude.
function checkDrawn(t, where, text, value, notation = true) {
  const plain = text.replace(/\u2212/g, '-');
  const shown = Number(plain);
  t.assert(Number.isFinite(shown), `${where}: '${text}' is not a whole number (cut?)`);
  if (value === 0) { t.assert(shown === 0, `${where}: '${text}' for 0`); return 1; }
  const digits = significantDigits(plain);
  const unit = Math.pow(10, Math.floor(Math.log10(Math.abs(value))) - (digits - 1));
  t.assert(Math.abs(shown - value) <= 0.5 * unit * (1 + 1e-6),
           `${where}: drawn '${text}' but the engine has ${value} (${digits} digits)`);
  const a = Math.abs(shown);
  if (notation) t.assert(plain.includes('e') === (a < 1e-3 || a >= 1e4), `${where}: '${text}' for ${value}: wrong notation`);
  return digits;
}

// Every number drawn on the diagram's nodes against inspect(); returns what was compared.
async function checkNodeNumbers(t, example, what) {
  await nextFrames(t, 3);
  const { controls: list } = await controls(t);
  const numbers = await api(t, 'inspect', example.x1, example.x2, example.label);
  const keys = { '\u03b4': 'delta', z: 'z', a: 'a' };
  const seen = [];
  for (const c of list.filter((e) => e.kind === 'node')) {
    const [, l, o] = c.id.split('.').map(Number);
    const lines = c.value.split('\n').filter(Boolean);
    t.assert(lines.length === 3, `${what}: ${c.id} (${c.label}) shows ${lines.length} numbers at 1280x800: ${JSON.stringify(c.value)}`);
    for (const line of lines) {
      const [name, text] = line.split(' ');
      const value = numbers.layers[l][keys[name]][o];
      if (text === '\u2026') { seen.push({ id: c.id, name, text, value, digits: 0 }); continue; }  // no room: "…", never a cut number
      const digits = checkDrawn(t, `${what}, ${c.id} ${name}`, text, value);
      seen.push({ id: c.id, name, text, value, digits });
    }
  }
  t.assert(seen.length > 0, `${what}: no node numbers drawn`);
  const elided = seen.filter((s) => s.digits === 0);
  t.assert(elided.length * 4 <= seen.length, `${what}: most numbers elided: ${JSON.stringify(elided)}`);
  return seen;
}

export const probeScenarios = [
  {
    // Every control of visibleControls() is listed with a rectangle on the page,
    // the plain playground and the lab; a click at Play's centre starts training.
    name: 'probe-controls-complete',
    async run(t) {
      // Without the accessible layer (?a11y=off), nothing is recorded until a
      // script asks: the first probe() finds no controls. (The layer samples
      // the list a few times a second; ui_time_bench.mjs prints what that costs.)
      await t.page.setViewportSize({ width: 1280, height: 800 });
      await t.page.goto(t.url + '?a11y=off');
      await t.page.evaluate(() => window.playground.ready);
      t.assert((await api(t, 'probe')).controls.length === 0, 'controls were recorded before any probe()');
      const plain = await checkComplete(t, 1280, 800, 'plain');
      for (const id of ['play', 'reset', 'step', 'learningRate', 'activation', 'layers.add', 'layer.0.add',
                        'input.x', 'node.0.0', 'dataset.circle', 'showTestData', 'discretize', 'seed', 'bias.0.0'])
        t.assert(plain.some((c) => c.id === id), `no control '${id}' in the plain playground`);
      const lr = plain.find((c) => c.id === 'learningRate');
      t.assert(lr.kind === 'combo' && lr.value === '0.03' && lr.name === 'learningRate', `learningRate: ${JSON.stringify(lr)}`);
      t.assert(plain.find((c) => c.id === 'showTestData').value === 'false', 'showTestData is not false by default');

      // A click at the centre of Play's rectangle plays; of Pause's, pauses.
      t.assert(!(await metrics(t)).playing, 'playing before the click');
      const play = await clickControl(t, 'play');
      t.assert(play.label === 'Play' && play.kind === 'button' && play.name === 'playButton', JSON.stringify(play));
      t.assert((await metrics(t)).playing, 'a click at the centre of the Play control did not start training');
      const pause = await clickControl(t, 'play');
      t.assert(pause.label === 'Pause', `the Play control reads '${pause.label}' while playing`);
      t.assert(!(await metrics(t)).playing, 'a click at the centre of the Pause control did not stop training');

      // The learning-rate list: its choices are controls while it is open.
      await clickControl(t, 'learningRate');
      const open = (await controls(t)).controls;
      const choice = open.find((c) => c.id === 'learningRate.option.0.1');
      t.assert(choice && choice.kind === 'button', `the open learning-rate list has no 0.1: ${open.filter((c) => c.id.startsWith('learningRate')).map((c) => c.id)}`);
      await clickControl(t, 'learningRate.option.0.1');
      const state = await api(t, 'getState');
      t.assert(/(^|&)learningRate=0\.1(&|$)/.test(state), `picking 0.1 from the list: ${state}`);

      // The lab adds its buttons, fields and the nodes' numbers.
      await api(t, 'setState', 'inspect=true');
      const model = await api(t, 'model');
      const lab = await checkComplete(t, 1280, 800, 'lab');
      for (const id of ['lab.forward', 'lab.backward', 'lab.update', 'lab.close', 'lab.typed.x1', 'lab.w.0.0.0', 'lab.check'])
        t.assert(lab.some((c) => c.id === id), `no control '${id}' in the lab`);
      const cell = lab.find((c) => c.id === 'lab.w.0.0.0');
      t.assert(cell.kind === 'textField' && cell.name === 'editWeights' && cell.value !== '', JSON.stringify(cell));
      // Every weight cell shows its weight: the full float where it fits, else fewer digits, never a cut one.
      await api(t, 'loadModel', JSON.stringify((() => {
        const m = JSON.parse(model);
        m.layers[0].weights[0] = [-4.424399e-7, 123456.78];
        m.layers[0].weights[1] = [0.052345678, -1.971e-5];
        return m;
      })()));
      await nextFrames(t, 3);
      const weights = JSON.parse(await api(t, 'model')).layers[0].weights;
      const cells = (await controls(t)).controls.filter((c) => c.id.startsWith('lab.w.0.'));
      t.assert(cells.length === 8, `${cells.length} weight cells of layer 1`);
      for (const c of cells) {
        const [, , , o, i] = c.id.split('.').map(Number);
        checkDrawn(t, c.id, c.value, weights[o][i], false);
      }
      console.log(`    weight cells: ${cells.map((c) => `${c.id.slice(6)} '${c.value}'`).join(', ')}`);
      await t.page.mouse.move(640, 795);  // off the diagram: no tooltip over the picture
      await nextFrames(t, 3);
      await t.screenshot('-lab');
    },
  },
  {
    // The same rectangles on a screen of device pixel ratio 2: still CSS pixels.
    name: 'probe-controls-dpr2',
    dpr: 2,
    async run(t) {
      await t.open('', { width: 1280, height: 800 });
      await checkComplete(t, 1280, 800, 'dpr 2');
      await clickControl(t, 'play');
      t.assert((await metrics(t)).playing, 'at device pixel ratio 2 a click at the Play rectangle did not start training');
      await api(t, 'pause');
    },
  },
  {
    // The issue's case: the default network after 3,000 epochs with the lab
    // open has δ of the order of 1e-7 and 1e-5; the diagram must show them as such.
    name: 'probe-node-numbers-trained',
    async run(t) {
      await t.open('inspect=true', { width: 1280, height: 800 });
      await api(t, 'step', 3000);
      const example = await api(t, 'selected');
      const seen = await checkNodeNumbers(t, example, 'after 3000 epochs');
      const deltas = seen.filter((s) => s.name === '\u03b4').map((s) => `${s.id} ${s.text} (${s.value})`);
      console.log(`    δ drawn after 3000 epochs: ${deltas.join(', ')}`);
      await t.screenshot('-lab');
    },
  },
  {
    // Models whose δ span 1e-8 to 1e4 at the example (0, 0) with label 1: the
    // hidden layer sits at a = 0 (biases 0), so the output is tanh(b) and its
    // δ = (tanh(b) − 1)(1 − tanh²(b)); a hidden δ is w × the output's δ.
    name: 'probe-node-numbers-magnitudes',
    async run(t) {
      await t.open('inspect=true&networkShape=2', { width: 1280, height: 800 });
      const base = JSON.parse(await api(t, 'model'));
      const example = { x1: 0, x2: 0, label: 1 };
      let scientific = 0, fixed = 0;
      for (const [b, w] of [[5, [1e-6, 2.5e4]], [3, [-0.5, 3e7]], [0.2, [4.2e-3, -7]], [-1.5, [1, 1e-9]]]) {
        const m = JSON.parse(JSON.stringify(base));
        m.layers[0].weights = m.layers[0].weights.map((row) => row.map(() => 0.75));
        m.layers[0].bias = m.layers[0].bias.map(() => 0);
        m.layers[1].weights = [w];
        m.layers[1].bias = [b];
        t.assert((await api(t, 'loadModel', JSON.stringify(m))) === '', `the model with b = ${b} was refused`);
        const chosen = await api(t, 'select', example.x1, example.x2, example.label);  // throws if refused
        t.assert(chosen.source === 'typed', `select(0, 0, 1): ${JSON.stringify(chosen)}`);
        const seen = await checkNodeNumbers(t, example, `b = ${b}, w = ${w}`);
        for (const s of seen.filter((s) => s.name === '\u03b4' && s.value !== 0)) {
          if (s.text.includes('e')) ++scientific; else ++fixed;
        }
      }
      t.assert(scientific >= 3 && fixed >= 3, `δ drawn: ${scientific} in scientific, ${fixed} in fixed notation`);
      await t.screenshot('-lab');
    },
  },
];
