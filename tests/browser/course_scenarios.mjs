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
import { nextFrames, parseHash } from './scenarios.mjs';
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
    const names = await api(t, 'visibleControls');
    t.assert(names.includes('task'), `no Task panel at ${size.name}`);
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
      t.assert((await api(t, 'visibleControls')).includes('task'), 'the Task panel is not shown');
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
      t.assert(!(await api(t, 'lessonStatus')).goals[0].met, '0.5 counted as h');
      await typeAnswer('0.7311');
      const status = await api(t, 'lessonStatus');
      t.assert(status.goals[0].met && status.met === 1, `h typed in the panel: ${JSON.stringify(status)}`);
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
      t.assert(status && status.id === 'worked-example' && status.met === 2 && status.goals[0].met && status.goals[1].met,
               `after a reload: ${JSON.stringify(status)}`);
      t.assert(status.goals[0].typed !== undefined, 'the typed answer was not kept');
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
