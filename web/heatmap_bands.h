// web/heatmap_bands.h — the heatmaps of every drawn neuron, computed a band
// of grid points per frame (refresh) so that a large network never stalls a
// frame, coarse to fine on a new network; and the nine feature planes over
// the same grid, made once.
#pragma once
#include <cstdint>
#include <vector>

#include "training.h"
#include "ui/heatmap.h"

namespace pgapp {

class HeatmapBands {
public:
    explicit HeatmapBands(int resolution);
    // Evaluates about budget_ms of grid points for the neurons the diagram
    // draws and uploads the rows they touched (a new network's planes whole).
    void refresh(Trainer& trainer, HeatmapRenderer& heatmaps, double budget_ms);
    // (9, R²): each feature over the grid; 1 / max |feature| per feature, for display.
    const std::vector<float>& feature_grid() const { return feature_grid_; }
    const std::vector<float>& feature_scale() const { return feature_scale_; }

private:
    int resolution_;
    std::vector<float> feature_grid_, feature_scale_;
    std::vector<int> drawn_neurons;          // the neurons with heatmaps (engine numbering), in slot order
    std::vector<float> grid_work;            // (drawn neurons, R²), refreshed band by band
    std::vector<int> grid_order;             // grid points coarse to fine (see refresh)
    std::vector<uint8_t> grid_block;         // block side each point of grid_order fills on a first pass
    std::vector<int> grid_rows_order;        // 0, 1, 2 ...: later passes
    std::vector<float> grid_band;            // (drawn neurons, band) of this frame
    int grid_next = 0;                       // next position in grid_order
    bool grid_first_pass = true;             // grid_work holds no values of this network yet
    double ms_per_point = 0;                 // measured cost of one grid point
};

}  // namespace pgapp
