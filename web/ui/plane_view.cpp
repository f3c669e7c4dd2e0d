#include "ui/plane_view.h"

#include <cstdio>

#include "ui/theme.h"

namespace pgapp {

ImVec2 PlaneView::to_screen(double x1, double x2) const {
    const double s = size / (2.0 * extent);
    return ImVec2(min.x + float((x1 + extent) * s), min.y + float((extent - x2) * s));
}

PlaneView plane_begin(float size, bool axes) {
    const float margin = axes ? ImGui::GetFontSize() * 1.6f : 0.0f;
    const ImVec2 cursor = ImGui::GetCursorScreenPos();
    ImGui::Dummy(ImVec2(size + margin, size + margin));
    return PlaneView{ImVec2(cursor.x + margin, cursor.y), size, pg::kDataExtent};
}

void plane_draw_axes(ImDrawList* dl, const PlaneView& v) {
    const float tick = 4.0f;
    const ImVec2 bl(v.min.x, v.min.y + v.size);
    const ImU32 axis = palette().axis;
    dl->AddLine(ImVec2(v.min.x, v.min.y), bl, axis);
    dl->AddLine(bl, ImVec2(v.min.x + v.size, bl.y), axis);
    for (int t = -6; t <= 6; t += 2) {
        char label[8];
        std::snprintf(label, sizeof label, "%d", t);
        const ImVec2 tx = v.to_screen(t, -v.extent);
        dl->AddLine(tx, ImVec2(tx.x, tx.y + tick), axis);
        const ImVec2 ts = ImGui::CalcTextSize(label);
        dl->AddText(ImVec2(tx.x - ts.x * 0.5f, tx.y + tick + 1), axis, label);
        const ImVec2 ty = v.to_screen(-v.extent, t);
        dl->AddLine(ImVec2(ty.x - tick, ty.y), ty, axis);
        dl->AddText(ImVec2(ty.x - tick - 2 - ts.x, ty.y - ts.y * 0.5f), axis, label);
    }
}

void plane_draw_points(ImDrawList* dl, const PlaneView& v, std::span<const pg::Point> points,
                       pg::Problem problem, bool test_points, float radius) {
    const ImU32 outline = test_points ? palette().point_ring_test : palette().point_ring_train;
    dl->PushClipRect(v.min, ImVec2(v.min.x + v.size, v.min.y + v.size), true);
    for (const pg::Point& p : points) {
        const ImU32 fill = problem == pg::Problem::kMulticlass ? class_color(int(p.label))
                                                               : diverging_color(float(p.label));
        const ImVec2 c = v.to_screen(p.x1, p.x2);
        dl->AddCircleFilled(c, radius, fill, 12);
        dl->AddCircle(c, radius, outline, 12, 1.0f);
    }
    dl->PopClipRect();
}

}  // namespace pgapp
