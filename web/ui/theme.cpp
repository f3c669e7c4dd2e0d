#include "ui/theme.h"

#include <algorithm>
#include <cmath>

namespace pgapp {
namespace {
ImVec4 to_vec(ImU32 c) { return ImGui::ColorConvertU32ToFloat4(c); }
ImVec4 lerp(ImVec4 a, ImVec4 b, float t) {
    return ImVec4(a.x + (b.x - a.x) * t, a.y + (b.y - a.y) * t, a.z + (b.z - a.z) * t, 1.0f);
}
}  // namespace

ImU32 diverging_color(float value, float alpha) {
    if (!std::isfinite(value)) return IM_COL32(200, 0, 80, 255);
    const float v = std::clamp(value, -1.0f, 1.0f);
    ImVec4 c = v < 0 ? lerp(to_vec(kColorNeutral), to_vec(kColorNegative), -v)
                     : lerp(to_vec(kColorNeutral), to_vec(kColorPositive), v);
    c.w = alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

ImU32 class_color(int k, float alpha) {
    // Tableau-like palette; the first two match the diverging scale's ends.
    static constexpr ImU32 kPalette[] = {
        IM_COL32(245, 147, 34, 255), IM_COL32(8, 119, 189, 255),  IM_COL32(64, 168, 72, 255),
        IM_COL32(196, 62, 150, 255), IM_COL32(140, 86, 75, 255),  IM_COL32(127, 127, 127, 255),
        IM_COL32(188, 189, 34, 255), IM_COL32(23, 190, 207, 255)};
    ImVec4 c = to_vec(kPalette[((k % 8) + 8) % 8]);
    c.w = alpha;
    return ImGui::ColorConvertFloat4ToU32(c);
}

void apply_theme(float scale) {
    ImGui::StyleColorsLight();
    ImGuiStyle& s = ImGui::GetStyle();
    s.WindowRounding = 6.0f;
    s.FrameRounding = 4.0f;
    s.GrabRounding = 4.0f;
    s.ChildRounding = 6.0f;
    s.PopupRounding = 4.0f;
    s.WindowPadding = ImVec2(12, 10);
    s.FramePadding = ImVec2(8, 5);  // frames 25 px high: WCAG 2.2's 24 px target minimum
    s.ItemSpacing = ImVec2(8, 6);
    s.WindowBorderSize = 0.0f;
    ImVec4* c = s.Colors;
    c[ImGuiCol_WindowBg] = ImVec4(0.97f, 0.97f, 0.98f, 1.0f);
    c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
    c[ImGuiCol_Text] = to_vec(kColorText);
    c[ImGuiCol_Button] = ImVec4(0.90f, 0.91f, 0.93f, 1.0f);
    c[ImGuiCol_ButtonHovered] = ImVec4(0.99f, 0.80f, 0.58f, 1.0f);
    c[ImGuiCol_ButtonActive] = ImVec4(0.96f, 0.58f, 0.13f, 1.0f);
    c[ImGuiCol_FrameBg] = ImVec4(0.92f, 0.93f, 0.95f, 1.0f);
    c[ImGuiCol_Header] = ImVec4(0.99f, 0.85f, 0.68f, 1.0f);
    c[ImGuiCol_HeaderHovered] = ImVec4(0.99f, 0.80f, 0.58f, 1.0f);
    c[ImGuiCol_SliderGrab] = ImVec4(0.96f, 0.58f, 0.13f, 1.0f);
    c[ImGuiCol_CheckMark] = ImVec4(0.03f, 0.47f, 0.74f, 1.0f);
    if (scale != 1.0f) s.ScaleAllSizes(scale);
}

}  // namespace pgapp
