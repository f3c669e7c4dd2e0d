#include "accessible_layer.h"

#include "text_field.h"
#include "ui/controls.h"

#include <SDL.h>
#include <imgui_internal.h>  // the active text field's state, the open popups (ImGui 1.86 has no public API)

#include <nlohmann/json.hpp>

#include <cfloat>
#include <chrono>
#include <deque>
#include <string>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

EM_JS(void, pg_js_a11y_update, (const char* json), {
    if (Module.pgA11yUpdate) Module.pgA11yUpdate(UTF8ToString(json));
});
EM_JS(void, pg_js_a11y_typing, (int typing), { Module.pgTyping = !!typing; });
EM_JS(void, pg_js_a11y_result, (const char* id, const char* error), {
    if (Module.pgA11yResult) Module.pgA11yResult(UTF8ToString(id), UTF8ToString(error));
});
#endif

namespace pgapp {
namespace {

enum class Act { kClick = 0, kType = 1, kSlide = 2, kClose = 3, kFocus = 4 };

struct Action {
    Act act = Act::kClick;
    std::string id;
    std::string text;
};

// The list's refresh: four times a second for two seconds after the user did
// something (a click, a key, the layer's own actions: the layout may change),
// once a second otherwise (training changes only the numbers).
constexpr Uint32 kBusySampleMs = 250, kIdleSampleMs = 1000, kBusyForMs = 2000;
constexpr int kMaxWaitFrames = 6;   // for a control to appear, scroll into view or start editing

struct Layer {
    bool enabled = false;
    std::deque<Action> actions;
    int phase = 0;      // of the first action: 0 find, 1 release, 2 type, 3 Enter
    int waited = 0;     // frames waited in this phase
    ImVec2 at;          // where the click goes (the control's centre)
    Uint32 last_sample = 0;
    Uint32 last_activity = 0;
    ImVec2 last_mouse;
    int extra_samples = 0;  // frames to record after an action (its effect shows at once)
    bool close_lists = false;
    bool sampled = false;  // this frame records the list
    bool typing = false;   // an ImGui text field is being edited (Tab is its own)
    std::string last_sent;
    double publish_ms = 0;
    long samples = 0, publishes = 0;
};
Layer g_layer;

void finish(const char* error) {
#ifdef __EMSCRIPTEN__
    pg_js_a11y_result(g_layer.actions.front().id.c_str(), error);
#else
    (void)error;
#endif
    g_layer.actions.pop_front();
    g_layer.phase = 0;
    g_layer.waited = 0;
    g_layer.extra_samples = 3;
}

// One step of the first action. The mouse is ImGui's for this frame only:
// the next frame the backend reads the real mouse again.
void play(ImGuiIO& io, ControlList& list) {
    Action& a = g_layer.actions.front();
    switch (a.act) {
        case Act::kClose:
            g_layer.close_lists = true;
            finish("");
            return;
        case Act::kFocus:
            list.scroll_into_view(a.id);
            finish("");
            return;
        default: break;
    }
    if (g_layer.phase == 0) {
        const ControlEntry* e = list.find(a.id);
        if (!e || !e->visible) {
            // Not drawn last frame (the list was not recorded, or a list just
            // opened), or scrolled out of its panel: ask its panel to show it.
            if (e) list.scroll_into_view(a.id);
            if (++g_layer.waited > kMaxWaitFrames) finish(e ? "is not in view" : "is not on the page");
            return;
        }
        if (e->disabled) { finish("is disabled"); return; }
        g_layer.at = ImVec2((e->min.x + e->max.x) * 0.5f, (e->min.y + e->max.y) * 0.5f);
        io.MousePos = g_layer.at;
        io.MouseDown[0] = true;
        io.KeyCtrl = a.act == Act::kSlide;  // Ctrl+click: the slider becomes a text field
        g_layer.phase = 1;
        g_layer.waited = 0;
        return;
    }
    if (g_layer.phase == 1) {
        io.MousePos = g_layer.at;
        io.MouseDown[0] = false;
        io.KeyCtrl = (SDL_GetModState() & KMOD_CTRL) != 0;
        if (a.act == Act::kClick) finish("");
        else g_layer.phase = 2;
        return;
    }
    if (g_layer.phase == 2) {
        if (!ImGui::GetInputTextState(ImGui::GetActiveID())) {
            if (++g_layer.waited > kMaxWaitFrames) finish("did not start editing");
            return;
        }
        replace_active_text(io, a.text.c_str());
        g_layer.phase = 3;
        return;
    }
    push_key_event(SDL_SCANCODE_RETURN, false);  // ends the edit as Enter does
    finish("");
}

}  // namespace

void accessible_layer_pre_frame(ImGuiIO& io, ControlList& list) {
    if (!g_layer.enabled) {
        list.set_sampling(false);
        return;
    }
    if (io.WantTextInput != g_layer.typing) {
        g_layer.typing = io.WantTextInput;
#ifdef __EMSCRIPTEN__
        pg_js_a11y_typing(g_layer.typing ? 1 : 0);
#endif
    }
    const Uint32 now = SDL_GetTicks();
    const bool busy = !g_layer.actions.empty();
    bool input = busy || io.MouseWheel != 0 || !io.InputQueueCharacters.empty() ||
                 io.MousePos.x != g_layer.last_mouse.x || io.MousePos.y != g_layer.last_mouse.y;
    for (bool down : io.MouseDown) input = input || down;
    for (bool down : io.KeysDown) input = input || down;
    g_layer.last_mouse = io.MousePos;
    if (input) g_layer.last_activity = now;
    const Uint32 every = now - g_layer.last_activity < kBusyForMs ? kBusySampleMs : kIdleSampleMs;
    g_layer.sampled = busy || g_layer.extra_samples > 0 || now - g_layer.last_sample >= every;
    if (g_layer.sampled) {
        if (!busy && g_layer.extra_samples > 0) --g_layer.extra_samples;
        g_layer.last_sample = now;
    }
    // The action plays on the list recorded last frame, before this frame clears it.
    if (busy) play(io, list);
    list.set_sampling(g_layer.sampled || !g_layer.actions.empty());
}

void accessible_layer_after_new_frame() {
    if (!g_layer.close_lists) return;
    g_layer.close_lists = false;
    if (!GImGui->OpenPopupStack.empty()) ImGui::ClosePopupToLevel(0, true);
}

void accessible_layer_publish(const ControlList& list, const std::vector<std::string>& notices) {
    if (!g_layer.enabled || !g_layer.sampled) return;
    ++g_layer.samples;
    const auto t0 = std::chrono::steady_clock::now();
    std::string text = "{\"controls\":";
    text.reserve(g_layer.last_sent.size() + 256);
    list.write_json(text);
    text += ",\"notices\":" + nlohmann::ordered_json(notices).dump() + "}";
    if (text == g_layer.last_sent) return;
#ifdef __EMSCRIPTEN__
    pg_js_a11y_update(text.c_str());
#endif
    g_layer.last_sent = std::move(text);
    ++g_layer.publishes;
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    g_layer.publish_ms = g_layer.publish_ms * 0.8 + ms * 0.2;
}

double accessible_layer_publish_ms() { return g_layer.publish_ms; }
long accessible_layer_samples() { return g_layer.samples; }
long accessible_layer_publishes() { return g_layer.publishes; }

}  // namespace pgapp

#ifdef __EMSCRIPTEN__
extern "C" {
// The page's layer is there (playground-a11y.js), or not (?a11y=off).
EMSCRIPTEN_KEEPALIVE void pg_a11y_enable(int on) {
    pgapp::g_layer.enabled = on != 0;
    pgapp::g_layer.last_sent.clear();
    pgapp::g_layer.extra_samples = 2;
}
// What an element of the layer asks: 0 click, 1 type `text` into the field,
// 2 set the slider to `text`, 3 close the open lists, 4 it has the focus
// (its control scrolls into view). Unknown or failed actions answer through
// Module.pgA11yResult(id, error).
EMSCRIPTEN_KEEPALIVE void pg_a11y_act(int act, const char* id, const char* text) {
    if (act < 0 || act > 4 || !id) return;
    if (pgapp::g_layer.actions.size() >= 16) return;  // a held key must not queue forever
    pgapp::g_layer.actions.push_back({pgapp::Act(act), id, text ? text : ""});
}
// A key the focused element does not need (the app's shortcuts: Space, s,
// r, i, the arrows in the lab): an SDL scancode and the text it types.
EMSCRIPTEN_KEEPALIVE void pg_a11y_key(int scancode, const char* text) {
    pgapp::push_key_event(scancode, false, text);
}
}
#endif
