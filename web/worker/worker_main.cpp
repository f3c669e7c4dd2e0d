// playground-worker.js: the engine alone, for the page's Web Worker (see
// web/training_worker.h). worker_post.js receives the page's messages and
// calls these; the module has no SDL, GL or ImGui.
#include <emscripten.h>

#include <string>

#include "worker_core.h"

namespace {
pgapp::WorkerCore g_core;
std::string g_progress, g_error;
}  // namespace

extern "C" {
// Adopts a run image; 0 on error (pgw_error() says why).
EMSCRIPTEN_KEEPALIVE int pgw_start(const char* bytes, int size) {
    g_error = g_core.start(std::string_view(bytes, size_t(size)));
    return g_error.empty() ? 1 : 0;
}
EMSCRIPTEN_KEEPALIVE const char* pgw_error() { return g_error.c_str(); }
EMSCRIPTEN_KEEPALIVE void pgw_train(double ms) { g_core.train_for(ms); }
EMSCRIPTEN_KEEPALIVE int pgw_training() { return g_core.training() ? 1 : 0; }
// The progress since the last call: its size, then its bytes at pgw_progress_data().
EMSCRIPTEN_KEEPALIVE int pgw_progress() {
    g_progress = g_core.progress();
    return int(g_progress.size());
}
EMSCRIPTEN_KEEPALIVE const char* pgw_progress_data() { return g_progress.data(); }
}
