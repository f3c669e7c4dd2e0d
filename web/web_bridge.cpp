#include "web_bridge.h"

#include "app.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// Calls into site/playground-api.js, which owns window.playground.
EM_JS(void, pg_js_ready, (), {
    if (Module.pgOnReady) Module.pgOnReady();
});
#endif

namespace pgapp {
namespace {
App* g_app = nullptr;
}

void bridge_attach(App* app) { g_app = app; }

void bridge_notify_ready() {
#ifdef __EMSCRIPTEN__
    pg_js_ready();
#endif
}

}  // namespace pgapp

#ifdef __EMSCRIPTEN__
// Exported to JavaScript (ccall/cwrap in site/playground-api.js).
extern "C" {

EMSCRIPTEN_KEEPALIVE const char* pg_version() { return PG_VERSION; }

}  // extern "C"
#endif
