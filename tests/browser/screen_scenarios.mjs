// Every screen a course puts the playground on (issue 17): for each size,
// every control the page shows has a rectangle inside the page (after
// scrolling where the layout scrolls) of at least 24 x 24 CSS px (WCAG 2.2
// target size); by touch alone a student plays, picks a learning rate, adds
// a layer, opens the lab and types a weight on the on-screen keyboard's DOM
// input. Screenshots of every size land in the screenshot folder.
import { nextFrames, parseHash } from './scenarios.mjs';

const MIN_TARGET = 24;
const probe = (frame) => frame.evaluate(() => window.playground.probe());
const state = async (frame) => parseHash(await frame.evaluate(() => window.playground.getState()));
const centre = (c) => ({ x: c.rect[0] + c.rect[2] / 2, y: c.rect[1] + c.rect[3] / 2 });
const findControl = (p, id) => p.controls.find((c) => c.id === id);

// A finger moving up the screen from (x, y0) to (x, y1): the stacked layout scrolls.
// quick: no frame between the events (a flick, or a busy machine): the whole
// swipe reaches the app between two of its frames.
async function swipe(t, x, y0, y1, { quick = false } = {}) {
  if (quick) {
    // Dispatched in one task of the page, so no frame can come between them.
    await t.page.evaluate(({ x, y0, y1 }) => {
      const canvas = document.getElementById('canvas');
      const touch = (y) => new Touch({ identifier: 7, target: canvas, clientX: x, clientY: y, pageX: x, pageY: y });
      const send = (type, y, active) => canvas.dispatchEvent(new TouchEvent(type, {
        bubbles: true, cancelable: true, touches: active ? [touch(y)] : [], targetTouches: active ? [touch(y)] : [],
        changedTouches: [touch(y)] }));
      send('touchstart', y0, true);
      for (let i = 1; i <= 3; i++) send('touchmove', y0 + ((y1 - y0) * i) / 3, true);
      send('touchend', y1, false);
    }, { x, y0, y1 });
    await nextFrames(t, 3);
    return;
  }
  const client = await t.page.context().newCDPSession(t.page);
  await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
  if (!quick) await nextFrames(t, 1);
  for (let i = 1; i <= 3; i++) {
    await client.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y0 + ((y1 - y0) * i) / 3 }] });
    if (!quick) await nextFrames(t, 1);
  }
  await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await client.detach();
  await nextFrames(t, 2);
}

// Scrolls (by touch, or the wheel) until the control `id` is wholly in view; returns it.
async function bringIntoView(t, frame, id, width, height, touch) {
  for (let i = 0; i < 25; i++) {
    const c = findControl(await probe(frame), id);
    if (c && c.visible && c.rect[1] >= 0 && c.rect[1] + c.rect[3] <= height) return c;
    const down = !c || c.rect[1] + c.rect[3] > height;
    if (touch) await swipe(t, width * 0.9, down ? height * 0.7 : height * 0.3, down ? height * 0.35 : height * 0.65);
    else {
      await t.page.mouse.move(width / 2, height / 2);
      await t.page.mouse.wheel(0, down ? height * 0.4 : -height * 0.4);
      await nextFrames(t, 3);
    }
  }
  throw new Error(`the control '${id}' never came into view`);
}

async function tap(t, c) {
  const { x, y } = centre(c);
  await t.page.touchscreen.tap(x, y);
  await nextFrames(t, 4);
}

// Every control of visibleControls() inside the page at least once, and
// every drawn rectangle of a named control at least 24 x 24 when in view.
// Scrolls where the layout scrolls: the stacked column (by a swipe on touch
// devices, the wheel elsewhere), or the column a control is in (the data and
// lab panels scroll themselves beside the diagram). origin: where the
// frame's (0, 0) is on the page (an iframe's box).
export async function checkControls(t, frame, width, height, label, { origin = { x: 0, y: 0 }, touch = false } = {}) {
  await frame.evaluate(() => window.playground.probe());  // start recording the list
  await nextFrames(t, 2);
  const names = await frame.evaluate(() => window.playground.visibleControls());
  const unseen = new Set(names);
  const small = new Map();
  const scroll = async (x, dy) => {
    if (touch) {
      const y0 = dy > 0 ? height * 0.9 : height * 0.1;
      await swipe(t, origin.x + x, origin.y + y0, origin.y + y0 - Math.sign(dy) * height * 0.8);
    } else {
      await t.page.mouse.move(origin.x + x, origin.y + height / 2);
      await t.page.mouse.wheel(0, dy);
      await nextFrames(t, 3);
    }
  };
  // To the top: until nothing moves (a wheel notch is 5 lines, whatever its delta).
  const top = async (x) => {
    for (let i = 0; i < 60; i++) {
      const before = JSON.stringify((await probe(frame)).controls.map((c) => c.rect[1]));
      await scroll(x, -height);
      if (JSON.stringify((await probe(frame)).controls.map((c) => c.rect[1])) === before) break;
    }
  };
  const look = async () => {
    const p = await probe(frame);
    for (const c of p.controls) {
      if (!c.name || !c.visible) continue;
      const [x, y, w, h] = c.rect;
      if (!(x >= -0.5 && y >= -0.5 && x + w <= width + 0.5 && y + h <= height + 0.5)) continue;
      unseen.delete(c.name);
      if (w < MIN_TARGET - 0.01 || h < MIN_TARGET - 0.01) small.set(c.id, `${c.id} ${w.toFixed(1)}x${h.toFixed(1)}`);
    }
    return p;
  };
  // Each column (x) in turn, from its top down to where it stops scrolling.
  const p0 = await look();
  const xs = [...new Set(p0.controls.filter((c) => unseen.has(c.name))
    .map((c) => Math.round(Math.min(Math.max(c.rect[0] + c.rect[2] / 2, 4), width * 0.95))))];
  for (const x of [width * 0.95, ...xs]) {
    if (!unseen.size) break;
    await top(x);
    for (let pass = 0; pass < 80 && unseen.size; pass++) {
      const before = JSON.stringify((await look()).controls.map((c) => c.rect[1]));
      await scroll(x, height * 0.7);
      const after = JSON.stringify((await look()).controls.map((c) => c.rect[1]));
      if (before === after) break;  // this column scrolls no further
    }
  }
  t.assert(unseen.size === 0, `${label}: controls never wholly in the page: ${[...unseen].join(', ')}`);
  t.assert(small.size === 0, `${label}: controls smaller than 24 x 24: ${[...small.values()].join('; ')}`);
  await top(width * 0.95);
  return names.length;
}

// The sizes of issue 17: mobile ones with touch at device scale 3.
const SIZES = [
  { name: '320x480', width: 320, height: 480, mobile: true, dpr: 3 },
  { name: '390x844', width: 390, height: 844, mobile: true, dpr: 3 },
  { name: '844x390', width: 844, height: 390, mobile: true, dpr: 3 },
  { name: '768x1024', width: 768, height: 1024, mobile: true, dpr: 2 },
  { name: '800x500', width: 800, height: 500 },
  { name: '1280x800', width: 1280, height: 800 },
  { name: '2560x1440', width: 2560, height: 1440 },
  // A 1280 x 800 laptop at 200 % browser zoom: 640 x 400 CSS px at twice the pixels.
  { name: '1280x800-zoom200', width: 640, height: 400, dpr: 2 },
];

function sizeScenario(size) {
  return {
    name: `screen-${size.name}`,
    dpr: size.dpr,
    mobile: size.mobile,
    timeout: 300000,
    async run(t) {
      await t.open('', { width: size.width, height: size.height });
      const n = await checkControls(t, t.page, size.width, size.height, size.name, { touch: size.mobile });
      await t.screenshot();
      await t.page.evaluate(() => window.playground.setState('inspect=true'));
      await nextFrames(t, 3);
      const m = await checkControls(t, t.page, size.width, size.height, `${size.name} with the lab`, { touch: size.mobile });
      await t.screenshot('-lab');
      console.log(`  screen ${size.name}: ${n} controls (${m} with the lab open) in the page, each at least 24 x 24`);
      if (size.mobile) await touchJourney(t, size);
    },
  };
}

// By touch alone: Play, a learning rate from its list, a hidden layer, the
// lab, a weight typed on the DOM input the on-screen keyboard belongs to.
async function touchJourney(t, size) {
  const { width, height } = size;
  await t.page.evaluate(() => window.playground.setState('inspect=false'));
  await nextFrames(t, 3);
  for (let i = 0; i < 10; i++) await swipe(t, width * 0.9, height * 0.3, height * 0.9);
  let play = await bringIntoView(t, t.page, 'play', width, height, true);
  t.assert(play.rect[3] >= 44, `${size.name}: Play is ${play.rect[3]} px high on a touch device (44 wanted)`);
  await tap(t, play);
  await t.page.waitForFunction(() => window.playground.metrics().epoch > 0, null, { timeout: 20000 });
  play = await bringIntoView(t, t.page, 'play', width, height, true);
  await tap(t, play);
  t.assert(!(await t.page.evaluate(() => window.playground.metrics().playing)), `${size.name}: a second tap did not pause`);
  // The learning rate from its list.
  await tap(t, await bringIntoView(t, t.page, 'learningRate', width, height, true));
  const option = await bringIntoView(t, t.page, 'learningRate.option.0.1', width, height, true);
  await tap(t, option);
  t.assert((await state(t.page)).learningRate === '0.1', `${size.name}: tapping 0.1 in the list gave ${(await state(t.page)).learningRate}`);
  // A hidden layer.
  const layers = (await state(t.page)).networkShape.split(',').length;
  await tap(t, await bringIntoView(t, t.page, 'layers.add', width, height, true));
  t.assert((await state(t.page)).networkShape.split(',').length === layers + 1, `${size.name}: + did not add a layer`);
  // The lab, then a weight cell: a real DOM input gets the focus.
  await tap(t, await bringIntoView(t, t.page, 'inspect', width, height, true));
  t.assert((await state(t.page)).inspect === 'true', `${size.name}: Inspect did not open the lab`);
  // The Weights section (open by default on wide screens): open it if it is closed.
  const header = await bringIntoView(t, t.page, 'lab.weights.header', width, height, true);
  if (header.value !== 'true') await tap(t, header);
  const cell = await bringIntoView(t, t.page, 'lab.w.0.0.0', width, height, true);
  await tap(t, cell);
  await nextFrames(t, 3);
  const focused = await t.page.evaluate(() => {
    const el = document.activeElement;
    return el ? { tag: el.tagName, mode: el.inputMode, id: el.id } : null;
  });
  t.assert(focused && focused.tag === 'INPUT' && focused.mode === 'decimal', `${size.name}: tapping a weight focused ${JSON.stringify(focused)}`);
  await t.page.keyboard.type('0.25');
  await nextFrames(t, 3);
  await t.page.keyboard.press('Enter');
  await nextFrames(t, 4);
  const w = JSON.parse(await t.page.evaluate(() => window.playground.model())).layers[0].weights[0][0];
  t.assert(w === 0.25, `${size.name}: typed 0.25 in the DOM input, the model has ${w}`);
  await t.screenshot('-touch');
}

// Long press and pinch (issue 17 §2), on a tablet: in Draw mode a tap adds a
// point and a long press on it removes it (the right click); two fingers
// spreading on the output plot change nothing: not the state, not the points,
// not the layout, and the browser does not zoom the page.
async function longPressAndPinch(t) {
  const { width, height } = { width: 768, height: 1024 };
  await t.open('', { width, height });
  await probe(t.page);
  await nextFrames(t, 2);
  await tap(t, await bringIntoView(t, t.page, 'draw', width, height, true));
  const plot = (await probe(t.page)).items.plot;
  t.assert(plot && plot[1] >= 0 && plot[1] + plot[3] * 0.5 <= height, `the output plot is not in view: ${JSON.stringify(plot)}`);
  const points = async () => (await t.page.evaluate(() => window.playground.dataCsv())).trim().split('\n').length;
  const n0 = await points();
  // A corner of the plot (-5.3, 5.3): no point of the circle dataset near, so the tap adds one.
  const x = plot[0] + plot[2] * 0.06, y = plot[1] + plot[3] * 0.06;
  await t.page.touchscreen.tap(x, y);
  await nextFrames(t, 4);
  t.assert(await points() === n0 + 1, `a tap in Draw mode gave ${await points() - n0} new points, not 1`);
  const client = await t.page.context().newCDPSession(t.page);
  await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  await t.page.waitForTimeout(900);  // held still past the 500 ms of a long press
  await nextFrames(t, 2);
  await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await nextFrames(t, 4);
  t.assert(await points() === n0, `a long press on the new point left ${await points() - n0} extra points (the right click removes one)`);
  // Pinch: two fingers spreading over the plot.
  const before = { state: await t.page.evaluate(() => window.playground.getState()), points: await points(),
                   plot: JSON.stringify((await probe(t.page)).items.plot) };
  const cx = plot[0] + plot[2] / 2, cy = plot[1] + plot[3] / 2;
  const fingers = (d) => [{ x: cx - d, y: cy, id: 1 }, { x: cx + d, y: cy, id: 2 }];
  await client.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: fingers(20) });
  for (let i = 1; i <= 6; i++) {
    await client.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: fingers(20 + i * 25) });
    await nextFrames(t, 1);
  }
  await client.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await client.detach();
  await nextFrames(t, 4);
  const after = { state: await t.page.evaluate(() => window.playground.getState()), points: await points(),
                  plot: JSON.stringify((await probe(t.page)).items.plot) };
  t.assert(after.state === before.state, `a pinch changed the state: ${before.state} -> ${after.state}`);
  t.assert(after.points === before.points, `a pinch changed the points: ${before.points} -> ${after.points}`);
  t.assert(after.plot === before.plot, `a pinch moved the plot: ${before.plot} -> ${after.plot}`);
  const scale = await t.page.evaluate(() => (window.visualViewport ? window.visualViewport.scale : 1));
  t.assert(scale === 1, `a pinch zoomed the page to ${scale}`);
  await t.screenshot();
}

// A swipe that starts on a button (issue 17 §2): on a tablet's stacked column
// a student's finger lands on whatever is there, often a dataset's thumbnail
// or a button. Swiping up from it scrolls the column like a swipe anywhere
// else, and clicks nothing: the state stays as it was.
async function swipeFromButtons(t) {
  const { width, height } = { width: 768, height: 1024 };
  await t.open('', { width, height });
  await probe(t.page);
  await nextFrames(t, 2);
  const state0 = await t.page.evaluate(() => window.playground.getState());
  const inView = (c) => c.visible && !c.disabled && centre(c).y > height * 0.5 && centre(c).y < height * 0.95 &&
    c.rect[0] >= 0 && c.rect[0] + c.rect[2] <= width;
  const p0 = await probe(t.page);
  const starts = p0.controls.filter((c) => inView(c) && /^(dataset\.|showTestData|discretize)/.test(c.id));
  t.assert(starts.length >= 2, `too few buttons in the lower half to swipe from: ${starts.map((c) => c.id).join(', ')}`);
  for (const [i, c] of [...starts.slice(0, 3), starts[0]].entries()) {
    const quick = i === 3;  // the last one a flick, down to up between two frames
    const before = findControl(await probe(t.page), c.id);
    if (!before || !inView(before)) continue;
    const { x, y } = centre(before);
    await swipe(t, x, y, y - height * 0.4, { quick });
    const after = findControl(await probe(t.page), c.id);
    t.assert(after && after.rect[1] < before.rect[1] - height * 0.1,
             `a ${quick ? 'quick ' : ''}swipe up from '${c.id}' did not scroll: its top went ${before.rect[1].toFixed(0)} -> ${after ? after.rect[1].toFixed(0) : 'gone'}`);
    t.assert(await t.page.evaluate(() => window.playground.getState()) === state0, `a swipe from '${c.id}' changed the state`);
    for (let i = 0; i < 4; i++) await swipe(t, width * 0.5, height * 0.2, height * 0.8);  // back to the top
  }
  await t.screenshot();
}

export const screenScenarios = [
  ...SIZES.map(sizeScenario),
  { name: 'touch-long-press-and-pinch', mobile: true, dpr: 2, timeout: 150000, run: longPressAndPinch },
  { name: 'touch-swipe-from-a-button', mobile: true, dpr: 2, timeout: 150000, run: swipeFromButtons },
  {
    // A course page's content column: a 720 x 560 iframe in a host page.
    name: 'screen-720x560-iframe',
    async run(t) {
      await t.open();
      await t.page.setViewportSize({ width: 1000, height: 700 });
      await t.page.setContent(`<!doctype html><link rel="icon" href="data:,"><body style="margin:0"><div style="width:720px;margin:40px auto">
        <h1 style="font:20px sans-serif">Week 3: hidden layers</h1>
        <iframe id="pg" src="${t.url}#networkShape=3" width="720" height="560" style="border:1px solid #ccc"></iframe></div></body>`);
      const frame = await (await t.page.waitForSelector('#pg')).contentFrame();
      await frame.waitForFunction(() => window.playground && window.playground.version);
      // The wheel goes to the frame under the pointer: move it over the iframe.
      const box = await (await t.page.$('#pg')).boundingBox();
      const n = await checkControls(t, frame, 720, 560, '720x560 iframe', { origin: box });
      await t.screenshot();
      await frame.evaluate(() => window.playground.setState('inspect=true'));
      const m = await checkControls(t, frame, 720, 560, '720x560 iframe with the lab', { origin: box });
      await t.screenshot('-lab');
      console.log(`  screen 720x560 iframe: ${n} controls (${m} with the lab open) in the frame, each at least 24 x 24`);
    },
  },
];

