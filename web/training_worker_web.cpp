// The page's training worker: a Web Worker running playground-worker.js, a
// second, engine-only WebAssembly module (web/worker/), with its own copy of
// the run (see training_worker.h). Messages carry bytes (transferred
// ArrayBuffers), never shared memory, so no cross-origin isolation is needed.
// The one-file page carries the worker's script inside it
// (<script type="text/plain" id="pg-worker-source">, make_single_html.mjs) and
// starts it from a Blob URL; the site loads playground-worker.js beside it.
#ifdef __EMSCRIPTEN__
#include <emscripten.h>

#include <cstdint>
#include <deque>
#include <string>
#include <utility>

#include "training_worker.h"

namespace pgapp {
namespace {

// The one worker of the page (the app makes one) and what it sent.
struct WebWorkerState {
    bool ready = false, failed = false;
    std::deque<std::pair<uint32_t, std::string>> inbox;
    std::string error;
} g_worker;

}  // namespace
}  // namespace pgapp

extern "C" {
EMSCRIPTEN_KEEPALIVE void pg_worker_ready() { pgapp::g_worker.ready = true; }
EMSCRIPTEN_KEEPALIVE void pg_worker_failed() { pgapp::g_worker.failed = true; }
EMSCRIPTEN_KEEPALIVE void pg_worker_error(const char* message) { pgapp::g_worker.error = message ? message : "?"; }
EMSCRIPTEN_KEEPALIVE void pg_worker_progress(uint32_t generation, const char* bytes, int size) {
    pgapp::g_worker.inbox.emplace_back(generation, std::string(bytes, size_t(size)));
}
}

// Starts the worker; 0 if this page cannot (no Worker, a refused URL).
EM_JS(int, pg_js_worker_create, (), {
    try {
        var source = document.getElementById('pg-worker-source');
        var url = source ? URL.createObjectURL(new Blob([source.textContent], {type: 'text/javascript'}))
                         : 'playground-worker.js';
        var worker = new Worker(url);
        Module.pgWorker = worker;
        worker.onmessage = function(e) {
            var m = e.data;
            if (m.type === 'ready') {
                _pg_worker_ready();
            } else if (m.type === 'progress') {
                var bytes = new Uint8Array(m.bytes);
                var p = _malloc(bytes.length || 1);
                HEAPU8.set(bytes, p);
                _pg_worker_progress(m.gen, p, bytes.length);
                _free(p);
            } else if (m.type === 'error') {
                var n = (m.message.length << 2) + 1;
                var s = _malloc(n);
                stringToUTF8(m.message, s, n);
                _pg_worker_error(s);
                _free(s);
            }
        };
        // The script did not load or threw: frames train instead. Not an error
        // of the page (preventDefault keeps it off the console).
        worker.onerror = function(e) {
            if (e && e.preventDefault) e.preventDefault();
            _pg_worker_failed();
        };
        return 1;
    } catch (e) {
        return 0;
    }
});

EM_JS(void, pg_js_worker_start, (uint32_t generation, const char* bytes, int size), {
    var copy = HEAPU8.slice(bytes, bytes + size);
    Module.pgWorker.postMessage({type: 'start', gen: generation, bytes: copy.buffer}, [copy.buffer]);
});

// kind: 0 stop, 1 want.
EM_JS(void, pg_js_worker_post, (int kind, uint32_t generation), {
    Module.pgWorker.postMessage({type: kind === 0 ? 'stop' : 'want', gen: generation});
});

namespace pgapp {
namespace {

class WebWorker final : public TrainingWorker {
public:
    WebWorker() {
        if (!pg_js_worker_create()) g_worker.failed = true;
    }
    bool ready() const override { return g_worker.ready && !g_worker.failed; }
    bool failed() const override { return g_worker.failed; }
    const char* where() const override { return "a Web Worker"; }
    void start(uint32_t generation, std::string run) override {
        g_worker.inbox.clear();
        pg_js_worker_start(generation, run.data(), int(run.size()));
    }
    void stop() override {
        g_worker.inbox.clear();
        pg_js_worker_post(0, 0);
    }
    void want(uint32_t generation) override { pg_js_worker_post(1, generation); }
    bool take_progress(uint32_t& generation, std::string& bytes) override {
        if (g_worker.inbox.empty()) return false;
        generation = g_worker.inbox.front().first;
        bytes = std::move(g_worker.inbox.front().second);
        g_worker.inbox.pop_front();
        return true;
    }
    std::string take_error() override { return std::exchange(g_worker.error, std::string()); }
};

}  // namespace

std::unique_ptr<TrainingWorker> make_training_worker() { return std::make_unique<WebWorker>(); }

}  // namespace pgapp
#endif
