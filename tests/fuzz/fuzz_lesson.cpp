// Fuzzes lesson files (pg/lesson.h): parse; a refused file has a one-line
// message naming a field and leaves the lesson untouched; an accepted one is
// written back and read again to the same text, its goals are evaluated on
// empty metrics, and it loads into a session (locks aside, a lesson that
// parses loads) where every answer goal gives a number or a message.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "pg/lab.h"
#include "pg/lesson.h"
#include "pg/session.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size > 64 * 1024) return 0;  // big files only repeat small ones, slowly
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    pg::Lesson lesson;
    lesson.id = "untouched";
    std::string error;
    if (!pg::parse_lesson(text, lesson, error)) {
        FUZZ_CHECK(!error.empty(), "empty error message");
        FUZZ_CHECK(error.find(':') != std::string::npos, "no field named in: %s", error.c_str());
        for (unsigned char c : error) FUZZ_CHECK(c >= 0x20 && c != 0x7f, "control character in: %s", error.c_str());
        FUZZ_CHECK(lesson.id == "untouched", "a refused file changed the lesson");
        return 0;
    }
    const std::string json = pg::lesson_to_json(lesson);
    pg::Lesson again;
    FUZZ_CHECK(pg::parse_lesson(json, again, error), "written lesson rejected: %s\n%s", error.c_str(), json.c_str());
    FUZZ_CHECK(pg::lesson_to_json(again) == json, "the lesson changed in a round trip:\n%s", json.c_str());

    pg::LessonProgress progress;
    progress.start(lesson);
    FUZZ_CHECK(progress.update(lesson, pg::LessonMetrics{}).empty(), "a goal met on unmeasured metrics");
    // Loading builds networks: keep it to small ones.
    if (size > 4096) return 0;
    pg::Session session;
    if (!pg::load_lesson(lesson, session, error)) return 0;  // a state/model mismatch the loader names
    progress.update(lesson, pg::measure(session));
    for (const pg::Goal& g : lesson.goals)
        if (g.answer) {
            std::string why;
            if (!pg::answer_value(*g.answer, session, why)) FUZZ_CHECK(!why.empty(), "no reason for a missing answer");
        }
    return 0;
}
