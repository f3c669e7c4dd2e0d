// A lesson's text in ImGui (see markdown.h). ImGui 1.86 has one font per
// item and no rich text: the text is laid out word by word, each word an item
// on the current line (SameLine) or the next when it would pass the edge.
// Bold is drawn twice a pixel apart, italic in the accent colour, code on a
// tinted box; no font of its own is needed.
#include "ui/markdown.h"
#include "ui/theme.h"

#include <imgui.h>

#include <string>
#include <vector>

namespace pgapp {
namespace {

enum Style : unsigned { kPlain = 0, kBold = 1, kItalic = 2, kCode = 4, kLink = 8 };

struct Run {
    std::string text;
    unsigned style;
};

// Inline markup of one block into runs of one style.
std::vector<Run> inline_runs(std::string_view s) {
    std::vector<Run> runs;
    unsigned style = kPlain;
    std::string cur;
    auto flush = [&] {
        if (!cur.empty()) runs.push_back({cur, style});
        cur.clear();
    };
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c == '`') {
            flush();
            style ^= kCode;
        } else if (style & kCode) {
            cur += c;
        } else if (c == '*' && i + 1 < s.size() && s[i + 1] == '*') {
            flush();
            style ^= kBold;
            ++i;
        } else if (c == '*' || (c == '_' && (i == 0 || s[i - 1] == ' ' || (style & kItalic)))) {
            flush();
            style ^= kItalic;
        } else if (c == '[') {
            // [text](url): the text, marked as a link; the url is not shown.
            const size_t close = s.find("](", i);
            const size_t end = close == std::string_view::npos ? close : s.find(')', close);
            if (end == std::string_view::npos) {
                cur += c;
                continue;
            }
            flush();
            runs.push_back({std::string(s.substr(i + 1, close - i - 1)), style | kLink});
            i = end;
        } else if (c == '\n') {
            cur += ' ';
        } else {
            cur += c;
        }
    }
    flush();
    return runs;
}

// Draws runs wrapped at the content region's right edge, starting at `indent`.
void draw_runs(const std::vector<Run>& runs, float indent) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float right = ImGui::GetCursorScreenPos().x + ImGui::GetContentRegionAvail().x;
    const float space = ImGui::CalcTextSize(" ").x;
    const ImU32 text_col = ImGui::GetColorU32(ImGuiCol_Text);
    const ImU32 accent = palette().accent;  // the theme's (ui/theme.h)
    bool line_start = true;
    bool space_before = false;  // a space between words, also across runs ("one **bold**")
    if (indent > 0) ImGui::Indent(indent);
    for (const Run& run : runs) {
        size_t i = 0;
        while (i < run.text.size()) {
            while (i < run.text.size() && run.text[i] == ' ') {
                space_before = true;
                ++i;
            }
            if (i >= run.text.size()) break;
            size_t j = run.text.find(' ', i);
            if (j == std::string::npos) j = run.text.size();
            const std::string word = run.text.substr(i, j - i);
            i = j;
            const ImVec2 size = ImGui::CalcTextSize(word.c_str());
            if (!line_start) {
                const float x = ImGui::GetItemRectMax().x + (space_before ? space : 0);
                // After an item ImGui's cursor is on the next line: wrapping is not joining.
                if (x + size.x <= right) ImGui::SameLine(0, space_before ? space : 0);
            }
            line_start = false;
            space_before = false;
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            const ImU32 col = (run.style & (kItalic | kLink)) ? accent : text_col;
            if (run.style & kCode)
                dl->AddRectFilled(ImVec2(pos.x - 2, pos.y), ImVec2(pos.x + size.x + 2, pos.y + size.y),
                                  palette().label_bg, 3.0f);
            ImGui::PushStyleColor(ImGuiCol_Text, col);
            ImGui::TextUnformatted(word.c_str());
            ImGui::PopStyleColor();
            if (run.style & kBold) dl->AddText(ImVec2(pos.x + 0.7f, pos.y), col, word.c_str());
            if (run.style & kLink)
                dl->AddLine(ImVec2(pos.x, pos.y + size.y), ImVec2(pos.x + size.x, pos.y + size.y), accent);
        }
    }
    if (line_start) ImGui::NewLine();
    if (indent > 0) ImGui::Unindent(indent);
}

bool list_item(std::string_view line, size_t& body) {
    if (line.size() > 2 && (line[0] == '-' || line[0] == '*') && line[1] == ' ') {
        body = 2;
        return true;
    }
    size_t k = 0;
    while (k < line.size() && k < 3 && line[k] >= '0' && line[k] <= '9') ++k;
    if (k > 0 && k + 1 < line.size() && line[k] == '.' && line[k + 1] == ' ') {
        body = k + 2;
        return true;
    }
    return false;
}

}  // namespace

void draw_markdown(std::string_view text) {
    const float fs = ImGui::GetFontSize();
    std::string paragraph;
    auto end_paragraph = [&] {
        if (paragraph.empty()) return;
        draw_runs(inline_runs(paragraph), 0);
        ImGui::Dummy(ImVec2(0, fs * 0.3f));
        paragraph.clear();
    };
    size_t start = 0;
    while (start <= text.size()) {
        size_t nl = text.find('\n', start);
        if (nl == std::string_view::npos) nl = text.size();
        std::string_view line = text.substr(start, nl - start);
        while (!line.empty() && (line.back() == '\r' || line.back() == ' ')) line.remove_suffix(1);
        size_t lead = 0;
        while (lead < line.size() && line[lead] == ' ') ++lead;
        size_t body = 0;
        if (line.empty()) {
            end_paragraph();
        } else if (list_item(line.substr(lead), body)) {
            end_paragraph();
            const std::string_view item = line.substr(lead);
            const bool numbered = item[0] >= '0' && item[0] <= '9';
            const std::string marker = numbered ? std::string(item.substr(0, body - 1)) : std::string("\u2022");
            const float indent = fs * (1.2f + 0.8f * float(lead / 2));
            ImGui::Indent(indent);
            const ImVec2 pos = ImGui::GetCursorScreenPos();
            ImGui::GetWindowDrawList()->AddText(ImVec2(pos.x - fs * 0.9f, pos.y), ImGui::GetColorU32(ImGuiCol_Text),
                                                marker.c_str());
            draw_runs(inline_runs(item.substr(body)), 0);
            ImGui::Unindent(indent);
        } else {
            if (!paragraph.empty()) paragraph += ' ';
            paragraph += std::string(line.substr(lead));
        }
        start = nl + 1;
    }
    end_paragraph();
}

}  // namespace pgapp
