#include <algorithm>

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
    ImGui::PushStyleColor(ImGuiCol_Text, IM_COL32(110, 114, 120, 255));
    ImGui::PushTextWrapPos(0.0f);
    ImGui::TextUnformatted(text);
    ImGui::PopTextWrapPos();
    ImGui::PopStyleColor();
    ImGui::PopFont();
}

}  // namespace pgapp
