// web/accessible_layer.h — the canvas as a keyboard and a screen reader meet
// it. Dear ImGui draws every control on one canvas and has no accessibility
// API (its issues #4122 and #8022), so the page mirrors the app's own list of
// drawn controls (ui/controls.h, the list probe() returns) as real DOM
// elements over the canvas (web/site/playground-a11y.js): <button>,
// role=combobox with its list of choices, <input type=range>, checkboxes,
// text inputs, each named by its visible label and placed on its control.
//
// One source: the DOM layer is made from the list, and what it does goes back
// into the app as the user's own input would. Activating an element (a
// screen reader's click, Enter or Space, a test's click()) clicks the control
// it stands for; a text input's value is typed into the field (select all,
// the text, Enter); a slider's value is typed into it (Ctrl+click makes an
// ImGui slider a text field). So the layer can never do what the control does
// not, and a lock or a lesson's hide holds for it as for the mouse.
//
// The list costs nothing on frames it is not recorded: the layer samples it
// four times a second for two seconds after any input, once a second
// otherwise, and every frame while an action plays (so that the rectangle it
// clicks is the one just drawn); it sends it to the page only when it changed. Off on the desktop (no DOM), and in the page with ?a11y=off.
#pragma once

#include <imgui.h>

#include <string>
#include <vector>

namespace pgapp {

class ControlList;

// Before ImGui::NewFrame (after touch and the touch text field): whether
// this frame records the control list, and the next step of an action the
// page asked for (the mouse and keys ImGui sees this frame).
void accessible_layer_pre_frame(ImGuiIO& io, ControlList& list);
// Right after ImGui::NewFrame: closes the open lists when the page asked (Escape).
void accessible_layer_after_new_frame();
// After the UI was built: sends the controls and the notices to the page
// when they changed since the last time.
void accessible_layer_publish(const ControlList& list, const std::vector<std::string>& notices);
// The time of a publish that sent the list (JSON and the page's DOM update),
// smoothed; for the figures of ui_time_bench.mjs.
double accessible_layer_publish_ms();
// Frames that recorded the list, and publishes that sent it, since the start.
long accessible_layer_samples();
long accessible_layer_publishes();

}  // namespace pgapp
