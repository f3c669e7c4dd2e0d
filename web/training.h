// web/training.h — the app's training run: data, features and network built
// from a pg::State, trained one epoch at a time, with the loss history, the
// initial weights kept for an exact Reset, and divergence detection.
//
// A new state rebuilds only what it must: the data when the dataset, noise,
// split, sample count or seed changes; the network (new initial weights,
// epoch 0) when the data or the architecture (features, shape, activations,
// loss, initializer) changes. Learning rate, momentum, regularization and
// batch size apply to the running network without touching its weights.
#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "pg/data.h"
#include "pg/network.h"
#include "pg/state.h"

namespace pgapp {

struct LossPoint {
    float train = 0, test = 0;
};

class Trainer {
public:
    struct Rebuilt {
        bool data = false;     // new points were generated
        bool network = false;  // new network at epoch 0
    };

    Trainer();

    // Applies `state`; see the header comment for what is rebuilt.
    Rebuilt set_state(const pg::State& state);
    const pg::State& state() const { return state_; }

    // One pass over the training set in mini-batches (the same order every
    // epoch), then the train and test loss. Returns false (and trains no
    // further) if the network diverged: the last finite weights are kept.
    bool step_epoch();
    // Back to epoch 0 with exactly the initial weights of this seed.
    void reset();

    int epoch() const { return epoch_; }
    double train_loss() const { return train_.loss; }
    double test_loss() const { return test_.loss; }
    double train_accuracy() const { return train_.accuracy; }
    double test_accuracy() const { return test_.accuracy; }
    // Loss after epoch e is history()[e / history_stride()] (entry 0: the initial loss).
    const std::vector<LossPoint>& history() const { return history_; }
    int history_stride() const { return history_stride_; }

    // Non-empty after a divergence: what happened, for the UI.
    const std::string& divergence() const { return divergence_; }

    pg::Network& network() { return network_; }
    const pg::Network& network() const { return network_; }
    const std::vector<pg::Feature>& features() const { return features_; }
    const pg::DataSplit& data() const { return data_; }
    pg::Problem problem() const { return state_.problem; }

    // Every neuron of the network over the resolution² grid of [-6, 6]²
    // (one batched engine call): out is (neuron_count, resolution²).
    void evaluate_grid(int resolution, std::vector<float>& out);

private:
    void rebuild_data();
    void rebuild_network();
    void change_function();
    void apply_hyper();
    void measure();
    void record();

    pg::State state_;
    bool built_ = false;
    std::string data_key_, shape_key_, function_key_;
    pg::DataSplit data_;
    std::vector<pg::Feature> features_;
    int outputs_ = 1;
    std::vector<float> x_train_, t_train_, x_test_, t_test_;  // (n, features) and (n, outputs)
    pg::Network network_;
    std::vector<float> initial_params_;
    pg::Evaluation train_, test_;
    int epoch_ = 0;
    std::vector<LossPoint> history_;
    int history_stride_ = 1;
    std::string divergence_;

    // Grid features for evaluate_grid, rebuilt when the resolution or features change.
    int grid_resolution_ = 0;
    std::vector<float> grid_x_;
    pg::EvalWorkspace workspace_;
};

}  // namespace pgapp
