// web/png_writer.h — writes RGBA pixels as a PNG file (screenshots of the
// desktop smoke test). No image library is among our dependencies and
// stb_image_write is not shipped with Debian's ImGui, so this writes the
// simplest valid PNG: uncompressed ("stored") deflate blocks, about 60 lines.
#pragma once
#include <cstdint>
#include <string>

namespace pgapp {

// rgba: (height, width, 4) bytes, top row first. Returns false and sets error.
bool write_png(const std::string& path, const uint8_t* rgba, int width, int height, std::string* error);

}  // namespace pgapp
