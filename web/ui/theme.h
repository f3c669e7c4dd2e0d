// web/ui/theme.h — colours and style shared by every panel. The diverging
// scale is TensorFlow Playground's: orange (−1) → near-white (0) → blue (+1).
#pragma once
#include <imgui.h>

namespace pgapp {

inline constexpr ImU32 kColorNegative = IM_COL32(245, 147, 34, 255);  // #f59322
inline constexpr ImU32 kColorPositive = IM_COL32(8, 119, 189, 255);   // #0877bd
inline constexpr ImU32 kColorNeutral = IM_COL32(232, 234, 235, 255);  // #e8eaeb
inline constexpr ImU32 kColorAxis = IM_COL32(120, 124, 130, 255);
inline constexpr ImU32 kColorText = IM_COL32(60, 64, 70, 255);

// The colour of a value in [-1, 1] on the diverging scale (clamped).
ImU32 diverging_color(float value, float alpha = 1.0f);
// A distinct colour for class k of a multi-class problem.
ImU32 class_color(int k, float alpha = 1.0f);

// Light theme with rounded frames, its sizes (padding, rounding) times `scale`
// (the UI scale, see fonts.h): applied at start and when the scale changes.
void apply_theme(float scale = 1.0f);

}  // namespace pgapp
