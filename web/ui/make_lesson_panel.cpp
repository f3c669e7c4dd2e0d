// The "Make a lesson" panel (see make_lesson_panel.h): the teacher's draft
// (lesson_maker.h) edited in place; what it asks of the app goes to
// maker.request, applied after the panels.
#include "ui/make_lesson_panel.h"

#include <imgui.h>

#include <algorithm>
#include <cstdio>
#include <string>

#include "lesson_maker.h"
#include "pg/locks.h"
#include "ui/context.h"
#include "ui/theme.h"

namespace pgapp {
namespace {

// A std::string edited in an ImGui text field (at most `cap` bytes); registered as a control.
bool text_field(UiContext& ctx, const char* label, std::string& s, const std::string& id, std::string_view name,
                bool multiline = false, size_t cap = 256) {
    std::vector<char> buf(std::max(cap, s.size() + 1));
    std::copy(s.begin(), s.end(), buf.begin());
    const bool changed = multiline ? ImGui::InputTextMultiline(label, buf.data(), buf.size(),
                                                               ImVec2(-1, ImGui::GetTextLineHeight() * 6))
                                   : ImGui::InputText(label, buf.data(), buf.size());
    if (changed) s = buf.data();
    ctx.control(id, pg::Control::kMakeLesson, ControlKind::kTextField, name, s);
    return changed;
}

// A goal's sentence from its parts ("Test loss below 0.05").
std::string condition_text(const pg::Condition& c) {
    char v[32];
    std::snprintf(v, sizeof v, "%g", c.value);
    return std::string(pg::metric_name(c.metric)) + " " + std::string(pg::comparison_name(c.comparison)) + " " + v;
}

// The fields a picked neuron or link offers as an answer.
constexpr pg::AnswerField kNodeFields[] = {pg::AnswerField::kZ, pg::AnswerField::kA, pg::AnswerField::kDelta};
constexpr pg::AnswerField kLinkFields[] = {pg::AnswerField::kWeight, pg::AnswerField::kGradWeights,
                                           pg::AnswerField::kStepWeights, pg::AnswerField::kNewWeight};
bool per_weight(pg::AnswerField f) { return f >= pg::AnswerField::kGradWeights && f <= pg::AnswerField::kNewWeight; }

std::string answer_text(const pg::Answer& a) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "%s of layer %d, unit %d%s for (%g, %g) \xe2\x86\x92 %g",
                  std::string(pg::answer_field_name(a.field)).c_str(), a.layer, a.unit,
                  per_weight(a.field) ? (", input " + std::to_string(a.input)).c_str() : "", a.x1, a.x2, a.label);
    return buf;
}

std::string next_goal_id(const LessonMaker& m) {
    for (int k = 1;; ++k) {
        const std::string id = "goal-" + std::to_string(k);
        if (std::none_of(m.goals.begin(), m.goals.end(), [&](const pg::Goal& g) { return g.id == id; })) return id;
    }
}

void goals_section(UiContext& ctx, LessonMaker& m) {
    const float fs = ImGui::GetFontSize();
    int remove = -1;
    for (size_t i = 0; i < m.goals.size(); ++i) {
        pg::Goal& g = m.goals[i];
        const std::string base = "make.goal." + std::to_string(i);
        ImGui::PushID(int(i));
        ImGui::SetNextItemWidth(-fs * 5);
        text_field(ctx, "##text", g.text, base + ".text", "Goal text");
        ImGui::SameLine();
        if (ImGui::Button("Remove")) remove = int(i);
        ctx.control(base + ".remove", pg::Control::kMakeLesson, ControlKind::kButton, "Remove goal");
        if (g.answer) {
            pg::Answer& a = *g.answer;
            const bool link = per_weight(a.field);
            const pg::AnswerField* fields = link ? kLinkFields : kNodeFields;
            const int n = link ? int(std::size(kLinkFields)) : int(std::size(kNodeFields));
            ImGui::SetNextItemWidth(fs * 7);
            if (ImGui::BeginCombo("##field", std::string(pg::answer_field_name(a.field)).c_str())) {
                for (int k = 0; k < n; ++k)
                    if (ImGui::Selectable(std::string(pg::answer_field_name(fields[k])).c_str(), a.field == fields[k]))
                        a.field = fields[k];
                ImGui::EndCombo();
            }
            ctx.control(base + ".field", pg::Control::kMakeLesson, ControlKind::kCombo, "Answer field",
                        pg::answer_field_name(a.field));
            ImGui::SameLine();
            ImGui::SetNextItemWidth(fs * 6);
            ImGui::InputDouble("tolerance", &a.tolerance, 0, 0, "%g");
            a.tolerance = std::max(0.0, a.tolerance);
            ctx.control(base + ".tolerance", pg::Control::kMakeLesson, ControlKind::kTextField, "Tolerance",
                        std::to_string(a.tolerance));
            ImGui::TextDisabled("%s", answer_text(a).c_str());
        } else if (!g.all.empty()) {
            pg::Condition& c = g.all[0];
            ImGui::SetNextItemWidth(fs * 8);
            if (ImGui::BeginCombo("##metric", std::string(pg::metric_name(c.metric)).c_str())) {
                for (int k = 0; k < pg::kNumLessonMetrics; ++k)
                    if (ImGui::Selectable(std::string(pg::metric_name(pg::LessonMetric(k))).c_str(), int(c.metric) == k))
                        c.metric = pg::LessonMetric(k);
                ImGui::EndCombo();
            }
            ctx.control(base + ".metric", pg::Control::kMakeLesson, ControlKind::kCombo, "Metric", pg::metric_name(c.metric));
            ImGui::SameLine();
            ImGui::SetNextItemWidth(fs * 5.5f);
            if (ImGui::BeginCombo("##cmp", std::string(pg::comparison_name(c.comparison)).c_str())) {
                for (int k = 0; k < 4; ++k)
                    if (ImGui::Selectable(std::string(pg::comparison_name(pg::Comparison(k))).c_str(), int(c.comparison) == k))
                        c.comparison = pg::Comparison(k);
                ImGui::EndCombo();
            }
            ctx.control(base + ".comparison", pg::Control::kMakeLesson, ControlKind::kCombo, "Comparison",
                        pg::comparison_name(c.comparison));
            ImGui::SameLine();
            ImGui::SetNextItemWidth(fs * 5);
            ImGui::InputDouble("##value", &c.value, 0, 0, "%g");
            ctx.control(base + ".value", pg::Control::kMakeLesson, ControlKind::kTextField, "Threshold",
                        std::to_string(c.value));
            if (g.all.size() > 1) ImGui::TextDisabled("and %d more conditions (from the file)", int(g.all.size()) - 1);
        }
        ImGui::Separator();
        ImGui::PopID();
    }
    if (remove >= 0) m.goals.erase(m.goals.begin() + remove);

    if (ImGui::Button("Add a goal")) {
        pg::Goal g;
        g.id = next_goal_id(m);
        g.all.push_back({pg::LessonMetric::kTestLoss, pg::Comparison::kBelow, 0.05, {}, {}});
        g.text = condition_text(g.all[0]);
        m.goals.push_back(std::move(g));
    }
    ctx.control("make.goal.add", pg::Control::kMakeLesson, ControlKind::kButton, "Add a goal");
    tooltip("A goal over a metric of the run (test loss, accuracy, epoch, hidden units...) with a threshold.");
    ImGui::SameLine();
    LabState* lab = ctx.lab;
    const bool picking = lab && lab->picking;
    if (ImGui::Button(picking ? "Click a neuron or a link\xe2\x80\xa6" : "Add an answer goal")) {
        if (lab) lab->picking = !picking;
        if (!ctx.edit.inspect) ctx.request_toggle_lab = true;  // the lab shows the numbers to pick
    }
    ctx.control("make.goal.answer", pg::Control::kMakeLesson, ControlKind::kButton, "Add an answer goal",
                picking ? "true" : "false");
    tooltip("The student types one number of the lab's example (δ, z, a of a neuron; a link's gradient or new "
            "weight); the page checks it. Click the button, then the neuron or link in the diagram.");
    if (lab && lab->picked) {
        const LabState::Pick p = *lab->picked;
        lab->picked.reset();
        lab->picking = false;
        pg::Goal g;
        g.id = next_goal_id(m);
        pg::Answer a;
        a.x1 = lab->example.x1;
        a.x2 = lab->example.x2;
        a.label = lab->example.label;
        a.layer = p.layer;
        a.unit = p.unit;
        a.input = p.input;
        a.field = p.link ? pg::AnswerField::kNewWeight : pg::AnswerField::kDelta;
        g.answer = a;
        g.text = answer_text(a);
        m.goals.push_back(std::move(g));
    }
}

}  // namespace

void draw_make_lesson_panel(UiContext& ctx, LessonMaker& m) {
    if (!m.open || !ctx.show(pg::Control::kMakeLesson)) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float fs = ImGui::GetFontSize();
    const float w = std::min(vp->WorkSize.x - 2 * fs, fs * 26);
    // A teacher's tool window, first over the output column at the right, clear of the
    // diagram whose neurons and links it picks answer goals from (movable, collapsible).
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - w - fs, vp->WorkPos.y + fs * 4), ImGuiCond_Appearing);
    ImGui::SetNextWindowSize(ImVec2(w, std::min(vp->WorkSize.y - fs * 5, fs * 44)), ImGuiCond_Appearing);
    ImGui::PushStyleColor(ImGuiCol_WindowBg, palette().bg);  // opaque, in the theme's colour
    bool open = true;
    const bool shown = ImGui::Begin("Make a lesson###make", &open, ImGuiWindowFlags_NoSavedSettings);
    if (!open) m.open = false;
    if (shown) {
        if (ctx.lab) {  // the window's rectangle, for scripts (probe().items.make)
            const ImVec2 p = ImGui::GetWindowPos(), size = ImGui::GetWindowSize();
            ctx.lab->record("make", p, ImVec2(p.x + size.x, p.y + size.y));
        }
        ImGui::PushTextWrapPos(0);
        ImGui::TextDisabled("The lesson starts from the page as it is now: its settings, network and data.");
        ImGui::PopTextWrapPos();
        ImGui::SetNextItemWidth(-fs * 3);
        text_field(ctx, "Title", m.title, "make.title", "Title", false, 200);
        ImGui::TextUnformatted("Text (Markdown: **bold**, *italic*, `code`, - lists)");
        text_field(ctx, "##text", m.text, "make.text", "Text", true, 8192);
        ImGui::Checkbox("Start from these weights", &m.with_weights);
        ctx.control("make.weights", pg::Control::kMakeLesson, ControlKind::kCheckbox, "Start from these weights",
                    m.with_weights ? "true" : "false");
        ImGui::SameLine();
        ImGui::Checkbox("and these points", &m.with_points);
        ctx.control("make.points", pg::Control::kMakeLesson, ControlKind::kCheckbox, "and these points",
                    m.with_points ? "true" : "false");

        if (ImGui::CollapsingHeader("Hide controls")) {
            for (int c = 0; c < pg::kNumControls; ++c) {
                const std::string name(pg::control_name(pg::Control(c)));
                if (c % 2) ImGui::SameLine(w * 0.5f);
                ImGui::Checkbox(name.c_str(), &m.hide[size_t(c)]);
                ctx.control("make.hide." + name, pg::Control::kMakeLesson, ControlKind::kCheckbox, "Hide " + name,
                            m.hide[size_t(c)] ? "true" : "false");
            }
        }
        ctx.control("make.hides", pg::Control::kMakeLesson, ControlKind::kButton, "Hide controls");
        if (ImGui::CollapsingHeader("Lock keys")) {
            ImGui::PushTextWrapPos(0);
            ImGui::TextDisabled("A locked key keeps the lesson's value whatever the student does (hides: every hide).");
            ImGui::PopTextWrapPos();
            int k = 0;
            for (const std::string& key : pg::lockable_keys()) {
                if (key.size() > 5 && key.compare(key.size() - 5, 5, "_hide") == 0) continue;  // "hides" covers them
                if (k++ % 2) ImGui::SameLine(w * 0.5f);
                bool on = m.locked(key);
                if (ImGui::Checkbox((key + "##lock").c_str(), &on)) m.set_lock(key, on);
                ctx.control("make.lock." + key, pg::Control::kMakeLesson, ControlKind::kCheckbox, "Lock " + key,
                            on ? "true" : "false");
            }
        }
        ctx.control("make.locks", pg::Control::kMakeLesson, ControlKind::kButton, "Lock keys");
        if (ImGui::CollapsingHeader("Goals", ImGuiTreeNodeFlags_DefaultOpen)) goals_section(ctx, m);
        ctx.control("make.goals", pg::Control::kMakeLesson, ControlKind::kButton, "Goals");
        if (ImGui::CollapsingHeader("Hints")) {
            int remove = -1;
            for (size_t i = 0; i < m.hints.size(); ++i) {
                ImGui::PushID(int(i));
                ImGui::SetNextItemWidth(-fs * 5);
                text_field(ctx, "##hint", m.hints[i], "make.hint." + std::to_string(i), "Hint");
                ImGui::SameLine();
                if (ImGui::Button("Remove")) remove = int(i);
                ctx.control("make.hint." + std::to_string(i) + ".remove", pg::Control::kMakeLesson,
                            ControlKind::kButton, "Remove hint");
                ImGui::PopID();
            }
            if (remove >= 0) m.hints.erase(m.hints.begin() + remove);
            if (ImGui::Button("Add a hint")) m.hints.emplace_back();
            ctx.control("make.hint.add", pg::Control::kMakeLesson, ControlKind::kButton, "Add a hint");
        }
        ctx.control("make.hintsHeader", pg::Control::kMakeLesson, ControlKind::kButton, "Hints");

        ImGui::Separator();
        using A = LessonMaker::Action;
        auto action = [&](const char* label, const char* id, A a, const char* tip) {
            if (ImGui::Button(label)) m.request = a;
            ctx.control(id, pg::Control::kMakeLesson, ControlKind::kButton, label);
            tooltip(tip);
        };
        action("Try as a student", "make.try", A::kTry, "Open the lesson here as a student sees it (the draft is kept).");
        ImGui::SameLine();
        action("Download lesson file", "make.download", A::kDownload, "The lesson as a file (playground-lesson/1 JSON).");
        action("Copy link", "make.link", A::kLink, "A link to this page that opens the lesson (the lesson travels in it).");
        ImGui::SameLine();
        action("Copy iframe snippet", "make.embed", A::kEmbed, "HTML for a course page: the lesson in an iframe.");
        action("SCORM 1.2 package", "make.scorm12", A::kScorm12,
               "A zip for a learning platform (Moodle, Canvas, Blackboard...): the one-file page with the lesson inside.");
        ImGui::SameLine();
        action("SCORM 2004 package", "make.scorm2004", A::kScorm2004, "The same zip for SCORM 2004 (4th edition).");
    }
    ImGui::End();
    ImGui::PopStyleColor();
}

}  // namespace pgapp
