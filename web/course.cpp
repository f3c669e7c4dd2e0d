// The open lesson in the page (see course.h).
#include "course.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "pg/lab.h"
#include "pg/session.h"
#include "training.h"

namespace pgapp {
namespace {

// JSON written by hand: nlohmann's object builders cost the page's size budget
// more than these few lines (web/site/playground-api.js parses the result).
void put_string(std::string& out, const std::string& s) {
    out += '"';
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') {
            out += '\\';
            out += char(c);
        } else if (c < 0x20) {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\u%04x", c);
            out += buf;
        } else {
            out += char(c);
        }
    }
    out += '"';
}
void put_number(std::string& out, double v) {
    if (!std::isfinite(v)) {
        out += "null";
        return;
    }
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    out += buf;
}

// At most 40 characters of what a script sent, in a message.
std::string clip(const std::string& s) {
    return s.size() > 40 ? s.substr(0, 40) + "\u2026 (" + std::to_string(s.size()) + " characters)" : s;
}

// A typed number shown again in its field.
std::string number_text(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.9g", v);
    return buf;
}

bool looks_like_json(const std::string& s) {
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') continue;
        return c == '{';
    }
    return false;
}

}  // namespace

std::string Course::open(const std::string& id_or_json) {
    pg::Lesson lesson;
    if (looks_like_json(id_or_json)) {
        std::string error;
        if (!pg::parse_lesson(id_or_json, lesson, error)) return "lesson file: " + error;
    } else if (const pg::Lesson* builtin = pg::find_lesson(id_or_json)) {
        lesson = *builtin;
    } else {
        // The name quoted is at most 40 characters (a script may send megabytes).
        const bool longer = id_or_json.size() > 40;
        return "no lesson named '" + id_or_json.substr(0, 40) +
               (longer ? "\u2026' (" + std::to_string(id_or_json.size()) + " characters)" : "'");
    }
    const std::string error = trainer_.load_lesson(lesson);
    if (!error.empty()) return error;
    lesson_ = std::move(lesson);
    progress_.start(*lesson_);
    answer_text.assign(lesson_->goals.size(), std::string());
    answer_state.assign(lesson_->goals.size(), 0);
    hints_shown = 0;
    passed_ = false;
    last_error.clear();
    measured_revision_ = ~0ull;
    emit("open", status_json());
    return {};
}

void Course::update() {
    if (!lesson_) return;
    if (trainer_.revision() == measured_revision_ && trainer_.epoch() == measured_epoch_) return;
    measured_revision_ = trainer_.revision();
    measured_epoch_ = trainer_.epoch();
    const pg::LessonMetrics m = pg::measure(trainer_.session(), pg::needs_gradient_check(*lesson_));
    const std::vector<int> now = progress_.update(*lesson_, m);
    for (int i : now) emit("goal", goal_event(i));
    if (!now.empty()) changed();
    if (!passed_ && progress_.passed(*lesson_)) {
        passed_ = true;
        emit("lesson", status_json());
    }
}

std::string Course::answer(const std::string& goal_id, double value) {
    if (!lesson_) return "no lesson is open";
    const int i = lesson_->goal_index(goal_id);
    if (i < 0) return "no goal '" + clip(goal_id) + "' in this lesson";
    const pg::Goal& goal = lesson_->goals[size_t(i)];
    if (!goal.answer) return "'" + clip(goal_id) + "' is not an answer goal";
    std::string error;
    std::optional<double> expected;
    if (goal.answer->from_start) {
        // The lesson's own start, whatever the student did since (no locks:
        // the lesson loaded under them, so its numbers are the same).
        pg::Session start;
        if (!pg::load_lesson(*lesson_, start, error)) return error;
        expected = pg::answer_value(*goal.answer, start, error);
    } else {
        expected = pg::answer_value(*goal.answer, trainer_.session(), error);
    }
    if (!expected) return goal_id + ": " + error;
    const bool right = pg::answer_right(*goal.answer, *expected, value);
    progress_.typed[size_t(i)] = value;
    answer_state[size_t(i)] = right ? 1 : -1;
    if (answer_text[size_t(i)].empty()) answer_text[size_t(i)] = number_text(value);
    if (right && !progress_.met[size_t(i)]) {
        progress_.met[size_t(i)] = true;
        emit("goal", goal_event(i));
    }
    changed();
    if (!passed_ && progress_.passed(*lesson_)) {
        passed_ = true;
        emit("lesson", status_json());
    }
    return right ? "right" : "wrong";
}

std::string Course::start_over() {
    if (!lesson_) return {};
    const pg::Lesson lesson = *lesson_;
    const std::string error = trainer_.load_lesson(lesson);
    if (!error.empty()) return error;
    progress_.start(lesson);
    answer_text.assign(lesson.goals.size(), std::string());
    answer_state.assign(lesson.goals.size(), 0);
    hints_shown = 0;
    passed_ = false;
    last_error.clear();
    measured_revision_ = ~0ull;
    emit("restart", progress_json());  // the page forgets the saved progress
    return {};
}

std::string Course::status_json() const {
    if (!lesson_) return "null";
    std::string out = "{\"id\":";
    put_string(out, lesson_->id);
    out += ",\"title\":";
    put_string(out, lesson_->title);
    out += ",\"goals\":[";
    for (size_t i = 0; i < lesson_->goals.size(); ++i) {
        const pg::Goal& g = lesson_->goals[i];
        out += i ? ",{\"id\":" : "{\"id\":";
        put_string(out, g.id);
        out += ",\"text\":";
        put_string(out, g.text);
        out += progress_.met[i] ? ",\"met\":true" : ",\"met\":false";
        out += g.answer ? ",\"answer\":true" : ",\"answer\":false";
        if (progress_.typed[i]) {
            out += ",\"typed\":";
            put_number(out, *progress_.typed[i]);
        }
        out += '}';
    }
    out += "],\"met\":" + std::to_string(progress_.met_count());
    out += progress_.passed(*lesson_) ? ",\"passed\":true" : ",\"passed\":false";
    out += ",\"score\":";
    put_number(out, progress_.score());
    out += ",\"hints\":" + std::to_string(hints_shown) + "}";
    return out;
}

std::string Course::goal_event(int i) const {
    std::string out = status_json();
    out.pop_back();  // the closing brace
    out += ",\"goal\":{\"id\":";
    put_string(out, lesson_->goals[size_t(i)].id);
    out += ",\"text\":";
    put_string(out, lesson_->goals[size_t(i)].text);
    out += "}}";
    return out;
}

std::string Course::progress_json() const {
    if (!lesson_) return "null";
    std::string met, answers;
    for (size_t i = 0; i < lesson_->goals.size(); ++i) {
        if (progress_.met[i]) {
            if (!met.empty()) met += ',';
            put_string(met, lesson_->goals[i].id);
        }
        if (progress_.typed[i]) {
            if (!answers.empty()) answers += ',';
            put_string(answers, lesson_->goals[i].id);
            answers += ':';
            put_number(answers, *progress_.typed[i]);
        }
    }
    std::string out = "{\"id\":";
    put_string(out, lesson_->id);
    out += ",\"met\":[" + met + "],\"answers\":{" + answers + "},\"hints\":" + std::to_string(hints_shown) + "}";
    return out;
}

std::string Course::restore(const std::string& text) {
    if (!lesson_) return "no lesson is open";
    // Lines from playground-api.js (which reads the saved JSON):
    //   "id <lesson id>", "met <goal id>", "answer <goal id> <number>", "hints <n>"
    size_t start = 0;
    bool same_lesson = false;
    while (start < text.size()) {
        size_t end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        const std::string line = text.substr(start, end - start);
        start = end + 1;
        const size_t sp = line.find(' ');
        if (sp == std::string::npos) continue;
        const std::string word = line.substr(0, sp), rest = line.substr(sp + 1);
        if (word == "id") {
            same_lesson = rest == lesson_->id;
            if (!same_lesson) return "progress: it belongs to another lesson";
        } else if (!same_lesson) {
            return "progress: the first line must name the lesson";
        } else if (word == "met") {
            if (const int i = lesson_->goal_index(rest); i >= 0) progress_.met[size_t(i)] = true;
        } else if (word == "answer") {
            const size_t sp2 = rest.rfind(' ');
            const int i = sp2 == std::string::npos ? -1 : lesson_->goal_index(rest.substr(0, sp2));
            char* e = nullptr;
            const double v = i < 0 ? 0 : std::strtod(rest.c_str() + sp2 + 1, &e);
            if (i < 0 || !e || *e != '\0' || !std::isfinite(v)) continue;
            progress_.typed[size_t(i)] = v;
            answer_text[size_t(i)] = number_text(v);
            answer_state[size_t(i)] = progress_.met[size_t(i)] ? 1 : -1;
        } else if (word == "hints") {
            hints_shown = std::clamp(std::atoi(rest.c_str()), 0, int(lesson_->hints.size()));
        }
    }
    passed_ = progress_.passed(*lesson_);
    return {};
}

std::string Course::apply_requests() {
    Requests r = std::move(requests);
    requests = Requests{};
    if (!lesson_) return {};
    if (r.next_hint && hints_shown < int(lesson_->hints.size())) {
        ++hints_shown;
        changed();
    }
    if (r.answer_goal >= 0 && size_t(r.answer_goal) < lesson_->goals.size()) {
        last_error.clear();
        char* end = nullptr;
        const std::string& t = r.answer_text;
        const double v = std::strtod(t.c_str(), &end);
        if (t.empty() || end == t.c_str() || *end != '\0' || !std::isfinite(v)) {
            last_error = "Type a number (like -0.269).";
        } else {
            const std::string result = answer(lesson_->goals[size_t(r.answer_goal)].id, v);
            if (result != "right" && result != "wrong") last_error = result;
        }
    }
    if (r.start_over) return start_over();
    return {};
}

}  // namespace pgapp
