#include <algorithm>

#include "ui/context.h"
#include "fonts.h"
#include "ui/theme.h"

namespace pgapp {

void tooltip(const char* text) {
    if (!ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) return;
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 22.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}

bool target_button(const char* label) {
    const float pad_y = std::max(0.0f, (kMinTarget - ImGui::GetFontSize()) * 0.5f);
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(ImGui::GetStyle().FramePadding.x * 0.75f, pad_y));
    const float text_w = ImGui::CalcTextSize(label, nullptr, true).x;
    const bool pressed =
        ImGui::Button(label, ImVec2(std::max(kMinTarget, text_w + 2 * ImGui::GetStyle().FramePadding.x), 0));
    ImGui::PopStyleVar();
    return pressed;
}

void caption(const char* text) {
    ImGui::PushFont(font(FontRole::Small));
    ImGui::PushStyleColor(ImGuiCol_Text, palette().text_muted);
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
    if (subscripts) return name;
    // ₁ and ₂ (U+2081, U+2082: E2 82 81, E2 82 82 in UTF-8) as 1 and 2, copied
    // byte by byte (std::string::replace here draws GCC 12's false -Wrestrict).
    std::string s;
    for (const char* c = name; *c; ++c) {
        if (c[0] == '\xE2' && c[1] == '\x82' && (c[2] == '\x81' || c[2] == '\x82')) {
            s.push_back(c[2] == '\x81' ? '1' : '2');
            c += 2;
        } else {
            s.push_back(*c);
        }
    }
    return s;
}

}  // namespace pgapp
