// The playground as a SCORM course module: when the page runs inside a
// learning platform (Moodle, Canvas, Blackboard, Brightspace, Open edX…) that
// gives a SCORM 1.2 `API` or SCORM 2004 `API_1484_11` object in a parent or
// opener window, the open lesson's results reach the platform:
//   - Initialize at start; on a return visit (suspend_data present) the
//     progress saved there is restored (goals met, answers, hints, setup);
//   - status: incomplete until the lesson passes, then passed (1.2:
//     cmi.core.lesson_status; 2004: cmi.completion_status = completed and
//     cmi.success_status = passed);
//   - score: goals met / goals, as raw (0–100, min 0, max 100) and, in 2004,
//     scaled (0–1);
//   - suspend_data: playground.lessonProgress() as JSON (the setup is left out
//     when it would pass SCORM 1.2's 4,096 characters);
//   - Commit on every change (a goal met, an answer, a hint, the setup), and
//     Finish / Terminate when the page goes away (exit = suspend, so that the
//     next launch resumes).
// No platform found: nothing happens. Runs beside playground-api.js (and is
// inlined with it into the one-file page by web/make_single_html.mjs).
(function () {
  'use strict';

  // The standard search (ADL's): up the parents, at most 7 levels, then the
  // opener's. A cross-origin window throws on access: it has no API for us.
  function search(win, name) {
    for (let level = 0; win && level <= 7; level++) {
      try { if (win[name]) return win[name]; } catch (e) { return null; }
      if (!win.parent || win.parent === win) break;
      win = win.parent;
    }
    return null;
  }
  function find(name) {
    return search(window, name) || (window.opener ? search(window.opener, name) : null);
  }

  const api2004 = find('API_1484_11');
  const api12 = api2004 ? null : find('API');
  if (!api2004 && !api12) return;

  const v2004 = !!api2004;
  const lms = v2004 ? {
    init: () => api2004.Initialize(''),
    get: (k) => api2004.GetValue(k),
    set: (k, v) => api2004.SetValue(k, String(v)),
    commit: () => api2004.Commit(''),
    finish: () => api2004.Terminate(''),
  } : {
    init: () => api12.LMSInitialize(''),
    get: (k) => api12.LMSGetValue(k),
    set: (k, v) => api12.LMSSetValue(k, String(v)),
    commit: () => api12.LMSCommit(''),
    finish: () => api12.LMSFinish(''),
  };
  const SUSPEND_LIMIT = v2004 ? 64000 : 4096;
  const key = v2004
    ? { status: null, suspend: 'cmi.suspend_data', raw: 'cmi.score.raw', min: 'cmi.score.min', max: 'cmi.score.max',
        exit: 'cmi.exit', entry: 'cmi.entry' }
    : { status: 'cmi.core.lesson_status', suspend: 'cmi.suspend_data', raw: 'cmi.core.score.raw',
        min: 'cmi.core.score.min', max: 'cmi.core.score.max', exit: 'cmi.core.exit', entry: 'cmi.core.entry' };

  let open = false;
  const scorm = { version: v2004 ? '2004' : '1.2', lastReport: null };
  window.playgroundScorm = scorm;  // for tests and curious teachers: what was reported last

  function report() {
    if (!open) return;
    const pg = window.playground;
    const status = pg.lessonStatus();
    if (!status) return;
    const raw = Math.round(status.score * 100);
    lms.set(key.min, 0);
    lms.set(key.max, 100);
    lms.set(key.raw, raw);
    if (v2004) {
      lms.set('cmi.score.scaled', status.score);
      lms.set('cmi.completion_status', status.passed ? 'completed' : 'incomplete');
      lms.set('cmi.success_status', status.passed ? 'passed' : 'unknown');
    } else {
      lms.set(key.status, status.passed ? 'passed' : 'incomplete');
    }
    let progress = JSON.stringify(pg.lessonProgress());
    if (progress.length > SUSPEND_LIMIT) progress = JSON.stringify({ ...pg.lessonProgress(), state: undefined });
    if (progress.length <= SUSPEND_LIMIT) lms.set(key.suspend, progress);
    lms.set(key.exit, 'suspend');
    lms.commit();
    scorm.lastReport = { raw, passed: status.passed, score: status.score };
  }

  function finish() {
    if (!open) return;
    report();
    open = false;
    lms.finish();
  }

  window.playground.ready.then((pg) => {
    if (String(lms.init()) !== 'true') {
      console.warn('playground: the learning platform refused to initialize SCORM');
      return;
    }
    open = true;
    const saved = lms.get(key.suspend);
    if (saved) {
      try { pg.restoreProgress(JSON.parse(saved)); } catch (e) { console.warn('playground: suspend_data not restored: ' + e.message); }
    }
    report();
    pg.on('progress', report);
    pg.on('goal', report);
    pg.on('lesson', report);
    pg.on('state', report);
    window.addEventListener('pagehide', finish);
    window.addEventListener('beforeunload', finish);
  });
})();
