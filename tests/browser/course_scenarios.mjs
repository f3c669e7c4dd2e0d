// Browser scenarios of the course kit (issue 18): a lesson file loaded
// through the API, the link (?lesson=, ?lessonUrl=) and the Lessons menu;
// goals ticked while training; answers right and wrong; progress kept over a
// reload and forgotten by Start over; a lesson with locks (the case);
// and the SCORM 1.2 and 2004 packages in a host page where the npm package
// scorm-again plays the learning platform.
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { nextFrames, parseHash, pickDatasetThumbnail } from './scenarios.mjs';
import { checkControls } from './screen_scenarios.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

// A small lesson: a metric goal reached in a few epochs and an answer goal.
const testLesson = (id = 'course-test') => ({
  format: 'playground-lesson/1',
  id,
  title: 'Course test',
  text: 'Train **three** epochs, then answer.\n\n- δ of the output for `(1, 0)`\n- *nothing else*',
  state: 'dataset=xor&networkShape=2&learningRate=0.1&percTrainData=50',
  goals: [
    { id: 'epochs', text: 'Train at least 3 epochs', metric: 'epoch', atLeast: 3 },
    { id: 'delta', text: 'δ of the output for (1, 0)', answer: { inspect: [1, 0, 1], layer: -1, unit: 0, field: 'delta', tolerance: 1e-4 } },
  ],
  hints: ['Use inspect(1, 0, 1).'],
});

const api = (t, fn, ...args) => t.page.evaluate(({ fn, args }) => window.playground[fn](...args), { fn, args });
const state = async (t) => parseHash(await api(t, 'getState'));
// A page with no saved progress (scenarios share the browser's storage).
async function freshPage(t, link = '') {
  await t.open();
  await t.page.evaluate(() => localStorage.clear());
  if (link) {
    await t.page.goto(t.url + link);
    await t.page.evaluate(() => window.playground.ready);
  }
}
// Records the page's 'goal' and 'lesson' events in window.__events.
const listen = (t) => t.page.evaluate(() => {
  window.__events = [];
  window.playground.on('goal', (s) => window.__events.push(['goal', s.goal.id, s.score]));
  window.playground.on('lesson', (s) => window.__events.push(['lesson', s.id, s.score]));
});

// A press as a hand makes it, over frames (ImGui sees the mouse once per frame).
async function press(t, name) {
  const r = (await api(t, 'probe')).items[name];
  t.assert(r, `no '${name}' on screen`);
  await t.page.mouse.move(r[0] + r[2] / 2, r[1] + r[3] / 2);
  await nextFrames(t, 2);
  await t.page.mouse.down();
  await nextFrames(t, 2);
  await t.page.mouse.up();
  await nextFrames(t, 2);
}

// The Task panel is among the shown controls within a few seconds (a lesson
// from the link opens on a frame after \`ready\`; a busy machine makes that later).
async function taskShown(t) {
  try {
    await t.page.waitForFunction(() => window.playground.visibleControls().includes('task'), null, { timeout: 15000 });
    return true;
  } catch (e) {
    return false;
  }
}
// The Task panel where a student meets it: a phone (the stacked column, the
// task first) and the course column of a laptop (above the lab). Every control
// in the page after scrolling and at least 24 x 24, the panel's own among them.
const lessonScreen = (size) => ({
  name: `course-task-panel-${size.name}`,
  dpr: size.dpr,
  mobile: size.mobile,
  timeout: 300000,
  async run(t) {
    await t.open('', { width: size.width, height: size.height });
    await t.page.evaluate(() => localStorage.clear());
    await t.page.goto(t.url + '?lesson=worked-example');
    await t.page.evaluate(() => window.playground.ready);
    await nextFrames(t, 4);
    t.assert(await taskShown(t), `no Task panel at ${size.name}`);
    await t.screenshot();
    const n = await checkControls(t, t.page, size.width, size.height, `${size.name} with a lesson`, { touch: size.mobile });
    const ids = (await api(t, 'probe')).controls.filter((c) => c.name === 'task').map((c) => c.id);
    for (const id of ['task.header', 'task.startOver', 'task.answer.h', 'task.check.h'])
      t.assert(ids.includes(id), `${size.name}: '${id}' is not among the Task panel's controls (${ids.join(', ')})`);
    console.log(`  ${size.name} with a lesson: ${n} controls in the page, each at least 24 x 24`);
  },
});

export const courseScenarios = [
  lessonScreen({ name: '390x844', width: 390, height: 844, mobile: true, dpr: 3 }),
  lessonScreen({ name: '1280x800', width: 1280, height: 800 }),
  {
    name: 'course-lesson-api-goals-answers',
    async run(t) {
      await freshPage(t);
      await listen(t);
      // A bad file: refused naming the field, the run kept.
      const before = await api(t, 'getState');
      const bad = { ...testLesson(), goals: [{ id: 'x', text: 'x', metric: 'tesLoss', below: 1 }] };
      const error = await api(t, 'loadLesson', JSON.stringify(bad));
      t.assert(/goals\[0\]\.metric/.test(error), `bad lesson: '${error}'`);
      t.assert((await api(t, 'getState')) === before, 'a refused lesson changed the run');
      t.assert((await api(t, 'lessonStatus')) === null, 'a refused lesson opened');

      t.assert((await api(t, 'loadLesson', JSON.stringify(testLesson()))) === '', 'loadLesson(JSON text)');
      await nextFrames(t, 3);
      let status = await api(t, 'lessonStatus');
      t.assert(status.id === 'course-test' && status.goals.length === 2 && !status.passed && status.score === 0,
               `status at start: ${JSON.stringify(status)}`);
      t.assert(await taskShown(t), 'the Task panel is not shown');
      const s = await state(t);
      t.assert(s.dataset === 'xor' && s.networkShape === '2' && s.learningRate === '0.1', `lesson state: ${JSON.stringify(s)}`);
      await t.screenshot('-start');

      // Answers: the engine's own number is right, a wrong one is not.
      const delta = (await api(t, 'inspect', 1, 0, 1)).layers[1].delta[0];
      t.assert((await api(t, 'answer', 'delta', delta + 0.01)) === false, 'a wrong answer was taken');
      t.assert((await api(t, 'answer', 'delta', delta)) === true, 'the right answer was refused');
      const unknown = await t.page.evaluate(() => { try { window.playground.answer('epochs', 1); return ''; } catch (e) { return e.message; } });
      t.assert(/not an answer goal/.test(unknown), `answer to a metric goal: '${unknown}'`);

      // The metric goal, ticked while training.
      await api(t, 'step', 3);
      await nextFrames(t, 3);
      status = await api(t, 'lessonStatus');
      t.assert(status.passed && status.score === 1 && status.goals.every((g) => g.met), `after training: ${JSON.stringify(status)}`);
      const events = await t.page.evaluate(() => window.__events);
      t.assert(JSON.stringify(events) === JSON.stringify([['goal', 'delta', 0.5], ['goal', 'epochs', 1], ['lesson', 'course-test', 1]]),
               `events: ${JSON.stringify(events)}`);
      // Once met, a goal stays met (a reset does not take it back).
      await api(t, 'reset');
      await nextFrames(t, 3);
      t.assert((await api(t, 'lessonStatus')).goals[0].met, 'a met goal was lost on reset');
      await t.screenshot('-passed');
    },
  },
  {
    name: 'course-task-panel-answer-and-hint',
    async run(t) {
      await freshPage(t, '?lesson=worked-example');
      await nextFrames(t, 3);
      const p = await api(t, 'probe');
      for (const name of ['task', 'task.answer.h', 'task.check.h', 'task.hint', 'task.startOver'])
        t.assert(p.items[name], `no '${name}' in the Task panel (have: ${Object.keys(p.items).filter((k) => k.startsWith('task')).join(', ')})`);
      // Type a wrong number, then the lecture's h = 0.731, in the panel's field.
      // The text comes first: scroll the panel (a child above the lab) down
      // until the answer field is wholly in it.
      const panel = (await api(t, 'probe')).items.task;
      await t.page.mouse.move(panel[0] + 40, panel[1] + 80);
      await nextFrames(t, 2);
      const scrollTo = async (id) => {
        for (let i = 0; i < 30; i++) {
          const c = (await api(t, 'probe')).controls.find((x) => x.id === id);
          if (c && c.visible && c.rect[1] >= panel[1] && c.rect[1] + c.rect[3] <= panel[1] + panel[3]) return;
          await t.page.mouse.wheel(0, c && c.rect[1] < panel[1] ? -200 : 200);
          await nextFrames(t, 3);
        }
        throw new Error(`'${id}' never came into the Task panel's view`);
      };
      await scrollTo('task.answer.h');
      const typeAnswer = async (text) => {
        await press(t, 'task.answer.h');
        await t.page.keyboard.press('Control+A');
        await t.page.keyboard.type(text);
        await t.page.keyboard.press('Enter');
        await nextFrames(t, 4);
      };
      await typeAnswer('0.5');
      const goal = (st, id) => st.goals.find((g) => g.id === id);
      t.assert(!goal(await api(t, 'lessonStatus'), 'h').met, '0.5 counted as h');
      await typeAnswer('0.7311');
      const status = await api(t, 'lessonStatus');
      t.assert(goal(status, 'h').met && status.met === 1, `h typed in the panel: ${JSON.stringify(status)}`);
      await t.screenshot('-answered');
      await t.page.mouse.move(panel[0] + 40, panel[1] + 80);
      await scrollTo('task.hint');
      await press(t, 'task.hint');
      t.assert((await api(t, 'lessonStatus')).hints === 1, 'the hint button showed no hint');
      await t.screenshot();
    },
  },
  {
    name: 'course-progress-survives-reload-start-over-clears',
    async run(t) {
      await freshPage(t, '?lesson=worked-example');
      const h = 1 / (1 + Math.exp(-1));
      t.assert(await api(t, 'answer', 'h', h), 'h was not right');
      t.assert(await api(t, 'answer', 'delta-out', h - 1), 'delta-out was not right');
      await nextFrames(t, 3);
      await t.page.reload();
      await t.page.evaluate(() => window.playground.ready);
      let status = await api(t, 'lessonStatus');
      const goal = (id) => status.goals.find((g) => g.id === id);
      t.assert(status && status.id === 'worked-example' && status.met === 2 && goal('h').met && goal('delta-out').met,
               `after a reload: ${JSON.stringify(status)}`);
      t.assert(goal('h').typed !== undefined, 'the typed answer was not kept');
      // Start over: nothing met, and a reload stays that way.
      status = await api(t, 'startOver');
      t.assert(status.met === 0, `after Start over: ${JSON.stringify(status)}`);
      await t.page.reload();
      await t.page.evaluate(() => window.playground.ready);
      status = await api(t, 'lessonStatus');
      t.assert(status.met === 0, `reload after Start over: ${JSON.stringify(status)}`);
    },
  },
  {
    // Issue 18's case: the hide in the link survives the lesson, the lock holds
    // the lesson's rate, and two Updates give the lecture's numbers.
    name: 'course-lesson-with-locks',
    async run(t) {
      await freshPage(t, '?lesson=worked-example&lock=learningRate,hides#learningRate_hide=true');
      await nextFrames(t, 3);
      const check = async (what) => {
        const s = await state(t);
        t.assert(s.learningRate === '0.1' && s.learningRate_hide === 'true', `${what}: ${JSON.stringify(s)}`);
        t.assert(!(await api(t, 'visibleControls')).includes('learningRate'), `${what}: the learning rate is shown`);
      };
      await check('the link');
      const notices = await api(t, 'setState', 'noise=0');
      t.assert(Array.isArray(notices), 'setState');
      await nextFrames(t, 2);
      await check("after setState('noise=0')");
      await api(t, 'labUpdate');
      await api(t, 'labUpdate');
      const m = JSON.parse(await api(t, 'model'));
      const w1 = m.layers[0].weights[0][0], w2 = m.layers[1].weights[0][0];
      t.assert(Math.abs(w1 - 1.0104) < 5e-4 && Math.abs(w2 - 1.0384) < 5e-4, `two Updates: w1 = ${w1}, w2 = ${w2}`);
      await t.screenshot();
    },
  },
  {
    name: 'course-lesson-from-url-and-menu',
    async run(t) {
      await freshPage(t);
      const lesson = testLesson('from-url');
      await t.page.route('**/my-lesson.json', (route) =>
        route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(lesson) }));
      await t.page.goto(t.url + '?lessonUrl=my-lesson.json');
      await t.page.evaluate(() => window.playground.ready);
      let status = await api(t, 'lessonStatus');
      t.assert(status && status.id === 'from-url', `?lessonUrl: ${JSON.stringify(status)}`);
      // The Lessons menu: open it and choose the softmax lesson.
      await nextFrames(t, 2);
      let p = await api(t, 'probe');
      t.assert(p.items.lessons, 'no Lessons button');
      await t.page.mouse.click(p.items.lessons[0] + p.items.lessons[2] / 2, p.items.lessons[1] + p.items.lessons[3] / 2);
      await nextFrames(t, 3);
      p = await api(t, 'probe');
      const item = p.items['lesson.softmax-3'];
      t.assert(item, 'no softmax-3 in the Lessons menu');
      await t.page.mouse.click(item[0] + item[2] / 2, item[1] + item[3] / 2);
      await nextFrames(t, 3);
      status = await api(t, 'lessonStatus');
      t.assert(status && status.id === 'softmax-3' && status.goals.length === 2, `from the menu: ${JSON.stringify(status)}`);
      // The menu's "Open a lesson file": the page's file chooser, a teacher's file.
      p = await api(t, 'probe');
      await t.page.mouse.click(p.items.lessons[0] + p.items.lessons[2] / 2, p.items.lessons[1] + p.items.lessons[3] / 2);
      await nextFrames(t, 3);
      const open = (await api(t, 'probe')).controls.find((c) => c.id === 'lesson.open');
      t.assert(open, 'no "Open a lesson file" in the Lessons menu');
      const [chooser] = await Promise.all([
        t.page.waitForEvent('filechooser'),
        t.page.mouse.click(open.rect[0] + open.rect[2] / 2, open.rect[1] + open.rect[3] / 2),
      ]);
      await chooser.setFiles({ name: 'mine.json', mimeType: 'application/json',
                               buffer: Buffer.from(JSON.stringify(testLesson('from-file'))) });
      await t.page.waitForFunction(() => (window.playground.lessonStatus() || {}).id === 'from-file', null, { timeout: 10000 });
      await t.screenshot();
    },
  },
  {
    // Part 5: the course in lecture order. Each built-in lesson opens from
    // its link with its goals; the worked example's and the momentum
    // lesson's answers are the numbers inspect() gives (typed, they count),
    // and a goal over a setting ticks when the Data panel changes it.
    name: 'course-builtin-lessons-open-and-answer',
    timeout: 180000,
    async run(t) {
      await freshPage(t);
      const ids = (await api(t, 'lessons')).map((l) => l.id);
      t.assert(JSON.stringify(ids) === JSON.stringify(['perceptron', 'and-not-xor', 'xor-hidden', 'worked-example', 'xor-2-2-1', 'momentum',
        'softmax-3', 'vanishing-gradients', 'learning-rate-too-large', 'overfitting-l2']), `lessons: ${ids}`);
      for (const id of ids) {
        await t.page.goto(t.url + '?lesson=' + id);
        await t.page.evaluate(() => window.playground.ready);
        const status = await api(t, 'lessonStatus');
        t.assert(status && status.id === id && status.goals.length >= 2 && !status.passed, `?lesson=${id}: ${JSON.stringify(status)}`);
        t.assert(await taskShown(t), `?lesson=${id}: no Task panel`);
      }
      // The worked example: every answer is inspect()'s number for (1, 0, 1).
      await t.page.goto(t.url + '?lesson=worked-example');
      await t.page.evaluate(() => window.playground.ready);
      const tr = await api(t, 'inspect', 1, 0, 1);
      const [hid, out] = tr.layers;
      const answers = { z1: hid.z[0], h: hid.a[0], 'delta-out': out.delta[0], 'delta-hidden': hid.delta[0],
                        w2: 1 + out.step_weights[0][0], w1: 1 + hid.step_weights[0][0] };
      t.assert(!(await api(t, 'answer', 'w2', 1.5)), 'w2 = 1.5 counted as right');
      for (const [goal, value] of Object.entries(answers))
        t.assert(await api(t, 'answer', goal, value), `${goal} = ${value} (inspect's) counted as wrong`);
      let status = await api(t, 'lessonStatus');
      t.assert(status.passed && status.score === 1, `the worked example after every answer: ${JSON.stringify(status)}`);
      t.assert(Math.abs(answers.w2 - 1.0197) < 5e-4 && Math.abs(answers.w1 - 1.0053) < 5e-4, `the lecture's w2, w1: ${answers.w2}, ${answers.w1}`);
      // Momentum: the second step after one Update is inspect()'s step then.
      await t.page.goto(t.url + '?lesson=momentum');
      await t.page.evaluate(() => window.playground.ready);
      const first = (await api(t, 'inspect', 1, 0, 1)).layers[1].step_weights[0][0];
      t.assert(await api(t, 'answer', 'step1', first), `step1 = ${first}`);
      await api(t, 'labUpdate');
      const second = (await api(t, 'inspect', 1, 0, 1)).layers[1].step_weights[0][0];
      t.assert(Math.abs(second - (0.0186 + 0.9 * 0.0197)) < 5e-4, `the second step with momentum: ${second}`);
      t.assert(await api(t, 'answer', 'step2', second), `step2 = ${second}`);
      // and-not-xor: AND learnt, then XOR from the Data panel's thumbnail (a goal over the dataset setting).
      await t.page.goto(t.url + '?lesson=and-not-xor');
      await t.page.evaluate(() => window.playground.ready);
      await api(t, 'step', 300);
      status = await api(t, 'lessonStatus');
      t.assert(status.goals[0].met && !status.goals[1].met, `AND after 300 epochs: ${JSON.stringify(status.goals)}`);
      await pickDatasetThumbnail(t, 'xor');
      await api(t, 'step', 100);
      await nextFrames(t, 2);
      status = await api(t, 'lessonStatus');
      t.assert(status.passed, `XOR with one unit after 100 epochs: ${JSON.stringify(status.goals)}`);
      await t.screenshot();
    },
  },
  {
    // Part 4: "Make a lesson" as a teacher uses it, by mouse and keyboard:
    // title, text, a metric goal, an answer goal picked on the diagram, a
    // hidden control, a lock, a hint; then the file downloaded and opened in
    // a fresh page (the same lesson), the link, "Try as a student" (a new
    // tab), the iframe snippet, and a SCORM package whose files are the ones
    // playground-cli package writes for the same lesson.
    name: 'course-make-lesson-round-trip',
    timeout: 240000,
    async run(t) {
      await freshPage(t);
      await t.page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(t.url).origin });
      await api(t, 'setState', 'dataset=xor&networkShape=3&learningRate=0.1&inspect=true');
      await api(t, 'probe');
      await nextFrames(t, 3);
      const control = async (id) => (await api(t, 'probe')).controls.find((c) => c.id === id);
      // Clicks the control `id` of the panel, scrolling the panel (the wheel over it) until it is in view.
      const click = async (id) => {
        let c;
        for (let i = 0; i < 30; i++) {
          c = await control(id);
          const panel = (await api(t, 'probe')).items.make;
          if (c && c.visible && (!panel || (c.rect[1] >= panel[1] + 20 && c.rect[1] + c.rect[3] <= panel[1] + panel[3]))) break;
          if (!panel) break;
          await t.page.mouse.move(panel[0] + panel[2] / 2, panel[1] + panel[3] / 2);
          await t.page.mouse.wheel(0, c && c.rect[1] < panel[1] + 20 ? -150 : 150);
          await nextFrames(t, 3);
        }
        t.assert(c, `no control '${id}'`);
        // As a hand does it, over frames (the app sees one press or release a frame).
        await t.page.mouse.move(c.rect[0] + c.rect[2] / 2, c.rect[1] + c.rect[3] / 2);
        await nextFrames(t, 2);
        await t.page.mouse.down();
        await nextFrames(t, 2);
        await t.page.mouse.up();
        await nextFrames(t, 3);
        return c;
      };
      // Types into a field and waits until the app shows the whole text (keys
      // reach it a frame at a time), then leaves the field.
      const type = async (id, text) => {
        await click(id);
        await t.page.keyboard.press('Control+A');
        await t.page.keyboard.type(text, { delay: 20 });
        for (let i = 0; i < 100 && (await control(id)).value !== text; i++) await nextFrames(t, 2);
        t.assert((await control(id)).value === text, `typed '${text}' into ${id}, it shows '${(await control(id)).value}'`);
        await t.page.keyboard.press('Tab');
        await nextFrames(t, 2);
      };
      // Open the panel from the Lessons menu.
      await click('lessons');
      await click('lesson.make');
      t.assert((await api(t, 'visibleControls')).includes('makeLesson'), 'the panel did not open');
      await type('make.title', 'XOR, made here');
      await type('make.text', 'Train **XOR** with three units.');
      await click('make.goal.add');
      await click('make.goal.answer');
      t.assert((await control('make.goal.answer')).value === 'true', 'not picking after "Add an answer goal"');
      await click('node.1.0');  // the output neuron on the diagram
      await click('make.hides');
      await click('make.hide.noise');
      await click('make.locks');
      await click('make.lock.dataset');
      await click('make.hintsHeader');
      await click('make.hint.add');
      await type('make.hint.0', 'Three units are enough.');
      await t.screenshot('-panel');
      // The draft as a file.
      const made = JSON.parse(await api(t, 'makeLesson'));
      const selected = await api(t, 'selected');
      t.assert(made.id === 'xor-made-here' && made.title === 'XOR, made here' && made.text === 'Train **XOR** with three units.',
               `title, id, text: ${JSON.stringify([made.id, made.title, made.text])}`);
      t.assert(made.goals.length === 2 && made.goals[0].metric === 'testLoss' && made.goals[0].below === 0.05,
               `the metric goal: ${JSON.stringify(made.goals[0])}`);
      const a = made.goals[1].answer;
      t.assert(a && a.layer === 1 && a.unit === 0 && a.field === 'delta' &&
               JSON.stringify(a.inspect) === JSON.stringify([selected.x1, selected.x2, selected.label]),
               `the answer goal picked on the output neuron: ${JSON.stringify(made.goals[1])} (example ${JSON.stringify(selected)})`);
      t.assert(made.lock === 'dataset' && made.state.includes('noise_hide=true') && made.model &&
               JSON.stringify(made.hints) === JSON.stringify(['Three units are enough.']), `hides, locks, model, hints: ${JSON.stringify(made)}`);
      // Download it and open it in a fresh page: the same lesson.
      const [download] = await Promise.all([t.page.waitForEvent('download'), click('make.download')]);
      t.assert(download.suggestedFilename() === 'xor-made-here.json', `file name ${download.suggestedFilename()}`);
      const text = fs.readFileSync(await download.path(), 'utf8');
      t.assert(text === JSON.stringify(made, null, 2) || JSON.stringify(JSON.parse(text)) === JSON.stringify(made), 'the downloaded file is not the draft');
      const fresh = await t.page.context().browser().newPage();  // a context of its own: no storage shared
      await fresh.goto(t.url);
      await fresh.evaluate(() => window.playground.ready);
      const error = await fresh.evaluate((x) => window.playground.loadLesson(x), text);
      t.assert(error === '', `the downloaded file did not open: ${error}`);
      const expectSame = async (pg, where) => {
        const st = await pg.evaluate(() => window.playground.lessonStatus());
        t.assert(st && st.id === 'xor-made-here' && st.title === 'XOR, made here' &&
                 JSON.stringify(st.goals.map((g) => g.id)) === JSON.stringify(made.goals.map((g) => g.id)), `${where}: ${JSON.stringify(st)}`);
        t.assert(!(await pg.evaluate(() => window.playground.visibleControls())).includes('noise'), `${where}: noise is shown`);
        t.assert((await pg.evaluate(() => window.playground.locked())).includes('dataset'), `${where}: dataset is not locked`);
        const tr = await pg.evaluate(([x1, x2, l]) => window.playground.inspect(x1, x2, l), a.inspect);
        t.assert(await pg.evaluate((d) => window.playground.answer('goal-2', d), tr.layers[1].delta[0]), `${where}: inspect's δ is not the answer`);
      };
      await expectSame(fresh, 'the downloaded file in a fresh page');
      // The link carries the lesson.
      const link = await api(t, 'lessonLink');
      t.assert(link.includes('?lessonData=z') || link.includes('?lessonData=j'), `link ${link.slice(0, 80)}`);
      await fresh.evaluate(() => localStorage.clear());
      await fresh.goto(link);
      await fresh.evaluate(() => window.playground.ready);
      await expectSame(fresh, 'the link');
      await fresh.close();
      // Copy link and the iframe snippet: the clipboard.
      await click('make.link');
      await t.page.waitForFunction(() => navigator.clipboard.readText().then((x) => x.includes('lessonData=')), null, { timeout: 10000 });
      await click('make.embed');
      await t.page.waitForFunction(() => navigator.clipboard.readText().then((x) => x.startsWith('<iframe src=')), null, { timeout: 10000 });
      // Try as a student: the lesson in a new tab; this page keeps no lock.
      const [popup] = await Promise.all([t.page.waitForEvent('popup'), click('make.try')]);
      await popup.waitForFunction(() => window.playground && window.playground.version);
      await popup.evaluate(() => window.playground.ready);
      t.assert((await popup.evaluate(() => window.playground.lessonStatus().id)) === 'xor-made-here', 'Try as a student');
      await popup.close();
      t.assert((await api(t, 'locked')).length === 0, 'trying the lesson locked the teacher\'s page');
      // SCORM 1.2 from the panel: the same two files as playground-cli package.
      const [zipDl] = await Promise.all([t.page.waitForEvent('download'), click('make.scorm12')]);
      t.assert(zipDl.suggestedFilename() === 'xor-made-here-scorm-1.2.zip', `zip name ${zipDl.suggestedFilename()}`);
      const { unzipSync, strFromU8 } = await import(path.join(here, 'node_modules/fflate/esm/index.mjs'));
      const files = unzipSync(fs.readFileSync(await zipDl.path()));
      t.assert(JSON.stringify(Object.keys(files).sort()) === '["imsmanifest.xml","index.html"]', `zip holds ${Object.keys(files)}`);
      const cli = process.env.PG_CLI || path.join(root, 'build/cli/playground-cli');
      const dir = fs.mkdtempSync(path.join(t.siteDir, 'made-'));
      fs.writeFileSync(path.join(dir, 'lesson.json'), text);
      const made2 = spawnSync(cli, ['package', path.join(dir, 'lesson.json'), '--scorm', '1.2', '-o', path.join(dir, 'cli.zip'),
                                    '--page', path.join(t.siteDir, 'playground-single.html')], { encoding: 'utf8' });
      t.assert(made2.status === 0, `playground-cli package: ${made2.stderr}`);
      const cliFiles = unzipSync(fs.readFileSync(path.join(dir, 'cli.zip')));
      for (const name of ['imsmanifest.xml', 'index.html'])
        t.assert(strFromU8(files[name]) === strFromU8(cliFiles[name]), `${name} differs from playground-cli package's`);
      t.assert(strFromU8(files['index.html']).includes('id="playground-lesson"'), 'the page has no lesson inside');
      fs.rmSync(dir, { recursive: true, force: true });
    },
  },
  ...['1.2', '2004'].map((version) => ({
    name: `course-scorm-${version}`,
    async run(t) {
      const cli = process.env.PG_CLI || path.join(root, 'build/cli/playground-cli');
      t.assert(fs.existsSync(cli), `no native playground-cli at ${cli} (scripts/build.sh native)`);
      // The package, unzipped beside the site (the host page needs the same origin).
      const dir = path.join(t.siteDir, `scorm-${version}`);
      fs.rmSync(dir, { recursive: true, force: true });
      fs.mkdirSync(path.join(dir, 'pkg'), { recursive: true });
      const lessonFile = path.join(dir, 'lesson.json');
      fs.writeFileSync(lessonFile, JSON.stringify(testLesson(`scorm-${version.replace('.', '-')}`)));
      const made = spawnSync(cli, ['package', lessonFile, '--scorm', version, '-o', path.join(dir, 'lesson.zip'),
                                   '--page', path.join(t.siteDir, 'playground-single.html')], { encoding: 'utf8' });
      t.assert(made.status === 0, `package: ${made.stderr}`);
      const unzip = spawnSync('python3', ['-m', 'zipfile', '-e', path.join(dir, 'lesson.zip'), path.join(dir, 'pkg')], { encoding: 'utf8' });
      t.assert(unzip.status === 0, `unzip: ${unzip.stderr}`);
      const manifest = fs.readFileSync(path.join(dir, 'pkg/imsmanifest.xml'), 'utf8');
      t.assert(/href="index.html"/.test(manifest), 'the manifest does not launch index.html');
      fs.copyFileSync(path.join(here, 'node_modules/scorm-again/dist/scorm-again.min.js'), path.join(dir, 'scorm-again.min.js'));
      // The platform: scorm-again's API in the host window, the package in a frame.
      fs.writeFileSync(path.join(dir, 'host.html'), `<!doctype html><meta charset="utf-8"><title>LMS</title>
<link rel="icon" href="data:,">
<script src="scorm-again.min.js"></script>
<script>
  const q = new URLSearchParams(location.search);
  const settings = { autocommit: false, lmsCommitUrl: false, logLevel: 5 };
  window.lms = ${version === '2004' ? 'window.API_1484_11 = new Scorm2004API(settings)' : 'window.API = new Scorm12API(settings)'};
  if (q.get('suspend')) window.lms.loadFromJSON({ suspend_data: q.get('suspend') });
</script>
<iframe id="sco" src="pkg/index.html" style="width: 1200px; height: 740px; border: 0"></iframe>`);
      const base = `${t.url}scorm-${version}/host.html`;
      const frameApi = async () => {
        const frame = t.page.frames().find((f) => /\/pkg\/index\.html/.test(f.url()));
        t.assert(frame, 'no package frame');
        await frame.evaluate(() => window.playground.ready);
        return frame;
      };
      const lmsValues = () => t.page.evaluate((v) => {
        const c = window.lms.cmi;
        return v === '2004'
          ? { status: c.success_status, completion: c.completion_status, raw: c.score.raw, scaled: c.score.scaled, suspend: c.suspend_data }
          : { status: c.core.lesson_status, raw: c.core.score.raw, suspend: c.suspend_data };
      }, version);

      await t.page.setViewportSize({ width: 1240, height: 780 });
      await t.page.goto(base);
      let frame = await frameApi();
      await frame.evaluate(() => localStorage.clear());
      const scorm = await frame.evaluate(() => window.playgroundScorm && window.playgroundScorm.version);
      t.assert(scorm === version, `the page found SCORM ${scorm}, not ${version}`);
      let v = await lmsValues();
      t.assert(/incomplete/.test(v.completion || v.status) && Number(v.raw) === 0, `at start: ${JSON.stringify(v)}`);
      // One goal of two: half the score.
      const delta = await frame.evaluate(() => window.playground.inspect(1, 0, 1).layers[1].delta[0]);
      t.assert(await frame.evaluate((d) => window.playground.answer('delta', d), delta), 'the answer was not right');
      v = await lmsValues();
      t.assert(Number(v.raw) === 50 && /incomplete/.test(v.completion || v.status), `one goal of two: ${JSON.stringify(v)}`);
      // Both: passed, 100.
      await frame.evaluate(() => window.playground.step(3));
      await frame.evaluate(() => new Promise((r) => setTimeout(r, 300)));
      v = await lmsValues();
      t.assert(v.status === 'passed' && Number(v.raw) === 100, `passed: ${JSON.stringify(v)}`);
      if (version === '2004') t.assert(v.completion === 'completed' && Number(v.scaled) === 1, `2004 completion: ${JSON.stringify(v)}`);
      const saved = JSON.parse(v.suspend);
      t.assert(saved.met.includes('delta') && saved.met.includes('epochs'), `suspend_data: ${v.suspend}`);
      await t.screenshot('-passed');

      // Reopen: the platform hands back suspend_data (the browser's own copy is gone).
      await frame.evaluate(() => localStorage.clear());
      await t.page.goto(`${base}?suspend=${encodeURIComponent(v.suspend)}`);
      frame = await frameApi();
      const status = await frame.evaluate(() => window.playground.lessonStatus());
      t.assert(status.passed && status.met === 2, `reopened from suspend_data: ${JSON.stringify(status)}`);
      v = await lmsValues();
      t.assert(v.status === 'passed' && Number(v.raw) === 100, `reopened, reported: ${JSON.stringify(v)}`);
    },
  })),
];
