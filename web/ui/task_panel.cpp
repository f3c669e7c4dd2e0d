// The Task panel (see task_panel.h).
#include "ui/task_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "course.h"
#include "fonts.h"
#include "ui/context.h"
#include "ui/markdown.h"
#include "ui/theme.h"

namespace pgapp {
namespace {

// From the theme (ui/theme.h): met is `good`, a wrong answer `bad`, an open goal muted.
ImU32 met_color() { return palette().good; }
ImU32 open_color() { return palette().text_muted; }
ImU32 wrong_color() { return palette().bad; }

// A round tick box: a green disc with a check mark when met, a grey ring when not.
void tick(bool met) {
    const float fs = ImGui::GetFontSize();
    const ImVec2 p = ImGui::GetCursorScreenPos();
    const ImVec2 c(p.x + fs * 0.5f, p.y + fs * 0.55f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    if (met) {
        dl->AddCircleFilled(c, fs * 0.45f, met_color());
        const ImVec2 pts[3] = {ImVec2(c.x - fs * 0.22f, c.y), ImVec2(c.x - fs * 0.05f, c.y + fs * 0.18f),
                               ImVec2(c.x + fs * 0.24f, c.y - fs * 0.18f)};
        dl->AddPolyline(pts, 3, palette().bg, 0, std::max(1.5f, fs * 0.12f));
    } else {
        dl->AddCircle(c, fs * 0.42f, open_color(), 0, std::max(1.0f, fs * 0.08f));
    }
    ImGui::Dummy(ImVec2(fs * 1.1f, fs));
    ImGui::SameLine();
}

}  // namespace

void draw_task_panel(UiContext& ctx, Course& course) {
    const pg::Lesson& lesson = course.lesson();
    const pg::LessonProgress& progress = course.progress();
    const float fs = ImGui::GetFontSize();
    char title[160];
    std::snprintf(title, sizeof title, "Task: %.100s (%d of %d)###task.header", lesson.title.c_str(),
                  progress.met_count(), int(lesson.goals.size()));
    const bool open = ImGui::CollapsingHeader(title, ImGuiTreeNodeFlags_DefaultOpen);
    ctx.control("task.header", pg::Control::kTask, ControlKind::kButton, lesson.title, open ? "true" : "false");
    if (!open) {
        course.panel_height = ImGui::GetCursorPosY();
        return;
    }
    // Hints and Start over first: within reach however long the text is.
    if (course.hints_shown < int(lesson.hints.size())) {
        char label[48];
        std::snprintf(label, sizeof label, "Hint (%d left)", int(lesson.hints.size()) - course.hints_shown);
        if (ImGui::Button(label)) course.requests.next_hint = true;
        if (ctx.lab) ctx.lab->record("task.hint");
        ctx.control("task.hint", pg::Control::kTask, ControlKind::kButton, label);
        ImGui::SameLine();
    }
    if (ImGui::Button("Start over")) course.requests.start_over = true;
    if (ctx.lab) ctx.lab->record("task.startOver");
    ctx.control("task.startOver", pg::Control::kTask, ControlKind::kButton, "Start over");
    tooltip("The lesson's start again: its network and data, no goal met, no answer.");
    draw_markdown(lesson.text.empty() ? lesson.summary : lesson.text);

    if (!lesson.goals.empty()) {
        ImGui::Separator();
        for (size_t i = 0; i < lesson.goals.size(); ++i) {
            const pg::Goal& g = lesson.goals[i];
            ImGui::PushID(int(i));
            tick(progress.met[i]);
            ImGui::PushTextWrapPos(0);
            ImGui::TextUnformatted(g.text.c_str());
            ImGui::PopTextWrapPos();
            if (g.answer) {
                std::string& text = course.answer_text[i];
                char buf[48];
                std::snprintf(buf, sizeof buf, "%s", text.c_str());
                ImGui::Indent(fs * 1.5f);
                ImGui::SetNextItemWidth(fs * 7);
                bool submit = ImGui::InputText("##answer", buf, sizeof buf,
                                               ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_CharsScientific);
                text = buf;
                if (ctx.lab) ctx.lab->record("task.answer." + g.id);
                ctx.control("task.answer." + g.id, pg::Control::kTask, ControlKind::kTextField, g.text, text);
                ImGui::SameLine();
                submit |= ImGui::Button("Check");
                if (ctx.lab) ctx.lab->record("task.check." + g.id);
                ctx.control("task.check." + g.id, pg::Control::kTask, ControlKind::kButton, "Check");
                if (submit) {
                    course.requests.answer_goal = int(i);
                    course.requests.answer_text = text;
                }
                const int state = course.answer_state[i];
                if (state != 0) {
                    ImGui::SameLine();
                    ImGui::PushStyleColor(ImGuiCol_Text, state > 0 ? met_color() : wrong_color());
                    ImGui::TextUnformatted(state > 0 ? "right" : "not yet: try again");
                    ImGui::PopStyleColor();
                }
                ImGui::Unindent(fs * 1.5f);
            }
            ImGui::PopID();
        }
        if (!course.last_error.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, wrong_color());
            ImGui::TextWrapped("%s", course.last_error.c_str());
            ImGui::PopStyleColor();
        }
        if (progress.passed(lesson)) {
            ImGui::PushStyleColor(ImGuiCol_Text, met_color());
            ImGui::Text("Passed: %d of %d goals met.", progress.met_count(), int(lesson.goals.size()));
            ImGui::PopStyleColor();
        } else {
            ImGui::TextDisabled("%d of %d goals met (%d needed).", progress.met_count(), int(lesson.goals.size()),
                                lesson.goals_to_pass());
        }
    }
    for (int h = 0; h < course.hints_shown && h < int(lesson.hints.size()); ++h) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
        ImGui::TextWrapped("Hint %d: %s", h + 1, lesson.hints[size_t(h)].c_str());
        ImGui::PopStyleColor();
    }
    // The content's height, for the next frame's child in the columns layout (app.cpp).
    course.panel_height = ImGui::GetCursorPosY() + ImGui::GetStyle().WindowPadding.y;
}

}  // namespace pgapp
