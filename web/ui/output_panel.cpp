// The Output panel: losses and accuracy, the loss chart, and the big heatmap
// of the network's output (or of the hovered neuron) over [-6, 6]² with the
// data points, axes, a colour legend, "show test data" and "discretize".
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <span>

#include "fonts.h"
#include "ui/context.h"
#include "pg/csv.h"
#include "ui/numbers.h"
#include "ui/plane_view.h"
#include "ui/theme.h"

namespace pgapp {
namespace {

void legend(ImDrawList* dl, const UiContext& ctx, float width) {
    const float fs = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const pg::Network& net = ctx.trainer.network();
    const bool classes = ctx.trainer.problem() == pg::Problem::kMulticlass ||
                         net.spec().loss == pg::Loss::SoftmaxCrossEntropy;
    if (classes) {
        float x = p.x;
        for (int k = 0; k < net.outputs(); ++k) {
            char label[32];
            std::snprintf(label, sizeof label, "class %d", k);
            const float w = ImGui::CalcTextSize(label).x + fs * 1.4f;
            if (x + w > p.x + width) break;
            dl->AddRectFilled(ImVec2(x, p.y + fs * 0.2f), ImVec2(x + fs * 0.8f, p.y + fs), class_color(k));
            dl->AddText(ImVec2(x + fs, p.y), palette().text, label);
            x += w;
        }
        ImGui::Dummy(ImVec2(width, fs * 1.2f));
        return;
    }
    // Colour bar from -1 to 1 in 32 steps, with ticks.
    const float bar_w = std::min(width, fs * 14.0f), bar_h = fs * 0.6f;
    const int steps = 32;
    for (int i = 0; i < steps; ++i) {
        const float v = -1.0f + 2.0f * (float(i) + 0.5f) / float(steps);
        // At the heatmap's opacity over the heatmaps' base colour.
        const ImU32 col = blend_over(diverging_color(v, 0.63f), palette().heatmap_base);
        dl->AddRectFilled(ImVec2(p.x + bar_w * float(i) / steps, p.y), ImVec2(p.x + bar_w * float(i + 1) / steps, p.y + bar_h), col);
    }
    const char* ticks[] = {"-1", "0", "1"};
    for (int i = 0; i < 3; ++i) {
        const float x = p.x + bar_w * float(i) / 2.0f;
        dl->AddLine(ImVec2(x, p.y + bar_h), ImVec2(x, p.y + bar_h + 3), palette().axis);
        const float tw = ImGui::CalcTextSize(ticks[i]).x;
        dl->AddText(ImVec2(std::clamp(x - tw * 0.5f, p.x, p.x + bar_w - tw), p.y + bar_h + 3), palette().axis, ticks[i]);
    }
    ImGui::Dummy(ImVec2(width, bar_h + fs * 1.3f));
}

// The Draw toggle and, while drawing, the label of new points, undo, redo, clear.
void draw_tools(UiContext& ctx) {
    DrawState& d = *ctx.draw;
    const Trainer& tr = ctx.trainer;
    const float fs = ImGui::GetFontSize();
    const bool was_on = d.on;
    if (was_on) ImGui::PushStyleColor(ImGuiCol_Button, palette().toggle_on);
    if (target_button("Draw")) {
        d.on = !d.on;
        d.loaded = false;
    }
    if (was_on) ImGui::PopStyleColor();
    if (ctx.lab) ctx.lab->record("draw.toggle");
    ctx.control("draw", pg::Control::kCsv, ControlKind::kButton, "Draw", d.on ? "true" : "false");
    tooltip("Draw your own points: click adds one, Shift+click (or a right click) removes the nearest, drag moves one; "
            "Ctrl+Z undoes, Ctrl+Shift+Z redoes.");
    if (!d.on) return;
    ImGui::SameLine();
    // The label of new points.
    if (tr.problem() == pg::Problem::kRegression) {
        ImGui::SetNextItemWidth(fs * 5);
        ImGui::SliderFloat("##drawvalue", &d.label, -1.0f, 1.0f, "%.2f");
        if (ctx.recording_controls())
            ctx.control("draw.value", pg::Control::kCsv, ControlKind::kSlider, "Value of new points", fmt4(d.label));
        ctx.control_range(-1, 1, 0.05f);
        tooltip("The value of the points you add.");
    } else {
        const int classes = tr.problem() == pg::Problem::kMulticlass ? tr.num_classes() : 2;
        for (int k = 0; k < classes; ++k) {
            const float label = classes == 2 && tr.problem() != pg::Problem::kMulticlass ? (k == 0 ? -1.0f : 1.0f) : float(k);
            const ImU32 color = tr.problem() == pg::Problem::kMulticlass ? class_color(k) : diverging_color(label);
            ImGui::PushID(k);
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const float h = ImGui::GetFrameHeight() * 0.8f;
            if (ImGui::InvisibleButton("##class", ImVec2(h, h))) d.label = label;
            ImDrawList* dl = ImGui::GetWindowDrawList();
            dl->AddRectFilled(p, ImVec2(p.x + h, p.y + h), color, 3.0f);
            if (d.label == label) dl->AddRect(ImVec2(p.x - 1, p.y - 1), ImVec2(p.x + h + 1, p.y + h + 1), palette().ink, 3.0f, 0, 2.0f);
            if (ctx.lab) ctx.lab->record("draw.class." + std::to_string(k));
            if (ctx.recording_controls())
                ctx.control("draw.class." + std::to_string(k), pg::Control::kCsv, ControlKind::kButton,
                            "class " + std::to_string(k), d.label == label ? "true" : "false");
            ImGui::PopID();
            ImGui::SameLine(0, 3);
        }
    }
    ImGui::SameLine();
    if (target_button("Undo") && d.step_back()) d.request_apply = true;
    if (ctx.lab) ctx.lab->record("draw.undo");
    ctx.control("draw.undo", pg::Control::kCsv, ControlKind::kButton, "Undo");
    ImGui::SameLine(0, 3);
    if (target_button("Redo") && d.step_forward()) d.request_apply = true;
    ctx.control("draw.redo", pg::Control::kCsv, ControlKind::kButton, "Redo");
    ImGui::SameLine(0, 3);
    if (target_button("Clear") && !d.points.empty()) {
        d.remember();
        d.points.clear();
        d.request_apply = true;
    }
    if (ctx.lab) ctx.lab->record("draw.clear");
    ctx.control("draw.clear", pg::Control::kCsv, ControlKind::kButton, "Clear");
}

// Clicks and drags on the plot while drawing.
void draw_on_plot(UiContext& ctx, const PlaneView& view, float radius) {
    DrawState& d = *ctx.draw;
    const Trainer& tr = ctx.trainer;
    if (!d.loaded) {  // the first edit works on a copy of the points in use
        d.points.assign(tr.train_points().begin(), tr.train_points().end());
        d.points.insert(d.points.end(), tr.test_points().begin(), tr.test_points().end());
        d.loaded = true;
    }
    const ImGuiIO& io = ImGui::GetIO();
    const ImVec2 m = io.MousePos;
    const ImVec2 q(view.min.x + view.size, view.min.y + view.size);
    if (d.points.empty()) {  // said inside the plot, so that nothing moves under the mouse
        const char* hint = "No points: click to add some.";
        const ImVec2 ts = ImGui::CalcTextSize(hint);
        const ImVec2 c((view.min.x + q.x - ts.x) * 0.5f, (view.min.y + q.y - ts.y) * 0.5f);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        dl->AddRectFilled(ImVec2(c.x - 6, c.y - 3), ImVec2(c.x + ts.x + 6, c.y + ts.y + 3), palette().label_bg, 4.0f);
        dl->AddText(c, palette().text, hint);
    }
    const bool inside = m.x >= view.min.x && m.x <= q.x && m.y >= view.min.y && m.y <= q.y;
    const double scale = 2.0 * view.extent / double(view.size);
    const double x1 = std::clamp(view.extent * -1 + (m.x - view.min.x) * scale, -view.extent, view.extent);
    const double x2 = std::clamp(view.extent - (m.y - view.min.y) * scale, -view.extent, view.extent);
    auto nearest = [&](float within) {
        int best = -1;
        float best_d = within * within;
        for (size_t i = 0; i < d.points.size(); ++i) {
            const ImVec2 p = view.to_screen(d.points[i].x1, d.points[i].x2);
            const float dd = (p.x - m.x) * (p.x - m.x) + (p.y - m.y) * (p.y - m.y);
            if (dd <= best_d) { best_d = dd; best = int(i); }
        }
        return best;
    };
    if (inside && ImGui::IsWindowHovered()) {
        const bool remove = ImGui::IsMouseClicked(ImGuiMouseButton_Right) ||
                            (ImGui::IsMouseClicked(ImGuiMouseButton_Left) && (io.KeyShift || io.KeyCtrl));
        if (remove) {
            const int i = nearest(radius * 4 + 6);
            if (i >= 0) {
                d.remember();
                d.points.erase(d.points.begin() + i);
                d.request_apply = true;
            }
        } else if (ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            const int i = nearest(radius * 2 + 3);
            d.remember();
            if (i >= 0) {
                d.dragging = i;
            } else if (int(d.points.size()) < pg::kMaxCsvRows) {
                d.points.push_back(pg::Point{x1, x2, double(d.label)});
                d.request_apply = true;
            }
        }
        ImGui::SetTooltip("Click: add a point  |  Shift+click: remove  |  drag: move");
    }
    if (d.dragging >= 0 && d.dragging < int(d.points.size())) {
        if (ImGui::IsMouseDown(ImGuiMouseButton_Left)) {
            d.points[size_t(d.dragging)].x1 = x1;
            d.points[size_t(d.dragging)].x2 = x2;
        } else {
            d.dragging = -1;
            d.request_apply = true;
        }
    }
    // Ctrl+Z / Ctrl+Shift+Z (and Ctrl+Y), not while typing.
    if (!io.WantTextInput && io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Z))) {
        if (io.KeyShift ? d.step_forward() : d.step_back()) d.request_apply = true;
    }
    if (!io.WantTextInput && io.KeyCtrl && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Y)) && d.step_forward())
        d.request_apply = true;
}

}  // namespace

void draw_output_panel(UiContext& ctx) {
    Trainer& tr = ctx.trainer;
    const pg::State& run = tr.state();
    pg::State& s = ctx.edit;
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    ImDrawList* dl = ImGui::GetWindowDrawList();

    // Compact (an 800 × 500 iframe): one line of numbers and a flatter chart,
    // so that the heatmap keeps its room.
    const bool compact = ImGui::GetContentRegionAvail().y < fs * 26.0f;
    const bool classes = tr.problem() != pg::Problem::kRegression;
    // An empty test set (100 % training data) has no loss: "–", never 0 or NaN.
    char test_loss[32] = "\u2013", test_acc[32] = "\u2013";
    if (tr.has_test_set()) {
        std::snprintf(test_loss, sizeof test_loss, "%s", fmt4(tr.test_loss()).c_str());
        std::snprintf(test_acc, sizeof test_acc, compact ? "%.0f%%" : "%.1f%%", tr.test_accuracy() * 100.0);
    }
    if (compact) {
        ImGui::Text("Test loss %s  Train %s", test_loss, fmt4(tr.train_loss()).c_str());
        if (classes) {
            ImGui::SameLine();
            ImGui::TextDisabled("acc. %s", test_acc);
        }
    } else {
        caption("OUTPUT");
        ImGui::Text("Test loss %s", test_loss);
        ImGui::SameLine(std::max(fs * 8.0f, width * 0.5f));
        ImGui::Text("Training loss %s", fmt4(tr.train_loss()).c_str());
        if (classes)
            ImGui::TextDisabled("Accuracy: test %s, training %.1f%%", test_acc, tr.train_accuracy() * 100.0);
    }
    // The heatmap below takes what is left, leaving room for legend and toggles below it.
    const ImGuiStyle& st = ImGui::GetStyle();
    const char* test_label = compact ? "Test data##show" : "Show test data##show";
    const char* discretize_label = compact ? "Discretize##disc" : "Discretize output##disc";
    const float toggles_w = ImGui::CalcTextSize(test_label, nullptr, true).x +
                            ImGui::CalcTextSize(discretize_label, nullptr, true).x +
                            2 * (ImGui::GetFrameHeight() + st.ItemInnerSpacing.x) + st.ItemSpacing.x + fs;
    const int toggle_rows = toggles_w < width - fs * 1.6f ? 1 : 2;
    const float below = fs * 1.9f + st.ItemSpacing.y * 2 + float(toggle_rows) * ImGui::GetFrameHeightWithSpacing();
    const float axes = fs * 1.6f;
    float chart_h = std::clamp(ImGui::GetContentRegionAvail().y * 0.16f, fs * (compact ? 2.6f : 3.0f), fs * 6.0f);
    // The timeline under the chart (and its row of buttons while a past epoch
    // is shown) comes out of the chart's height where the heatmap would
    // otherwise shrink past its smallest (a phone held sideways, 200 % zoom);
    // with no room even for a flat chart and it, there is no timeline.
    const float timeline_h = kMinTarget + st.ItemSpacing.y * 2 +
                             (tr.viewed_epoch() >= 0 ? ImGui::GetFrameHeightWithSpacing() + st.ItemSpacing.y : 0.0f);
    const bool tools = ctx.draw && !s.hidden(pg::Control::kCsv) && !s.hidden(pg::Control::kDataset);
    const float tools_h = tools ? std::max(kMinTarget, ImGui::GetFrameHeight()) + st.ItemSpacing.y : 0.0f;
    const float room = ImGui::GetContentRegionAvail().y - below - axes - fs * 6.0f - tools_h;
    const bool timeline = !s.hidden(pg::Control::kTimeline) && room >= fs * 1.8f + timeline_h;
    if (timeline && chart_h + timeline_h > room) chart_h = std::max(fs * 1.8f, room - timeline_h);

    // The chart shows the loss, or (toggle) the mean |∂E/∂w| of each layer.
    const bool grads = ctx.lab && ctx.lab->show_grad_chart;
    if (grads) draw_grad_chart(ctx, width, chart_h);
    else draw_loss_chart(ctx, width, chart_h);
    if (ctx.lab) {
        const ImVec2 after = ImGui::GetCursorScreenPos();
        ImGui::SetCursorScreenPos(ImVec2(after.x + fs * 2.6f, after.y - chart_h + 1));
        ImGui::PushFont(font(FontRole::Small));
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(3, 0));
        if (target_button(grads ? "loss" : "\u2202E/\u2202w")) ctx.lab->show_grad_chart = !grads;
        ctx.lab->record("chart.toggle");
        ctx.control("chart.toggle", "", ControlKind::kButton, grads ? "loss" : "\u2202E/\u2202w", grads ? "gradients" : "loss");
        ImGui::PopStyleVar();
        ImGui::PopFont();
        tooltip(grads ? "Show the training and test loss." :
                        "Show the mean |\u2202E/\u2202w| of each layer over the epochs (log scale): vanishing "
                        "gradients show as the first layers' curves far below the output's.");
        ImGui::SetCursorScreenPos(after);
    }
    if (timeline) draw_timeline(ctx, width, chart_h);

    // Draw mode: a row of tools above the plot.
    if (ctx.draw && ctx.show(pg::Control::kCsv) && !s.hidden(pg::Control::kDataset)) draw_tools(ctx);

    const float side = std::max(fs * 6.0f, std::min(width - axes - fs * 0.7f, ImGui::GetContentRegionAvail().y - below - axes));
    const PlaneView view = plane_begin(side, true);
    const ImVec2 q(view.min.x + side, view.min.y + side);
    const pg::Network& net = tr.network();
    const int output_layer = heatmap_slot(net, net.layer_count() - 1, 0);
    HeatmapStyle style;
    int layer = output_layer;
    if (ctx.hovered_layer >= 0) {
        layer = ctx.hovered_layer;
        style = ctx.hovered_style;
    } else {
        if (tr.problem() == pg::Problem::kMulticlass || net.spec().loss == pg::Loss::SoftmaxCrossEntropy)
            style.classes = net.outputs();
        else if (net.layer(net.layer_count() - 1).activation == pg::Activation::Sigmoid) {
            style.offset = -0.5f;
            style.scale = 2.0f;
        }
    }
    style.discretize = run.discretize && ctx.hovered_layer < 0;
    ctx.heatmaps.draw(dl, view.min, q, layer, style);
    const float radius = std::clamp(side / 110.0f, 2.0f, 4.5f);
    const bool drawing = ctx.draw && ctx.draw->on;
    if (drawing) {
        draw_on_plot(ctx, view, radius);
        plane_draw_points(dl, view, ctx.draw->points, tr.problem(), false, radius * 1.2f);
    } else {
        plane_draw_points(dl, view, tr.train_points(), tr.problem(), false, radius);
        if (run.show_test_data) plane_draw_points(dl, view, tr.test_points(), tr.problem(), true, radius);
    }
    plane_draw_axes(dl, view);
    if (ctx.lab) ctx.lab->record("plot", view.min, q);
    // The lab: a click picks the nearest point (training, or test when shown);
    // the chosen example is marked with a ring.
    if (ctx.lab_open() && !drawing) {
        LabExample& ex = ctx.lab->example;
        const ImVec2 c = view.to_screen(ex.x1, ex.x2);
        dl->PushClipRect(view.min, q, true);
        dl->AddCircle(c, radius * 2.6f, palette().point_ring_train, 20, 3.5f);
        dl->AddCircle(c, radius * 2.6f, palette().ink, 20, 2.0f);
        dl->PopClipRect();
        const ImVec2 m = ImGui::GetIO().MousePos;
        const bool inside = m.x >= view.min.x && m.x <= q.x && m.y >= view.min.y && m.y <= q.y;
        if (inside && ImGui::IsWindowHovered() && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            float best = 1e30f;
            auto consider = [&](std::span<const pg::Point> pts, LabExample::Source source) {
                for (size_t i = 0; i < pts.size(); ++i) {
                    const ImVec2 p = view.to_screen(pts[i].x1, pts[i].x2);
                    const float d = (p.x - m.x) * (p.x - m.x) + (p.y - m.y) * (p.y - m.y);
                    if (d < best) {
                        best = d;
                        ex = LabExample{source, int(i), pts[i].x1, pts[i].x2, pts[i].label};
                    }
                }
            };
            consider(tr.train_points(), LabExample::Source::kTrain);
            if (run.show_test_data) consider(tr.test_points(), LabExample::Source::kTest);
        }
        if (inside && ImGui::IsWindowHovered() && ctx.hovered_layer < 0)
            ImGui::SetTooltip("Click to inspect the nearest point.");
    }
    if (ctx.hovered_layer >= 0) {
        const std::string text = "showing " + ctx.hovered_name;
        dl->AddRectFilled(ImVec2(view.min.x + 2, view.min.y + 2),
                          ImVec2(view.min.x + 8 + ImGui::CalcTextSize(text.c_str()).x, view.min.y + 4 + fs),
                          palette().label_bg, 3.0f);
        dl->AddText(ImVec2(view.min.x + 5, view.min.y + 3), palette().text, text.c_str());
    }

    ImGui::Indent(axes);
    legend(dl, ctx, std::min(side, width - axes));
    if (ctx.show(pg::Control::kShowTestData)) {
        ImGui::Checkbox(test_label, &s.show_test_data);
        ctx.control("showTestData", pg::Control::kShowTestData, ControlKind::kCheckbox, compact ? "Test data" : "Show test data",
                    s.show_test_data ? "true" : "false");
        tooltip("Also draw the test points (dark outline); the training points have a white outline.");
        const float next = ImGui::CalcTextSize(discretize_label, nullptr, true).x + ImGui::GetFrameHeight() + fs;
        if (ImGui::GetItemRectMax().x + next < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
            ImGui::SameLine();
    }
    if (ctx.show(pg::Control::kDiscretize)) {
        ImGui::Checkbox(discretize_label, &s.discretize);
        ctx.control("discretize", pg::Control::kDiscretize, ControlKind::kCheckbox, compact ? "Discretize" : "Discretize output",
                    s.discretize ? "true" : "false");
        tooltip("Colour only the sign (or the winning class) of the output instead of its value.");
    }
    ImGui::Unindent(axes);
}

}  // namespace pgapp
