// The open lesson in the page (see course.h).
#include "course.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include <nlohmann/json.hpp>

#include "pg/lab.h"
#include "pg/session.h"
#include "training.h"

namespace pgapp {
namespace {

using Json = nlohmann::json;

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
        return "no lesson named '" + clip(id_or_json) + "'";
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
    for (int i : now) {
        Json data = Json::parse(status_json());
        data["goal"] = {{"id", lesson_->goals[size_t(i)].id}, {"text", lesson_->goals[size_t(i)].text}};
        emit("goal", data.dump());
    }
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
        Json data = Json::parse(status_json());
        data["goal"] = {{"id", goal.id}, {"text", goal.text}};
        emit("goal", data.dump());
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
    Json goals = Json::array();
    for (size_t i = 0; i < lesson_->goals.size(); ++i) {
        const pg::Goal& g = lesson_->goals[i];
        Json o = {{"id", g.id}, {"text", g.text}, {"met", bool(progress_.met[i])}, {"answer", g.answer.has_value()}};
        if (progress_.typed[i]) o["typed"] = *progress_.typed[i];
        goals.push_back(std::move(o));
    }
    return Json{{"id", lesson_->id},
                {"title", lesson_->title},
                {"goals", std::move(goals)},
                {"met", progress_.met_count()},
                {"passed", progress_.passed(*lesson_)},
                {"score", progress_.score()},
                {"hints", hints_shown}}
        .dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string Course::progress_json() const {
    if (!lesson_) return "null";
    Json met = Json::array(), answers = Json::object();
    for (size_t i = 0; i < lesson_->goals.size(); ++i) {
        if (progress_.met[i]) met.push_back(lesson_->goals[i].id);
        if (progress_.typed[i]) answers[lesson_->goals[i].id] = *progress_.typed[i];
    }
    return Json{{"id", lesson_->id}, {"met", std::move(met)}, {"answers", std::move(answers)}, {"hints", hints_shown}}
        .dump(-1, ' ', false, Json::error_handler_t::replace);
}

std::string Course::restore(const std::string& text) {
    if (!lesson_) return "no lesson is open";
    const Json j = Json::parse(text, nullptr, false);
    if (!j.is_object()) return "progress: expected a JSON object";
    if (!j.contains("id") || !j["id"].is_string() || j["id"].get<std::string>() != lesson_->id)
        return "progress: it belongs to another lesson";
    if (j.contains("met") && j["met"].is_array())
        for (const Json& id : j["met"])
            if (id.is_string())
                if (const int i = lesson_->goal_index(id.get<std::string>()); i >= 0) progress_.met[size_t(i)] = true;
    if (j.contains("answers") && j["answers"].is_object())
        for (auto it = j["answers"].begin(); it != j["answers"].end(); ++it) {
            const int i = lesson_->goal_index(it.key());
            if (i < 0 || !it.value().is_number()) continue;
            const double v = it.value().get<double>();
            progress_.typed[size_t(i)] = v;
            answer_text[size_t(i)] = number_text(v);
            answer_state[size_t(i)] = progress_.met[size_t(i)] ? 1 : -1;
        }
    if (j.contains("hints") && j["hints"].is_number_integer())
        hints_shown = std::clamp(j["hints"].get<int>(), 0, int(lesson_->hints.size()));
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
