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

}  // namespace pgapp
