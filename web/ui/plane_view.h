// web/ui/plane_view.h — the [-6, 6]² input plane drawn into a screen square:
// coordinate mapping, axes with ticks, and the data points (training points
// with a white outline, test points with a dark one, as the reference does).
#pragma once
#include <imgui.h>

#include <span>

#include "pg/data.h"

namespace pgapp {

struct PlaneView {
    ImVec2 min;           // top-left of the plot square on screen
    float size = 0;       // side of the square in logical pixels
    double extent = 6.0;  // the plot shows [-extent, extent]²

    ImVec2 to_screen(double x1, double x2) const;
};

// Reserves a square of `size` at the cursor (leaving room for axis labels
// when `axes` is set) and returns where the plane is drawn.
PlaneView plane_begin(float size, bool axes);
void plane_draw_axes(ImDrawList* dl, const PlaneView& v);
// Draws labelled points: colour by label (diverging scale for ±1 and
// regression values, class colours for multi-class), outlined white (train)
// or dark (test).
void plane_draw_points(ImDrawList* dl, const PlaneView& v, std::span<const pg::Point> points,
                       pg::Problem problem, bool test_points, float radius);

}  // namespace pgapp
