#include "training.h"

#include <cmath>
#include <cstdio>

namespace pgapp {
namespace {

constexpr size_t kMaxHistory = 8192;  // then every other point is dropped and the stride doubles

// Targets in the form the loss wants: one row of `outputs` numbers per point.
void make_targets(const std::vector<pg::Point>& points, pg::Problem problem, pg::Loss loss, int outputs,
                  std::vector<float>& t) {
    t.assign(points.size() * size_t(outputs), 0.0f);
    for (size_t i = 0; i < points.size(); ++i) {
        float* row = &t[i * size_t(outputs)];
        const double label = points[i].label;
        if (problem == pg::Problem::kMulticlass) {
            const int k = int(label);
            if (k >= 0 && k < outputs) row[k] = 1.0f;
        } else if (loss == pg::Loss::SoftmaxCrossEntropy) {
            row[label > 0 ? 1 : 0] = 1.0f;
        } else if (loss == pg::Loss::BinaryCrossEntropy) {
            row[0] = label > 0 ? 1.0f : 0.0f;
        } else {
            row[0] = float(label);
        }
    }
}

std::string data_key(const pg::State& s) {
    const pg::DataSpec d = pg::data_spec(s);
    char buf[160];
    std::snprintf(buf, sizeof buf, "%d|%d|%d|%.6f|%d|%d|", int(s.problem), int(d.kind), d.num_samples, d.noise,
                  d.num_classes, s.perc_train_data);
    return buf + s.seed;
}

// What fixes the parameter layout and the initial weights: features, layer
// widths, initializer. A change here means a new network at epoch 0.
std::string shape_key(const pg::State& s) {
    std::string key;
    for (pg::Feature f : pg::active_features(s)) key += std::string(pg::feature_name(f)) + ",";
    const pg::NetworkSpec spec = pg::network_spec(s, 2);
    key += "|" + pg::shape_string(spec) + "|" + std::string(pg::to_string(pg::effective_init(s)));
    return key;
}

// What can change under running weights: activations and the loss.
std::string function_key(const pg::State& s) {
    const pg::NetworkSpec spec = pg::network_spec(s, 2);
    std::string key(pg::to_string(spec.loss));
    for (const pg::LayerSpec& l : spec.layers) key += "," + std::string(pg::to_string(l.activation));
    return key;
}

}  // namespace

Trainer::Trainer() { set_state(pg::State{}); }

Trainer::Rebuilt Trainer::set_state(const pg::State& state) {
    Rebuilt r;
    const std::string dk = data_key(state), sk = shape_key(state), fk = function_key(state);
    state_ = state;
    if (!built_ || dk != data_key_) { data_key_ = dk; r.data = true; }
    if (!built_ || r.data || sk != shape_key_) { shape_key_ = sk; r.network = true; }
    const bool function_changed = fk != function_key_;
    function_key_ = fk;
    built_ = true;
    if (r.data) rebuild_data();
    if (r.network) rebuild_network();
    else if (function_changed) change_function();
    apply_hyper();
    return r;
}

void Trainer::rebuild_data() {
    pg::make_data_split(pg::data_spec(state_), pg::seed_from_string(state_.seed), state_.perc_train_data, data_);
}

void Trainer::rebuild_network() {
    features_ = pg::active_features(state_);
    const int inputs = int(features_.size());
    pg::NetworkSpec spec = pg::network_spec(state_, std::max(inputs, 1));
    std::string error;
    if (!network_.configure(spec, error)) {
        // The state module validates shapes; fall back to the reference's network.
        std::fprintf(stderr, "playground: %s; using the default network\n", error.c_str());
        spec = pg::network_spec(pg::State{}, std::max(inputs, 1));
        network_.configure(spec, error);
    }
    outputs_ = network_.outputs();
    const size_t F = size_t(std::max(inputs, 1));
    // With no feature selected the network sees a constant 0 input.
    auto fill = [&](const std::vector<pg::Point>& pts, std::vector<float>& x, std::vector<float>& t) {
        x.assign(pts.size() * F, 0.0f);
        if (inputs > 0) pg::compute_features(features_, pts, x.data());
        make_targets(pts, state_.problem, spec.loss, outputs_, t);
    };
    fill(data_.train, x_train_, t_train_);
    fill(data_.test, x_test_, t_test_);
    // The initial weights come from their own stream of the seed, so that a
    // new dataset with the same seed text does not repeat the data's draws.
    network_.init(pg::effective_init(state_), pg::seed_from_string(state_.seed) ^ 0x9e3779b97f4a7c15ULL);
    initial_params_.assign(network_.params().begin(), network_.params().end());
    grid_resolution_ = 0;  // features may have changed
    epoch_ = 0;
    divergence_.clear();
    history_.clear();
    history_stride_ = 1;
    measure();
    record();
}

// New activations or loss on the same layout: the weights, velocity and epoch
// stay; the initial weights (for Reset) stay too.
void Trainer::change_function() {
    const std::vector<float> params(network_.params().begin(), network_.params().end());
    const std::vector<float> velocity(network_.velocity().begin(), network_.velocity().end());
    const pg::NetworkSpec spec = pg::network_spec(state_, std::max(int(features_.size()), 1));
    std::string error;
    if (!network_.configure(spec, error) || network_.param_count() != params.size()) {
        rebuild_network();
        return;
    }
    std::copy(params.begin(), params.end(), network_.params().begin());
    std::copy(velocity.begin(), velocity.end(), network_.velocity().begin());
    make_targets(data_.train, state_.problem, spec.loss, outputs_, t_train_);
    make_targets(data_.test, state_.problem, spec.loss, outputs_, t_test_);
    measure();
}

void Trainer::apply_hyper() { network_.hyper() = pg::hyper_params(state_); }

void Trainer::reset() {
    std::copy(initial_params_.begin(), initial_params_.end(), network_.params().begin());
    network_.zero_velocity();
    epoch_ = 0;
    divergence_.clear();
    history_.clear();
    history_stride_ = 1;
    measure();
    record();
}

bool Trainer::step_epoch() {
    if (!divergence_.empty()) return false;
    const int n = int(data_.train.size());
    const int batch = std::max(1, state_.batch_size);
    const size_t F = size_t(std::max(int(features_.size()), 1));
    for (int start = 0; start < n; start += batch) {
        const int count = std::min(batch, n - start);
        const pg::StepResult r =
            network_.train_batch(&x_train_[size_t(start) * F], &t_train_[size_t(start) * size_t(outputs_)], count);
        if (!r.finite) {
            const int layers = network_.layer_count();
            const std::string where = r.layer == layers - 1 ? std::string("the output layer")
                                                             : "hidden layer " + std::to_string(r.layer + 1);
            divergence_ = "Training diverged in epoch " + std::to_string(epoch_ + 1) + ": a value in " + where +
                          " became infinite or NaN (" + std::string(pg::to_string(r.stage)) +
                          "). The last finite weights are kept; lower the learning rate and press Reset.";
            measure();
            return false;
        }
    }
    ++epoch_;
    measure();
    if (!train_.finite || !test_.finite) {
        divergence_ = "Training diverged in epoch " + std::to_string(epoch_) +
                      ": the loss is no longer finite. Lower the learning rate and press Reset.";
        return false;
    }
    record();
    return true;
}

void Trainer::measure() {
    train_ = network_.evaluate(x_train_.data(), t_train_.data(), int(data_.train.size()));
    test_ = data_.test.empty() ? pg::Evaluation{} : network_.evaluate(x_test_.data(), t_test_.data(), int(data_.test.size()));
}

void Trainer::record() {
    if (epoch_ % history_stride_ != 0) return;
    history_.push_back(LossPoint{float(train_.loss), float(test_.loss)});
    if (history_.size() >= kMaxHistory) {
        size_t j = 0;
        for (size_t i = 0; i < history_.size(); i += 2) history_[j++] = history_[i];
        history_.resize(j);
        history_stride_ *= 2;
    }
}

void Trainer::evaluate_grid(int resolution, std::vector<float>& out) {
    const size_t n = size_t(resolution) * size_t(resolution);
    if (grid_resolution_ != resolution) {
        grid_resolution_ = resolution;
        const size_t F = std::max<size_t>(features_.size(), 1);
        grid_x_.assign(n * F, 0.0f);
        if (!features_.empty())
            pg::compute_grid_features(features_, resolution, -pg::kDataExtent, pg::kDataExtent, grid_x_.data());
    }
    out.resize(size_t(network_.neuron_count()) * n);
    network_.evaluate_neurons(grid_x_.data(), int(n), out.data(), workspace_);
}

}  // namespace pgapp
