// web/text_field.h — typing on a touch device. ImGui draws its text fields on
// the canvas, which no on-screen keyboard knows about: when a field is being
// edited and touch is the pointer in use, the page focuses a real DOM
// <input> (inputmode="decimal" for numbers) over the field's caret. What is
// typed there replaces the field's text (the field stays what is drawn);
// Enter, Tab and Escape are passed on as keys, and leaving the input (the
// keyboard's Done, a tap elsewhere) ends the edit as Enter does. A hardware
// keyboard with a mouse goes on typing into the canvas as before. On the
// desktop these are no-ops.
#pragma once

#include <imgui.h>

namespace pgapp {

// Before ImGui::NewFrame: what the DOM input received since the last frame
// replaces the active field's text.
void text_field_pre_frame(ImGuiIO& io);
// After the UI is built: shows the DOM input over the field being edited
// (touch only), or hides it when no field is.
void text_field_sync(bool touch);
// Called by a panel right after a text field whose text is not a number
// (the seed): the DOM input then asks for the text keyboard.
void text_field_is_text();
// Queues a key press and release as SDL events (an SDL scancode), which
// reach ImGui through main.cpp's event queue like a typed key; text (UTF-8,
// may be empty) follows as an SDL text event. For keys that come from the
// page's own DOM elements (this DOM input, the accessible layer).
void push_key_event(int scancode, bool shift, const char* text = nullptr);
// Replaces the text of the field being edited (before ImGui::NewFrame),
// as if the user had selected it all and typed `text`.
void replace_active_text(ImGuiIO& io, const char* text);

}  // namespace pgapp
