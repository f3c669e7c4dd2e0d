// The teacher's draft made into a lesson file (see lesson_maker.h).
#include "lesson_maker.h"

#include <algorithm>

#include "training.h"

namespace pgapp {

std::string lesson_id_from_title(const std::string& title) {
    std::string id;
    for (char c : title) {
        const char l = (c >= 'A' && c <= 'Z') ? char(c - 'A' + 'a') : c;
        if ((l >= 'a' && l <= 'z') || (l >= '0' && l <= '9')) id += l;
        else if (!id.empty() && id.back() != '-') id += '-';
    }
    while (!id.empty() && id.back() == '-') id.pop_back();
    if (id.size() > 64) id.resize(64);
    return id.empty() ? "my-lesson" : id;
}

bool LessonMaker::locked(std::string_view key) const {
    return std::find(locks.begin(), locks.end(), key) != locks.end();
}

void LessonMaker::set_lock(std::string_view key, bool on) {
    if (on == locked(key)) return;
    if (on) locks.emplace_back(key);
    else locks.erase(std::find(locks.begin(), locks.end(), key));
}

pg::Lesson LessonMaker::make(const Trainer& trainer) const {
    pg::Lesson l;
    l.id = lesson_id_from_title(title);
    l.title = title.empty() ? "My lesson" : title;
    for (char& c : l.title)
        if (c == '\n' || c == '\r') c = ' ';
    l.text = text;
    pg::State s = trainer.state();
    for (int c = 0; c < pg::kNumControls; ++c)
        if (hide[size_t(c)]) s.control_hidden[size_t(c)] = true;
    l.state = pg::serialize_state(s);
    for (const std::string& key : locks) l.lock += (l.lock.empty() ? "" : ",") + key;
    if (with_weights) l.model = trainer.model_json();
    if (with_points && trainer.session().using_csv()) l.csv = trainer.data_csv();
    l.goals = goals;
    l.hints = hints;
    return l;
}

std::string LessonMaker::make_json(const Trainer& trainer, std::string& error) const {
    const std::string json = pg::lesson_to_json(make(trainer));
    pg::Lesson check;
    if (!pg::parse_lesson(json, check, error)) return {};
    return json;
}

}  // namespace pgapp
