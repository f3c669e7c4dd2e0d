// web/ui/lab.h — the backprop lab's UI state: the chosen example, the
// Forward/Backward/Update step-through, the gradient check's result, the
// weight and point tables, and the requests the lab makes of the app.
// The app owns one LabState (in UiContext::lab); panels read it and write
// requests, the app applies them after all panels are drawn (context.h).
#pragma once
#include <imgui.h>

#include <optional>
#include <string>
#include <vector>

#include "pg/lab.h"
#include "pg/network.h"

namespace pgapp {

struct UiContext;

// The example whose numbers the lab shows.
struct LabExample {
    enum class Source { kTrain, kTest, kTyped };
    Source source = Source::kTrain;
    int index = 0;  // into the training or test points (kTrain, kTest)
    double x1 = 0, x2 = 0, label = 0;

    // The next (+1) or previous (−1) of n training points; from a test or
    // typed example, the first training point.
    void step(int delta, int n) {
        index = source == Source::kTrain ? ((index + delta) % n + n) % n : 0;
        source = Source::kTrain;
    }
};

// One row of the hand-made point table.
struct HandPoint {
    float x1 = 0, x2 = 0, label = 0;
};

struct LabState {
    LabExample example;
    float typed[3] = {0, 0, 1};  // the typed example's fields (x1, x2, label)
    LabExample typed_from{LabExample::Source::kTyped, -1, 1e300, 0, 0};  // the example they were filled from

    // Step-through. Not stepping: every number is shown. Stepping: the first
    // `forward_layers` computing layers show z and a, the last
    // `backward_layers` show δ (the backward pass runs from the output).
    bool stepping = false;
    int forward_layers = 0, backward_layers = 0;
    int updates = 0;           // Update steps applied (shown as "update 2")
    std::string update_note;   // what the last Update did, in words

    // Gradient check (made on request; stale once the weights or the example change).
    bool check_done = false;
    pg::GradCheck check;
    std::vector<float> check_params;  // the parameters it was made for
    LabExample check_example;
    bool color_links_by_error = true;

    // Tables.
    int table_layer = 0;                  // which layer's W and b the weight table shows
    std::vector<HandPoint> hand_points;   // the point table (filled from the data on first view)
    bool hand_points_loaded = false;
    int hand_selected = -1;
    bool show_grad_chart = false;         // output panel: gradients instead of loss
    bool graph_open = false;              // the computation graph window (graph_view.cpp)
    int graph_layer = -1, graph_unit = 0;  // its neuron, graph_layer −1: the whole network
    ImGuiID edit_id = 0;                  // the table cell being typed in, and its text
    char edit_text[48] = "";
    ImGuiID left_id = 0;                  // the cell just left, until it applies its text
    char left_text[48] = "";
    std::string cell_error;               // why the last typed value was refused

    // Requests, applied by the app after the panels.
    bool request_update = false;       // one training step on the example alone
    bool request_check = false;        // run the gradient check
    bool request_use_points = false;   // hand_points become the data (weights kept)
    bool request_close = false;        // leave the lab
    std::string request_lesson;        // a lesson id from the Lessons menu

    // "Make a lesson" asks for an answer goal: the next click on a neuron or
    // a link of the diagram picks it (instead of editing the weight).
    struct Pick {
        int layer = 0, unit = 0, input = 0;  // computing layer, neuron, the link's source
        bool link = false;
    };
    bool picking = false;
    std::optional<Pick> picked;

    // What the lab drew this frame, for scripts and tests (playground.probe()):
    // the formula tooltip shown, and named screen rectangles of widgets.
    std::string tooltip_text;
    bool probe_links = false;  // also find a clear point on every link (set once a script asks)
    struct Item {
        std::string name;
        ImVec2 min, max;
    };
    std::vector<Item> items;
    void record(std::string name) { items.push_back({std::move(name), ImGui::GetItemRectMin(), ImGui::GetItemRectMax()}); }
    void record(std::string name, ImVec2 a, ImVec2 b) { items.push_back({std::move(name), a, b}); }

    // Layers whose numbers are shown (see stepping).
    bool shows_forward(int layer) const { return !stepping || layer < forward_layers; }
    bool shows_delta(int layer, int layer_count) const {
        return !stepping || layer >= layer_count - backward_layers;
    }
    // The layer being stepped (highlighted), −1 if none.
    int current_layer(int layer_count) const {
        if (!stepping) return -1;
        if (backward_layers > 0) return layer_count - backward_layers;
        return forward_layers - 1;
    }
    bool check_fresh(const pg::Network& net) const;
};

// The lab's numbers for this frame (null members when the lab is closed).
struct LabView {
    const pg::Trace* trace = nullptr;
    const std::vector<float>* target = nullptr;  // (outputs) the loss's target row
};

// Formulas with the numbers put in (full precision), as the tooltips show them.
std::string node_formula(const UiContext& ctx, int layer, int unit);
std::string link_formula(const UiContext& ctx, int layer, int out, int in);  // in = −1: the bias
// Short caption of a source node ("X1", "neuron 2 of hidden layer 1").
std::string input_label(const UiContext& ctx, int input);

// The lab's side panel (replaces the Data panel while the lab is open).
void draw_lab_panel(UiContext& ctx);
// The training rule and, under the perceptron rule, ŷ, t − ŷ and each Δw
// (perceptron_panel.cpp).
void perceptron_section(UiContext& ctx);
// The "Graph" toggle and, when on, the computation graph window (graph_view.cpp).
void graph_section(UiContext& ctx);
// Mean |∂E/∂w| per layer over the epochs, log scale.
void draw_grad_chart(UiContext& ctx, float width, float height);
// f and f′ of an activation over z ∈ [−4, 4] in the rectangle (p0, p1);
// `labels` adds the curve names and axes ticks.
void draw_activation_plot(ImDrawList* dl, ImVec2 p0, ImVec2 p1, pg::Activation a, bool labels);

}  // namespace pgapp
