// web/ui/controls.h — every control drawn in a frame, for playground.probe():
// tests, scripted tutorials and the accessible DOM layer (accessible_layer.h) find each
// widget by name and read its kind, label, value and rectangle.
//
// Panels call UiContext::control() right after a widget (the last ImGui item):
//     if (ImGui::Button("Play")) ...;
//     ctx.control("play", pg::Control::kPlayButton, ControlKind::kButton, "Play");
// The list records nothing until a script asked once (App::probe_json calls
// start_recording), so a page nobody scripts pays one branch per control.
//
// Coordinates: ImGui's screen coordinates are the canvas's CSS pixels (the
// SDL window has the canvas's CSS size; the device pixel ratio only scales
// the framebuffer, main.cpp), and the canvas fills the page from (0, 0)
// (index.html: #app is fixed at inset 0). So a rectangle [x, y, w, h] here is
// where `page.mouse.click(x + w/2, y + h/2)` lands on the control.
#pragma once
#include <imgui.h>

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace pgapp {

// kText: a number shown where a control would be but not editable (a locked
// weight cell), listed so that scripts can read what is drawn.
enum class ControlKind { kButton, kCombo, kSlider, kCheckbox, kTextField, kLink, kNode, kText };
// "button", "combo", "slider", "checkbox", "textField", "link", "node", "text".
std::string_view control_kind_name(ControlKind kind);

struct ControlEntry {
    std::string id;     // unique in the frame: "play", "layer.0.add", "node.1.0", "lab.w.0.1.0"
    std::string name;   // the URL control name (as visibleControls() lists it), "" if none
    ControlKind kind = ControlKind::kButton;
    std::string label;  // what the user reads on or beside it ("Play", "neuron 1 of hidden layer 1")
    std::string value;  // its value as drawn ("0.03", "true", a node's "δ −4.4e−7\nz 0.1\na 0.1")
    ImVec2 min, max;    // screen rectangle (CSS pixels of the page)
    bool visible = true;  // false when scrolled or clipped out of its panel
    bool disabled = false;  // drawn greyed out (ImGui::BeginDisabled): clicking it does nothing
    bool popup = false;     // inside an open list or popup (a combo's choices, the weight editor)
    float lo = 0, hi = 0, step = 0;  // a slider's range and step (set_range), else 0, 0, 0
};

class ControlList {
public:
    // Recording: every frame once probe() asked, or this frame only (the
    // accessible layer samples the list a few times a second, accessible_layer.h).
    bool recording() const { return recording_ || sampling_; }
    void start_recording() { recording_ = true; }
    void set_sampling(bool on) { sampling_ = on; }
    void begin_frame() { entries_.clear(); }
    // The control with this id, or null (in the last recorded frame).
    const ControlEntry* find(std::string_view id) const;
    // The next time the control `id` is added and lies outside its panel's
    // visible part, its panel scrolls to it ("" for none): keyboard focus on
    // a control scrolled out of view brings it into view.
    void scroll_into_view(std::string_view id) { scroll_to_ = id; }
    // A slider's range and step, for the last control added.
    void set_range(float lo, float hi, float step);
    // The last ImGui item's rectangle and visibility.
    void add(std::string_view id, std::string_view name, ControlKind kind, std::string_view label,
             std::string_view value);
    // A rectangle drawn by hand (a diagram node, a point on a link).
    void add(std::string_view id, std::string_view name, ControlKind kind, std::string_view label,
             std::string_view value, ImVec2 min, ImVec2 max, bool visible = true);
    const std::vector<ControlEntry>& entries() const { return entries_; }
    // [{id, name, kind, label, value, rect: [x, y, w, h], visible}, ...] in drawing order.
    nlohmann::ordered_json to_json() const;
    // The same list as JSON text, written directly (no json tree: the
    // accessible layer writes it a few times a second).
    void write_json(std::string& out) const;

private:
    bool recording_ = false;
    bool sampling_ = false;
    std::string scroll_to_;
    std::vector<ControlEntry> entries_;
};

}  // namespace pgapp
