#include "ui/context.h"
#include "fonts.h"

namespace pgapp {

void tooltip(const char* text) {
    if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

void caption(const char* text) {
    ImGui::PushFont(font(FontRole::Small));
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(110, 114, 120, 255));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

std::string feature_label(pg::Feature f, bool subscripts) {
    const char* name = "input";
    switch (f) {
        case pg::Feature::kX: name = "X\u2081"; break;
        case pg::Feature::kY: name = "X\u2082"; break;
        case pg::Feature::kXSquared: name = "X\u2081\u00b2"; break;
        case pg::Feature::kYSquared: name = "X\u2082\u00b2"; break;
        case pg::Feature::kXTimesY: name = "X\u2081X\u2082"; break;
        case pg::Feature::kSinX: name = "sin(X\u2081)"; break;
        case pg::Feature::kSinY: name = "sin(X\u2082)"; break;
        case pg::Feature::kCosX: name = "cos(X\u2081)"; break;
        case pg::Feature::kCosY: name = "cos(X\u2082)"; break;
    }
    std::string s = name;
    if (subscripts) return s;
    // ₁ and ₂ (U+2081, U+2082: E2 82 81, E2 82 82 in UTF-8) as 1 and 2.
    for (size_t at; (at = s.find("\u2081")) != std::string::npos;) s.replace(at, 3, "1");
    for (size_t at; (at = s.find("\u2082")) != std::string::npos;) s.replace(at, 3, "2");
    return s;
}

}  // namespace pgapp
