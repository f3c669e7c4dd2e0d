// playground-cli bench: one frame's heatmap work of the app for a network,
// measured the way web/app.cpp (App::Impl::upload_heatmaps) and
// web/training.cpp (Trainer::evaluate_grid_points) do it.
#pragma once

#include <string>

namespace pgcli {

struct UiFrameFigures {
    double grid_ms = 0;        // the whole 100 × 100 grid in one band (the app's path)
    double point_ms = 0;       // grid_ms / 10⁴: what the app's band sizing learns
    int band_points = 0;       // grid points per frame for the app's 6 ms budget
    int frames_per_refresh = 0;
    double frame_ms_mean = 0;  // one frame's band (features, evaluation, copy), over a whole refresh
    double frame_ms_max = 0;
    int neurons = 0;           // evaluated per point
    int drawn_neurons = 0;     // uploaded: the first 16 of each hidden layer and every output
};

// `state`: a state string (e.g. "networkShape=256,256"); the session's
// features and network are the app's for it. Best of repeated runs within
// about `seconds`. Returns false (with a message) if the state does not build.
bool measure_ui_frame(const std::string& state, double seconds, UiFrameFigures& f, std::string& error);

}  // namespace pgcli
