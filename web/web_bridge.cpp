#include "web_bridge.h"

#include <cstdio>
#include <string>

#include "app.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// Calls into site/playground-api.js, which owns window.playground.
EM_JS(void, pg_js_ready, (), {
    if (Module.pgOnReady) Module.pgOnReady();
});
EM_JS(void, pg_js_state_changed, (const char* state), {
    if (Module.pgOnStateChanged) Module.pgOnStateChanged(UTF8ToString(state));
});
EM_JS(void, pg_js_epoch, (int epoch), {
    if (Module.pgOnEpoch) Module.pgOnEpoch(epoch);
});
EM_JS(void, pg_js_pick_csv, (), {
    if (Module.pgPickCsv) Module.pgPickCsv();
});
EM_JS(void, pg_js_save_file, (const char* name, const char* text), {
    if (Module.pgSaveFile) Module.pgSaveFile(UTF8ToString(name), UTF8ToString(text));
});
#endif

namespace pgapp {
namespace {

App* g_app = nullptr;

// JSON string literal of `s`.
std::string quote(const std::string& s) {
    std::string out = "\"";
    for (unsigned char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\n': out += "\\n"; break;
            case '\r': out += "\\r"; break;
            case '\t': out += "\\t"; break;
            default:
                if (c < 0x20) {
                    char buf[8];
                    std::snprintf(buf, sizeof buf, "\\u%04x", c);
                    out += buf;
                } else {
                    out += char(c);
                }
        }
    }
    return out + "\"";
}

std::string json_array(const std::vector<std::string>& items) {
    std::string out = "[";
    for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + quote(items[i]);
    return out + "]";
}

// A JSON number; non-finite values become null.
std::string number(double v) {
    if (!(v == v) || v > 1e308 || v < -1e308) return "null";
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// Returned strings live here until the next call (JavaScript copies them at once).
std::string g_result;

}  // namespace

void bridge_attach(App* app) {
    g_app = app;
#ifdef __EMSCRIPTEN__
    if (app) {
        app->on_state_changed = [](const std::string& s) { pg_js_state_changed(s.c_str()); };
        app->on_epoch = [](int epoch) { pg_js_epoch(epoch); };
        app->on_pick_csv = [] { pg_js_pick_csv(); };
        app->on_save_file = [](const std::string& name, const std::string& text) {
            pg_js_save_file(name.c_str(), text.c_str());
        };
    }
#endif
}

void bridge_notify_ready() {
#ifdef __EMSCRIPTEN__
    pg_js_ready();
#endif
}

}  // namespace pgapp

#ifdef __EMSCRIPTEN__
// Exported to JavaScript (ccall in site/playground-api.js).
extern "C" {

EMSCRIPTEN_KEEPALIVE const char* pg_version() { return PG_VERSION; }

EMSCRIPTEN_KEEPALIVE const char* pg_get_state() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->state_string() : "";
    return pgapp::g_result.c_str();
}

// Returns the notices as a JSON array of strings.
EMSCRIPTEN_KEEPALIVE const char* pg_set_state(const char* text) {
    pgapp::g_result = pgapp::g_app ? pgapp::json_array(pgapp::g_app->set_state(text ? text : "")) : "[]";
    return pgapp::g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE void pg_play() { if (pgapp::g_app) pgapp::g_app->play(); }
EMSCRIPTEN_KEEPALIVE void pg_pause() { if (pgapp::g_app) pgapp::g_app->pause(); }
EMSCRIPTEN_KEEPALIVE int pg_step(int epochs) { return pgapp::g_app ? pgapp::g_app->step(epochs) : 0; }
EMSCRIPTEN_KEEPALIVE void pg_reset() { if (pgapp::g_app) pgapp::g_app->reset(); }

EMSCRIPTEN_KEEPALIVE const char* pg_metrics() {
    if (!pgapp::g_app) return "{}";
    const pgapp::Metrics m = pgapp::g_app->metrics();
    using pgapp::number;
    pgapp::g_result = "{\"epoch\":" + std::to_string(m.epoch) + ",\"trainLoss\":" + number(m.train_loss) +
                      ",\"testLoss\":" + number(m.test_loss) + ",\"accuracy\":" + number(m.accuracy) +
                      ",\"epochsPerSecond\":" + number(m.epochs_per_second) + ",\"frameMs\":" + number(m.frame_ms) +
                      ",\"trainMs\":" + number(m.train_ms) + ",\"heatmapMs\":" + number(m.heatmap_ms) +
                      ",\"uiMs\":" + number(m.ui_ms) +
                      ",\"playing\":" + (m.playing ? "true" : "false") +
                      ",\"divergence\":" + (m.divergence.empty() ? "null" : pgapp::quote(m.divergence)) + "}";
    return pgapp::g_result.c_str();
}

// Returns "" or the error naming the line.
EMSCRIPTEN_KEEPALIVE const char* pg_load_csv(const char* text) {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->load_csv(text ? text : "") : "not running";
    return pgapp::g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* pg_data_csv() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->data_csv() : "";
    return pgapp::g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* pg_visible_controls() {
    pgapp::g_result = pgapp::g_app ? pgapp::json_array(pgapp::g_app->visible_controls()) : "[]";
    return pgapp::g_result.c_str();
}

}  // extern "C"
#endif
