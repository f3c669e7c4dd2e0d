// web/ui/context.h — what every panel sees: the training run (read-only
// except for direct weight edits), a copy of the state to edit, the heatmap
// renderer, and the requests a panel makes of the app (play, step, reset...).
// Panels never apply a change themselves: the app compares `edit` with the
// running state after all panels are drawn and applies it once.
#pragma once
#include <algorithm>
#include <imgui.h>

#include <string>
#include <vector>

#include "pg/state.h"
#include "training.h"
#include "ui/controls.h"
#include "ui/heatmap.h"
#include "ui/draw.h"
#include "ui/lab.h"

namespace pgapp {

struct LessonMaker;

// Layers of the heatmap texture array: the nine features first, then the
// drawn neurons layer by layer (heatmap_slot).
inline constexpr int kFeatureLayer0 = 0;
inline constexpr int kNeuronLayer0 = pg::kNumFeatures;
// Larger layers show their first 16 neurons in the diagram (and only those
// get heatmaps).
inline constexpr int kMaxDrawnUnits = 16;

// Neurons of computing layer l that the diagram draws: the first 16 of a
// hidden layer, every output.
inline int drawn_units(const pg::Network& net, int l) {
    const int out = net.layer(l).out;
    return l == net.layer_count() - 1 ? out : std::min(out, kMaxDrawnUnits);
}
// The texture layer of neuron `unit` of computing layer l (a drawn one): the
// drawn neurons are numbered densely, so that twelve layers of 256 need 9 +
// 12 × 16 + 16 = 217 layers, within WebGL2's guaranteed 256.
inline int heatmap_slot(const pg::Network& net, int l, int unit) {
    int slot = kNeuronLayer0;
    for (int k = 0; k < l; ++k) slot += drawn_units(net, k);
    return slot + unit;
}
inline int heatmap_slots(const pg::Network& net) { return heatmap_slot(net, net.layer_count(), 0); }

// Epochs per frame choices; 0 means "as many as fit in the frame budget".
inline constexpr int kSpeedChoices[] = {0, 1, 2, 5, 10, 25, 100};

struct UiContext {
    UiContext(Trainer& t, HeatmapRenderer& h, const pg::State& s) : trainer(t), heatmaps(h), edit(s) {}

    Trainer& trainer;
    HeatmapRenderer& heatmaps;
    pg::State edit;  // starts as the running state each frame

    // App status, read by panels.
    bool playing = false;
    int speed = 0;                // epochs per frame, 0 = frame budget
    double epochs_per_second = 0;
    double frame_ms = 0;
    std::vector<float> feature_scale = std::vector<float>(pg::kNumFeatures, 1.0f);  // 1 / max |feature| on the grid

    // Requests, handled by the app after the panels.
    bool request_toggle_play = false;
    bool request_step = false;
    bool request_reset = false;
    bool request_regenerate = false;
    bool request_csv_upload = false;    // only offered when can_upload_csv
    bool request_csv_download = false;  // only offered when can_download_csv
    bool request_model_open = false;    // only offered when can_upload_csv (a file chooser)
    bool request_model_save = false;    // only offered when can_download_csv
    bool request_lesson_open = false;   // a lesson file (a file chooser), only offered when can_upload_csv
    bool request_generated_data = false;
    bool request_toggle_lab = false;
    int request_view_epoch = -1;              // the timeline: show this epoch (pg/history.h)
    bool request_back_to_present = false;
    bool request_continue_from_here = false;
    bool request_toggle_record = false;
    bool recording = false;                   // Record is on (App::record)
    bool can_record = false;                  // the platform records (on_record is set)
    bool can_upload_csv = false, can_download_csv = false;
    bool can_drop_files = false;  // the desktop: files dropped on the window are read
    bool touch = false;           // touch is the pointer in use: main buttons 44 px high
    bool weights_edited = false;

    // Display state owned by the UI (not in the URL).
    bool log_scale = false;
    int hovered_layer = -1;  // heatmap layer under the mouse in the network view, -1: none
    HeatmapStyle hovered_style;  // how to colour it
    std::string hovered_name;    // e.g. "neuron 2 of hidden layer 1"

    // The backprop lab: open when the state says inspect=true. `view` holds
    // this frame's numbers of the chosen example (null when closed).
    LabState* lab = nullptr;
    LabView view;
    DrawState* draw = nullptr;  // Draw mode of the output plot
    LessonMaker* maker = nullptr;  // "Make a lesson"'s draft (lesson_maker.h); the Lessons menu opens it
    bool lab_open() const { return lab && view.trace; }

    // Controls drawn this frame (their URL names), for tests and embedding pages.
    std::vector<std::string> visible_controls;

    // True if the control is not hidden by `<control>_hide`; records it as visible.
    bool show(pg::Control c) {
        if (edit.hidden(c)) return false;
        visible_controls.emplace_back(pg::control_name(c));
        return true;
    }
    bool text_shown() const { return !edit.hide_text; }

    // Every control drawn this frame, for playground.probe() (ui/controls.h);
    // null or not recording: the calls below cost one branch.
    ControlList* controls = nullptr;
    bool recording_controls() const { return controls && controls->recording(); }
    // Records the last ImGui item as a control belonging to URL control `c`.
    void control(std::string_view id, pg::Control c, ControlKind kind, std::string_view label,
                 std::string_view value = {}) {
        if (recording_controls()) controls->add(id, pg::control_name(c), kind, label, value);
    }
    // The same for a control with another URL name (a feature's "x") or none ("").
    void control(std::string_view id, std::string_view name, ControlKind kind, std::string_view label,
                 std::string_view value = {}) {
        if (recording_controls()) controls->add(id, name, kind, label, value);
    }
    // A slider's range and step, after control() (the accessible layer's <input type=range>).
    void control_range(float lo, float hi, float step) {
        if (recording_controls()) controls->set_range(lo, hi, step);
    }
};

// Activation menu (shared by the top bar and the per-layer menus); with ctx,
// recorded for playground.probe() as `control_id` (its choices as "<id>.option.<name>").
bool activation_combo(const char* id, pg::Activation& a, float width, UiContext* ctx = nullptr,
                      std::string_view control_id = {}, std::string_view label = "Activation");
// One-sentence tooltip for the last item.
void tooltip(const char* text);
// Every control is at least this big, in CSS px (WCAG 2.2 2.5.8, target size).
inline constexpr float kMinTarget = 24.0f;
// A small button (SmallButton's place in a line) that is still a 24 x 24 target.
bool target_button(const char* label);
// Small grey caption above a control (the reference's style).
void caption(const char* text);
// An input feature's name: "X₁²", "sin(X₂)" (the lab's formulas), or with
// plain digits, "X1²" (the diagram's input labels, as in the reference).
std::string feature_label(pg::Feature f, bool subscripts);

// Panels (one file each).
void draw_controls_bar(UiContext& ctx);
void draw_data_panel(UiContext& ctx);
void draw_network_view(UiContext& ctx);
void draw_output_panel(UiContext& ctx);
// Training's history under the loss chart (timeline.cpp): width as the
// chart's, chart_h its height (the marker of the epoch shown runs through it).
void draw_timeline(UiContext& ctx, float width, float chart_h);
// Train/test loss over epochs; height in logical pixels.
void draw_loss_chart(UiContext& ctx, float width, float height);

}  // namespace pgapp
