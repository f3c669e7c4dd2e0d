// The accessible layer (issue 19 §1, §2, §4): the page as a keyboard and a
// screen reader meet it. Roles and names are read from the browser's own
// accessibility tree (Playwright's getByRole), keys are pressed with
// page.keyboard alone, and axe-core (npm, pinned in package-lock.json) checks
// the page at a laptop's and a phone's size, with the lab open and closed.
import fs from 'node:fs';
import { createRequire } from 'node:module';
import { metrics, nextFrames, parseHash, sleep } from './scenarios.mjs';

const require = createRequire(import.meta.url);
const AXE_SOURCE = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const api = (t, fn, ...args) => t.page.evaluate(({ fn, args }) => window.playground[fn](...args), { fn, args });
const state = async (t) => parseHash(await api(t, 'getState'));

// Waits until `check()` is true (the layer follows the app within a few frames).
async function until(t, what, check, ms = 8000) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await check();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

// The layer is there once Play is a button in the accessibility tree.
async function layerReady(t) {
  await t.page.getByRole('button', { name: 'Play', exact: true }).waitFor({ state: 'attached', timeout: 15000 });
}

// What has the keyboard focus: its role and accessible name.
const focused = (t) => t.page.evaluate(() => {
  const el = document.activeElement;
  return el ? { tag: el.tagName, role: el.getAttribute('role') || el.type || '', name: el.getAttribute('aria-label') || '' } : null;
});

// Tab (or Shift+Tab) until the focused element's name matches; returns the presses it took.
async function tabTo(t, name, { max = 120, back = false } = {}) {
  for (let i = 1; i <= max; ++i) {
    await t.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const f = await focused(t);
    if (f && (name instanceof RegExp ? name.test(f.name) : f.name === name)) return i;
  }
  throw new Error(`Tab never reached '${name}'`);
}

async function runAxe(t, what) {
  await t.page.evaluate(AXE_SOURCE);
  const result = await t.page.evaluate(() => window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  for (const v of result.violations)
    console.log(`        axe ${what}: ${v.impact} ${v.id} (${v.nodes.length}): ${v.help}`);
  if (!result.violations.length) console.log(`        axe ${what}: no violations`);
  t.assert(bad.length === 0, `axe ${what}: ${bad.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`).join('; ')}`);
}

export const a11yScenarios = [
  {
    name: 'a11y-tree-roles-and-actions',
    async run(t) {
      await t.open('');
      await layerReady(t);
      const page = t.page;
      // Roles, names and values as a screen reader reads them.
      const lr = page.getByRole('combobox', { name: 'Learning rate', exact: true });
      t.assert(await lr.count() === 1, 'no combobox named Learning rate');
      t.assert((await lr.textContent()).trim() === '0.03', `Learning rate reads '${await lr.textContent()}'`);
      t.assert(await lr.getAttribute('aria-expanded') === 'false', 'Learning rate is expanded before it was opened');
      t.assert(await page.getByRole('combobox', { name: 'Activation', exact: true }).count() === 1, 'no Activation combobox');
      t.assert(await page.getByRole('slider', { name: 'Noise' }).count() === 1, 'no Noise slider');
      t.assert(await page.getByRole('checkbox', { name: 'Show test data' }).count() === 1, 'no Show test data checkbox');
      t.assert(await page.getByRole('textbox', { name: 'Seed' }).count() === 1, 'no Seed text field');
      t.assert(await page.getByRole('button', { name: 'Add a hidden layer', exact: false }).count() === 1, 'no Add a hidden layer button');
      t.assert(await page.getByRole('button', { name: 'Inspect' }).getAttribute('aria-pressed') === 'false', 'Inspect is not a toggle button');
      t.assert(await page.getByRole('img').count() === 1, 'the canvas has no image role');
      t.assert(await page.getByRole('main').count() === 1, 'no main landmark');
      // The diagram and the output as text.
      await until(t, 'the network description', async () => /Hidden layer 1: 4 neurons/.test(await page.locator('#pg-net').textContent()));
      t.assert(/Dataset circle/.test(await page.locator('#pg-out').textContent()), 'the output summary names no dataset');

      // Clicking through the accessibility layer (what a screen reader's "click" does: a click event on the element).
      await page.getByRole('button', { name: 'Play', exact: true }).dispatchEvent('click');
      await until(t, 'training to start', async () => (await metrics(t)).playing);
      await until(t, 'the live region to say training started or the epoch',
                  async () => /Training started|epoch/.test(await page.getByRole('status').filter({ hasText: /./ }).last().textContent()));
      const said = await until(t, 'the live region to give the epoch while playing', async () => {
        const text = await page.locator('#pg-live').textContent();
        return /epoch [\d,]+/.test(text) ? text : null;
      }, 15000);
      console.log(`        live region while playing: "${said.trim()}"`);
      await until(t, 'Play to read Pause', async () => await page.getByRole('button', { name: 'Pause', exact: true }).count() === 1);
      await page.getByRole('button', { name: 'Pause', exact: true }).dispatchEvent('click');
      await until(t, 'training to pause', async () => !(await metrics(t)).playing);
      await until(t, 'the live region to say paused', async () => /Paused at epoch/.test(await page.locator('#pg-live').textContent()));

      await page.getByRole('checkbox', { name: 'Show test data' }).dispatchEvent('click');
      await until(t, 'showTestData', async () => (await state(t)).showTestData === 'true');
      await page.getByRole('button', { name: 'xor' }).dispatchEvent('click');
      await until(t, 'the xor dataset', async () => (await state(t)).dataset === 'xor');
      t.assert(await page.getByRole('button', { name: 'xor' }).getAttribute('aria-pressed') === 'true' ||
               await until(t, 'xor pressed', async () => await page.getByRole('button', { name: 'xor' }).getAttribute('aria-pressed') === 'true'),
               'the chosen dataset is not pressed');

      // A combobox opens a listbox of options; picking one sets the value.
      await lr.dispatchEvent('click');
      const option = page.getByRole('option', { name: '0.1', exact: true });
      await option.waitFor({ state: 'attached', timeout: 8000 });
      t.assert(await lr.getAttribute('aria-expanded') === 'true', 'the open combobox is not expanded');
      t.assert(await page.getByRole('listbox', { name: 'Learning rate' }).count() === 1, 'no listbox named Learning rate');
      await option.dispatchEvent('click');
      await until(t, 'learningRate=0.1', async () => (await state(t)).learningRate === '0.1');
      await until(t, 'the combobox to read 0.1', async () => (await lr.textContent()).trim() === '0.1');
      t.assert(await page.getByRole('option').count() === 0 || await until(t, 'the list to close', async () => await page.getByRole('option').count() === 0),
               'the list stayed open');

      // A lesson's hide: the control is absent from the tree, not just disabled.
      await api(t, 'setState', 'learningRate_hide=true');
      await until(t, 'the hidden control to leave the tree', async () => await lr.count() === 0);
    },
  },
  {
    name: 'a11y-keyboard-only',
    async run(t) {
      await t.open('');
      await layerReady(t);
      const page = t.page;
      const before = await state(t);
      // Learning rate: Tab to it, open its list, one down, Enter.
      console.log(`        Tab presses to Learning rate: ${await tabTo(t, 'Learning rate')}`);
      await page.keyboard.press('Enter');
      await until(t, 'the learning-rate list to open with the focus on its choice',
                  async () => (await focused(t)).role === 'option');
      t.assert((await focused(t)).name === '0.03', `the open list's focus is on '${(await focused(t)).name}', not the current 0.03`);
      await page.keyboard.press('ArrowDown');
      t.assert((await focused(t)).name === '0.1', `ArrowDown moved to '${(await focused(t)).name}'`);
      await page.keyboard.press('Enter');
      await until(t, 'learningRate=0.1', async () => (await state(t)).learningRate === '0.1');
      await until(t, 'the focus back on the combobox', async () => (await focused(t)).name === 'Learning rate');
      // Escape closes a list without choosing.
      await page.keyboard.press('Enter');
      await until(t, 'the list to open again', async () => (await focused(t)).role === 'option');
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Escape');
      await until(t, 'Escape to close the list', async () => await page.getByRole('option').count() === 0);
      t.assert((await state(t)).learningRate === '0.1', 'Escape changed the learning rate');
      // Activation: the next combobox named Activation.
      await tabTo(t, 'Activation');
      await page.keyboard.press('Enter');
      await until(t, 'the activation list', async () => (await focused(t)).role === 'option');
      await page.keyboard.press('ArrowDown');
      const picked = (await focused(t)).name;
      await page.keyboard.press('Enter');
      await until(t, `activation ${picked}`, async () => (await state(t)).activation !== before.activation);
      console.log(`        activation ${before.activation} -> ${(await state(t)).activation} (picked '${picked}')`);
      // A hidden layer.
      await tabTo(t, /^Add a hidden layer/);
      await page.keyboard.press('Enter');
      await until(t, 'a third hidden layer', async () => (await state(t)).networkShape.split(',').length === 3);
      // A slider takes the arrows: → moves it and does not step.
      const epoch0 = (await metrics(t)).epoch;
      await tabTo(t, 'Noise');
      await page.keyboard.press('ArrowRight');
      await until(t, 'noise 5', async () => (await state(t)).noise === '5');
      t.assert((await metrics(t)).epoch === epoch0, '→ on the Noise slider stepped the network');
      // ...and 's' there is still the Step shortcut.
      await page.keyboard.press('s');
      await until(t, 'one step', async () => (await metrics(t)).epoch === epoch0 + 1);
      // The diagram is one Tab stop; arrows go from neuron to neuron, Shift+arrows from link to link.
      const first = await tabTo(t, /^(Weight from|neuron|Bias)/);
      t.assert(first > 0, 'the diagram was not reached');
      const start = (await focused(t)).name;
      await page.keyboard.press('ArrowRight');
      const n1 = (await focused(t)).name;
      t.assert(/^(neuron|the output)/.test(n1) && n1 !== start, `ArrowRight in the diagram went to '${n1}' from '${start}'`);
      await page.keyboard.press('ArrowDown');
      const n2 = (await focused(t)).name;
      t.assert(/^neuron/.test(n2) && n2 !== n1, `ArrowDown in the diagram went to '${n2}' from '${n1}'`);
      await page.keyboard.press('Shift+ArrowRight');
      const l1 = (await focused(t)).name;
      t.assert(/^Weight from/.test(l1), `Shift+ArrowRight went to '${l1}', not a link`);
      t.assert((await metrics(t)).epoch === epoch0 + 1, '→ in the diagram stepped the network');
      console.log(`        diagram by arrows: ${start.split(':')[0]} → ${n1.split(':')[0]} → ${n2.split(':')[0]} → ${l1.split(':')[0]}`);
      // Start and pause training with Play.
      await tabTo(t, 'Play', { back: true });
      await page.keyboard.press('Enter');
      await until(t, 'playing', async () => (await metrics(t)).playing);
      await until(t, 'the button to read Pause and keep the focus', async () => (await focused(t)).name === 'Pause');
      await page.keyboard.press('Space');
      await until(t, 'paused', async () => !(await metrics(t)).playing);
      // The lab, and Forward.
      await tabTo(t, 'Inspect');
      await page.keyboard.press('Enter');
      await until(t, 'the lab open', async () => (await state(t)).inspect === 'true');
      await tabTo(t, 'Forward');
      await page.keyboard.press('Enter');
      await until(t, 'one layer forward', async () => (await api(t, 'probe')).forwardLayers === 1);
      await page.keyboard.press('Enter');
      await until(t, 'two layers forward', async () => (await api(t, 'probe')).forwardLayers === 2);
      await t.screenshot('-forward-focus');
    },
  },
  {
    name: 'a11y-text-field-and-focus-scroll',
    async run(t) {
      await t.open('', { width: 390, height: 844 });
      await layerReady(t);
      const page = t.page;
      // The seed: typed in the DOM input, set in the app on Enter.
      const seed = page.getByRole('textbox', { name: 'Seed' });
      await seed.focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type('0.25');
      await page.keyboard.press('Enter');
      await until(t, 'seed 0.25', async () => (await state(t)).seed === '0.25');
      // A control below the fold of the phone's column scrolls into view when it gets the focus.
      const box = page.getByRole('checkbox', { name: /Discretize/ });
      await box.focus();
      await until(t, 'Discretize in view', async () => {
        const r = await box.boundingBox();
        return r && r.y >= 0 && r.y + r.height <= 844;
      });
      // In view on the canvas, not only in the layer: the app's own list says so.
      await api(t, 'probe');  // records every frame from now on
      await nextFrames(t, 2);
      const drawn = (await api(t, 'probe')).controls.find((c) => c.id === 'discretize');
      t.assert(drawn && (drawn.visible && drawn.rect[1] >= 0 && drawn.rect[1] + drawn.rect[3] <= 844),
               `the app drew Discretize at ${drawn && JSON.stringify(drawn.rect)}, visible ${drawn && drawn.visible}`);
      await page.keyboard.press('Space');
      await until(t, 'discretize on', async () => (await state(t)).discretize === 'true');
      await t.screenshot('-phone-focus');
    },
  },
  {
    name: 'a11y-axe-laptop',
    async run(t) {
      await t.open('');
      await layerReady(t);
      await nextFrames(t, 5);
      await runAxe(t, '1280x800, lab closed');
      await api(t, 'setState', 'inspect=true');
      await until(t, 'the lab controls', async () => await t.page.getByRole('button', { name: 'Forward' }).count() === 1);
      await sleep(2200);  // the descriptions refresh every 2 s
      await runAxe(t, '1280x800, lab open');
    },
  },
  {
    name: 'a11y-axe-phone', mobile: true, dpr: 2, timeout: 150000,
    async run(t) {
      await t.open('', { width: 390, height: 844 });
      await layerReady(t);
      await nextFrames(t, 5);
      await runAxe(t, '390x844, lab closed');
      await api(t, 'setState', 'inspect=true');
      await until(t, 'the lab controls', async () => await t.page.getByRole('button', { name: 'Forward' }).count() === 1);
      await sleep(2200);
      await runAxe(t, '390x844, lab open');
    },
  },
];
