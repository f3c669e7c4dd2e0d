// window.playground: the page's JavaScript API over the WebAssembly app.
//   playground.ready    Promise, resolved after the first frame is drawn
//   playground.version  the app's version string (known once ready)
(function () {
  'use strict';
  const statusEl = () => document.getElementById('status');
  const statusText = (t) => { const el = document.getElementById('status-text'); if (el) el.textContent = t; };

  let resolveReady, rejectReady;
  const api = {
    ready: new Promise((resolve, reject) => { resolveReady = resolve; rejectReady = reject; }),
    version: null,
  };
  window.playground = api;

  function fail(message) {
    const el = statusEl();
    if (el) { el.classList.add('error'); el.style.display = 'flex'; }
    statusText('The playground could not start: ' + message);
    rejectReady(new Error(message));
  }

  // Emscripten reads this object before it starts.
  window.Module = {
    canvas: document.getElementById('canvas'),
    print: (text) => console.log(text),
    printErr: (text) => console.error(text),
    setStatus: (text) => { if (text) statusText(text); },
    onAbort: (what) => fail(String(what)),
    pgOnReady: () => {
      api.version = Module.ccall('pg_version', 'string', [], []);
      const el = statusEl();
      if (el) el.style.display = 'none';
      resolveReady(api);
    },
  };
  if (typeof WebGL2RenderingContext === 'undefined') fail('this browser has no WebGL2.');
  window.addEventListener('error', (e) => { if (!api.version) fail(e.message || 'a script failed to load'); });
  // Clicking the canvas gives it the keyboard (keys go to the canvas only).
  document.addEventListener('DOMContentLoaded', () => {
    const c = document.getElementById('canvas');
    c.addEventListener('pointerdown', () => c.focus());
  });
})();
