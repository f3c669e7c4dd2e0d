// The frame and axes the charts over epochs share (ui/chart.h).
#include "ui/chart.h"

#include "fonts.h"
#include "ui/theme.h"

namespace pgapp {

ChartFrame ChartFrame::begin(float width, float height, std::span<const pg::Metrics> history) {
    ChartFrame c;
    const float fs = ImGui::GetFontSize();
    c.dl = ImGui::GetWindowDrawList();
    c.small = font(FontRole::Small);
    c.small_size = c.small->FontSize * ImGui::GetIO().FontGlobalScale;
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const float left = fs * 2.6f, bottom = c.small_size * 1.3f;
    c.p0 = ImVec2(origin.x + left, origin.y + 2);
    c.p1 = ImVec2(origin.x + width - 4, origin.y + height - bottom);
    ImGui::Dummy(ImVec2(width, height));
    c.hovered = ImGui::IsItemHovered();
    c.dl->AddRectFilled(c.p0, c.p1, palette().surface);
    c.x_max = float(std::max(1, history.empty() ? 1 : history.back().epoch));
    return c;
}

void ChartFrame::grid_line(float y, const char* label, bool tick) const {
    const Palette& pal = palette();
    if (tick) dl->AddLine(ImVec2(p0.x - 3, y), ImVec2(p0.x, y), pal.axis);
    dl->AddLine(ImVec2(p0.x, y), ImVec2(p1.x, y), pal.grid);
    const ImVec2 ts = small->CalcTextSizeA(small_size, 1e9f, 0, label);
    dl->AddText(small, small_size, ImVec2(p0.x - ts.x - (tick ? 5 : 4), y - ts.y * 0.5f), pal.axis, label);
}

void ChartFrame::axes() const {
    dl->AddLine(ImVec2(p0.x, p0.y), ImVec2(p0.x, p1.y), palette().axis);
    dl->AddLine(ImVec2(p0.x, p1.y), ImVec2(p1.x, p1.y), palette().axis);
}

int ChartFrame::hovered_index(int n) const {
    const float mx = ImGui::GetIO().MousePos.x;
    return std::clamp(int(std::lround((mx - p0.x) / (p1.x - p0.x) * float(n - 1))), 0, n - 1);
}

}  // namespace pgapp
