// web/ui/make_lesson_panel.h — "Make a lesson": the teacher turns the page as
// it is into a lesson (title, text, hides, locks, goals over metrics, answer
// goals picked on the lab's diagram, hints), tries it as a student, and takes
// it away as a file, a link, an iframe snippet or a SCORM package. A window
// of its own (movable), opened from the Lessons menu; hidden with
// `makeLesson_hide=true`. Edits the draft (lesson_maker.h); its actions go to
// maker.request for the app.
#pragma once

namespace pgapp {

struct UiContext;
struct LessonMaker;

void draw_make_lesson_panel(UiContext& ctx, LessonMaker& maker);

}  // namespace pgapp
