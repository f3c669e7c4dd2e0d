// The training session (see pg/session.h).
#include "pg/session.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "pg/model_io.h"

namespace pg {
namespace {

// The weights get their own stream of the seed, so that changing the data
// (noise, count) never changes the initial weights and vice versa.
constexpr uint64_t kWeightStream = 0x5745494748545321ULL;  // "WEIGHTS!"

uint64_t data_seed(const State& s) { return seed_from_string(s.seed); }
uint64_t weight_seed(const State& s) { return seed_from_string(s.seed) ^ kWeightStream; }

std::string cat(std::initializer_list<std::string_view> parts) {
    std::string out;
    for (std::string_view p : parts) out += p;
    return out;
}

// Keys whose change means new data.
bool data_differs(const State& a, const State& b) {
    return a.problem != b.problem || active_dataset(a) != active_dataset(b) || a.noise != b.noise ||
           a.num_samples != b.num_samples ||
           (a.problem == Problem::kMulticlass && a.num_classes != b.num_classes) || a.seed != b.seed ||
           a.perc_train_data != b.perc_train_data;
}

bool hyper_differs(const State& a, const State& b) {
    return a.learning_rate != b.learning_rate || a.momentum != b.momentum || a.nesterov != b.nesterov ||
           a.regularization != b.regularization || a.regularization_rate != b.regularization_rate ||
           a.batch_size != b.batch_size || a.rule != b.rule;
}

// Same parameter layout: inputs, and every layer's units and bias.
bool same_layout(const NetworkSpec& a, const NetworkSpec& b) {
    if (a.inputs != b.inputs || a.layers.size() != b.layers.size()) return false;
    for (size_t l = 0; l < a.layers.size(); ++l)
        if (a.layers[l].units != b.layers[l].units || a.layers[l].has_bias != b.layers[l].has_bias)
            return false;
    return true;
}

// Same functions on the same layout: activations and loss.
bool same_functions(const NetworkSpec& a, const NetworkSpec& b) {
    if (a.loss != b.loss) return false;
    for (size_t l = 0; l < a.layers.size(); ++l)
        if (a.layers[l].activation != b.layers[l].activation || a.layers[l].beta != b.layers[l].beta) return false;
    return true;
}

// One epoch's work (every point through the network: training, then the
// loss of both sets) is bounded, so that no setup of keys each within range
// runs for minutes per epoch in the page, the desktop or the CLI.
bool check_epoch_work(size_t points, size_t params, bool csv, std::string& error) {
    const double work = double(points) * double(params);
    if (work <= double(kMaxEpochWork)) return true;
    error = cat({csv ? "the CSV's " : "numSamples: ", std::to_string(points), " points × ",
                 std::to_string(params), " parameters (networkShape and the input features) is ",
                 std::to_string(uint64_t(work)), " per epoch, more than the limit of ",
                 std::to_string(kMaxEpochWork), "; use fewer points (numSamples",
                 csv ? " or a smaller CSV" : "", ") or a smaller networkShape"});
    return false;
}

}  // namespace

// ---- Building ---------------------------------------------------------------------------

bool Session::build(const State& state, std::string& error) { return build(state, nullptr, error); }

bool Session::build(const State& state, const CsvData* csv, std::string& error) {
    Session next;
    next.history_.reserve(size_t(kMaxHistory) + 1);
    if (!next.rebuild_data(locks_.hold(state), csv, error)) return false;
    if (!next.rebuild_network(next.spec_for(next.state_), error)) return false;
    if (status_ != SessionStatus::kEmpty) return replace_with(std::move(next), error);
    next.locks_ = locks_;
    *this = std::move(next);
    return true;
}

// The one check every replacement of the run passes (a rebuild, a CSV, a
// model file, a lesson); apply_state holds locked keys itself.
std::string Session::lock_violation(const Session& next) const {
    if (locks_.empty()) return {};
    std::vector<std::string> keys = locks_.violations(next.state_);
    if (locks_.locks_points() && (next.using_csv_ != using_csv_ ||
                                  (using_csv_ && (next.csv_.points.size() != csv_.points.size() ||
                                                  !std::equal(csv_.points.begin(), csv_.points.end(),
                                                              next.csv_.points.begin(),
                                                              [](const Point& a, const Point& b) {
                                                                  return a.x1 == b.x1 && a.x2 == b.x2 &&
                                                                         a.label == b.label;
                                                              })))))
        keys.push_back("the points");
    if (keys.empty()) return {};
    return cat({"locked by the page that embeds this playground: ", join_names(keys),
                keys.size() == 1 && keys[0] != "the points" ? " keeps its value" : " keep their values",
                "; nothing changed"});
}

bool Session::replace_with(Session&& next, std::string& error) {
    if (const std::string why = lock_violation(next); !why.empty()) {
        error = why;
        return false;
    }
    next.locks_ = std::move(locks_);
    *this = std::move(next);
    return true;
}

// Points (generated or CSV), split, features and their rows. Sets state_.
bool Session::rebuild_data(const State& state, const CsvData* csv, std::string& error) {
    State s = state;
    if (csv) {
        using_csv_ = true;
        csv_ = *csv;
    }
    if (using_csv_) {
        s.problem = csv_.problem;
        if (csv_.problem == Problem::kMulticlass) s.num_classes = csv_.num_classes;
        std::vector<Point> points = csv_.points;
        Rng rng(data_seed(s));
        shuffle_points(points, rng);
        split_points(points, s.perc_train_data, split_);
        num_classes_ = csv_.num_classes;
        class_names_ = csv_.class_names;
    } else {
        make_data_split(data_spec(s), data_seed(s), s.perc_train_data, split_);
        num_classes_ = s.problem == Problem::kClassification ? 2
                       : s.problem == Problem::kRegression   ? 0
                                                             : std::clamp(s.num_classes, kMinClasses, kMaxClasses);
        class_names_.clear();
        for (int k = 0; k < num_classes_; ++k) class_names_.push_back(std::to_string(k));
    }
    if (features_.empty() || !from_model_) features_ = active_features(s);
    if (features_.empty()) {
        error = "no input feature selected (x, y, xSquared, ySquared, xTimesY, sinX, sinY, cosX, cosY)";
        return false;
    }
    state_ = s;
    return true;
}

NetworkSpec Session::spec_for(const State& state) const {
    NetworkSpec spec = network_spec(state, int(features_.size()));
    // A loaded model may have layers without bias; keep them while the shape holds.
    if (from_model_ && network_.configured() && spec.layers.size() == size_t(network_.layer_count()))
        for (size_t l = 0; l < spec.layers.size(); ++l)
            spec.layers[l].has_bias = network_.spec().layers[l].has_bias;
    return spec;
}

bool Session::rebuild_network(const NetworkSpec& spec, std::string& error) {
    if (!network_.configure(spec, error)) {
        error = cat({"network: ", error});
        return false;
    }
    if (!check_epoch_work(split_.train.size() + split_.test.size(), network_.param_count(), using_csv_, error))
        return false;
    network_.hyper() = hyper_params(state_);
    compute_rows();
    draw_initial_params();
    reset();
    return true;
}

void Session::draw_initial_params() {
    network_.init(effective_init(state_), weight_seed(state_));
    initial_params_.assign(network_.params().begin(), network_.params().end());
    from_model_ = false;
}

// Feature rows and target rows of both sets.
void Session::compute_rows() {
    const size_t f = features_.size(), k = size_t(network_.outputs());
    auto rows = [&](const std::vector<Point>& pts, std::vector<float>& x, std::vector<float>& t) {
        x.resize(pts.size() * f);
        t.resize(pts.size() * k);
        compute_features(features_, pts, x.data());
        for (size_t i = 0; i < pts.size(); ++i) target_row(pts[i].label, t.data() + i * k);
    };
    rows(split_.train, x_train_, t_train_);
    rows(split_.test, x_test_, t_test_);
    example_x_.resize(f);
    example_t_.resize(std::max(k, size_t(1)));
}

void Session::target_row(double label, float* out) const {
    const int k = network_.outputs();
    if (k <= 0) return;
    const Activation out_act = network_.layer(network_.layer_count() - 1).activation;
    if (state_.problem == Problem::kRegression) {
        // float() of a double beyond the float range is undefined: clamp first.
        constexpr double kMax = std::numeric_limits<float>::max();
        std::fill(out, out + k, std::isnan(label) ? NAN : float(std::clamp(label, -kMax, kMax)));
        return;
    }
    if (k == 1) {  // two classes, one output: ±1, or 0/1 for a sigmoid output
        const bool positive = label > 0;
        out[0] = out_act == Activation::Sigmoid ? (positive ? 1.0f : 0.0f) : (positive ? 1.0f : -1.0f);
        return;
    }
    // One-hot: class index (multiclass) or -1 → 0, +1 → 1 (two classes on two outputs).
    // A label that is no class (NaN, 99 of 3) gives no hot entry; int() of it would be undefined.
    const int cls = state_.problem != Problem::kMulticlass ? (label > 0 ? 1 : 0)
                    : label >= 0 && label < double(k)     ? int(label)
                                                          : -1;
    const float off = out_act == Activation::Tanh && network_.spec().loss == Loss::HalfSquared ? -1.0f : 0.0f;
    for (int j = 0; j < k; ++j) out[j] = j == cls ? 1.0f : off;
}

bool Session::load_model(const NetworkSpec& spec, std::span<const float> params,
                         std::span<const Feature> inputs, std::string& error) {
    if (status_ == SessionStatus::kEmpty) {
        error = "model: build the session from a state first";
        return false;
    }
    if (inputs.size() != size_t(spec.inputs)) {
        error = cat({"model: inputs lists ", std::to_string(inputs.size()), " features but the first layer takes ",
                     std::to_string(spec.inputs)});
        return false;
    }
    State s = state_;
    s.features.fill(false);
    for (Feature f : inputs) {
        if (s.features[size_t(f)]) {
            error = cat({"model: input '", feature_name(f), "' is listed twice"});
            return false;
        }
        s.features[size_t(f)] = true;
    }
    if (spec.layers.empty()) {
        error = "model: no layers";
        return false;
    }
    // Describe the model in the state: shape, per-layer activations, output.
    s.network_shape.clear();
    s.activations.clear();
    for (size_t l = 0; l + 1 < spec.layers.size(); ++l) {
        s.network_shape.push_back(spec.layers[l].units);
        s.activations.push_back(spec.layers[l].activation);
    }
    // Softplus's β: one for the whole network, as the state holds it.
    bool beta_set = false;
    for (const LayerSpec& l : spec.layers) {
        if (l.activation != Activation::Softplus) continue;
        if (beta_set && float(s.softplus_beta) != l.beta) {
            error = "model: softplus layers with different \u03b2 (a network has one softplus \u03b2, softplusBeta)";
            return false;
        }
        s.softplus_beta = double(l.beta);
        beta_set = true;
    }
    bool uniform = !s.activations.empty();
    for (Activation a : s.activations) uniform = uniform && a == s.activations[0];
    if (uniform) {
        s.activation = s.activations[0];
        s.activations.clear();
    }
    const LayerSpec& out = spec.layers.back();
    const int want = output_units(s);
    if (out.units != want) {
        error = cat({"model: the output layer has ", std::to_string(out.units), " units but problem ",
                     problem_name(s.problem), " with loss ", to_string(effective_loss(s)), " needs ",
                     std::to_string(want)});
        return false;
    }
    if (spec.loss != effective_loss(s)) s.loss = spec.loss;
    if (spec.loss != effective_loss(s)) {
        error = cat({"model: loss ", to_string(spec.loss), " does not fit problem ", problem_name(s.problem)});
        return false;
    }
    if (effective_loss(s) == Loss::HalfSquared && out.activation != effective_output_activation(s))
        s.output_activation = out.activation;
    if (out.activation != effective_output_activation(s)) {
        error = cat({"model: the output activation ", to_string(out.activation), " does not fit loss ",
                     to_string(effective_loss(s)), " (needs ", to_string(effective_output_activation(s)), ")"});
        return false;
    }

    Session next = *this;
    next.state_ = s;
    next.features_.assign(inputs.begin(), inputs.end());
    if (!next.network_.configure(spec, error)) {
        error = cat({"model: ", error});
        return false;
    }
    if (params.size() != next.network_.param_count()) {
        error = cat({"model: ", std::to_string(params.size()), " parameters given, the layers need ",
                     std::to_string(next.network_.param_count())});
        return false;
    }
    if (!check_epoch_work(split_.train.size() + split_.test.size(), params.size(), using_csv_, error)) {
        error = cat({"model: ", error});
        return false;
    }
    for (float p : params)
        if (!std::isfinite(p)) {
            error = "model: a weight or bias is not finite";
            return false;
        }
    next.network_.hyper() = hyper_params(s);
    next.compute_rows();
    next.initial_params_.assign(params.begin(), params.end());
    next.from_model_ = true;
    next.reset();
    if (const std::string why = lock_violation(next); !why.empty()) {
        error = cat({"model: ", why});
        return false;
    }
    *this = std::move(next);
    return true;
}

bool Session::clear_csv(std::string& error) {
    if (!using_csv_) return true;
    Session next = *this;
    next.using_csv_ = false;
    next.csv_ = CsvData{};
    if (!next.rebuild_data(state_, nullptr, error)) return false;
    if (!next.rebuild_network(next.spec_for(next.state_), error)) return false;
    if (const std::string why = lock_violation(next); !why.empty()) {
        error = why;
        return false;
    }
    *this = std::move(next);
    return true;
}

// ---- apply_state -------------------------------------------------------------------------------

ApplyResult Session::apply_state(const State& requested) {
    ApplyResult result;
    if (status_ == SessionStatus::kEmpty) {
        result.ok = build(requested, result.error);
        result.data = result.network = result.ok;
        return result;
    }
    State s = locks_.hold(requested, &result.refused);
    if (using_csv_) {
        if (s.problem != csv_.problem) {
            result.ok = false;
            result.error = cat({"problem: the loaded CSV holds ", problem_name(csv_.problem),
                                " data; clear it before changing the problem"});
            return result;
        }
        if (csv_.problem == Problem::kMulticlass) s.num_classes = csv_.num_classes;
    }
    const bool data = data_differs(state_, s) &&
                      (!using_csv_ || state_.seed != s.seed || state_.perc_train_data != s.perc_train_data);
    const bool features = state_.features != s.features;

    if (data || features) {
        Session next = *this;
        if (features) next.from_model_ = false;  // a new input layer: the model no longer applies
        if (features) next.features_.clear();
        if (!next.rebuild_data(s, nullptr, result.error)) {
            result.ok = false;
            return result;
        }
        const NetworkSpec spec = next.spec_for(next.state_);
        if (next.from_model_ && same_layout(spec, next.network_.spec())) {
            // A loaded model stays the starting point: new data, Reset to its weights.
            if (!next.network_.configure(spec, result.error)) {
                result.ok = false;
                result.error = cat({"network: ", result.error});
                return result;
            }
            if (!check_epoch_work(next.split_.train.size() + next.split_.test.size(),
                                  next.network_.param_count(), next.using_csv_, result.error)) {
                result.ok = false;
                return result;
            }
            next.compute_rows();
            next.reset();
        } else if (!next.rebuild_network(spec, result.error)) {
            result.ok = false;
            return result;
        }
        *this = std::move(next);
        result.data = data;
        result.network = true;
        return result;
    }

    const NetworkSpec spec = spec_for(s);
    if (!same_layout(spec, network_.spec())) {
        Session next = *this;
        next.state_ = s;
        next.from_model_ = false;
        if (!next.rebuild_network(next.spec_for(s), result.error)) {
            result.ok = false;
            return result;
        }
        *this = std::move(next);
        result.network = true;
        return result;
    }

    if (!same_functions(spec, network_.spec())) {
        // Same layout: swap the functions, keep weights and momentum.
        continue_from_here();
        const std::vector<float> params(network_.params().begin(), network_.params().end());
        const std::vector<float> velocity(network_.velocity().begin(), network_.velocity().end());
        const NetworkSpec old_spec = network_.spec();
        if (!network_.configure(spec, result.error)) {
            std::string ignored;
            network_.configure(old_spec, ignored);
            std::copy(params.begin(), params.end(), network_.params().begin());
            std::copy(velocity.begin(), velocity.end(), network_.velocity().begin());
            result.ok = false;
            result.error = cat({"network: ", result.error});
            return result;
        }
        std::copy(params.begin(), params.end(), network_.params().begin());
        std::copy(velocity.begin(), velocity.end(), network_.velocity().begin());
        result.function = true;
    }

    const bool init = effective_init(state_) != effective_init(s) ||
                      (from_model_ && state_.initializer != s.initializer);
    const bool hyper = hyper_differs(state_, s);
    state_ = s;
    network_.hyper() = hyper_params(state_);
    if (result.function) compute_rows();  // targets may change with the output (±1 or 0/1)
    if (init) {
        // Redraw the weights Reset returns to; keep the current ones.
        const std::vector<float> params(network_.params().begin(), network_.params().end());
        const std::vector<float> velocity(network_.velocity().begin(), network_.velocity().end());
        draw_initial_params();
        std::copy(params.begin(), params.end(), network_.params().begin());
        std::copy(velocity.begin(), velocity.end(), network_.velocity().begin());
        result.initial_weights = true;
    }
    result.hyper = hyper;
    if (result.changed()) {
        continue_from_here();
        // Snapshots of other functions are not this network's past.
        if (result.function) restart_weight_history();
        if (status_ == SessionStatus::kDiverged) {
            status_ = SessionStatus::kReady;
            status_message_.clear();
            divergence_epoch_ = divergence_layer_ = -1;
        }
        if (result.function) refresh_metrics();
    }
    return result;
}

// ---- Training -------------------------------------------------------------------------------

void Session::reset() {
    if (!network_.configured()) return;
    std::copy(initial_params_.begin(), initial_params_.end(), network_.params().begin());
    network_.zero_velocity();
    network_.hyper() = hyper_params(state_);
    status_ = SessionStatus::kReady;
    status_message_.clear();
    divergence_epoch_ = divergence_layer_ = -1;
    epoch_ = 0;
    epoch_position_ = 0;
    metrics_ = Metrics{};
    history_.clear();
    history_.reserve(size_t(kMaxHistory) + 1);
    history_stride_ = 1;
    const size_t layers = size_t(network_.layer_count());
    grad_history_.clear();
    grad_history_.reserve((size_t(kMaxHistory) + 1) * layers);
    grad_sum_.assign(layers, 0.0);
    grad_batches_ = 0;
    evaluate_metrics();
    measure_initial_gradients();
    record_history();
    restart_weight_history();
}

// History entry 0's gradient sizes: the whole training set's gradient at the
// current weights (in chunks, like evaluate, so the scratch stays small).
void Session::measure_initial_gradients() {
    const int n = int(split_.train.size());
    if (n == 0) return;
    const size_t f = features_.size(), k = size_t(network_.outputs());
    std::vector<double> full(network_.param_count(), 0.0);
    constexpr int kChunk = 256;
    for (int start = 0; start < n; start += kChunk) {
        const int m = std::min(kChunk, n - start);
        network_.compute_gradients(x_train_.data() + size_t(start) * f, t_train_.data() + size_t(start) * k, m);
        const std::span<const float> g = network_.grads();
        for (size_t j = 0; j < full.size(); ++j) full[j] += double(g[j]) * m / n;
    }
    for (int l = 0; l < network_.layer_count(); ++l) {
        const LayerLayout& L = network_.layer(l);
        const size_t count = size_t(L.out) * size_t(L.in);
        double sum = 0;
        for (size_t j = 0; j < count; ++j) sum += std::fabs(full[L.weights + j]);
        grad_sum_[size_t(l)] = sum / double(count);
    }
    grad_batches_ = 1;
}

// Adds the last batch's mean |∂E/∂w| per layer to grad_sum_.
void Session::accumulate_gradients() {
    const std::span<const float> g = network_.grads();
    for (int l = 0; l < network_.layer_count(); ++l) {
        const LayerLayout& L = network_.layer(l);
        const size_t count = size_t(L.out) * size_t(L.in);
        double sum = 0;
        for (size_t j = 0; j < count; ++j) sum += std::fabs(g[L.weights + j]);
        grad_sum_[size_t(l)] += sum / double(count);
    }
    ++grad_batches_;
}

bool Session::step_epoch(bool measure) { return step_batches(std::numeric_limits<int>::max(), measure).ok; }

Session::BatchRun Session::step_batches(int max_batches, bool measure) {
    BatchRun run;
    continue_from_here();  // training from a past epoch shown goes on from it
    if (status_ != SessionStatus::kReady) {
        run.ok = false;
        return run;
    }
    if (max_batches <= 0) return run;
    const int n = int(split_.train.size());
    const size_t f = features_.size(), k = size_t(network_.outputs());
    const int batch = std::clamp(state_.batch_size, 1, std::max(n, 1));
    if (epoch_position_ >= n) epoch_position_ = 0;  // the data shrank since (cannot happen today)
    while (epoch_position_ < n && run.batches < max_batches) {
        const int start = epoch_position_;
        const int m = std::min(batch, n - start);
        const StepResult r =
            network_.train_batch(x_train_.data() + size_t(start) * f, t_train_.data() + size_t(start) * k, m);
        if (!r.finite) {
            set_diverged(r.layer, to_string(r.stage), true);
            evaluate_metrics();
            grad_sum_.assign(grad_sum_.size(), 0.0);
            grad_batches_ = 0;
            epoch_position_ = 0;
            run.ok = false;
            return run;
        }
        if (measure) accumulate_gradients();
        epoch_position_ = start + m;
        ++run.batches;
    }
    if (epoch_position_ < n) return run;  // the epoch goes on at the next call
    epoch_position_ = 0;
    ++epoch_;
    run.epoch_done = true;
    take_snapshot();
    if (!measure) return run;
    evaluate_metrics();
    if (!std::isfinite(metrics_.train_loss) || !std::isfinite(metrics_.test_loss)) {
        set_diverged(-1, "loss", false);
        record_history();
        run.ok = false;
        return run;
    }
    record_history();
    return run;
}

StepResult Session::train_example(double x1, double x2, double label) {
    StepResult r;
    continue_from_here();
    if (status_ != SessionStatus::kReady) {
        r.finite = false;
        return r;
    }
    compute_features(features_, &x1, &x2, 1, example_x_.data());
    target_row(label, example_t_.data());
    r = network_.train_batch(example_x_.data(), example_t_.data(), 1);
    if (!r.finite) {
        set_diverged(r.layer, to_string(r.stage), false, "a one-example step");
        evaluate_metrics();
        return r;
    }
    evaluate_metrics();
    if (!std::isfinite(metrics_.train_loss) || !std::isfinite(metrics_.test_loss)) {
        set_diverged(-1, "loss", false, "a one-example step");
        r.finite = false;
        r.stage = StepResult::Stage::Loss;
    }
    return r;
}

int Session::step_epochs(int n, bool measure_each) {
    int done = 0;
    while (done < n && step_epoch(measure_each || done + 1 == n)) ++done;
    return done;
}

void Session::set_diverged(int layer, std::string_view stage, bool from_step, std::string_view during) {
    status_ = SessionStatus::kDiverged;
    divergence_epoch_ = from_step ? epoch_ + 1 : epoch_;
    divergence_layer_ = layer;
    std::string where;
    if (layer >= 0) {
        const std::string_view phase = stage == "forward"    ? "forward pass"
                                       : stage == "loss"     ? "loss computation"
                                       : stage == "gradient" ? "backward pass"
                                                             : "weight update";
        where = cat({" in layer ", std::to_string(layer + 1),
                     layer == network_.layer_count() - 1 ? " (output)" : "", " during the ", phase});
    } else {
        where = ": the loss is no longer finite";
    }
    status_message_ = cat({"diverged at epoch ", std::to_string(divergence_epoch_),
                           during.empty() ? "" : " (", during, during.empty() ? "" : ")", where,
                           ", kept the last finite weights"});
}

// ---- Metrics ----------------------------------------------------------------------------------

void Session::evaluate_metrics() {
    metrics_.epoch = epoch_;
    const Evaluation train = network_.evaluate(x_train_.data(), t_train_.data(), int(split_.train.size()));
    const Evaluation test = network_.evaluate(x_test_.data(), t_test_.data(), int(split_.test.size()));
    metrics_.train_loss = train.finite ? train.loss : INFINITY;
    metrics_.test_loss = test.finite ? test.loss : INFINITY;
    const bool classes = state_.problem != Problem::kRegression;
    metrics_.train_accuracy = classes ? train.accuracy : 0.0;
    metrics_.test_accuracy = classes ? test.accuracy : 0.0;
}

void Session::refresh_metrics() {
    if (network_.configured()) evaluate_metrics();
}

void Session::confusion_matrix(bool test_set, std::vector<int>& counts) {
    const int k_classes = state_.problem == Problem::kRegression ? 0 : std::max(num_classes_, 2);
    counts.assign(size_t(k_classes) * size_t(k_classes), 0);
    if (k_classes == 0 || !network_.configured()) return;
    const std::vector<Point>& pts = test_set ? split_.test : split_.train;
    const std::vector<float>& x = test_set ? x_test_ : x_train_;
    const size_t f = features_.size(), k = size_t(network_.outputs());
    const bool sigmoid = network_.layer(network_.layer_count() - 1).activation == Activation::Sigmoid;
    constexpr int kChunk = 256;
    outputs_.resize(size_t(kChunk) * k);
    for (size_t start = 0; start < pts.size(); start += kChunk) {
        const int m = int(std::min(pts.size() - start, size_t(kChunk)));
        network_.forward(x.data() + start * f, m, outputs_.data());
        for (int i = 0; i < m; ++i) {
            const float* o = outputs_.data() + size_t(i) * k;
            int predicted = 0;
            if (k == 1) {
                predicted = o[0] > (sigmoid ? 0.5f : 0.0f) ? 1 : 0;
            } else {
                for (size_t c = 1; c < k; ++c)
                    if (o[c] > o[size_t(predicted)]) predicted = int(c);
            }
            const double label = pts[start + size_t(i)].label;
            const int truth = state_.problem == Problem::kMulticlass ? int(label) : (label > 0 ? 1 : 0);
            if (truth >= 0 && truth < k_classes && predicted < k_classes)
                ++counts[size_t(truth) * size_t(k_classes) + size_t(predicted)];
        }
    }
}

// Appends metrics_ and the gradient sizes summed since the last entry (then
// cleared); grad_history_ follows history_ entry for entry.
void Session::record_history() {
    const size_t layers = grad_sum_.size();
    // Drop a previous entry that was off the stride (it was only the "current" tail).
    if (!history_.empty() && history_.back().epoch % history_stride_ != 0) {
        history_.pop_back();
        grad_history_.resize(grad_history_.size() - layers);
    }
    history_.push_back(metrics_);
    for (size_t l = 0; l < layers; ++l)
        grad_history_.push_back(grad_batches_ > 0 ? float(grad_sum_[l] / grad_batches_) : 0.0f);
    std::fill(grad_sum_.begin(), grad_sum_.end(), 0.0);
    grad_batches_ = 0;
    if (int(history_.size()) >= kMaxHistory) {
        // Keep epochs on the doubled stride (and the tail if off it).
        const int stride = history_stride_ * 2;
        size_t kept = 0;
        for (size_t i = 0; i < history_.size(); ++i)
            if (history_[i].epoch % stride == 0 || i + 1 == history_.size()) {
                history_[kept] = history_[i];
                std::copy_n(grad_history_.begin() + long(i * layers), layers,
                            grad_history_.begin() + long(kept * layers));
                ++kept;
            }
        history_.resize(kept);
        grad_history_.resize(kept * layers);
        history_stride_ = stride;
    }
}

// ---- Model JSON ------------------------------------------------------------------------------

std::string Session::model_json() const {
    std::vector<std::string> inputs;
    for (Feature f : features_) inputs.emplace_back(feature_name(f));
    return model_to_json(model_from_network(network_, inputs));
}

bool Session::load_model_json(std::string_view text, std::string& error) {
    Model model;
    if (!parse_model(text, model, error)) return false;
    std::vector<Feature> inputs;
    for (size_t i = 0; i < model.inputs.size(); ++i) {
        const std::optional<Feature> f = parse_feature(model.inputs[i]);
        if (!f) {
            error = cat({"inputs[", std::to_string(i), "]: unknown feature '", model.inputs[i], "'"});
            return false;
        }
        inputs.push_back(*f);
    }
    return load_model(model.spec, model.params, inputs, error);
}

// ---- Features, grid, inspection --------------------------------------------------------------------

void Session::feature_rows(const double* x1, const double* x2, size_t n, float* out) const {
    compute_features(features_, x1, x2, n, out);
}

void Session::evaluate_grid(int resolution, std::vector<float>& out) {
    if (!network_.configured()) {
        out.clear();
        return;
    }
    const int res = std::max(resolution, 2);
    if (res != grid_resolution_ || grid_features_ != features_) {
        grid_x_.resize(size_t(res) * size_t(res) * features_.size());
        compute_grid_features(features_, res, -kDataExtent, kDataExtent, grid_x_.data());
        grid_resolution_ = res;
        grid_features_ = features_;
    }
    out.resize(size_t(network_.neuron_count()) * size_t(res) * size_t(res));
    network_.evaluate_neurons(grid_x_.data(), res * res, out.data(), workspace_);
}

void Session::evaluate_neurons(const float* x, int n, float* out) {
    if (!network_.configured() || n <= 0) return;
    network_.evaluate_neurons(x, n, out, workspace_);
}

float Session::output_value(const float* neurons, int n, int j) const {
    if (!network_.configured()) return 0.0f;
    const LayerLayout& last = network_.layer(network_.layer_count() - 1);
    const float* o = neurons + size_t(last.first_neuron) * size_t(n) + size_t(j);
    const int k = last.out;
    if (state_.problem == Problem::kMulticlass) {
        int best = 0;
        for (int c = 1; c < k; ++c)
            if (o[size_t(c) * size_t(n)] > o[size_t(best) * size_t(n)]) best = c;
        return float(best);
    }
    if (state_.problem == Problem::kRegression) return o[0];
    if (k >= 2) return o[size_t(n)] - o[0];  // p(+1) − p(−1)
    return last.activation == Activation::Sigmoid ? 2.0f * o[0] - 1.0f : o[0];
}

bool Session::accepts_label(double label) const {
    switch (state_.problem) {
        case Problem::kClassification: return label == 1 || label == -1 || label == 0;
        case Problem::kRegression: return std::fabs(label) <= kMaxCsvLabel;  // false for NaN
        case Problem::kMulticlass:
            return label >= 0 && label < double(num_classes_) && label == std::floor(label);
    }
    return false;
}

Trace Session::inspect(double x1, double x2, double label) const {
    if (!network_.configured()) return Trace{};
    std::vector<float> x(features_.size()), t(size_t(std::max(network_.outputs(), 1)));
    compute_features(features_, &x1, &x2, 1, x.data());
    target_row(label, t.data());
    return network_.inspect(x.data(), t.data());
}

}  // namespace pg
