// cli/package.h — `playground-cli package`: a lesson file inside the one-file
// page (web/make_single_html.mjs's playground-single.html), written as that
// page (--html) or as a SCORM 1.2 / 2004 package (--scorm): a zip with
// imsmanifest.xml at its root naming index.html, the page, as its one SCO.
// The page and the manifest are the engine's (pg/course_package.h, which
// the page's "Make a lesson" panel uses too); the zip is written with libzip (Debian's libzip-dev); a build without it
// says so and writes only --html.
#pragma once
#include <string>
#include <string_view>

#include "pg/course_package.h"
#include "pg/lesson.h"

namespace pgcli {

// Writes a zip of imsmanifest.xml and index.html to `path`. False with a message on error.
bool write_scorm_zip(const std::string& path, const std::string& manifest, const std::string& page,
                     std::string& error);

// The command: playground-cli package LESSON.json (--scorm 1.2|2004 | --html) -o OUT [--page PAGE.html]
int cmd_package(int argc, char** argv);

}  // namespace pgcli
