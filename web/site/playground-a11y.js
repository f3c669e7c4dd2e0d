// playground-a11y.js — the accessible layer over the canvas: what a keyboard
// and a screen reader use (web/accessible_layer.h says why and how).
//
// The app sends the controls it drew (the list playground.probe() returns)
// a few times a second when they changed; this file keeps one DOM element per
// control, in drawing (reading) order, placed on the control:
//   button, link, node   <button> (aria-pressed for a toggle such as Inspect)
//   combo                role=combobox; Enter, Space or ↓ opens its list
//                        (role=listbox, role=option), ↑/↓ move, Enter picks,
//                        Escape closes
//   slider               <input type=range> (arrows, Home, End, Page keys)
//   checkbox             <input type=checkbox>
//   textField            <input> (Enter or leaving it sets the value, Escape undoes)
//   text                 a read-only line
// Activating an element does what a click on its control does: the app
// clicks (or types into) the control itself. The elements take no pointer
// events: the mouse and fingers keep drawing on the canvas.
//
// Beside them: a text alternative of the diagram and of the output (lists and
// tables, refreshed every 2 s), and a polite live region (training started,
// every 5 s while playing the epoch and test loss, paused, notices at once).
// ?a11y=off leaves the layer out (for measuring what it costs).
(function () {
  'use strict';
  if (new URLSearchParams(location.search).get('a11y') === 'off') return;
  const Module = window.Module;
  if (!Module) return;

  const ACT = { click: 0, type: 1, slide: 2, close: 3, focus: 4 };
  // SDL scancodes of the app's shortcuts (app.cpp): what a key the focused
  // element does not need passes on to.
  const SHORTCUTS = {
    ' ': [44, ''], s: [22, 's'], S: [22, 'S'], r: [21, 'r'], R: [21, 'R'], i: [12, 'i'], I: [12, 'I'],
    ArrowRight: [79, ''], ArrowLeft: [80, ''], Escape: [41, ''],
  };
  // Keys each kind of element needs for itself (the rest are shortcuts).
  const NEEDS = {
    button: new Set(['Enter', ' ']),
    checkbox: new Set([' ']),
    combobox: new Set(['Enter', ' ', 'ArrowDown', 'ArrowUp']),
    range: new Set(['ArrowRight', 'ArrowLeft', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'PageUp', 'PageDown']),
  };

  const css = document.createElement('style');
  css.textContent = `
    #pg-a11y { position: fixed; inset: 0; pointer-events: none; overflow: hidden; z-index: 3; }
    #pg-a11y .pg-ctl { position: absolute; margin: 0; padding: 0; border: 0; background: transparent;
                       color: transparent; font: 14px/1 sans-serif; opacity: 1; appearance: none;
                       -webkit-appearance: none; box-sizing: border-box; }
    #pg-a11y input.pg-ctl[type=range] { accent-color: transparent; }
    #pg-a11y input.pg-ctl[type=range]::-webkit-slider-thumb { opacity: 0; }
    #pg-a11y input.pg-ctl[type=range]::-webkit-slider-runnable-track { opacity: 0; }
    #pg-a11y input.pg-ctl[type=checkbox] { opacity: 0.001; }
    /* The focus ring: black inside a white halo, at least 3:1 against any background. */
    #pg-a11y .pg-ctl:focus { outline: 3px solid #111; outline-offset: 1px; box-shadow: 0 0 0 6px #fff; opacity: 1; }
    #pg-a11y input.pg-ctl[type=checkbox]:focus { opacity: 1; }
    #pg-a11y input.pg-ctl[type=text]:focus { background: #fff; color: #111; padding: 0 4px; font-size: 16px; }
    .pg-sr { position: absolute !important; width: 1px; height: 1px; padding: 0; margin: -1px; overflow: hidden;
             clip: rect(0 0 0 0); clip-path: inset(50%); white-space: nowrap; border: 0; }
    @media (prefers-reduced-motion: reduce) { #pg-a11y * { transition: none !important; animation: none !important; } }
  `;
  document.head.appendChild(css);

  const root = document.createElement('div');
  root.id = 'pg-a11y';
  root.innerHTML =
    '<h1 class="pg-sr">Neural network playground</h1>' +
    '<div id="pg-a11y-controls" role="group" aria-label="Controls"></div>' +
    '<section class="pg-sr" aria-labelledby="pg-net-title"><h2 id="pg-net-title">Network</h2><div id="pg-net"></div></section>' +
    '<section class="pg-sr" aria-labelledby="pg-out-title"><h2 id="pg-out-title">Output</h2><div id="pg-out"></div></section>' +
    '<div id="pg-live" class="pg-sr" role="status" aria-live="polite"></div>';
  const controlsBox = root.querySelector('#pg-a11y-controls');
  const live = root.querySelector('#pg-live');
  const els = new Map();   // control id -> element
  let controls = [];       // the last list the app sent
  let pending = 0;         // actions sent and not answered
  // What the layer costs (ui_time_bench.mjs prints it): ms in all, and calls.
  const stats = { describeMs: 0, describes: 0, updateMs: 0, updates: 0 };
  Object.defineProperty(window, 'playgroundA11yStats', { value: stats });
  let pendingFocus = null; // after an action: the id to focus once it is drawn ('@popup': the first choice of an open list)
  let diagramCurrent = null;  // the diagram's neuron or link that is its Tab stop

  const act = (kind, id, text = '') => {
    pending++;
    Module.ccall('pg_a11y_act', null, ['number', 'string', 'string'], [kind, id, String(text)]);
  };
  const say = (text) => {
    // A polite announcement: the region's text changes (the same text twice is said twice).
    live.textContent = live.textContent === text ? text + '\u00a0' : text;
  };
  Module.pgA11yResult = (id, error) => {
    pending = Math.max(0, pending - 1);
    if (error) {
      const c = controls.find((x) => x.id === id);
      say(`${c ? c.label : id} ${error}`);
    }
  };

  // ---- One element per control ------------------------------------------------------------
  const comboOf = (c) => {
    const m = /^(.*?)\.option\./.exec(c.id);
    return m && c.popup ? m[1] : null;
  };
  const roleOf = (c) => {
    if (comboOf(c)) return 'option';
    switch (c.kind) {
      case 'combo': return 'combobox';
      case 'slider': return c.range ? 'range' : 'text';
      case 'checkbox': return 'checkbox';
      case 'textField': return 'text';
      case 'text': return 'note';
      default: return 'button';
    }
  };
  const nameOf = (c) => {
    if ((c.kind === 'link' || c.kind === 'node' || c.kind === 'text') && c.value) return `${c.label}: ${c.value.replace(/\n/g, ', ')}`;
    if (c.kind === 'button' && /^(layers?|layer\.\d+)\.(add|remove)$/.test(c.id) && c.value) return `${c.label} (${c.value} now)`;
    return c.label || c.id;
  };

  function create(c, role) {
    let el;
    if (role === 'range' || role === 'text' || role === 'checkbox') {
      el = document.createElement('input');
      el.type = role;
      if (role === 'text') {
        el.autocomplete = 'off';
        el.spellcheck = false;
        el.inputMode = c.id === 'seed' ? 'text' : 'decimal';
      }
    } else if (role === 'combobox' || role === 'option' || role === 'note') {
      el = document.createElement('div');
      el.setAttribute('role', role);
      if (role !== 'note') el.tabIndex = role === 'combobox' ? 0 : -1;
      const span = document.createElement('span');
      span.className = 'pg-sr';
      el.appendChild(span);
    } else {
      el = document.createElement('button');
      el.type = 'button';
    }
    el.className = 'pg-ctl';
    el.dataset.id = c.id;
    el.dataset.role = role;
    wire(el, role);
    return el;
  }

  function wire(el, role) {
    const id = () => el.dataset.id;
    if (role === 'button' || role === 'option') {
      el.addEventListener('click', () => {
        const c = controls.find((x) => x.id === id());
        act(ACT.click, id());
        // A button that opens a list or a popup (Lessons, a link's weight): its first entry gets the focus.
        if (role === 'option') pendingFocus = comboOf(c) || null;
        else pendingFocus = '@popup';
      });
    } else if (role === 'checkbox') {
      el.addEventListener('click', () => act(ACT.click, id()));
    } else if (role === 'combobox') {
      const open = () => { act(ACT.click, id()); pendingFocus = '@popup'; };
      el.addEventListener('click', open);
      el.addEventListener('keydown', (e) => {
        if (['Enter', ' ', 'ArrowDown', 'ArrowUp'].includes(e.key)) { e.preventDefault(); open(); }
      });
    } else if (role === 'range') {
      el.addEventListener('change', () => act(ACT.slide, id(), el.value));
    } else if (role === 'text') {
      const commit = () => {
        if (el.value !== el.dataset.value) { act(ACT.type, id(), el.value); el.dataset.value = el.value; }
      };
      el.addEventListener('keydown', (e) => {
        if (e.key === 'Enter') { e.preventDefault(); commit(); }
        if (e.key === 'Escape') { el.value = el.dataset.value || ''; }
      });
      el.addEventListener('blur', commit);
    }
    el.addEventListener('focus', () => {
      if (el.dataset.diagram) diagramCurrent = id();
      act(ACT.focus, id());
    });
  }

  const attr = (el, name, value) => {
    if (value === null) { if (el.hasAttribute(name)) el.removeAttribute(name); }
    else if (el.getAttribute(name) !== value) el.setAttribute(name, value);
  };
  const text = (node, value) => { if (node.textContent !== value) node.textContent = value; };
  function update(c, el, role) {
    const name = nameOf(c);
    if (el.getAttribute('aria-label') !== name) el.setAttribute('aria-label', name);
    const r = c.rect;
    const geo = r.join(',');
    if (el.dataset.geo !== geo) {  // the DOM is touched only where something changed
      el.dataset.geo = geo;
      el.style.left = r[0] + 'px';
      el.style.top = r[1] + 'px';
      el.style.width = Math.max(r[2], 1) + 'px';
      el.style.height = Math.max(r[3], 1) + 'px';
    }
    const focused = document.activeElement === el;
    attr(el, 'aria-disabled', c.disabled ? 'true' : null);
    if (role === 'button') {
      attr(el, 'aria-pressed', c.value === 'true' || c.value === 'false' ? c.value : null);
    } else if (role === 'option') {
      attr(el, 'aria-selected', c.value === 'true' ? 'true' : 'false');
      text(el.firstChild, c.label);
    } else if (role === 'combobox') {
      text(el.firstChild, c.value);
      const listOpen = controls.some((x) => x.popup && comboOf(x) === c.id);
      attr(el, 'aria-expanded', listOpen ? 'true' : 'false');
      attr(el, 'aria-haspopup', 'listbox');
      attr(el, 'aria-controls', 'pg-list-' + c.id);
    } else if (role === 'note') {
      text(el.firstChild, c.value);
    } else if (role === 'checkbox') {
      if (el.checked !== (c.value === 'true')) el.checked = c.value === 'true';
    } else if (role === 'range') {
      const [lo, hi, step] = c.range;
      if (el.dataset.range !== c.range.join(',')) { el.dataset.range = c.range.join(','); el.min = lo; el.max = hi; el.step = step; }
      if (!(focused && pending > 0) && el.value !== c.value) el.value = c.value;
      attr(el, 'aria-valuetext', c.value);
    } else if (role === 'text') {
      // What the user is typing is theirs until Enter or leaving the field.
      if (!focused && el.value !== c.value) { el.value = c.value; el.dataset.value = c.value; }
      else if (el.dataset.value === undefined) el.dataset.value = c.value;
    }
  }

  // The choices of an open combo live in a listbox after the combo (reading order).
  const listboxes = new Map();
  function listboxFor(comboId, label) {
    let lb = listboxes.get(comboId);
    if (!lb) {
      lb = document.createElement('div');
      lb.setAttribute('role', 'listbox');
      lb.id = 'pg-list-' + comboId;
      lb.addEventListener('keydown', (e) => {
        const opts = [...lb.querySelectorAll('[role=option]')];
        const i = opts.indexOf(document.activeElement);
        if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const next = opts[Math.max(0, Math.min(opts.length - 1, i + (e.key === 'ArrowDown' ? 1 : -1)))];
          if (next) next.focus();
        } else if (e.key === 'Home' || e.key === 'End') {
          e.preventDefault();
          (e.key === 'Home' ? opts[0] : opts[opts.length - 1])?.focus();
        } else if (e.key === 'Enter' || e.key === ' ') {
          e.preventDefault();
          document.activeElement.click();
        } else if (e.key === 'Escape' || e.key === 'Tab') {
          if (e.key === 'Escape') e.preventDefault();
          act(ACT.close, comboId);
          if (e.key === 'Escape') els.get(comboId)?.focus();
        }
      });
      listboxes.set(comboId, lb);
    }
    lb.setAttribute('aria-label', label);
    return lb;
  }

  function render(list) {
    controls = list;
    const order = [];
    const seen = new Set();
    for (const c of list) {
      if (seen.has(c.id)) continue;  // ids are unique in a frame; a repeat is skipped, not doubled
      seen.add(c.id);
      const role = roleOf(c);
      let el = els.get(c.id);
      if (el && el.dataset.role !== role) { el.remove(); el = null; }
      if (!el) { el = create(c, role); els.set(c.id, el); }
      update(c, el, role);
      if (role === 'option') {
        const comboId = comboOf(c);
        const combo = list.find((x) => x.id === comboId);
        const lb = listboxFor(comboId, combo ? combo.label : comboId);
        if (el.parentNode !== lb) lb.appendChild(el);
        if (!order.includes(lb)) order.push(lb);
      } else {
        order.push(el);
      }
    }
    // The diagram is one Tab stop: its neurons and links take the focus in turn
    // with the arrows (roving tabindex), the last one focused keeps the stop.
    const diagram = list.filter((c) => c.kind === 'node' || c.kind === 'link');
    if (!diagram.some((c) => c.id === diagramCurrent)) diagramCurrent = diagram.length ? diagram[0].id : null;
    for (const c of diagram) {
      const el = els.get(c.id);
      if (el) { el.tabIndex = c.id === diagramCurrent ? 0 : -1; el.dataset.diagram = c.kind; }
    }
        // Controls no longer drawn leave (a closed list, a hidden control, a removed layer).
    const focusedId = document.activeElement && document.activeElement.dataset && document.activeElement.dataset.id;
    for (const [id, el] of els) if (!seen.has(id)) { el.remove(); els.delete(id); }
    for (const [id, lb] of listboxes) if (!lb.querySelector('[role=option]')) { lb.remove(); listboxes.delete(id); }
    // Reading order = drawing order; move only what is out of place (moving an element loses its focus).
    let prev = null;
    for (const el of order) {
      const want = prev ? prev.nextSibling : controlsBox.firstChild;
      if (want !== el) controlsBox.insertBefore(el, want);
      prev = el;
    }
    if (focusedId && !els.has(focusedId) && !document.activeElement.isConnected) {
      // The focused control went away (its list closed): its combo keeps the focus.
      const combo = els.get(focusedId.replace(/\.option\..*$/, ''));
      if (combo) combo.focus({ preventScroll: true });
    }
    if (pendingFocus && pending === 0) {
      let target = null;
      if (pendingFocus === '@popup') {
        const popup = list.filter((c) => c.popup);
        target = popup.find((c) => c.value === 'true' && comboOf(c)) || popup[0];
      } else {
        target = list.find((c) => c.id === pendingFocus);
      }
      if (target && els.get(target.id)) els.get(target.id).focus({ preventScroll: true });
      pendingFocus = null;
    }
  }

  let lastNotices = [];
  Module.pgA11yUpdate = (json) => {
    const t0 = performance.now();
    try { updateFrom(json); } finally { stats.updateMs += performance.now() - t0; stats.updates++; }
  };
  function updateFrom(json) {
    let data;
    try { data = JSON.parse(json); } catch (e) { return; }
    render(data.controls || []);
    const fresh = (data.notices || []).filter((n) => !lastNotices.includes(n));
    lastNotices = data.notices || [];
    if (fresh.length) say(fresh.join(' '));
  }

  // ---- Keys: the focused element's own, the rest are the app's shortcuts ------------------
  const needs = (el, key) => {
    if (!el || !el.dataset || !el.dataset.role) return new Set();
    const role = el.dataset.role;
    if (role === 'text' || role === 'option') return null;  // typing, or a list: every key is theirs
    return NEEDS[role === 'note' ? 'button' : role] || NEEDS.button;
  };
  // Arrows in the diagram: to the nearest neuron (links: Shift+arrows, the
  // nearest link) in that direction, as the eye would move.
  const DIRS = { ArrowRight: [1, 0], ArrowLeft: [-1, 0], ArrowDown: [0, 1], ArrowUp: [0, -1] };
  function diagramKey(e) {
    const el = e.target;
    const dir = DIRS[e.key];
    if (!el.dataset || !el.dataset.diagram || !dir) return false;
    const kind = e.shiftKey ? 'link' : 'node';
    const centre = (c) => [c.rect[0] + c.rect[2] / 2, c.rect[1] + c.rect[3] / 2];
    const here = controls.find((c) => c.id === el.dataset.id);
    if (!here) return false;
    const [x0, y0] = centre(here);
    let best = null, bestScore = Infinity;
    for (const c of controls) {
      if (c.kind !== kind || c.id === here.id) continue;
      const [x, y] = centre(c);
      const along = (x - x0) * dir[0] + (y - y0) * dir[1];
      if (along <= 1) continue;
      const across = Math.abs((x - x0) * dir[1]) + Math.abs((y - y0) * dir[0]);
      const score = along + 2 * across;
      if (score < bestScore) { bestScore = score; best = c; }
    }
    e.preventDefault();
    if (best && els.get(best.id)) {
      diagramCurrent = best.id;
      el.tabIndex = -1;
      els.get(best.id).tabIndex = 0;
      els.get(best.id).focus();
    }
    return true;
  }

  function onKey(e) {
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    if (diagramKey(e)) return;
    const shortcut = SHORTCUTS[e.key];
    if (!shortcut) return;
    const target = e.target;
    const inLayer = root.contains(target);
    if (!inLayer && target !== document.body && target !== document.documentElement) return;
    const own = inLayer ? needs(target, e.key) : new Set();
    if (own === null || own.has(e.key)) return;
    e.preventDefault();
    Module.ccall('pg_a11y_key', null, ['number', 'string'], shortcut);
  }
  document.addEventListener('keydown', onKey);

  // Tab on the canvas (after a click on it) goes on into the layer instead of
  // into ImGui's own field cycling, which a screen reader cannot follow; but
  // a field being edited on the canvas keeps Tab (it ends the edit there).
  function tabFromCanvas(e) {
    if (e.key !== 'Tab' || Module.pgTyping) return;  // while a field on the canvas is edited, Tab is its own
    const items = [...controlsBox.querySelectorAll('button, input, [role=combobox]')];
    if (!items.length) return;
    e.preventDefault();
    e.stopImmediatePropagation();
    (e.shiftKey ? items[items.length - 1] : items[0]).focus();
  }

  // ---- Text alternatives of the diagram and the output --------------------------------------
  const fmt = (v) => (typeof v !== 'number' || !isFinite(v) ? String(v)
    : Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-3) ? v.toExponential(3) : String(+v.toPrecision(4)));
  const esc = (s) => String(s).replace(/[&<>"]/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' }[ch]));
  const MAX_TABLE_WEIGHTS = 200;
  let lastDescribed = '';
  // What the descriptions cost (ui_time_bench.mjs prints it): ms in all, and calls.

  function describe() {
    const t0 = performance.now();
    try { describeNow(); } finally { stats.describeMs += performance.now() - t0; stats.describes++; }
  }
  function describeNow() {
    const api = window.playground;
    if (!api || !api.getState) return;
    const state = api.getState();
    const m = api.metrics();
    // While training, the numbers change all the time: every 10 s is enough to read them.
    const key = state + '|' + (m.playing ? Math.floor(performance.now() / 10000) : m.epoch);
    if (key === lastDescribed) return;
    lastDescribed = key;
    const st = Object.fromEntries(state.split('&').map((kv) => {
      const i = kv.indexOf('=');
      return [decodeURIComponent(kv.slice(0, i)), decodeURIComponent(kv.slice(i + 1))];
    }));
    // The network's size from the state and the drawn inputs: model() and
    // inspect() (whole matrices as JSON) are asked for only when the tables
    // are small enough to read; a 12 x 256 network's model file is megabytes.
    const hidden = (st.networkShape || '').split(',').filter(Boolean).map(Number);
    const nIn = Math.max(1, controls.filter((c) => /^input\./.test(c.id) && c.value === 'true').length || 2);
    const nOut = st.problem === 'multiclass' ? Number(st.numClasses || 3) : 1;
    const sizes = [nIn, ...hidden, nOut];
    const estimate = sizes.slice(1).reduce((n, u, i) => n + u * sizes[i], 0);
    const small = estimate <= MAX_TABLE_WEIGHTS;
    let model = null;
    if (small) try { model = JSON.parse(api.model()); } catch (e) { /* described without the weights */ }
    const layers = (model && model.layers) ||
      sizes.slice(1).map((u, i) => ({ units: u, activation: i < hidden.length ? (st.activation || '') : 'output' }));
    const net = [];
    const lab = st.inspect === 'true';
    let trace = null;
    if (lab && small) {
      try { const s = api.selected(); trace = api.inspect(s.x1, s.x2, s.label); } catch (e) { trace = null; }
    }
    const drawnInputs = controls.filter((c) => /^input\./.test(c.id) && c.value === 'true').map((c) => c.label);
    // The inputs as the diagram names them (X1, sin(X2)), else as the model file does.
    const inputs = drawnInputs.length && (!model || !model.inputs || model.inputs.length === drawnInputs.length)
      ? drawnInputs : model && model.inputs ? model.inputs : null;
    net.push(`<p>Inputs: ${inputs ? esc(inputs.join(', ')) : `${nIn} features`}.</p><ul>`);
    layers.forEach((L, l) => {
      const units = L.weights ? L.weights.length : L.units;
      const what = l === layers.length - 1 ? 'Output layer' : `Hidden layer ${l + 1}`;
      net.push(`<li>${what}: ${units} neuron${units === 1 ? '' : 's'}, activation ${esc(L.activation || '')}</li>`);
    });
    net.push('</ul>');
    const weights = model ? layers.reduce((n, L) => n + L.weights.length * (L.weights[0] || []).length, 0) : estimate;
    if (model && weights <= MAX_TABLE_WEIGHTS) {
      layers.forEach((L, l) => {
        const T = trace && trace.layers ? trace.layers[l] : null;
        const what = l === layers.length - 1 ? 'the output layer' : `hidden layer ${l + 1}`;
        if (T) {
          net.push(`<table><caption>Neurons of ${what} for the chosen example</caption>` +
                   '<tr><th scope="col">neuron</th><th scope="col">z</th><th scope="col">a</th><th scope="col">δ</th></tr>');
          T.z.forEach((z, o) => net.push(`<tr><th scope="row">${o + 1}</th><td>${fmt(z)}</td><td>${fmt(T.a[o])}</td><td>${fmt(T.delta[o])}</td></tr>`));
          net.push('</table>');
        }
        if (!L.weights || !L.weights.length) return;
        net.push(`<table><caption>Weights into ${what}</caption><tr><th scope="col">from</th><th scope="col">to</th>` +
                 `<th scope="col">w</th>${T ? '<th scope="col">∂E/∂w</th>' : ''}</tr>`);
        L.weights.forEach((row, o) => row.forEach((w, i) => {
          const g = T && T.grad_weights ? `<td>${fmt(T.grad_weights[o][i])}</td>` : '';
          net.push(`<tr><td>${l === 0 && inputs ? esc(inputs[i]) : 'neuron ' + (i + 1)}</td><td>neuron ${o + 1}</td><td>${fmt(w)}</td>${g}</tr>`);
        }));
        net.push('</table>');
      });
    } else if (layers.length) {
      net.push(`<p>${weights.toLocaleString('en-US')} weights: too many to list here; the lab's weight table shows one layer at a time.</p>`);
    }
    root.querySelector('#pg-net').innerHTML = net.join('');
    const out = [];
    const pct = (v) => (typeof v === 'number' && isFinite(v) ? (v * 100).toFixed(1) + ' %' : 'none');
    out.push(`<p>Dataset ${esc(st.dataset || '')}, problem ${esc(st.problem || 'classification')}` +
             `${st.problem === 'multiclass' ? `, ${esc(st.numClasses || '')} classes` : ''}.</p>`);
    out.push(`<p>Epoch ${m.epoch.toLocaleString('en-US')}${m.playing ? ', training' : ''}: training loss ${fmt(m.trainLoss)}, ` +
             `test loss ${m.testLoss === null ? 'none' : fmt(m.testLoss)}` +
             `${st.problem === 'regression' ? '' : `, test accuracy ${pct(m.accuracy)}`}.</p>`);
    if (trace) {
      const s = api.selected();
      out.push(`<p>Chosen example: x₁ = ${fmt(s.x1)}, x₂ = ${fmt(s.x2)}, label ${fmt(s.label)}; output ${esc((trace.output || []).map(fmt).join(', '))}, ` +
               `loss ${fmt(trace.loss)}.</p>`);
    }
    root.querySelector('#pg-out').innerHTML = out.join('');
  }

  // ---- The live region: training started, progress every 5 s, paused, notices -------------
  let wasPlaying = false, lastProgress = 0, lastDivergence = '';
  function tick() {
    const api = window.playground;
    if (!api || !api.metrics) return;
    const m = api.metrics();
    const loss = m.testLoss === null || m.testLoss === undefined ? '' : `, test loss ${fmt(m.testLoss)}`;
    const now = Date.now();
    if (m.playing && !wasPlaying) { say('Training started'); lastProgress = now; }
    else if (!m.playing && wasPlaying) say(`Paused at epoch ${m.epoch.toLocaleString('en-US')}${loss}`);
    else if (m.playing && now - lastProgress >= 5000) { say(`epoch ${m.epoch.toLocaleString('en-US')}${loss}`); lastProgress = now; }
    wasPlaying = m.playing;
    if (m.divergence && m.divergence !== lastDivergence) say(m.divergence);
    lastDivergence = m.divergence || '';
  }

  function start() {
    const app = document.getElementById('app') || document.body;
    app.appendChild(root);
    // Focusing an element beyond the window would scroll the layer (its
    // overflow is hidden, not unscrollable) away from the canvas under it: the
    // app scrolls its own panel instead (ACT.focus), and the layer stays put.
    root.addEventListener('scroll', () => { root.scrollTop = 0; root.scrollLeft = 0; });
    controlsBox.addEventListener('scroll', () => { controlsBox.scrollTop = 0; controlsBox.scrollLeft = 0; });
    const canvas = document.getElementById('canvas');
    if (canvas) {
      canvas.tabIndex = -1;  // the layer's controls are the Tab stops; a click still focuses the canvas
      canvas.setAttribute('role', 'img');
      canvas.setAttribute('aria-label', 'The playground: network diagram, data and output plots. ' +
                          'Its controls follow; the Network and Output sections describe the pictures.');
      canvas.addEventListener('keydown', tabFromCanvas, true);
    }
    Module.ccall('pg_a11y_enable', null, ['number'], [1]);
    setInterval(tick, 500);
    setInterval(describe, 2000);
    describe();
  }
  if (window.playground && window.playground.ready) window.playground.ready.then(start);
})();
