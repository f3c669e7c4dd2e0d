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
//   playground.step(n = 1)         train n epochs now; returns the epoch reached
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
//   playground.loadLesson(id)      open one (returns '' or the error)
//   playground.labUpdate()         the lab's Update: one step on the chosen example alone
//   playground.probe()             what was drawn last frame: {controls: [{id, name, kind, label,
//                                  value, rect: [x, y, w, h] (CSS px of the page), visible}], tooltip,
//                                  items (the lab's named rectangles), stepping, notices...};
//                                  controls are recorded from the frame after the first call
//   playground.on(event, cb)       'epoch' (cb(metrics), at most once per frame) or
//                                  'state' (cb(stateString)); returns an unsubscribe function
//
// The URL hash is read at start and kept up to date with history.replaceState.
//
// An embedding page talks to an iframe with postMessage:
//   frame.contentWindow.postMessage({type: 'playground', id: 1, call: 'step', args: [10]}, '*')
//   → reply {type: 'playground-result', id: 1, result: 10}   (or {…, error: 'message'})
//   call 'on' with args ['epoch'] makes the frame post {type: 'playground-event', event: 'epoch', data}.
// Messages from any origin are accepted unless the page restricts them, either
// with the query parameter ?origins=https://a.example,https://b.example or with
// data-origins="https://a.example https://b.example" on the <script> tag that
// loads this file. Messages from other origins are ignored.
(function () {
  'use strict';
  const statusEl = () => document.getElementById('status');
  const statusText = (t) => { const el = document.getElementById('status-text'); if (el) el.textContent = t; };
  const script = document.currentScript;

  let resolveReady, rejectReady, isReady = false;
  const listeners = { epoch: [], state: [] };
  const emit = (event, value) => {
    for (const cb of listeners[event].slice()) {
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

  const api = {
    ready: new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; }),
    version: null,
    getState: () => call('pg_get_state', 'string', [], []),
    setState: (s, options = {}) => {
      const text = hashOf(s);
      // A C string ends at NUL: refuse rather than drop what follows.
      const nul = text.indexOf('\0');
      if (nul >= 0) throw new Error(`setState: the text has a NUL character at position ${nul}`);
      return JSON.parse(call('pg_set_state', 'string', ['string', 'number'],
                             [text, options && options.replace ? 1 : 0]));
    },
    replaceState: (s) => api.setState(s, { replace: true }),
    lock: (s) => {
      const text = String(s == null ? '' : s);
      if (text.indexOf('\0') >= 0) throw new Error('lock: the text has a NUL character');
      return JSON.parse(call('pg_lock', 'string', ['string'], [hashOf(text)]));
    },
    locked: () => JSON.parse(call('pg_locked', 'string', [], [])),
    play: () => { call('pg_play', null, [], []); },
    pause: () => { call('pg_pause', null, [], []); },
    step: (n = 1) => {
      n = Math.floor(Number(n));
      if (!Number.isFinite(n) || n < 0) throw new Error('step(n): n must be a whole number >= 0');
      return call('pg_step', 'number', ['number'], [Math.min(n, 1e6)]);
    },
    reset: () => { call('pg_reset', null, [], []); },
    metrics: () => JSON.parse(call('pg_metrics', 'string', [], [])),
    visibleControls: () => JSON.parse(call('pg_visible_controls', 'string', [], [])),
    loadCsv: (text) => {
      const error = call('pg_load_csv', 'string', ['string'], [String(text)]);
      if (error) throw new Error(error);
    },
    dataCsv: () => call('pg_data_csv', 'string', [], []),
    inspect: (x1, x2, label) => {
      const v = [x1, x2, label].map(Number);
      if (!v.every(Number.isFinite)) throw new Error('inspect(x1, x2, label): three finite numbers are needed');
      const result = JSON.parse(call('pg_inspect', 'string', ['number', 'number', 'number'], v));
      if (result === null) throw new Error(`inspect(x1, x2, label): the label ${v[2]} does not fit this problem`);
      return result;
    },
    model: () => call('pg_model', 'string', [], []),
    loadModel: (text) => call('pg_load_model', 'string', ['string'], [String(text)]),
    gradientCheck: () => JSON.parse(call('pg_gradient_check', 'string', [], [])),
    select: (x1, x2, label) => {
      const v = [x1, x2, label].map(Number);
      if (!v.every(Number.isFinite)) throw new Error('select(x1, x2, label): three finite numbers are needed');
      const error = call('pg_select', 'string', ['number', 'number', 'number'], v);
      if (error) throw new Error(error);
      return JSON.parse(call('pg_selected', 'string', [], []));
    },
    selected: () => JSON.parse(call('pg_selected', 'string', [], [])),
    lessons: () => JSON.parse(call('pg_lessons', 'string', [], [])),
    loadLesson: (id) => call('pg_load_lesson', 'string', ['string'], [String(id)]),
    labUpdate: () => call('pg_lab_update', 'string', [], []),
    probe: () => JSON.parse(call('pg_probe', 'string', [], [])),
    on: (event, cb) => {
      if (!listeners[event]) throw new Error(`unknown event '${event}' (use 'epoch' or 'state')`);
      if (typeof cb !== 'function') throw new Error('on(event, callback): callback must be a function');
      listeners[event].push(cb);
      return () => api.off(event, cb);
    },
    off: (event, cb) => {
      const list = listeners[event] || [];
      const i = list.indexOf(cb);
      if (i >= 0) list.splice(i, 1);
    },
  };
  window.playground = api;

  function fail(message) {
    const el = statusEl();
    if (el) { el.classList.add('error'); el.style.display = 'flex'; }
    statusText('The playground could not start: ' + message);
    rejectReady(new Error(message));
  }

  // ---- URL: read at start (as --state), written back on every change --------------------
  const initialState = hashOf(location.hash);
  let lastWritten = null;
  window.addEventListener('hashchange', () => {
    const h = hashOf(location.hash);
    // The hash is the whole state: keys it lacks go back to their defaults
    // (locked keys keep their values).
    if (isReady && h !== lastWritten && h !== api.getState()) api.replaceState(h);
  });

  // Emscripten reads this object before it starts.
  window.Module = {
    canvas: document.getElementById('canvas'),
    arguments: initialState ? ['--state', initialState] : [],
    print: (text) => console.log(text),
    printErr: (text) => console.error(text),
    setStatus: (text) => { if (text) statusText(text); },
    onAbort: (what) => fail(String(what)),
    pgOnReady: () => {
      api.version = Module.ccall('pg_version', 'string', [], []);
      isReady = true;
      const el = statusEl();
      if (el) el.style.display = 'none';
      // A page of its own takes the keyboard at once; an embedded one waits for a click.
      if (window.top === window) { const c = document.getElementById('canvas'); if (c) c.focus(); }
      // ?lock=NAMES: the embedding page's locks, at the values of the initial hash.
      const lockNames = new URLSearchParams(location.search).get('lock');
      if (lockNames) api.lock(lockNames.replace(/=.*$/, ''));
      // ?lesson=ID opens a built-in lesson (a link a teacher can share).
      const lesson = new URLSearchParams(location.search).get('lesson');
      if (lesson) {
        const error = api.loadLesson(lesson);
        if (error) console.warn('playground: ' + error);
      }
      // The address bar shows the whole state from the start, as the reference's does.
      Module.pgOnStateChanged(api.getState());
      resolveReady(api);
    },
    pgOnStateChanged: (s) => {
      lastWritten = s;
      if (hashOf(location.hash) !== s) {
        try { history.replaceState(history.state, '', '#' + s); } catch (e) { /* sandboxed iframe: keep going */ }
      }
      emit('state', s);
    },
    pgOnEpoch: () => { if (listeners.epoch.length) emit('epoch', api.metrics()); },
    // The Data panel's "Upload CSV" and "Open model": a file chooser (the click
    // that asked for it was a moment ago, so the browser still counts it as the
    // user's gesture). The app shows a file's error and keeps what it had.
    pgPickFile: (kind) => {
      const input = document.createElement('input');
      input.type = 'file';
      input.accept = kind === 'model' ? '.json,application/json' : '.csv,text/csv,text/plain';
      input.addEventListener('change', async () => {
        const file = input.files && input.files[0];
        if (!file) return;
        if (file.size > 16 * 1024 * 1024) { console.warn(`playground: ${file.name} is larger than 16 MiB`); return; }
        const text = await file.text();
        if (kind === 'model') api.loadModel(text);
        else { try { api.loadCsv(text); } catch (e) { /* the app shows the error */ } }
      });
      input.click();
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
                    'lessons', 'loadLesson', 'labUpdate'];
  const subscribers = [];
  window.addEventListener('message', async (e) => {
    const d = e.data;
    if (!d || typeof d !== 'object' || d.type !== 'playground') return;
    if (allowedOrigins.length && !allowedOrigins.includes(e.origin)) return;
    const target = e.origin && e.origin !== 'null' ? e.origin : '*';
    const reply = (body) => { if (e.source) e.source.postMessage({ type: 'playground-result', id: d.id, ...body }, target); };
    try {
      await api.ready;
      const args = Array.isArray(d.args) ? d.args : [];
      if (d.call === 'version') { reply({ result: api.version }); return; }
      if (d.call === 'on' || d.call === 'off') {
        // One subscription per (window, event): a second 'on' does not duplicate
        // events, 'off' ends it.
        const event = String(args[0]);
        if (!listeners[event]) throw new Error(`unknown event '${event}' (use 'epoch' or 'state')`);
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
      if (!callable.includes(d.call)) throw new Error(`unknown call '${d.call}'`);
      reply({ result: api[d.call](...args) });
    } catch (err) {
      reply({ error: String(err && err.message || err) });
    }
  });

  // Clicking the canvas gives it the keyboard (keys go to the canvas only).
  document.addEventListener('DOMContentLoaded', () => {
    const c = document.getElementById('canvas');
    c.addEventListener('pointerdown', () => c.focus());
  });
})();
