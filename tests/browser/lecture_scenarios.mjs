// Browser scenarios of what the lectures teach beside the lab: the
// computation graph of the worked example (its numbers are inspect()'s), the
// perceptron rule and its refusal with hidden layers, GELU's two forms.
import { clickItem, hoverItem, metrics, nextFrames, parseHash, pickDatasetThumbnail } from './scenarios.mjs';

const probe = (t) => t.page.evaluate(() => window.playground.probe());
const api = (t, fn, ...args) => t.page.evaluate(({ fn, args }) => window.playground[fn](...args), { fn, args });

// The number on the tooltip line that starts with `prefix` ("value = 0.7310586").
function tipNumber(t, tip, prefix) {
  const line = tip.split('\n').find((l) => l.startsWith(prefix));
  t.assert(line, `the tooltip has no line '${prefix}':\n${tip}`);
  const value = Number(line.slice(prefix.length).trim().replace(/\u2212/g, '-'));
  t.assert(Number.isFinite(value), `'${line}' holds no number`);
  return value;
}
const sameFloat = (a, b) => Math.fround(a) === Math.fround(b);

export const lectureScenarios = [
  {
    // WORKED_EXAMPLE.md as a computation graph: Forward, Forward, Backward,
    // Backward, then every node read from its tooltip equals inspect().
    name: 'lecture-graph-worked-example',
    async run(t) {
      await t.open();
      await clickItem(t, 'lessons');
      await clickItem(t, 'lesson.worked-example');
      await clickItem(t, 'lab.graph');
      for (const step of ['lab.forward', 'lab.forward', 'lab.backward', 'lab.backward']) await clickItem(t, step);
      const p = await probe(t);
      t.assert(p.forwardLayers === 2 && p.backwardLayers === 2, `after the passes: ${JSON.stringify(p)}`);
      const sel = await api(t, 'selected');
      const ins = await api(t, 'inspect', sel.x1, sel.x2, sel.label);
      // [probe name, inspect value, inspect gradient]
      const expect = [
        ['graph.x.0', ins.input[0], null],
        ['graph.w.0.0.0', 1, ins.layers[0].grad_weights[0][0]],
        ['graph.z.0.0', ins.layers[0].z[0], ins.layers[0].delta[0]],
        ['graph.a.0.0', ins.layers[0].a[0], null],
        ['graph.w.1.0.0', 1, ins.layers[1].grad_weights[0][0]],
        ['graph.z.1.0', ins.layers[1].z[0], ins.layers[1].delta[0]],
        ['graph.a.1.0', ins.layers[1].a[0], ins.layers[1].a[0] - ins.target[0]],
        ['graph.E', ins.loss, null],
      ];
      for (const [name, value, grad] of expect) {
        await hoverItem(t, name);
        const tip = (await probe(t)).tooltip;
        const v = tipNumber(t, tip, 'value = ');
        t.assert(sameFloat(v, value), `${name}: value shown ${v}, inspect ${value}`);
        if (grad !== null) {
          const g = tipNumber(t, tip, 'gradient = ');
          t.assert(sameFloat(g, grad), `${name}: gradient shown ${g}, inspect ${grad}`);
        }
      }
      // The lecture's rounded numbers: ∂E/∂w2 = −0.197, ∂E/∂w1 = −0.053.
      t.assert(Math.abs(ins.layers[1].grad_weights[0][0] + 0.197) < 5e-4, `∂E/∂w2 ${ins.layers[1].grad_weights[0][0]}`);
      t.assert(Math.abs(ins.layers[0].grad_weights[0][0] + 0.053) < 5e-4, `∂E/∂w1 ${ins.layers[0].grad_weights[0][0]}`);
      // The hidden activation's fan-out sum: ∂E/∂a = w2·δ2, times σ′ = δ1.
      await hoverItem(t, 'graph.a.0.0');
      const ga = tipNumber(t, (await probe(t)).tooltip, 'gradient = ');
      t.assert(Math.abs(ga * ins.layers[0].a[0] * (1 - ins.layers[0].a[0]) - ins.layers[0].delta[0]) < 1e-6,
        `∂E/∂a ${ga} × σ′ is not δ ${ins.layers[0].delta[0]}`);
      // The picture of the README: the graph alone, no tooltip over it.
      await t.page.mouse.move(2, 2);
      await nextFrames(t, 3);
      await t.screenshot();
    },
  },
  {
    // The graph of a three-class softmax network: δ = y − t at the logits.
    name: 'lecture-graph-softmax',
    async run(t) {
      await t.open('inspect=true&problem=multiclass&networkShape=3&numClasses=3&seed=0.3');
      await clickItem(t, 'lab.graph');
      const sel = await api(t, 'selected');
      const ins = await api(t, 'inspect', sel.x1, sel.x2, sel.label);
      for (let k = 0; k < 3; ++k) {
        await hoverItem(t, `graph.z.1.${k}`);
        const tip = (await probe(t)).tooltip;
        const g = tipNumber(t, tip, 'gradient = ');
        const want = ins.layers[1].a[k] - ins.target[k];
        t.assert(Math.abs(g - ins.layers[1].delta[k]) < 1e-6 && Math.abs(g - want) < 1e-6,
          `logit ${k}: gradient ${g}, inspect δ ${ins.layers[1].delta[k]}, y − t ${want}`);
      }
      await t.screenshot();
    },
  },
  {
    // The perceptron lesson as a student meets it (?lesson=perceptron): the
    // rule in the state, the lab's perceptron numbers, Play until AND's goal
    // ticks, the weights then still (settled), XOR from the Data panel's
    // thumbnail and its goal after 50 epochs that never settle.
    name: 'lecture-perceptron-lesson',
    timeout: 120000,
    async run(t) {
      await t.open();
      await t.page.evaluate(() => localStorage.clear());
      await t.page.goto(t.url + '?lesson=perceptron');
      await t.page.evaluate(() => window.playground.ready);
      await t.page.waitForFunction(() => (window.playground.lessonStatus() || {}).id === 'perceptron', null, { timeout: 15000 });
      const state = parseHash(await api(t, 'getState'));
      t.assert(state.rule === 'perceptron' && state.outputActivation === 'sign', `the lesson's state: ${JSON.stringify(state)}`);
      await api(t, 'setState', 'inspect=true');
      await nextFrames(t, 3);
      t.assert((await probe(t)).items['lab.perceptron.unit1'], 'no perceptron numbers in the lab');
      await api(t, 'play');
      await t.page.waitForFunction(() => window.playground.lessonStatus().goals[0].met, null, { timeout: 30000 });
      await api(t, 'pause');
      let status = await api(t, 'lessonStatus');
      t.assert(!status.goals[1].met && !status.passed, `after AND: ${JSON.stringify(status.goals)}`);
      const settled = await api(t, 'model');
      await api(t, 'step', 5);
      t.assert(JSON.stringify(await api(t, 'model')) === JSON.stringify(settled), 'the rule still changed weights after AND was learnt');
      await api(t, 'setState', 'inspect=false');
      await pickDatasetThumbnail(t, 'xor');
      const before = JSON.stringify(await api(t, 'model'));
      await api(t, 'step', 50);
      await nextFrames(t, 3);
      status = await api(t, 'lessonStatus');
      t.assert(status.passed, `XOR after 50 epochs of the rule: ${JSON.stringify(status.goals)}`);
      t.assert(JSON.stringify(await api(t, 'model')) !== before, 'on XOR the rule never moved the weights');
      await t.screenshot();
    },
  },
  {
    // The perceptron rule on a separable set: ŷ, t − ŷ and Δw in the lab,
    // training reaches every point; with a hidden layer the rule is refused.
    name: 'lecture-perceptron',
    async run(t) {
      await t.open('inspect=true&networkShape=&outputActivation=sign&rule=perceptron&batchSize=1&learningRate=0.1&dataset=gauss&seed=0.5');
      const state = parseHash(await api(t, 'getState'));
      t.assert(state.rule === 'perceptron', `state: ${JSON.stringify(state)}`);
      const p = await probe(t);
      t.assert(p.items['lab.perceptron.unit1'], `no perceptron numbers in the lab: ${Object.keys(p.items).join(', ')}`);
      const sel = await api(t, 'selected');
      const ins = await api(t, 'inspect', sel.x1, sel.x2, sel.label);
      const yhat = ins.layers[0].a[0], tt = ins.target[0];
      t.assert(yhat === 1 || yhat === -1, `ŷ of a sign unit is ${yhat}`);
      t.assert(Math.abs(ins.layers[0].delta[0] - (yhat - tt)) < 1e-7, `δ ${ins.layers[0].delta[0]} is not ŷ − t`);
      const lr = 0.1;
      for (let i = 0; i < ins.input.length; ++i)
        t.assert(Math.abs(ins.layers[0].step_weights[0][i] - lr * (tt - yhat) * ins.input[i]) < 1e-6,
          `Δw${i + 1} ${ins.layers[0].step_weights[0][i]} is not η(t − ŷ)x`);
      await api(t, 'step', 20);
      await nextFrames(t, 5);
      const m = await metrics(t);
      t.assert(m.accuracy > 0.95, `the perceptron reached accuracy ${m.accuracy} on gauss`);
      await t.screenshot();
      await api(t, 'setState', 'inspect=true&networkShape=3&outputActivation=sign&rule=perceptron');
      await nextFrames(t, 3);
      const after = parseHash(await api(t, 'getState'));
      t.assert(after.rule === undefined, `rule kept with a hidden layer: ${JSON.stringify(after)}`);
      const notices = (await probe(t)).notices.join(' | ');
      t.assert(/without hidden layers/.test(notices), `no refusal notice: ${notices}`);
    },
  },
  {
    // gelu is the exact form, gelu_tanh the approximation: a GELU network's
    // hidden a equals z/2·(1 + erf(z/√2)) to float precision.
    name: 'lecture-gelu-forms',
    async run(t) {
      await t.open('inspect=true&networkShape=3&activations=gelu&seed=0.7');
      const sel = await api(t, 'selected');
      const ins = await api(t, 'inspect', sel.x1, sel.x2, sel.label);
      t.assert(ins.layers[0].activation === 'gelu', `layer 0 is ${ins.layers[0].activation}`);
      // erf by Abramowitz–Stegun 7.1.26 is only 1.5e-7 accurate: enough to tell the forms apart (≥ 1e-5 here).
      const erf = (x) => {
        const s = Math.sign(x), a = Math.abs(x), q = 1 / (1 + 0.3275911 * a);
        const y = 1 - (((((1.061405429 * q - 1.453152027) * q) + 1.421413741) * q - 0.284496736) * q + 0.254829592) * q * Math.exp(-a * a);
        return s * y;
      };
      for (let o = 0; o < 3; ++o) {
        const z = ins.layers[0].z[o], a = ins.layers[0].a[o];
        const exact = z / 2 * (1 + erf(z / Math.SQRT2));
        t.assert(Math.abs(a - exact) < 1e-6 * (1 + Math.abs(exact)), `unit ${o}: gelu(${z}) = ${a}, exact ${exact}`);
      }
      await api(t, 'setState', 'inspect=true&networkShape=3&activations=gelu_tanh&seed=0.7');
      await nextFrames(t, 3);
      t.assert(parseHash(await api(t, 'getState')).activations === 'gelu_tanh', 'gelu_tanh did not stick');
    },
  },
];
