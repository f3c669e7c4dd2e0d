// web/layout.h — where the panels go for a window (or iframe) of a given size.
//
// Two layouts, chosen from the window's size in CSS pixels (ImGui's units):
//   kColumns  data (or lab) | network | output side by side, filling the
//             window: a laptop, a desktop, the README's 800 × 500 embed
//   kStacked  one column the window scrolls: the controls bar (it wraps),
//             then the output plot (square, as large as the width allows,
//             never taller than the window), the network, the data (or lab)
//             panel, the status line. Narrow windows (a 720 px course column,
//             a phone, a laptop at 200 % zoom), windows too low for the
//             columns (a phone in landscape), and tall windows (a tablet in
//             portrait), which the columns would leave 40 % empty.
// The desktop app gets the same layouts when its window is resized.
#pragma once

namespace pgapp {

enum class LayoutKind { kColumns, kStacked };

struct Layout {
    LayoutKind kind = LayoutKind::kColumns;
    // kColumns: the widths of the three columns and their common height.
    float data_w = 0, net_w = 0, out_w = 0, height = 0;
    // kStacked: the width of the column and the heights of the output and
    // network sections (the data or lab panel below takes what it needs).
    // side_by_side: a column wide enough for two (a 720 px course column, a
    // phone in landscape) puts the network and the output beside each other,
    // each net_w / out_w wide and out_h high.
    float width = 0, out_h = 0, net_h = 0;
    bool side_by_side = false;
};

// Below this width the three columns cannot keep their labels whole.
inline constexpr float kColumnsMinWidth = 800.0f;
// Below this height the columns leave the network and the plot too little room.
inline constexpr float kColumnsMinHeight = 500.0f;

// window_w/h: the window in CSS pixels; avail_w/h: the room below the
// controls bar; fs: the font size; gap: the space between columns; lab_open:
// the lab takes the data column.
Layout choose_layout(float window_w, float window_h, float avail_w, float avail_h, float fs, float gap, bool lab_open);

// kStacked or kColumns for a window size alone (what the header's title and
// the bar's layout decide before the room below them is known).
LayoutKind layout_kind(float window_w, float window_h);

}  // namespace pgapp
