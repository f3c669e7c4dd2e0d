// pg/course_package.h — a lesson made into what a course platform takes: the
// one-file page with the lesson inside, and a SCORM 1.2 / 2004 manifest that
// names that page as the package's one SCO. Text only, no files and no zip:
// `playground-cli package` zips with libzip, the page's "Make a lesson"
// panel (web/ui/make_lesson_panel.cpp) with a JavaScript zip library; both
// write the same two files from these two functions.
//
//   lesson_page      playground-single.html + <script type="application/json"
//                    id="playground-lesson"> (playground-api.js opens it at start)
//   scorm_manifest   imsmanifest.xml for "1.2" or "2004" (4th edition)
//   kScormPageName   the page's name in the package ("index.html")
#pragma once
#include <string>
#include <string_view>

#include "pg/lesson.h"

namespace pg {

inline constexpr const char* kScormPageName = "index.html";

// The page with the lesson inside, before </body>, and the lesson's title as
// the page's <title>. `lesson_json` is the lesson file's text (lesson_to_json).
// "" and `error` if the page has no </body> (not playground-single.html).
std::string lesson_page(std::string_view page, const Lesson& lesson, std::string_view lesson_json,
                        std::string& error);

// imsmanifest.xml for version "1.2" or "2004"; anything else is read as 2004.
std::string scorm_manifest(const Lesson& lesson, std::string_view version);

}  // namespace pg
