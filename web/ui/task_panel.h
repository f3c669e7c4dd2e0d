// web/ui/task_panel.h — the Task panel of an open lesson: title, text, goals
// with live ticks, answer fields, hints on request, Start over. Hidden by
// `task_hide=true`. Reads the Course; writes only course.requests.
#pragma once

namespace pgapp {

struct UiContext;
class Course;

// Draws into the current window (the app's layout places it: above the data
// or lab panel in the columns, in a child that scrolls; first in the stacked
// column); a collapsing header. Call only with a lesson open and `task` shown.
// Sets course.panel_height to the content's height (the columns' child is
// sized from it the next frame).
void draw_task_panel(UiContext& ctx, Course& course);

}  // namespace pgapp
