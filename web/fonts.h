// web/fonts.h — the embedded TTF at the sizes the UI uses, rasterised at the
// device pixel ratio so text stays crisp on HiDPI screens and in the browser.
#pragma once
#include <imgui.h>

namespace pgapp {

enum class FontRole { Regular, Small, Heading, Count };

// (Re)builds the font atlas for a device pixel ratio. Sizes are in logical
// pixels; glyphs are rasterised at size × dpr and drawn at 1/dpr, so one glyph
// texel is one screen pixel. Call before the first frame and when dpr changes.
// `ui_scale` makes the whole UI larger on a large window (text and, through
// apply_theme, padding): glyphs are rasterised at size × ui_scale × dpr.
void load_fonts(float dpr, float ui_scale = 1.0f);
ImFont* font(FontRole role);

}  // namespace pgapp
