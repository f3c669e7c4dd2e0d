// window.playground: the page's JavaScript API over the WebAssembly app.
//
//   playground.ready               Promise, resolved (with the API) after the first frame
//   playground.version             the app's version string (known once ready)
//   playground.getState()          the state string (URL hash format, without '#')
//   playground.setState(s, {replace} = {})  apply a state string ('#...' or a whole URL works
//                                  too): only the keys given change (replace: true, or
//                                  replaceState(s), resets the others to their defaults as a
//                                  new link would); returns the notices (unknown keys,
//                                  clamped values, locked keys)
//   playground.lock(s)             lock keys so that nothing inside the page changes them:
//                                  'key=value&...' (set, then locked) or key names
//                                  'learningRate,dataset' ('hides': every *_hide key);
//                                  also ?lock=NAMES in the page's URL. locked() lists them.
//   playground.play() / pause()    start / stop training
//   playground.step(n = 1)         pause and train n epochs (0..1,000,000) in slices between
//                                  frames (the page stays live); returns a Promise of the epoch
//                                  reached (sooner if pause(), reset() or a divergence ends it)
//   playground.reset()             back to epoch 0 with the same initial weights
//   playground.metrics()           {epoch, trainLoss, testLoss, accuracy, epochsPerSecond,
//                                   frameMs, playing, divergence}
//   playground.visibleControls()   URL names of the controls shown (hidden by `_hide` are absent)
//   playground.loadCsv(text)       train on your own points: CSV x1,x2,label (header optional),
//                                  labels read for the current problem type; throws with the
//                                  line and column of a malformed file
//   playground.dataCsv()           the current points (training, then test) as CSV text
//   The backprop lab:
//   playground.inspect(x1, x2, label)  one example's numbers: {input, target, loss, output,
//                                  layers: [{z, a, delta, grad_weights, grad_bias, step_weights,
//                                  step_bias}]} (the object `playground-cli inspect` prints)
//   playground.model()             the network as model-file JSON text (--save-model's format)
//   playground.loadModel(text)     replace the network with a model file's; returns '' or the
//                                  error (also shown in the page; the old network is kept)
//   playground.gradientCheck()     finite differences against backpropagation at the chosen
//                                  example: {maxRelError, worst: {layer, out, in, ...}, kinks}
//   playground.select(x1, x2, label)  choose the inspected example; selected() reads it back
//   playground.lessons()           the built-in lessons [{id, title, summary, state, model, csv}]
//   playground.loadLesson(idOrJson)  open a built-in lesson by id, or a lesson file's text
//                                  (`playground-lesson/1`, README "Lessons and exercises");
//                                  returns '' or the error (naming the field); progress saved
//                                  in this browser for that lesson id is restored
//   playground.lessonStatus()      {id, title, goals: [{id, text, met, answer}], met, passed,
//                                  score (0..1), hints}, or null without a lesson
//   playground.answer(goalId, x)   the student's number for an answer goal: true if right
//   playground.startOver()         the lesson's start again (progress forgotten)
//   playground.lessonProgress()    {id, met, answers, hints, state}: what is saved per lesson
//   playground.restoreProgress(p)  restores such an object (same lesson id)
//   playground.makeLesson()        "Make a lesson"'s draft as a lesson file's text (the page as it is)
//   playground.showLessonMaker(open)  shows or hides that panel
//   playground.lessonLink(json?)   a Promise of a link to this page that opens the lesson (?lessonData=)
//   playground.lessonPackage(version, json?)  a Promise of a SCORM '1.2' or '2004' zip (Uint8Array)
//   playground.labUpdate()         the lab's Update: one step on the chosen example alone
//   Training's history (the timeline under the loss chart):
//   playground.timeline()          {epochs: [snapshot epochs], shown, present, viewing, bytes, budget}
//   playground.viewEpoch(e)        pause and show the network as it was at the snapshot
//                                  nearest to epoch e (the present's epoch or later: the
//                                  present); returns the epoch shown
//   playground.backToPresent()     the current run again, exactly as it was
//   playground.continueFromHere()  the epoch shown becomes the current run (later epochs dropped)
//   playground.record(on)          start / stop recording the canvas as WebM (MediaRecorder);
//                                  stopping saves playground-recording.webm. recording():
//                                  {recording, last: {url, bytes, type, name} of the last file or null}
//   playground.probe()             what was drawn last frame: {controls: [{id, name, kind, label,
//                                  value, rect: [x, y, w, h] (CSS px of the page), visible}], tooltip,
//                                  items (the lab's named rectangles), stepping, notices...};
//                                  controls are recorded from the frame after the first call
//   playground.on(event, cb)       'epoch' (cb(metrics), at most once per frame),
//                                  'state' (cb(stateString)), 'goal' (cb(status with
//                                  {goal: {id, text}}) when a goal is met), 'lesson'
//                                  (cb(status) when the lesson passes), 'progress'
//                                  (cb(lessonProgress())); returns an unsubscribe function
//   Links: ?lesson=ID opens a built-in lesson, ?lessonUrl=URL a lesson file (fetched),
//   ?lessonData=… a lesson carried in the link (lessonLink);
//   a page with <script type="application/json" id="playground-lesson"> opens that one.
//
// Texts (setState, lock, loadCsv, loadModel, loadLesson) must be strings of at most
// 16 MiB of UTF-8 without NUL characters; anything else throws a message naming the
// call, and nothing changes. Numbers must be numbers (or numeric strings).
//
// The URL hash is read at start and kept up to date with history.replaceState: after
// a hash edit the address bar shows the state the app holds (a locked key keeps its value).
//
// An embedding page talks to an iframe with postMessage:
//   frame.contentWindow.postMessage({type: 'playground', id: 1, call: 'step', args: [10]}, '*')
//   → reply {type: 'playground-result', id: 1, result: 10}   (or {…, error: 'message'})
//   call 'on' with args ['epoch'] makes the frame post {type: 'playground-event', event: 'epoch', data}.
// Messages from any origin are accepted unless the page restricts them, either
// with the query parameter ?origins=https://a.example,https://b.example or with
// data-origins="https://a.example https://b.example" on the <script> tag that
// loads this file. Messages from other origins are ignored. Replies and events go
// only to the origin that asked. A sender with an opaque origin (a sandboxed frame
// without allow-same-origin, a data: URL) cannot be addressed by origin: by default
// its calls are answered with targetOrigin '*' but it cannot subscribe to events
// (a frame that navigates away would keep receiving them); with ?origins= set it is
// ignored altogether.
(function () {
  'use strict';
  const statusEl = () => document.getElementById('status');
  const statusText = (t) => { const el = document.getElementById('status-text'); if (el) el.textContent = t; };
  const script = document.currentScript;

  let resolveReady, rejectReady, isReady = false;
  let recorder = null, lastRecording = null;  // Record (pgRecord)
  // Own properties only: on('__proto__') or on('constructor') is an unknown event.
  const listeners = new Map([['epoch', []], ['state', []], ['goal', []], ['lesson', []], ['progress', []]]);
  const listenersOf = (event, call) => {
    const list = listeners.get(event);
    if (!list) throw new Error(`${call}: unknown event '${clip(String(event))}' (use 'epoch', 'state', 'goal', 'lesson' or 'progress')`);
    return list;
  };
  const emit = (event, value) => {
    for (const cb of listeners.get(event).slice()) {
      try { cb(value); } catch (e) { console.error(e); }
    }
  };
  const need = () => { if (!isReady) throw new Error('the playground is not ready yet: await playground.ready'); };
  const call = (name, ret, types, args) => { need(); return Module.ccall(name, ret, types, args); };
  const hashOf = (s) => {
    s = String(s == null ? '' : s);
    const i = s.indexOf('#');
    return i >= 0 ? s.slice(i + 1) : s;
  };
  // A user's text quoted in a message: at most 40 characters.
  const clip = (t) => (t.length > 48 ? t.slice(0, 40) + `… (${t.length} characters)` : t);
  const describe = (v) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v);

  // ---- Texts into the module ------------------------------------------------------------
  // Every text goes to the WebAssembly heap (malloc) and its address to the C
  // function. ccall's 'string' arguments are copied onto the module's 5 MiB C
  // stack: a text of 1.3 million characters ran past it, and every call after
  // that failed ("memory access out of bounds"). One limit for every text:
  // 16 MiB of UTF-8, the limit of CSV and model files.
  const MAX_TEXT_BYTES = 16 * 1024 * 1024;
  function checkText(callName, value) {
    if (typeof value !== 'string') throw new TypeError(`${callName}: a text (string) is needed, not ${describe(value)}`);
    const nul = value.indexOf('\0');
    if (nul >= 0) throw new Error(`${callName}: the text has a NUL character at position ${nul}; nothing changed`);
    return value;
  }
  function callWithText(callName, cName, ret, text, moreTypes = [], moreArgs = []) {
    return withHeapText(callName, text, (ptr) => Module.ccall(cName, ret, ['number', ...moreTypes], [ptr, ...moreArgs]));
  }
  // fn(ptr) with `text` as UTF-8 on the WebAssembly heap for the call (the limits above).
  function withHeapText(callName, text, fn) {
    need();
    checkText(callName, text);
    // UTF-8 takes at most 3 bytes per UTF-16 unit: only a text near the limit is measured.
    const bytes = text.length * 3 <= MAX_TEXT_BYTES ? text.length * 3 : Module.lengthBytesUTF8(text);
    if (bytes > MAX_TEXT_BYTES)
      throw new Error(`${callName}: the text is ${bytes.toLocaleString('en-US')} bytes of UTF-8, more than the ` +
                      `limit of 16 MiB (${MAX_TEXT_BYTES.toLocaleString('en-US')} bytes); nothing changed`);
    const ptr = Module._malloc(bytes + 1);
    if (!ptr) throw new Error(`${callName}: no memory for a text of ${bytes} bytes; nothing changed`);
    try {
      Module.stringToUTF8(text, ptr, bytes + 1);
      return fn(ptr);
    } finally {
      Module._free(ptr);
    }
  }
  // Numbers: finite numbers or numeric strings (null, '', true are not numbers).
  function numbers(callName, values) {
    return values.map((v) => {
      const ok = typeof v === 'number' || (typeof v === 'string' && v.trim() !== '');
      const x = ok ? Number(v) : NaN;
      if (!Number.isFinite(x))
        throw new Error(`${callName}: finite numbers are needed, got ${ok ? `'${clip(String(v))}'` : describe(v)}`);
      return x;
    });
  }

  // step(n): answered by the app when the epochs ran (Module.pgOnStepsDone).
  const stepWaiters = new Map();
  let stepIds = 0;

  const api = {
    ready: new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; }),
    version: null,
    getState: () => call('pg_get_state', 'string', [], []),
    setState: (s, options = {}) => {
      // A string ('#…' or a whole URL works too), or a URL / Location object.
      const text = typeof s === 'string' ? s : (s instanceof URL || s === location) ? String(s) : s;
      checkText('setState', text);
      return JSON.parse(callWithText('setState', 'pg_set_state', 'string', hashOf(text), ['number'],
                                     [options && options.replace ? 1 : 0]));
    },
    replaceState: (s) => api.setState(s, { replace: true }),
    lock: (s) => {
      checkText('lock', s);
      const notices = JSON.parse(callWithText('lock', 'pg_lock', 'string', hashOf(s)));
      return notices;
    },
    locked: () => JSON.parse(call('pg_locked', 'string', [], [])),
    play: () => { call('pg_play', null, [], []); },
    pause: () => { call('pg_pause', null, [], []); },
    step: (n = 1) => {
      const epochs = typeof n === 'number' || (typeof n === 'string' && n.trim() !== '') ? Number(n) : NaN;
      if (!Number.isInteger(epochs) || epochs < 0 || epochs > 1e6)
        throw new Error(`step(n): n must be a whole number from 0 to 1,000,000 (got ${clip(String(n))})`);
      need();
      const id = ++stepIds;
      return new Promise((resolve, reject) => {
        stepWaiters.set(id, resolve);
        try { Module.ccall('pg_step_request', null, ['number', 'number'], [id, epochs]); }
        catch (e) { stepWaiters.delete(id); reject(e); }
      });
    },
    reset: () => { call('pg_reset', null, [], []); },
    metrics: () => JSON.parse(call('pg_metrics', 'string', [], [])),
    visibleControls: () => JSON.parse(call('pg_visible_controls', 'string', [], [])),
    loadCsv: (text) => {
      const error = callWithText('loadCsv', 'pg_load_csv', 'string', text);
      if (error) throw new Error(error);
    },
    dataCsv: () => call('pg_data_csv', 'string', [], []),
    inspect: (x1, x2, label) => {
      const v = numbers('inspect(x1, x2, label)', [x1, x2, label]);
      const result = JSON.parse(call('pg_inspect', 'string', ['number', 'number', 'number'], v));
      if (result === null) throw new Error(`inspect(x1, x2, label): the label ${v[2]} does not fit this problem`);
      return result;
    },
    model: () => call('pg_model', 'string', [], []),
    loadModel: (text) => callWithText('loadModel', 'pg_load_model', 'string', text),
    gradientCheck: () => JSON.parse(call('pg_gradient_check', 'string', [], [])),
    select: (x1, x2, label) => {
      const v = numbers('select(x1, x2, label)', [x1, x2, label]);
      const error = call('pg_select', 'string', ['number', 'number', 'number'], v);
      if (error) throw new Error(error);
      return JSON.parse(call('pg_selected', 'string', [], []));
    },
    selected: () => JSON.parse(call('pg_selected', 'string', [], [])),
    lessons: () => JSON.parse(call('pg_lessons', 'string', [], [])),
    loadLesson: (idOrJson) => {
      const error = callWithText('loadLesson', 'pg_load_lesson', 'string', idOrJson);
      if (!error) restoreSaved(false);
      return error;
    },
    lessonStatus: () => JSON.parse(call('pg_lesson_status', 'string', [], [])),
    answer: (goalId, x) => {
      const [v] = numbers('answer(goalId, number)', [x]);
      const result = callWithText('answer', 'pg_lesson_answer', 'string', String(goalId), ['number'], [v]);
      if (result !== 'right' && result !== 'wrong') throw new Error(`answer: ${result}`);
      return result === 'right';
    },
    startOver: () => {
      const error = call('pg_lesson_start_over', 'string', [], []);
      if (error) throw new Error(`startOver: ${error}`);
      return api.lessonStatus();
    },
    lessonProgress: () => {
      const p = JSON.parse(call('pg_lesson_progress', 'string', [], []));
      return p && { ...p, state: api.getState() };
    },
    restoreProgress: (p) => {
      if (!p || typeof p !== 'object') throw new TypeError('restoreProgress: an object from lessonProgress() is needed');
      if (typeof p.state === 'string' && p.state) api.setState(p.state);
      // Lines for the app (it reads no JSON): id, met goals, answers, hints.
      const line = (v) => String(v).replace(/[\r\n]/g, ' ');
      const lines = [`id ${line(p.id)}`];
      for (const id of Array.isArray(p.met) ? p.met : []) lines.push(`met ${line(id)}`);
      for (const [id, x] of Object.entries(p.answers && typeof p.answers === 'object' ? p.answers : {}))
        if (typeof x === 'number' && Number.isFinite(x)) lines.push(`answer ${line(id)} ${x}`);
      if (Number.isInteger(p.hints)) lines.push(`hints ${p.hints}`);
      const error = callWithText('restoreProgress', 'pg_lesson_restore', 'string', lines.join('\n'));
      if (error) throw new Error(error);
      return api.lessonStatus();
    },
    // "Make a lesson": the draft as a lesson file's text; the panel shown or not;
    // a link that opens a lesson; a SCORM package's zip bytes (version '1.2' or '2004').
    makeLesson: () => {
      const text = call('pg_make_lesson', 'string', [], []);
      if (!text.startsWith('{')) throw new Error(`makeLesson: ${text}`);
      return text;
    },
    showLessonMaker: (open = true) => { call('pg_show_lesson_maker', null, ['number'], [open ? 1 : 0]); },
    lessonLink: (json = api.makeLesson()) => lessonLink(String(json)),
    lessonPackage: (version, json = api.makeLesson()) => scormPackage(String(version), String(json)),
    labUpdate: () => call('pg_lab_update', 'string', [], []),
    timeline: () => JSON.parse(call('pg_timeline', 'string', [], [])),
    viewEpoch: (e) => call('pg_view_epoch', 'number', ['number'], numbers('viewEpoch(epoch)', [e])),
    backToPresent: () => { call('pg_back_to_present', null, [], []); },
    continueFromHere: () => { call('pg_continue_from_here', null, [], []); },
    record: (on) => call('pg_record', 'number', ['number'], [on ? 1 : 0]) === 1,
    recording: () => ({ recording: !!recorder, last: lastRecording }),
    probe: () => JSON.parse(call('pg_probe', 'string', [], [])),
    on: (event, cb) => {
      const list = listenersOf(event, 'on');
      if (typeof cb !== 'function') throw new Error('on(event, callback): callback must be a function');
      list.push(cb);
      return () => api.off(event, cb);
    },
    off: (event, cb) => {
      const list = listenersOf(event, 'off');
      const i = list.indexOf(cb);
      if (i >= 0) list.splice(i, 1);
    },
  };
  window.playground = api;

  // ---- A lesson's progress, kept in this browser per lesson id ------------------------------
  // {id, met, answers, hints, state} under 'playground-lesson:' + id; a reload or
  // a closed tab resumes; Start over forgets it. (Storage may be refused: a
  // sandboxed frame, private mode; then progress lives as long as the page.)
  const storageKey = (id) => 'playground-lesson:' + id;
  const save = () => {
    try {
      const p = api.lessonProgress();
      if (p) localStorage.setItem(storageKey(p.id), JSON.stringify(p));
    } catch (e) { /* no storage here */ }
  };
  const forget = (id) => { try { localStorage.removeItem(storageKey(id)); } catch (e) { /* no storage */ } };
  // After a lesson opened: goals met, answers and hints saved for it (and the
  // student's setup when `withState`, as at page start from a link).
  function restoreSaved(withState) {
    let saved = null;
    try {
      const status = api.lessonStatus();
      saved = status && JSON.parse(localStorage.getItem(storageKey(status.id)) || 'null');
    } catch (e) { saved = null; }
    if (!saved || typeof saved !== 'object') return;
    try {
      api.restoreProgress(withState ? saved : { ...saved, state: undefined });
    } catch (e) { console.warn('playground: saved progress not restored: ' + e.message); }
  }
  // The app's lesson events, dispatched after the call that caused them returns
  // (a listener may call the API again).
  const onLesson = (event, data) => {
    if (event === 'restart') { try { forget(JSON.parse(data).id); } catch (e) { /* not JSON */ } return; }
    if (event === 'progress') { save(); }
    if (!listeners.has(event)) return;
    const value = event === 'progress' ? null : JSON.parse(data);
    queueMicrotask(() => emit(event, event === 'progress' ? api.lessonProgress() : value));
  };

  // ---- "Make a lesson": links, the iframe snippet and SCORM packages ------------------------
  // A link carries the lesson itself (?lessonData=): 'z' + base64url of the
  // deflated text where the browser has CompressionStream, else 'j' + base64url
  // of the text. The page opens it at start like ?lesson=.
  const toB64url = (bytes) => {
    let bin = '';
    for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  };
  const fromB64url = (t) => Uint8Array.from(atob(t.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));
  const through = async (bytes, stream) =>
    new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(stream)).arrayBuffer());
  async function lessonLink(json) {
    const bytes = new TextEncoder().encode(json);
    const data = typeof CompressionStream === 'function'
      ? 'z' + toB64url(await through(bytes, new CompressionStream('deflate-raw'))) : 'j' + toB64url(bytes);
    const url = new URL(location.href);
    url.hash = '';
    url.search = '';
    url.searchParams.set('lessonData', data);
    return url.href;
  }
  async function lessonFromData(data) {
    const bytes = fromB64url(data.slice(1));
    return new TextDecoder().decode(data[0] === 'z' ? await through(bytes, new DecompressionStream('deflate-raw')) : bytes);
  }
  const escapeHtml = (t) => t.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  // fflate (site/fflate.js), loaded the first time a package is asked for.
  let fflateLoading = null;
  const loadFflate = () => fflateLoading || (fflateLoading = new Promise((resolve, reject) => {
    if (window.fflate) return resolve(window.fflate);
    const script = document.createElement('script');
    script.src = 'fflate.js';
    script.onload = () => (window.fflate ? resolve(window.fflate) : reject(new Error('fflate.js did not load')));
    script.onerror = () => { fflateLoading = null; reject(new Error('fflate.js could not be loaded beside the page')); };
    document.head.appendChild(script);
  }));
  // The package's two files come from the engine (pg/course_package.h, as
  // playground-cli package writes them): the one-file page with the lesson
  // inside and imsmanifest.xml; fflate only zips them.
  async function scormPackage(version, json) {
    if (version !== '1.2' && version !== '2004') throw new Error(`lessonPackage: version '${clip(version)}' is not 1.2 or 2004`);
    let html;
    try {
      const response = await fetch('playground-single.html');
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      html = await response.text();
    } catch (e) {
      throw new Error(`the one-file page (playground-single.html) could not be read beside this page (${e.message}): ` +
                      'make packages on the served site, or with playground-cli package');
    }
    const page = withHeapText('lessonPackage', json, (lessonPtr) =>
      withHeapText('lessonPackage', html, (htmlPtr) => Module.ccall('pg_lesson_page', 'string', ['number', 'number'], [lessonPtr, htmlPtr])));
    const manifest = withHeapText('lessonPackage', json, (lessonPtr) =>
      Module.ccall('pg_scorm_manifest', 'string', ['number', 'number'], [lessonPtr, version === '1.2' ? 12 : 2004]));
    if (!page || !manifest) throw new Error(Module.ccall('pg_package_error', 'string', [], []));
    const fflate = await loadFflate();
    return fflate.zipSync({ 'imsmanifest.xml': fflate.strToU8(manifest), 'index.html': fflate.strToU8(page) });
  }
  const notice = (text) => Module.ccall('pg_notice', null, ['string'], [text]);
  const download = (name, blob) => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = name;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
  };
  const copy = async (what, text) => {
    try {
      await navigator.clipboard.writeText(text);
      notice(`Copied the ${what} (${text.length.toLocaleString('en-US')} characters)`);
    } catch (e) {
      notice(`The browser did not let the page copy the ${what}: ${clip(String(e.message || e))}`);
    }
  };
  // The panel's buttons (Module.pgLessonAction, from the app after the click).
  async function lessonAction(kind, json) {
    const lesson = JSON.parse(json);
    if (kind === 'try') {
      if (!window.open(await lessonLink(json), '_blank')) notice('The browser blocked the new tab: allow pop-ups for this page');
    } else if (kind === 'link') {
      await copy('link', await lessonLink(json));
    } else if (kind === 'embed') {
      await copy('iframe snippet', `<iframe src="${escapeHtml(await lessonLink(json))}" width="720" height="560" ` +
                 `style="border:1px solid #ccc" title="${escapeHtml(lesson.title)}" allow="clipboard-write"></iframe>`);
    } else if (kind.startsWith('scorm-')) {
      const version = kind.slice(6);
      const zip = await scormPackage(version, json);
      download(`${lesson.id}-scorm-${version}.zip`, new Blob([zip], { type: 'application/zip' }));
    }
  }

  function fail(message) {
    const el = statusEl();
    if (el) { el.classList.add('error'); el.style.display = 'flex'; }
    statusText('The playground could not start: ' + message);
    rejectReady(new Error(message));
  }

  // ---- URL: read at start (as --state), written back on every change --------------------
  const initialState = hashOf(location.hash);
  let lastWritten = null;
  const writeUrl = (s) => {
    lastWritten = s;
    if (hashOf(location.hash) !== s) {
      try { history.replaceState(history.state, '', '#' + s); } catch (e) { /* sandboxed iframe: keep going */ }
    }
  };
  // A hash edited by hand (or by history.pushState/replaceState, which fire no
  // event: checked twice a second) is applied; then the address bar shows what
  // the app holds, so a refused or clamped value never stays on display.
  const followUrl = () => {
    if (!isReady) return;
    const h = hashOf(location.hash);
    if (h === lastWritten) return;
    // The hash is the whole state: keys it lacks go back to their defaults
    // (locked keys keep their values).
    try {
      if (h !== api.getState()) api.replaceState(h);
    } catch (e) {
      console.warn('playground: ' + e.message);
    }
    writeUrl(api.getState());
  };
  window.addEventListener('hashchange', followUrl);
  window.addEventListener('popstate', followUrl);
  setInterval(followUrl, 500);

  // Emscripten reads this object before it starts.
  window.Module = {
    canvas: document.getElementById('canvas'),
    arguments: initialState ? ['--state', initialState] : [],
    print: (text) => console.log(text),
    printErr: (text) => console.error(text),
    setStatus: (text) => { if (text) statusText(text); },
    onAbort: (what) => fail(String(what)),
    pgOnLesson: (event, data) => onLesson(event, data),
    pgOnReady: async () => {
      api.version = Module.ccall('pg_version', 'string', [], []);
      isReady = true;
      const el = statusEl();
      if (el) el.style.display = 'none';
      // A page of its own takes the keyboard at once; an embedded one waits for a click.
      if (window.top === window) { const c = document.getElementById('canvas'); if (c) c.focus(); }
      // ?lock=NAMES locks keys; ?lesson=ID opens a built-in lesson (a link a
      // teacher can share). Together: the locked keys the link's hash names
      // (and `hides`) are locked first, at the hash's values, so a lesson
      // that would change one of them is refused (a student who adds
      // ?lesson= to a locked link gets the link); then the lesson, then the
      // hash's keys on top of it (a hide the teacher gave stays), then the
      // other locked keys, at the lesson's values. A lock is never taken again.
      const query = new URLSearchParams(location.search);
      // The lesson: a built-in id, a lesson file inside the page (a package), or one fetched.
      if (document.readyState === 'loading') await new Promise((r) => document.addEventListener('DOMContentLoaded', r));
      const inside = document.getElementById('playground-lesson');
      let lesson = query.get('lesson') || (inside && inside.textContent.trim()) || null;
      const lessonUrl = query.get('lessonUrl'), lessonData = query.get('lessonData');
      if (!lesson && lessonData) {
        try { lesson = await lessonFromData(lessonData); }
        catch (e) { notice(`Lesson: the link's lessonData could not be read (${e.message})`); }
      }
      if (!lesson && lessonUrl) {
        try {
          const response = await fetch(new URL(lessonUrl, location.href));
          if (!response.ok) throw new Error(`HTTP ${response.status}`);
          lesson = await response.text();
        } catch (e) {
          Module.ccall('pg_notice', null, ['string'], [`Lesson: ${clip(lessonUrl)} could not be read (${e.message})`]);
        }
      }
      const lockNames = (query.get('lock') || '').replace(/=.*$/, '').split(',').map((n) => n.trim()).filter(Boolean);
      const lockNow = (names) => {
        if (names.length) for (const notice of api.lock(names.join(','))) console.warn('playground: ' + notice);
      };
      if (lesson) {
        const named = new Set(initialState.split('&').map((part) => {
          try { return decodeURIComponent(part.split('=')[0]); } catch (e) { return part; }
        }));
        lockNow(lockNames.filter((n) => n === 'hides' || named.has(n)));
        const error = callWithText('loadLesson', 'pg_load_lesson', 'string', lesson);
        if (error) console.warn('playground: ' + error);
        else {
          restoreSaved(true);  // the student's own setup and progress, as saved
          if (initialState) api.setState(initialState);
        }
      }
      lockNow(lockNames);
      // The address bar shows the whole state from the start, as the reference's does.
      Module.pgOnStateChanged(api.getState());
      resolveReady(api);
    },
    pgOnStateChanged: (s) => {
      writeUrl(s);
      if (isReady && api.lessonStatus()) save();  // the student's setup, with the lesson's progress
      emit('state', s);
    },
    pgOnStepsDone: (id, epoch) => {
      const resolve = stepWaiters.get(id);
      if (resolve) { stepWaiters.delete(id); resolve(epoch); }
    },
    pgOnEpoch: () => { if (listeners.get('epoch').length) emit('epoch', api.metrics()); },
    // The Data panel's "Upload CSV" and "Open model", the Lessons menu's "Open a
    // lesson file": a file chooser (the click
    // that asked for it was a moment ago, so the browser still counts it as the
    // user's gesture). The app shows a file's error and keeps what it had.
    pgPickFile: (kind) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = kind === 'csv' ? '.csv,text/csv,text/plain' : '.json,application/json';
      input.addEventListener('change', async () => {
        const file = input.files && input.files[0];
        if (!file) return;
        // Larger files are refused by the app with its own notice (the same
        // limit as every text of the API), before they are read.
        if (file.size > MAX_TEXT_BYTES) {
          Module.ccall('pg_notice', null, ['string'],
                       [`${clip(file.name)} is ${file.size.toLocaleString('en-US')} bytes, larger than 16 MiB: nothing was loaded`]);
          return;
        }
        const text = await file.text();
        try {
          if (kind === 'model') api.loadModel(text);
          else if (kind === 'lesson') api.loadLesson(text);
          else api.loadCsv(text);
        } catch (e) { /* the app shows the error */ }
      });
      input.click();
    },
    // Record (the app's button, or record(true)): the canvas as WebM through
    // MediaRecorder, 30 frames a second; stopping saves the file (a download)
    // and tells the app in words. Returns 1 if it started (or is stopping).
    pgRecord: (on) => {
      if (!on) {
        if (recorder && recorder.state !== 'inactive') recorder.stop();
        return 1;
      }
      const canvas = document.getElementById('canvas');
      if (recorder || !canvas || !canvas.captureStream || typeof MediaRecorder === 'undefined') return 0;
      const type = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) => MediaRecorder.isTypeSupported(t));
      if (!type) return 0;
      let rec;
      try { rec = new MediaRecorder(canvas.captureStream(30), { mimeType: type, videoBitsPerSecond: 4e6 }); }
      catch (e) { return 0; }
      const chunks = [];
      rec.ondataavailable = (e) => { if (e.data && e.data.size) chunks.push(e.data); };
      rec.onerror = (e) => {
        recorder = null;
        Module.ccall('pg_recording_ended', null, ['string'], [`Recording stopped: ${clip(String(e.error || e))}`]);
      };
      rec.onstop = () => {
        if (recorder !== rec) return;  // ended by an error
        recorder = null;
        const blob = new Blob(chunks, { type: 'video/webm' });
        if (lastRecording) URL.revokeObjectURL(lastRecording.url);
        lastRecording = { url: URL.createObjectURL(blob), bytes: blob.size, type: blob.type, name: 'playground-recording.webm' };
        const a = document.createElement('a');
        a.href = lastRecording.url;
        a.download = lastRecording.name;
        document.body.appendChild(a);
        a.click();
        a.remove();
        Module.ccall('pg_recording_ended', null, ['string'],
                     [`Saved the recording as ${lastRecording.name} (${(blob.size / 1e6).toFixed(1)} MB, WebM)`]);
      };
      rec.start(1000);
      recorder = rec;
      return 1;
    },
    pgLessonAction: (kind, json) => {
      lessonAction(kind, json).catch((e) => notice(`Make a lesson: ${String(e.message || e).slice(0, 300)}`));
    },
    pgSaveFile: (name, text) => {
      const a = document.createElement('a');
      a.href = URL.createObjectURL(new Blob([text], { type: /\.json$/.test(name) ? 'application/json' : 'text/csv' }));
      a.download = name;
      document.body.appendChild(a);
      a.click();
      setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 0);
    },
  };
  if (typeof WebGL2RenderingContext === 'undefined') fail('this browser has no WebGL2.');
  window.addEventListener('error', (e) => { if (!api.version) fail(e.message || 'a script failed to load'); });

  // ---- postMessage for embedding pages -----------------------------------------------------
  const originList = new URLSearchParams(location.search).get('origins') ||
                     (script && script.dataset && script.dataset.origins) || '';
  const allowedOrigins = originList.split(/[\s,]+/).filter(Boolean);
  const callable = ['getState', 'setState', 'replaceState', 'lock', 'locked', 'play', 'pause', 'step', 'reset', 'metrics', 'visibleControls',
                    'loadCsv', 'dataCsv', 'inspect', 'model', 'loadModel', 'gradientCheck', 'select', 'selected',
                    'lessons', 'loadLesson', 'labUpdate', 'timeline', 'viewEpoch', 'backToPresent',
                    'continueFromHere', 'record', 'recording', 'lessonStatus', 'answer', 'startOver',
                    'lessonProgress', 'restoreProgress', 'makeLesson', 'showLessonMaker', 'lessonLink'];
  const subscribers = [];
  window.addEventListener('message', async (e) => {
    const d = e.data;
    if (!d || typeof d !== 'object' || d.type !== 'playground') return;
    const opaque = !e.origin || e.origin === 'null';
    if (allowedOrigins.length && (opaque || !allowedOrigins.includes(e.origin))) return;
    const target = opaque ? '*' : e.origin;
    const reply = (body) => { if (e.source) e.source.postMessage({ type: 'playground-result', id: d.id, ...body }, target); };
    try {
      await api.ready;
      const args = Array.isArray(d.args) ? d.args : [];
      if (d.call === 'version') { reply({ result: api.version }); return; }
      if (d.call === 'on' || d.call === 'off') {
        // One subscription per (window, event): a second 'on' does not duplicate
        // events, 'off' ends it.
        const event = String(args[0]);
        listenersOf(event, d.call);
        if (opaque && d.call === 'on')
          throw new Error("events go only to a sender with an origin: a sandboxed frame without " +
                          "allow-same-origin can call, but not subscribe");
        const source = e.source;
        const i = subscribers.findIndex((s) => s.source === source && s.event === event);
        if (d.call === 'on' && i < 0) {
          const cb = (data) => source.postMessage({ type: 'playground-event', event, data }, target);
          api.on(event, cb);
          subscribers.push({ source, event, cb });
        } else if (d.call === 'off' && i >= 0) {
          api.off(event, subscribers[i].cb);
          subscribers.splice(i, 1);
        }
        reply({ result: true });
        return;
      }
      if (!callable.includes(d.call)) throw new Error(`unknown call '${clip(String(d.call))}'`);
      reply({ result: await api[d.call](...args) });
    } catch (err) {
      reply({ error: String(err && err.message || err) });
    }
  });

  // A file dropped on the page: a lesson file opens as a lesson, another .json
  // as a model file, anything else as CSV points (the app shows any error).
  document.addEventListener('dragover', (e) => {
    if (e.dataTransfer && Array.from(e.dataTransfer.types).includes('Files')) e.preventDefault();
  });
  document.addEventListener('drop', async (e) => {
    const file = e.dataTransfer && e.dataTransfer.files && e.dataTransfer.files[0];
    if (!file || !isReady) return;
    e.preventDefault();
    if (file.size > MAX_TEXT_BYTES) return;
    const text = await file.text();
    try {
      if (/"playground-lesson\//.test(text)) api.loadLesson(text);
      else if (/\.json$/i.test(file.name)) api.loadModel(text);
      else api.loadCsv(text);
    } catch (err) { /* the app shows the error */ }
  });

  // Clicking the canvas gives it the keyboard (keys go to the canvas only).
  document.addEventListener('DOMContentLoaded', () => {
    const c = document.getElementById('canvas');
    c.addEventListener('pointerdown', () => c.focus());
  });
})();
