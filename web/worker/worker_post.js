// The Web Worker's side of training off the frame (web/training_worker.h),
// appended to the worker module's Emscripten glue (--post-js). The page sends
//   {type: 'start', gen, bytes}  a run image: adopt it and train
//   {type: 'want', gen}          send the progress of run `gen` when the slice ends
//   {type: 'stop'}               stop training
// and receives {type: 'ready'}, {type: 'progress', gen, bytes} and
// {type: 'error', message}. Training runs in slices of a few milliseconds;
// between two, the worker reads its messages (a MessageChannel to itself
// yields to them without setTimeout's 4 ms clamp).
var pgRun = { gen: 0, running: false, wanted: false, scheduled: false };
var pgTick = new MessageChannel();
var PG_SLICE_MS = 4;

function pgSchedule() {
  if (pgRun.scheduled) return;
  pgRun.scheduled = true;
  pgTick.port2.postMessage(0);
}

function pgSendProgress() {
  var size = _pgw_progress();
  var data = _pgw_progress_data();
  var copy = HEAPU8.slice(data, data + size);
  postMessage({ type: 'progress', gen: pgRun.gen, bytes: copy.buffer }, [copy.buffer]);
}

pgTick.port1.onmessage = function () {
  pgRun.scheduled = false;
  if (!pgRun.running) return;
  _pgw_train(PG_SLICE_MS);
  var stopped = !_pgw_training();  // diverged: the page learns it unasked
  if (pgRun.wanted || stopped) {
    pgRun.wanted = false;
    pgSendProgress();
  }
  if (stopped) pgRun.running = false;
  else pgSchedule();
};

self.onmessage = function (e) {
  var m = e.data;
  if (m.type === 'start') {
    var bytes = new Uint8Array(m.bytes);
    var p = _malloc(bytes.length || 1);
    HEAPU8.set(bytes, p);
    var ok = _pgw_start(p, bytes.length);
    _free(p);
    pgRun.gen = m.gen;
    pgRun.wanted = false;
    pgRun.running = !!ok;
    if (!ok) postMessage({ type: 'error', message: 'Training worker: ' + UTF8ToString(_pgw_error()) });
    else pgSchedule();
  } else if (m.type === 'stop') {
    pgRun.running = false;
    pgRun.wanted = false;
  } else if (m.type === 'want') {
    if (m.gen === pgRun.gen && pgRun.running) pgRun.wanted = true;
  }
};
