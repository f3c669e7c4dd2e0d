// web/ui/markdown.h — a lesson's text in ImGui: the small Markdown subset of
// lesson files (pg/lesson.h): paragraphs (blank lines between), **bold**,
// *italic*, `code`, [links](url) (their text, underlined), and list items
// ("- ", "* ", "1. ") — wrapped word by word at the available width.
#pragma once
#include <string_view>

namespace pgapp {

void draw_markdown(std::string_view text);

}  // namespace pgapp
