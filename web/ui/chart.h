// web/ui/chart.h — what the two charts over epochs share (loss_chart.cpp,
// grad_chart.cpp): the frame (a white plot area with room for the y labels on
// the left and the epoch labels below), the epoch axis's scale, a logarithmic
// y scale over whole decades, grid lines with labels, the curves and the
// epoch under the mouse. Drawn with ImDrawList.
#pragma once
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <span>

#include "pg/session.h"

namespace pgapp {

struct ChartFrame {
    ImDrawList* dl = nullptr;
    ImFont* small = nullptr;  // the labels' font and its size
    float small_size = 0;
    ImVec2 p0, p1;            // the plot area, top left and bottom right
    bool hovered = false;     // the mouse is on the chart
    float x_max = 1;          // the last epoch (at least 1): the right edge

    // A chart of width × height at the cursor, over the epochs of `history`;
    // takes its place in the layout (an ImGui item: `hovered`).
    static ChartFrame begin(float width, float height, std::span<const pg::Metrics> history);

    float x(float epoch) const { return p0.x + (p1.x - p0.x) * epoch / x_max; }
    // Screen y of t in [0, 1] (clamped) from the bottom of the plot area.
    float y(float t) const { return p1.y - (p1.y - p0.y) * std::clamp(t, 0.0f, 1.0f); }

    // A light grid line across the plot at screen y, its label left of the
    // axis, with a short tick on the axis if `tick`.
    void grid_line(float y, const char* label, bool tick) const;
    // The axis lines, left and bottom.
    void axes() const;
    // The curve through (epoch of history[i], screen y of value(i)) for i < n,
    // at most about one point per pixel; a non-finite value (value(i)
    // returns NaN) breaks the line.
    template <class ScreenY>
    void curve(std::span<const pg::Metrics> history, int n, ImU32 color, const ScreenY& screen_y) const {
        if (n < 2) return;
        const int step = std::max(1, int(float(n) / std::max(1.0f, p1.x - p0.x)));
        ImVec2 prev;
        bool have = false;
        for (int i = 0; i < n; i = (i + step < n || i == n - 1) ? i + step : n - 1) {
            const float sy = screen_y(i);
            if (!std::isfinite(sy)) { have = false; continue; }
            const ImVec2 pt(x(float(history[size_t(i)].epoch)), sy);
            if (have) dl->AddLine(prev, pt, color, 1.5f);
            prev = pt;
            have = true;
        }
    }
    // The entry (0..n−1, n > 0) under the mouse, for the tooltip.
    int hovered_index(int n) const;
};

// A logarithmic y scale over whole decades: from 10^lo to 10^hi, at least one
// decade, holding the positive values from `min` to `max`; values below
// `floor` (and 0) are drawn at floor.
struct LogScale {
    float lo = 0, hi = 1, floor = 1e-6f;
    LogScale(float min, float max, float floor_value)
        : lo(std::floor(std::log10(std::max(min, floor_value)))),
          hi(std::max(lo + 1, std::ceil(std::log10(std::max(max, floor_value))))),
          floor(floor_value) {}
    // Where v stands, 0 at 10^lo to 1 at 10^hi.
    float t(float v) const { return (std::log10(std::max(v, floor)) - lo) / (hi - lo); }
    int decades() const { return int(hi - lo); }
};

}  // namespace pgapp
