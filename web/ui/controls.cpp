#include "ui/controls.h"

#include <imgui_internal.h>  // ImGuiLastItemData: whether the last item was clipped

#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>

namespace pgapp {

std::string_view control_kind_name(ControlKind kind) {
    switch (kind) {
        case ControlKind::kButton: return "button";
        case ControlKind::kCombo: return "combo";
        case ControlKind::kSlider: return "slider";
        case ControlKind::kCheckbox: return "checkbox";
        case ControlKind::kTextField: return "textField";
        case ControlKind::kLink: return "link";
        case ControlKind::kNode: return "node";
        case ControlKind::kText: return "text";
    }
    return "?";
}

void ControlList::add(std::string_view id, std::string_view name, ControlKind kind, std::string_view label,
                      std::string_view value) {
    if (!recording()) return;
    // Visible: inside the window's clip rectangle (a scrolled panel clips its items).
    const ImRect clip = ImGui::GetCurrentWindowRead()->ClipRect;
    const ImVec2 a = ImGui::GetItemRectMin(), b = ImGui::GetItemRectMax();
    const bool visible = ImGui::IsItemVisible() && a.x >= clip.Min.x - 1 && b.x <= clip.Max.x + 1 &&
                         a.y >= clip.Min.y - 1 && b.y <= clip.Max.y + 1;
    if (!scroll_to_.empty() && id == scroll_to_) {
        // Every window around it that scrolls and does not show it scrolls to
        // its middle (a panel inside the phone's scrolling column: both may).
        const float y = (a.y + b.y) * 0.5f;
        for (ImGuiWindow* w = ImGui::GetCurrentWindow(); w && !visible; w = w->ParentWindow)
            if (w->ScrollMax.y > 0 && (a.y < w->InnerClipRect.Min.y || b.y > w->InnerClipRect.Max.y))
                ImGui::SetScrollFromPosY(w, y - w->Pos.y, 0.5f);
        scroll_to_.clear();
    }
    add(id, name, kind, label, value, a, b, visible);
    ControlEntry& e = entries_.back();
    e.disabled = (GImGui->LastItemData.InFlags & ImGuiItemFlags_Disabled) != 0;
    e.popup = (ImGui::GetCurrentWindowRead()->Flags & ImGuiWindowFlags_Popup) != 0;
}

const ControlEntry* ControlList::find(std::string_view id) const {
    for (const ControlEntry& e : entries_)
        if (e.id == id) return &e;
    return nullptr;
}

void ControlList::set_range(float lo, float hi, float step) {
    if (!recording() || entries_.empty()) return;
    entries_.back().lo = lo;
    entries_.back().hi = hi;
    entries_.back().step = step;
}

void ControlList::add(std::string_view id, std::string_view name, ControlKind kind, std::string_view label,
                      std::string_view value, ImVec2 min, ImVec2 max, bool visible) {
    if (!recording()) return;
    entries_.push_back(ControlEntry{std::string(id), std::string(name), kind, std::string(label), std::string(value),
                                    min, max, visible});
}

nlohmann::ordered_json ControlList::to_json() const {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const ControlEntry& e : entries_) {
        nlohmann::ordered_json c = {{"id", e.id},
                            {"name", e.name},
                            {"kind", std::string(control_kind_name(e.kind))},
                            {"label", e.label},
                            {"value", e.value},
                            {"rect", {e.min.x, e.min.y, e.max.x - e.min.x, e.max.y - e.min.y}},
                            {"visible", e.visible}};
        if (e.disabled) c["disabled"] = true;
        if (e.popup) c["popup"] = true;
        if (e.hi > e.lo) c["range"] = {e.lo, e.hi, e.step};
        list.push_back(std::move(c));
    }
    return list;
}

namespace {

// A JSON string: quotes, backslash and control characters escaped; UTF-8 as is.
void write_string(std::string& out, std::string_view s) {
    out += '"';
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (c == '"' || c == '\\') {
            out += '\\';
            out += c;
        } else if (u < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", u);
            out += buf;
        } else {
            out += c;
        }
    }
    out += '"';
}

void write_number(std::string& out, float v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.7g", double(std::isfinite(v) ? v : 0.0f));
    out += buf;
}

}  // namespace

void ControlList::write_json(std::string& out) const {
    out += '[';
    for (size_t i = 0; i < entries_.size(); ++i) {
        const ControlEntry& e = entries_[i];
        if (i) out += ',';
        out += "{\"id\":";
        write_string(out, e.id);
        out += ",\"name\":";
        write_string(out, e.name);
        out += ",\"kind\":";
        write_string(out, control_kind_name(e.kind));
        out += ",\"label\":";
        write_string(out, e.label);
        out += ",\"value\":";
        write_string(out, e.value);
        out += ",\"rect\":[";
        write_number(out, e.min.x);
        out += ',';
        write_number(out, e.min.y);
        out += ',';
        write_number(out, e.max.x - e.min.x);
        out += ',';
        write_number(out, e.max.y - e.min.y);
        out += e.visible ? "],\"visible\":true" : "],\"visible\":false";
        if (e.disabled) out += ",\"disabled\":true";
        if (e.popup) out += ",\"popup\":true";
        if (e.hi > e.lo) {
            out += ",\"range\":[";
            write_number(out, e.lo);
            out += ',';
            write_number(out, e.hi);
            out += ',';
            write_number(out, e.step);
            out += ']';
        }
        out += '}';
    }
    out += ']';
}

}  // namespace pgapp
