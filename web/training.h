// web/training.h — the app's view of the engine's training run (pg::Session):
// applies states (rebuilding only what must change, see pg/session.h), trains
// epoch by epoch, and words the status for the UI.
#pragma once
#include <span>
#include <string>
#include <vector>

#include "pg/session.h"

namespace pgapp {

class Trainer {
public:
    Trainer();

    // Applies `state` (the first call builds the run). Returns "" or a message
    // if the state could not be applied (the previous run is kept).
    std::string set_state(const pg::State& state);
    const pg::State& state() const { return session_.state(); }

    // One epoch; false if training diverged (the last finite weights are kept).
    bool step_epoch() { return session_.step_epoch(); }
    // Epoch 0 with exactly the initial weights.
    void reset() { session_.reset(); }
    // The user's own points (CSV text, labels read for the current problem)
    // replace the generated data: a new run at epoch 0. Returns "" or the
    // parser's message naming the line.
    std::string load_csv(const std::string& text);
    // Back to the generated dataset.
    std::string use_generated_data();
    bool using_csv() const { return session_.using_csv(); }
    // The current points (train then test) as CSV text.
    std::string data_csv() const;

    // After editing a weight or bias: recompute the losses.
    void weights_edited() { session_.refresh_metrics(); }

    int epoch() const { return session_.epoch(); }
    double train_loss() const { return session_.metrics().train_loss; }
    double test_loss() const { return session_.metrics().test_loss; }
    double train_accuracy() const { return session_.metrics().train_accuracy; }
    double test_accuracy() const { return session_.metrics().test_accuracy; }
    // Entry i is epoch i * history_stride() (the last may be the current epoch).
    std::span<const pg::Metrics> history() const { return session_.history(); }
    int history_stride() const { return session_.history_stride(); }

    // Non-empty after a divergence: a sentence for the UI.
    std::string divergence() const;
    bool diverged() const { return session_.diverged(); }

    pg::Network& network() { return session_.network(); }
    const pg::Network& network() const { return session_.network(); }
    const std::vector<pg::Feature>& features() const { return session_.features(); }
    std::span<const pg::Point> train_points() const { return session_.train_points(); }
    std::span<const pg::Point> test_points() const { return session_.test_points(); }
    pg::Problem problem() const { return session_.problem(); }

    // Every neuron over the resolution² grid (one batched engine call):
    // out is (neuron_count, resolution²).
    void evaluate_grid(int resolution, std::vector<float>& out) { session_.evaluate_grid(resolution, out); }

private:
    pg::Session session_;
};

}  // namespace pgapp
