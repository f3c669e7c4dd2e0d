// The timeline under the loss chart: training's history (pg/history.h).
// A slider over the chart's epoch axis (the same x as the chart above it,
// epoch 0 at the left, the present at the right) with a tick at every
// snapshot the engine kept; dragging it asks the app to show the snapshot
// nearest to that epoch (request_view_epoch). While a past epoch is shown,
// a marker runs through the chart at it, and a row below offers "Continue
// from here" and "Back to epoch N" (the present).
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "fonts.h"
#include "ui/context.h"
#include "ui/theme.h"

namespace pgapp {

void draw_timeline(UiContext& ctx, float width, float chart_h) {
    if (!ctx.show(pg::Control::kTimeline)) return;
    const Trainer& tr = ctx.trainer;
    const pg::WeightHistory& weights = tr.weight_history();
    const float fs = ImGui::GetFontSize();
    const int present = tr.present_epoch();
    const int viewed = tr.viewed_epoch();
    const int shown = viewed >= 0 ? viewed : present;
    // The chart's epoch axis (ChartFrame: fs·2.6 for the y labels on the left, 4 px on the right).
    const auto h = tr.history();
    const int x_max = std::max({1, present, h.empty() ? 1 : h.back().epoch});
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float x0 = origin.x + fs * 2.6f, x1 = origin.x + width - 4.0f;

    // A real slider (keyboard, Ctrl+click to type an epoch, the accessible
    // layer's range input), as high as a 24 px target, its grab on the epoch shown.
    ImGui::SetCursorScreenPos(ImVec2(x0, origin.y));
    ImGui::SetNextItemWidth(x1 - x0);
    ImGui::PushFont(font(FontRole::Small));
    const float pad_y = std::max(0.0f, (kMinTarget - ImGui::GetFontSize()) * 0.5f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x, pad_y));
    ImGui::PushStyleVar(ImGuiStyleVar_GrabMinSize, 6.0f);
    const bool empty = weights.snapshots().size() < 2 && present == 0;
    if (empty) ImGui::BeginDisabled();
    // A float slider shown as whole epochs: an int slider's grab is 1/(range + 1)
    // of its width (half of it at epoch 1), this one's a thin mark.
    float value = float(shown);
    char format[48];
    std::snprintf(format, sizeof format, viewed >= 0 ? "epoch %%.0f of %d" : "epoch %%.0f", present);
    const bool moved = ImGui::SliderFloat("##timeline", &value, 0.0f, float(x_max), format, ImGuiSliderFlags_AlwaysClamp);
    const int epoch = int(std::lround(value));
    if (moved && epoch != shown) {
        // Onto a snapshot in the direction moved (an arrow key moves by one
        // epoch, and past epoch 128 not every epoch has one); past the last: the present.
        const auto& snaps = weights.snapshots();
        int pick = present;
        if (epoch < shown) {
            pick = snaps.empty() ? 0 : snaps.front().epoch;
            for (const pg::Snapshot& s : snaps)
                if (s.epoch <= epoch) pick = s.epoch;
        } else {
            for (auto it = snaps.rbegin(); it != snaps.rend(); ++it)
                if (it->epoch >= epoch && it->epoch < present) pick = it->epoch;
        }
        ctx.request_view_epoch = pick;
    }
    if (empty) ImGui::EndDisabled();
    ImGui::PopStyleVar(2);
    ImGui::PopFont();
    ctx.control("timeline", pg::Control::kTimeline, ControlKind::kSlider, "Training's history (epoch shown)",
                std::to_string(shown));
    ctx.control_range(0, float(x_max), 1);
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    char tip[200];
    std::snprintf(tip, sizeof tip,
                  "Drag back to any earlier epoch: the diagram, the heatmaps, the output and the lab show the "
                  "network as it was then. %d snapshots kept (%.1f MB), every epoch at first, log-spaced later.",
                  int(weights.snapshots().size()), double(weights.bytes()) / 1e6);
    tooltip(tip);

    // A tick per snapshot (at most one per pixel) along the slider's lower edge.
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float grab = 6.0f, ix0 = a.x + grab * 0.5f + 2.0f, ix1 = b.x - grab * 0.5f - 2.0f;
    const auto at = [&](int e) { return ix0 + (ix1 - ix0) * float(e) / float(x_max); };
    float last = -1e9f;
    for (const pg::Snapshot& s : weights.snapshots()) {
        const float x = at(s.epoch);
        if (x - last < 1.0f) continue;
        last = x;
        dl->AddLine(ImVec2(x, b.y - 5.0f), ImVec2(x, b.y - 1.0f), palette().axis);
    }
    if (viewed >= 0) {
        // Where the shown epoch is on the chart above.
        const float x = x0 + (x1 - x0) * float(viewed) / float(x_max);
        dl->AddLine(ImVec2(x, a.y - chart_h), ImVec2(x, a.y), palette().line_negative, 2.0f);
    }
    ImGui::SetCursorScreenPos(ImVec2(origin.x, b.y + ImGui::GetStyle().ItemSpacing.y));
    ImGui::Dummy(ImVec2(width, 0));

    if (viewed < 0) return;
    ImGui::SetCursorScreenPos(ImVec2(x0, ImGui::GetCursorScreenPos().y));
    if (target_button("Continue from here")) ctx.request_continue_from_here = true;
    ctx.control("timeline.continue", pg::Control::kTimeline, ControlKind::kButton, "Continue from here");
    tooltip("Make this epoch the current run: the later epochs are dropped and training goes on from these weights "
            "(Play, Step or any change does the same).");
    ImGui::SameLine();
    char back[48];
    std::snprintf(back, sizeof back, "Back to epoch %d", present);
    if (target_button(back)) ctx.request_back_to_present = true;
    ctx.control("timeline.present", pg::Control::kTimeline, ControlKind::kButton, back);
    tooltip("Show the current run again, exactly as it was.");
}

}  // namespace pgapp
