// The worker module's first words (--pre-js): tell the page when the engine
// can take a run (worker_post.js handles the rest).
Module['onRuntimeInitialized'] = function () { postMessage({ type: 'ready' }); };
