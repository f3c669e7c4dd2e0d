// web/course.h — the open lesson in the page: its goals ticked as the run
// changes, the student's answers checked, progress saved and restored, and
// the events a course hears ('goal', 'lesson'). The lesson file and the goal
// rules are the engine's (pg/lesson.h); this is the app's side of them.
//
// The app owns one Course beside its Trainer. Each frame, after the panels'
// requests are applied, update() re-measures the run when it changed (a new
// epoch, an edit, a lesson) and marks the goals that now hold; once met a
// goal stays met. The Task panel (ui/task_panel.cpp) reads the Course and
// writes requests into `requests`; apply_requests() carries them out.
//
// Progress as text (progress_json / restore): what the page keeps in
// localStorage and SCORM's suspend_data, compact on purpose (SCORM 1.2 allows
// 4,096 characters):  {"id":"xor-small","met":["fit"],"answers":{"d":-0.27},"hints":1}
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "pg/lesson.h"

namespace pgapp {

class Trainer;

class Course {
public:
    explicit Course(Trainer& trainer) : trainer_(trainer) {}

    // Opens a built-in lesson by id or a lesson file's text (starts with '{').
    // Returns "" or the error (the parser's, naming the field, or the
    // loader's); on error the open lesson and the run are kept.
    std::string open(const std::string& id_or_json);
    bool is_open() const { return lesson_.has_value(); }
    const pg::Lesson& lesson() const { return *lesson_; }
    const pg::LessonProgress& progress() const { return progress_; }

    // Re-measures the run if it changed since the last call and ticks the goals
    // that hold; emits 'goal' per goal newly met and 'lesson' when it passes.
    void update();
    // The student's number for an answer goal. Returns "right", "wrong", or an
    // error ("no goal 'x'", "'x' is not an answer goal", the engine's reason).
    std::string answer(const std::string& goal_id, double value);
    // Back to the lesson's start: its run again, no goal met, no answer.
    std::string start_over();

    // {id, title, goals: [{id, text, met, answer, typed}], passed, score, hints} ("null" if none).
    std::string status_json() const;
    std::string progress_json() const;
    // Restores goals met, answers and hints shown (for this lesson's id only;
    // unknown goal ids are passed over). Emits no events.
    // The text is lines: "id <lesson id>" first, then "met <goal id>",
    // "answer <goal id> <number>", "hints <n>" (playground-api.js writes them).
    std::string restore(const std::string& progress);

    // Events: (name, JSON data). "goal": a goal met ({id, text} + the status);
    // "lesson": the lesson passed (the status); "progress": progress changed
    // (the progress text: the page saves it); "restart": Start over (the page
    // forgets what it saved); "open": a lesson opened (the status).
    std::function<void(const std::string& event, const std::string& data)> on_event;

    // ---- The Task panel's side --------------------------------------------------------------
    struct Requests {
        int answer_goal = -1;  // the goal whose field was submitted
        std::string answer_text;
        bool start_over = false;
        bool next_hint = false;
    };
    Requests requests;
    std::vector<std::string> answer_text;  // per goal: what is in the field
    std::vector<int> answer_state;         // per goal: 0 not tried, 1 right, −1 wrong
    int hints_shown = 0;
    std::string last_error;                // the last answer's error, for the panel
    float panel_height = 0;                // the Task panel's content height last frame (CSS px)
    // Carries out the panel's requests; returns a notice for the app ("" if none).
    std::string apply_requests();

private:
    void emit(const std::string& event, const std::string& data) const {
        if (on_event) on_event(event, data);
    }
    void changed() const { emit("progress", progress_json()); }
    std::string goal_event(int goal) const;  // the status with {"goal": {id, text}}

    Trainer& trainer_;
    std::optional<pg::Lesson> lesson_;
    pg::LessonProgress progress_;
    bool passed_ = false;
    uint64_t measured_revision_ = ~0ull;
    int measured_epoch_ = -1;
};

}  // namespace pgapp
