// The Output panel: losses and accuracy, the loss chart, and the big heatmap
// of the network's output (or of the hovered neuron) over [-6, 6]² with the
// data points, axes, a colour legend, "show test data" and "discretize".
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "fonts.h"
#include "ui/context.h"
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
            dl->AddText(ImVec2(x + fs, p.y), IM_COL32(80, 80, 80, 255), label);
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
        const ImVec4 c = ImGui::ColorConvertU32ToFloat4(diverging_color(v));
        const float a = 0.63f;  // the heatmap's opacity over white
        const ImU32 col = ImGui::ColorConvertFloat4ToU32(ImVec4(1 - a + a * c.x, 1 - a + a * c.y, 1 - a + a * c.z, 1));
        dl->AddRectFilled(ImVec2(p.x + bar_w * float(i) / steps, p.y), ImVec2(p.x + bar_w * float(i + 1) / steps, p.y + bar_h), col);
    }
    const char* ticks[] = {"-1", "0", "1"};
    for (int i = 0; i < 3; ++i) {
        const float x = p.x + bar_w * float(i) / 2.0f;
        dl->AddLine(ImVec2(x, p.y + bar_h), ImVec2(x, p.y + bar_h + 3), kColorAxis);
        const float tw = ImGui::CalcTextSize(ticks[i]).x;
        dl->AddText(ImVec2(std::clamp(x - tw * 0.5f, p.x, p.x + bar_w - tw), p.y + bar_h + 3), kColorAxis, ticks[i]);
    }
    ImGui::Dummy(ImVec2(width, bar_h + fs * 1.3f));
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
    if (compact) {
        ImGui::Text("Test loss %.3f  Train %.3f", tr.test_loss(), tr.train_loss());
        if (classes) {
            ImGui::SameLine();
            ImGui::TextDisabled("acc. %.0f%%", tr.test_accuracy() * 100.0);
        }
    } else {
        caption("OUTPUT");
        ImGui::Text("Test loss %.3f", tr.test_loss());
        ImGui::SameLine(std::max(fs * 8.0f, width * 0.5f));
        ImGui::Text("Training loss %.3f", tr.train_loss());
        if (classes)
            ImGui::TextDisabled("Accuracy: test %.1f%%, training %.1f%%", tr.test_accuracy() * 100.0,
                                tr.train_accuracy() * 100.0);
    }
    const float chart_h = std::clamp(ImGui::GetContentRegionAvail().y * 0.16f, fs * (compact ? 2.6f : 3.0f), fs * 6.0f);
    draw_loss_chart(ctx, width, chart_h);

    // Heatmap: as large as fits, leaving room for legend and toggles below.
    const ImGuiStyle& st = ImGui::GetStyle();
    const char* test_label = compact ? "Test data##show" : "Show test data##show";
    const char* discretize_label = compact ? "Discretize##disc" : "Discretize output##disc";
    const float toggles_w = ImGui::CalcTextSize(test_label, nullptr, true).x +
                            ImGui::CalcTextSize(discretize_label, nullptr, true).x +
                            2 * (ImGui::GetFrameHeight() + st.ItemInnerSpacing.x) + st.ItemSpacing.x + fs;
    const int toggle_rows = toggles_w < width - fs * 1.6f ? 1 : 2;
    const float below = fs * 1.9f + st.ItemSpacing.y * 2 + float(toggle_rows) * ImGui::GetFrameHeightWithSpacing();
    const float axes = fs * 1.6f;
    const float side = std::max(fs * 6.0f, std::min(width - axes - fs * 0.7f, ImGui::GetContentRegionAvail().y - below - axes));
    const PlaneView view = plane_begin(side, true);
    const ImVec2 q(view.min.x + side, view.min.y + side);
    const pg::Network& net = tr.network();
    const int output_layer = kNeuronLayer0 + net.layer(net.layer_count() - 1).first_neuron;
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
    plane_draw_points(dl, view, tr.train_points(), tr.problem(), false, radius);
    if (run.show_test_data) plane_draw_points(dl, view, tr.test_points(), tr.problem(), true, radius);
    plane_draw_axes(dl, view);
    if (ctx.hovered_layer >= 0) {
        const std::string text = "showing " + ctx.hovered_name;
        dl->AddRectFilled(ImVec2(view.min.x + 2, view.min.y + 2),
                          ImVec2(view.min.x + 8 + ImGui::CalcTextSize(text.c_str()).x, view.min.y + 4 + fs),
                          IM_COL32(255, 255, 255, 210), 3.0f);
        dl->AddText(ImVec2(view.min.x + 5, view.min.y + 3), IM_COL32(40, 40, 40, 255), text.c_str());
    }

    ImGui::Indent(axes);
    legend(dl, ctx, std::min(side, width - axes));
    if (ctx.show(pg::Control::kShowTestData)) {
        ImGui::Checkbox(test_label, &s.show_test_data);
        tooltip("Also draw the test points (dark outline); the training points have a white outline.");
        const float next = ImGui::CalcTextSize(discretize_label, nullptr, true).x + ImGui::GetFrameHeight() + fs;
        if (ImGui::GetItemRectMax().x + next < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x)
            ImGui::SameLine();
    }
    if (ctx.show(pg::Control::kDiscretize)) {
        ImGui::Checkbox(discretize_label, &s.discretize);
        tooltip("Colour only the sign (or the winning class) of the output instead of its value.");
    }
    ImGui::Unindent(axes);
}

}  // namespace pgapp
