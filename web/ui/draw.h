// web/ui/draw.h — Draw mode of the output plot: the user's own points, added
// with a click, removed with Shift+click (or a right click), moved by
// dragging, with undo and redo. The drawn points are the user's data exactly
// as an uploaded CSV is (split by the training ratio, downloadable, kept when
// the network changes); the app applies them after the panels (context.h).
#pragma once
#include <imgui.h>

#include <vector>

#include "pg/data.h"

namespace pgapp {

struct DrawState {
    static constexpr size_t kMaxUndo = 100;

    bool on = false;
    float label = 1.0f;             // the class (−1/+1 or 0..K−1) or the regression value of new points
    std::vector<pg::Point> points;  // the user's points while drawing (train and test)
    bool loaded = false;            // points holds the data (a first edit copies the generated set)
    std::vector<std::vector<pg::Point>> undo, redo;
    int dragging = -1;              // index of the point being moved
    bool request_apply = false;     // points changed: the app makes them the data

    // Before an edit: remember the points for Ctrl+Z.
    void remember() {
        undo.push_back(points);
        if (undo.size() > kMaxUndo) undo.erase(undo.begin());
        redo.clear();
    }
    // Undo (Ctrl+Z) and redo (Ctrl+Y, Ctrl+Shift+Z): false if there is nothing to undo (redo).
    bool step_back() { return step(undo, redo); }
    bool step_forward() { return step(redo, undo); }

private:
    // The points become the last of `from`; the current ones go to `to`.
    bool step(std::vector<std::vector<pg::Point>>& from, std::vector<std::vector<pg::Point>>& to) {
        if (from.empty()) return false;
        to.push_back(std::move(points));
        points = std::move(from.back());
        from.pop_back();
        return true;
    }
};

}  // namespace pgapp
