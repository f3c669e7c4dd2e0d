// web/lesson_maker.h — the teacher's draft in the "Make a lesson" panel
// (ui/make_lesson_panel.cpp): title, text, hides, locks, goals, hints, made
// into a `playground-lesson/1` file (pg/lesson.h) from the run as it is now.
//
// The panel edits the draft and writes `requests`; the app carries them out
// after the panels (app.cpp): "Try as a student" opens the lesson in the
// page's Course, the downloads and copies go to the platform (the page's
// playground-api.js: the link, the iframe snippet, the SCORM zip).
#pragma once
#include <array>
#include <string>
#include <vector>

#include "pg/lesson.h"
#include "pg/state.h"

namespace pgapp {

class Trainer;

struct LessonMaker {
    bool open = false;  // the panel is shown
    std::string title = "My lesson";
    std::string text;
    std::array<bool, pg::kNumControls> hide{};  // controls hidden from the student
    std::vector<std::string> locks;             // keys locked (pg::lockable_keys names, "hides")
    std::vector<pg::Goal> goals;
    std::vector<std::string> hints;
    bool with_weights = true;  // the run's current weights as the lesson's model
    bool with_points = true;   // the run's points as the lesson's CSV (when they are the user's)

    // What the panel asks of the app.
    enum class Action { kNone, kTry, kDownload, kLink, kEmbed, kScorm12, kScorm2004 };
    Action request = Action::kNone;

    bool locked(std::string_view key) const;
    void set_lock(std::string_view key, bool on);

    // The lesson from the run as it is now: its state (with the draft's
    // hides), its weights and its points as chosen; an id made from the title.
    pg::Lesson make(const Trainer& trainer) const;
    // The same as the lesson file's text ("" and `error` if it does not read back).
    std::string make_json(const Trainer& trainer, std::string& error) const;
};

// An id from a title: lower-case letters and digits joined by '-' ("XOR, small" → "xor-small").
std::string lesson_id_from_title(const std::string& title);

}  // namespace pgapp
