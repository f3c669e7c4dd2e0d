// web/ui/task_panel.h — the Task panel of an open lesson: title, text, goals
// with live ticks, answer fields, hints on request, Start over. Hidden by
// `task_hide=true`. Reads the Course; writes only course.requests.
#pragma once

namespace pgapp {

struct UiContext;
class Course;

// A window of its own over the bottom left of the page (movable, collapsible).
void draw_task_panel(UiContext& ctx, Course& course);

}  // namespace pgapp
