// playground-cli bench: one frame's heatmap work of the app for a network,
// measured the way web/app.cpp (App::Impl::upload_heatmaps) and
// web/training.cpp (Trainer::evaluate_grid_points) do it.
#pragma once

#include <string>

namespace pgcli {

struct UiFrameFigures {
    double grid_ms = 0;          // the whole 100 × 100 grid in one band (the app's path), best of several
    int band_points = 0;         // grid points in the last frame's band (sized for the app's 6 ms)
    int frames_per_refresh = 0;  // frames for the whole grid, on average
    double frame_ms_median = 0;  // one frame's band (features, evaluation, copy), the app's way
    double frame_ms_p95 = 0;     // 95 % of the frames took at most this
    double frame_ms_max = 0;     // the slowest frame seen
    int neurons = 0;           // evaluated per point
    int drawn_neurons = 0;     // uploaded: the first 16 of each hidden layer and every output
};

// `state`: a state string (e.g. "networkShape=256,256"); the session's
// features and network are the app's for it. The whole grid is the best of
// repeated runs; frames run as the app runs them for about `seconds` (at
// least two refreshes). Returns false (with a message) if the state does not build.
bool measure_ui_frame(const std::string& state, double seconds, UiFrameFigures& f, std::string& error);

}  // namespace pgcli
