#include "text_field.h"

#include <imgui_internal.h>  // the active field's state and caret (ImGui 1.86 has no public API for them)

#include <SDL.h>

#include <cstdio>
#include <string>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// The DOM input lives in #app over the canvas (the same CSS coordinates).
// 16 px text: iOS zooms into a focused input with smaller text.
EM_JS(void, pg_js_text_field_show, (double x, double y, double w, double h, int number, const char* value, int fresh), {
    let el = Module.pgTextField;
    if (!el) {
        el = document.createElement('input');
        el.id = 'pg-text-field';
        el.type = 'text';
        el.autocomplete = 'off';
        el.setAttribute('autocapitalize', 'off');
        el.spellcheck = false;
        el.setAttribute('aria-label', 'value being edited');
        el.style.cssText = 'position:absolute;z-index:5;opacity:0.01;font-size:16px;border:0;padding:0;margin:0;' +
                           'background:transparent;color:transparent;caret-color:transparent;outline:none';
        (document.getElementById('app') || document.body).appendChild(el);
        el.addEventListener('input', () => Module.ccall('pg_text_field_value', null, ['string'], [el.value.slice(0, 200)]));
        el.addEventListener('keydown', (e) => {
            const code = { Enter: 40, Escape: 41, Tab: 43 }[e.key];
            if (code === undefined) return;
            e.preventDefault();
            Module.ccall('pg_text_field_key', null, ['number', 'number'], [code, e.shiftKey ? 1 : 0]);
        });
        el.addEventListener('blur', () => {
            if (Module.pgTextFieldShown) Module.ccall('pg_text_field_key', null, ['number', 'number'], [40, 0]);
        });
        Module.pgTextField = el;
    }
    el.style.left = x + 'px';
    el.style.top = y + 'px';
    el.style.width = w + 'px';
    el.style.height = h + 'px';
    el.inputMode = number ? 'decimal' : 'text';
    if (fresh) {
        Module.pgTextFieldShown = true;
        el.value = UTF8ToString(value);
        el.focus({ preventScroll: true });
        el.select();
    }
});
EM_JS(void, pg_js_text_field_hide, (), {
    const el = Module.pgTextField;
    if (!el || !Module.pgTextFieldShown) return;
    Module.pgTextFieldShown = false;
    el.blur();
    el.style.left = '-10000px';
    const c = document.getElementById('canvas');
    if (c) c.focus({ preventScroll: true });
});
#endif

namespace pgapp {
namespace {
std::string g_value;        // what the DOM input holds now
bool g_value_pending = false;
bool g_is_text = false;     // the field drawn this frame wants the text keyboard
[[maybe_unused]] ImGuiID g_shown_for = 0;  // the field the DOM input stands for
}  // namespace

void text_field_is_text() {
    if (ImGui::IsItemActive()) g_is_text = true;
}

// Keys from the page's DOM elements, as SDL key events: they go through
// main.cpp's queue like any key.
void push_key_event(int scancode, bool shift, const char* text) {
    if (scancode > 0) {
        for (Uint32 type : {Uint32(SDL_KEYDOWN), Uint32(SDL_KEYUP)}) {
            SDL_Event e{};
            e.type = type;
            e.key.state = type == SDL_KEYDOWN ? SDL_PRESSED : SDL_RELEASED;
            e.key.keysym.scancode = SDL_Scancode(scancode);
            e.key.keysym.sym = SDL_GetKeyFromScancode(SDL_Scancode(scancode));
            e.key.keysym.mod = shift ? KMOD_LSHIFT : KMOD_NONE;
            SDL_PushEvent(&e);
        }
    }
    if (text && *text) {
        SDL_Event e{};
        e.type = SDL_TEXTINPUT;
        std::snprintf(e.text.text, sizeof e.text.text, "%s", text);
        SDL_PushEvent(&e);
    }
}

void replace_active_text(ImGuiIO& io, const char* text) {
    ImGuiInputTextState* state = ImGui::GetInputTextState(ImGui::GetActiveID());
    if (!state) return;
    state->SelectAll();
    if (!*text) push_key_event(SDL_SCANCODE_BACKSPACE, false);
    io.AddInputCharactersUTF8(text);
}

void text_field_pre_frame(ImGuiIO& io) {
    if (!g_value_pending) return;
    g_value_pending = false;
    replace_active_text(io, g_value.c_str());
}

void text_field_sync(bool touch) {
#ifdef __EMSCRIPTEN__
    const ImGuiID active = ImGui::GetActiveID();
    ImGuiInputTextState* state = active ? ImGui::GetInputTextState(active) : nullptr;
    const ImGuiContext& g = *GImGui;
    if (!touch || !state || g.PlatformImePos.x >= FLT_MAX) {
        if (g_shown_for) pg_js_text_field_hide();
        g_shown_for = 0;
        g_is_text = false;
        return;
    }
    const bool fresh = g_shown_for != active;
    std::string initial;
    if (fresh) initial.assign(state->InitialTextA.Data ? state->InitialTextA.Data : "");
    const float fs = ImGui::GetFontSize();
    pg_js_text_field_show(g.PlatformImePos.x - fs * 4, g.PlatformImePos.y, fs * 8, fs * 1.6f, g_is_text ? 0 : 1,
                          initial.c_str(), fresh ? 1 : 0);
    g_shown_for = active;
    g_is_text = false;
#else
    (void)touch;
#endif
}

}  // namespace pgapp

#ifdef __EMSCRIPTEN__
extern "C" {
EMSCRIPTEN_KEEPALIVE void pg_text_field_value(const char* value) {
    pgapp::g_value = value ? value : "";
    pgapp::g_value_pending = true;
}
EMSCRIPTEN_KEEPALIVE void pg_text_field_key(int scancode, int shift) { pgapp::push_key_event(scancode, shift != 0); }
}
#endif
