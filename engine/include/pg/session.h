// pg/session.h — one training run: the object the CLI and the UI drive.
//
// Index
//   Metrics, History       loss/accuracy per epoch (bounded, decimated history)
//   ApplyResult            what apply_state() rebuilt
//   Session
//     build                from a State (+ CSV points, + a model's weights)
//     apply_state          change settings, rebuilding only what must change
//     step_epoch, reset    train; back to exactly the initial weights
//     step_batches         part of an epoch (bounded time per call, same bits)
//     save_run, load_run   the run as bytes for a copy elsewhere (a worker), and
//     save_progress ...    what the copy trained, handed back
//     train_example        one SGD step on one example (the lab's Update button)
//     grad_history         per-layer mean |∂E/∂w| beside the history (vanishing gradients)
//     model_json           the network as a model file, and back
//     data, features       points for plotting, feature rows for any points/grid
//     evaluate_grid        every neuron over the heatmap grid (one batched call)
//     inspect              z, a, δ, ∂E/∂w ... of one example
//     lock, replace_with   keys a teacher's page locks (pg/locks.h), checked
//                          here, where every change to the run passes
//     view_epoch ...       training's history: the weights at earlier epochs
//                          (pg/history.h), shown and continued from
//
// A Session holds the State, the train/test points (generated from the seed,
// or the user's CSV), the selected input features and their precomputed rows,
// the targets, the Network, the epoch counter, the history and a status.
//
// What apply_state() rebuilds (the reference resets everything on any change;
// we keep the weights whenever the parameter layout survives):
//   data     problem, dataset of the problem, noise, numSamples, numClasses,
//            seed, percTrainData → new points (or a new split of the CSV)
//            and a new network from the new initial weights, epoch 0
//   network  features, networkShape, the number of outputs → new network from
//            the seed's initial weights, epoch 0 (data kept)
//   function hidden activations, output activation, loss (same output count)
//            → same weights, momentum kept, new functions; training goes on
//   initial  initializer, initZero → the weights Reset returns to are redrawn;
//            the current weights are kept until reset()
//   hyper    learningRate, momentum, nesterov, regularization(+Rate),
//            batchSize → applied to the running network at once
//   nothing  display and embedding keys (showTestData, discretize, _hide, ...)
//
// Training order is the reference's: the training set in the same order every
// epoch, mini-batches of batchSize, gradients averaged per batch; a last
// partial batch (when batchSize does not divide the set) is applied as a
// smaller batch (the reference carries it into the next epoch instead).
//
// Divergence: a step that produces NaN/Inf is undone by the network; the
// session stops (status kDiverged, step_epoch() returns false) and says where:
// "diverged at epoch 12 in layer 3 (output) during the weight update, kept
// the last finite weights".
// reset(), build() and an apply_state() that changes anything clear it.
//
// Data sets may be tiny: one point trains; percTrainData=100 leaves the test
// set empty, and then test loss and accuracy are 0 (test_points().empty()
// tells the UI to show "–" instead).
//
// Work: one epoch's points × parameters is at most kMaxEpochWork (about 0.2 s
// of a rebuild's evaluation in the page). build(), apply_state() and
// load_model() refuse more with a message naming numSamples (or the CSV) and
// networkShape.
//
// Memory: everything is sized at build/apply time; step_epoch(),
// train_example(), evaluate_grid() (same resolution) and metrics allocate
// nothing, but for the snapshots of the weights, which grow up to their
// budget and then reuse what they thin out (pg/history.h).
#pragma once

#include <climits>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pg/csv.h"
#include "pg/data.h"
#include "pg/history.h"
#include "pg/locks.h"
#include "pg/network.h"
#include "pg/state.h"

namespace pg {

// Bound of one epoch's work, points (train + test) × parameters. Epochs run in
// a worker, but a rebuild (a new network or new data) measures the loss and
// the gradient over every point in the UI's own thread, once: at this bound
// that takes about 0.2 s in the page on a 2-core laptop (1 s at the former
// 2e9). It admits the largest network (twelve layers of 256, 725,000
// parameters) with the default 500 points, 256,256 with up to 5,900 points, and
// 100,000 points through every TensorFlow Playground shape (8 × 6, all
// features: 4.3e7).
inline constexpr uint64_t kMaxEpochWork = 400'000'000;

// Loss and accuracy after an epoch (accuracy 0 for regression; test_* are 0
// when the test set is empty, see Session::test_points()).
struct Metrics {
    int epoch = 0;
    double train_loss = 0, test_loss = 0;
    double train_accuracy = 0, test_accuracy = 0;
};

// What apply_state() changed (see the header comment).
struct ApplyResult {
    bool data = false;             // new points (and a new network)
    bool network = false;          // new network from initial weights, epoch 0
    bool function = false;         // activations / loss changed, weights kept
    bool initial_weights = false;  // the weights Reset returns to were redrawn
    bool hyper = false;            // learning rate, momentum, regularization, batch size
    bool ok = true;                // false: the state could not be applied (see error); nothing changed
    std::string error;
    std::vector<std::string> refused;  // locked keys the state would have changed: kept (pg/locks.h)
    bool changed() const { return data || network || function || initial_weights || hyper; }
};

enum class SessionStatus : uint8_t {
    kEmpty,     // not built yet
    kReady,     // training works
    kDiverged,  // stopped by a NaN/Inf; weights are the last finite ones
};

class Session {
public:
    // At most this many history entries are kept; when full, every other one
    // is dropped and the stride doubles (so a long run stays bounded).
    static constexpr int kMaxHistory = 4096;

    Session() = default;

    // ---- Building --------------------------------------------------------------------
    // New run from `state`: generated data (or `csv` if given: its points replace
    // the generated set, split by percTrainData after a seeded shuffle, and the
    // state's problem / numClasses follow the CSV), the network from the seed's
    // initial weights. On error returns false with a message and leaves the
    // session as it was.
    bool build(const State& state, std::string& error);
    bool build(const State& state, const CsvData* csv, std::string& error);

    // Replaces the network with a given one (a model file): architecture, weights
    // and input features. The state is updated to describe it (networkShape,
    // activations, features); Reset returns to these weights. Fails (nothing
    // changed) if the outputs do not fit the problem or the loss.
    bool load_model(const NetworkSpec& spec, std::span<const float> params,
                    std::span<const Feature> inputs, std::string& error);

    // Changes settings without a reset where possible (see the header comment).
    // Locked keys keep their values (ApplyResult::refused names them).
    ApplyResult apply_state(const State& state);

    // ---- Locks (pg/locks.h) ------------------------------------------------------------------
    // Locks the comma-separated keys ("hides" too) at their current values;
    // returns a message per name that is not a key. Locks only add up and
    // survive every rebuild, model, CSV and lesson.
    std::vector<std::string> lock(std::string_view names) { return locks_.add(names, state_); }
    const LockPolicy& locks() const { return locks_; }
    // Replaces this run with `next` (built aside: a lesson) unless that
    // changes a locked key or locked points; false with a message naming
    // them, and nothing changed. The locks stay this session's.
    bool replace_with(Session&& next, std::string& error);

    // Back to the generated data after a CSV (same as apply_state with a rebuild).
    bool clear_csv(std::string& error);
    bool using_csv() const { return using_csv_; }
    // Class names of a multiclass CSV (else "0", "1", ...).
    const std::vector<std::string>& class_names() const { return class_names_; }

    // ---- Training ------------------------------------------------------------------------
    // One epoch; false if not ready (empty or diverged). With measure = true
    // (the default) the train/test loss and accuracy are recomputed and
    // appended to the history; measure = false skips that evaluation (about a
    // third of an epoch's time for small networks), e.g. for all but the last
    // of several epochs run in one UI frame. Divergence is caught either way.
    bool step_epoch(bool measure = true);
    // Up to n epochs, measuring only after the last one (or every epoch with
    // measure_each); returns how many ran (stops at a divergence).
    int step_epochs(int n, bool measure_each = false);
    // Part of an epoch: up to max_batches mini-batches from where the last
    // call stopped (epoch_position()), finishing the epoch (counted and, with
    // measure, measured as step_epoch does) when the last batch ran. Training
    // in pieces gives the same weights, to the bit, as whole epochs: this is
    // how a caller bounds the time of one call when an epoch is long.
    // step_epoch() finishes a started epoch.
    struct BatchRun {
        int batches = 0;          // mini-batches run
        bool epoch_done = false;  // the epoch ended (epoch() advanced)
        bool ok = true;           // false: not ready, or diverged (as step_epoch)
    };
    BatchRun step_batches(int max_batches, bool measure = true);
    // Index of the next training point of a started epoch (0 between epochs).
    int epoch_position() const { return epoch_position_; }
    // Epoch 0 with exactly the initial weights (or the loaded model's), zero
    // momentum, history restarted; clears a divergence.
    void reset();
    // One SGD step with the point (x1, x2, label) alone as the batch (features
    // and target computed here, see target_row; momentum, Nesterov and
    // regularization exactly as training applies them). The epoch counter and
    // the history stay; metrics() is refreshed. A non-finite step is undone
    // and stops the session like step_epoch (status kDiverged, message).
    // When not ready, returns {finite = false, layer = −1, stage = None}.
    StepResult train_example(double x1, double x2, double label);

    // ---- A copy elsewhere (a training thread, a Web Worker) -----------------------------
    // The whole run as bytes: state, points, features, network, weights,
    // momentum, epoch, history and status. load_run() on any Session of the
    // same build gives one that trains to the same bits. On error (a short or
    // inconsistent image, or one that changes a key this session locks) returns
    // false with a message and changes nothing; the locks stay this session's.
    std::string save_run() const;
    bool load_run(std::string_view bytes, std::string& error);
    // What training changes, for a copy to hand back to the session it came
    // from: weights, momentum, epoch, position in the epoch, metrics, status,
    // the history from entry history_from on (the entries before it are
    // the receiver's already: see history_unchanged_before()), and the
    // snapshots of the weights (pg/history.h) of epochs after snapshots_after.
    std::string save_progress(size_t history_from, int snapshots_after = INT_MAX) const;
    // Applies save_progress() bytes of a copy of this run (same layout): false
    // with a message, and nothing changed, if they do not fit or while a past
    // epoch is shown. Snapshots later than this session's last are added.
    bool load_progress(std::string_view bytes, std::string& error);
    // How many leading history entries are the same as when the history had
    // `old_size` entries on stride `old_stride` (the last entry may be replaced
    // by record_history, and a doubled stride rewrites the whole history).
    size_t history_unchanged_before(size_t old_size, int old_stride) const;

    // ---- Training's history (pg/history.h) -----------------------------------------------------
    // Snapshots of the weights at the end of epochs (every epoch at first,
    // log-spaced later, within a memory budget), taken whichever way the
    // epochs ran (step_epoch, step_batches, a worker's progress). A rebuild,
    // reset(), a new model and a change of activations or loss start them
    // again at the current weights.
    const WeightHistory& weight_history() const { return weights_; }
    void set_weight_history_budget(size_t bytes) { weights_.set_budget(bytes); }
    // Shows the network as it was at the snapshot nearest to `epoch`: its
    // weights, momentum, epoch and metrics become the session's, so the
    // diagram, the heatmaps and inspect() show it; the present is kept aside.
    // An epoch at or after the present's goes back to the present. False if
    // there is no snapshot to show.
    bool view_epoch(int epoch);
    // The epoch shown, or −1 while the present is.
    int viewed_epoch() const { return viewed_; }
    // The present's epoch (epoch() while the present is shown).
    int present_epoch() const { return viewed_ < 0 ? epoch_ : present_epoch_; }
    // The present again, exactly as it was.
    void back_to_present();
    // The epoch shown becomes the present: the later snapshots and history
    // entries, and the present kept aside, are dropped. Training goes on from
    // it exactly as it went on then (to the bit). Any change to the run while
    // a past epoch is shown (training, a setting that changes training, the
    // lab's Update) does this first: what is shown is what changes.
    void continue_from_here();
    // Drops the snapshots up to `epoch` (a worker, once it has sent them).
    void forget_snapshots_through(int epoch) { weights_.drop_through(epoch); }

    // ---- State and status ------------------------------------------------------------------
    const State& state() const { return state_; }
    SessionStatus status() const { return status_; }
    bool diverged() const { return status_ == SessionStatus::kDiverged; }
    // "" when fine; else e.g. "diverged at epoch 12 in layer 3 (output) during
    // the backward pass, kept the last finite weights" (layers counted from 1;
    // phases: forward pass, loss computation, backward pass, weight update),
    // or "diverged at epoch 12: the loss is no longer finite, kept ...".
    const std::string& status_message() const { return status_message_; }
    int divergence_epoch() const { return divergence_epoch_; }  // -1 if none
    int divergence_layer() const { return divergence_layer_; }  // 0-based computing layer, -1 if unknown

    // ---- Metrics -------------------------------------------------------------------------------
    int epoch() const { return epoch_; }
    // The last measurement (its .epoch may be behind epoch() after unmeasured epochs).
    const Metrics& metrics() const { return metrics_; }
    // Measured epochs in order: 0, then every measured epoch on the stride
    // s = history_stride() (all of them while s = 1), the last one possibly
    // the current epoch off the stride. Plot by Metrics::epoch.
    std::span<const Metrics> history() const { return history_; }
    int history_stride() const { return history_stride_; }
    // Per-layer gradient size beside each history entry, for a chart of
    // vanishing gradients: (history().size(), network().layer_count()) row-major;
    // entry (h, l) is the mean |∂E/∂w| over computing layer l's weights (not
    // its biases), averaged over the mini-batches of the epoch of history()[h].
    // Entry 0 (epoch 0) is the gradient of the whole training set at the
    // initial weights. Only measured epochs accumulate it (unmeasured ones cost
    // nothing); it is decimated and reset with history().
    std::span<const float> grad_history() const { return grad_history_; }
    // Recomputes metrics() for the current weights (after set_weight, say);
    // does not touch the history.
    void refresh_metrics();
    // Confusion matrix of the test set (or the training set): counts is
    // resized to (K, K), counts[true·K + predicted], K = 2 for two classes
    // (class 0 = label −1, class 1 = +1) or the number of classes; empty for
    // regression. Computed on demand (a forward pass over the set).
    void confusion_matrix(bool test_set, std::vector<int>& counts);

    // ---- Data and features ------------------------------------------------------------------------
    Problem problem() const { return state_.problem; }
    int num_classes() const { return num_classes_; }  // 2 (classification), 0 (regression), K
    std::span<const Point> train_points() const { return split_.train; }
    std::span<const Point> test_points() const { return split_.test; }
    const std::vector<Feature>& features() const { return features_; }
    int num_inputs() const { return int(features_.size()); }
    int num_outputs() const { return network_.outputs(); }

    // Feature rows for any points: x1, x2 (n) → out (n, num_inputs()) row-major.
    void feature_rows(const double* x1, const double* x2, size_t n, float* out) const;
    // Target row of one point: out (num_outputs()): the label mapped for the loss
    // (±1 for mse, 0/1 for bce, one-hot for K outputs).
    void target_row(double label, float* out) const;

    // ---- Network ---------------------------------------------------------------------------------
    const Network& network() const { return network_; }
    // Direct access for edits (set_weight / set_bias). Call refresh_metrics() after.
    Network& network() { return network_; }
    std::span<const float> initial_params() const { return initial_params_; }

    // The current network (architecture, current weights, loss and the input
    // feature names) as model-file JSON: pg/model_io.h's format, what
    // `playground-cli train --save-model` writes.
    std::string model_json() const;
    // Parses model-file JSON and loads it (load_model). On error returns false,
    // the message names the field ("layers[1].weights[0]: ..."), and the
    // session is unchanged.
    bool load_model_json(std::string_view text, std::string& error);

    // Every neuron over the resolution² grid of [-kDataExtent, kDataExtent]²
    // (pg/data.h's grid_point order): out is resized to (neuron_count, res²);
    // the grid's feature rows are cached, so repeated calls allocate nothing.
    void evaluate_grid(int resolution, std::vector<float>& out);
    // The same for any feature rows x (n, num_inputs()) into out (neuron_count, n).
    void evaluate_neurons(const float* x, int n, float* out);

    // Display value of the network output for point j of an evaluate_* result
    // `neurons` with n points: the reference's scale [-1, 1] for two classes
    // (tanh as is, sigmoid 2a − 1, two-way softmax p₁ − p₀), the value itself
    // for regression, and for multiclass the winning class's index.
    float output_value(const float* neurons, int n, int j) const;

    // Introspection of one example (features computed here). Check a label
    // from outside with accepts_label() first: any other label (NaN, class 99
    // of 3) still gives a trace, with a target_row() that has no hot class.
    Trace inspect(double x1, double x2, double label) const;
    // Labels of this problem by the CSV's rules: 1, -1 or 0 (= -1) for
    // classification, a number within ±kMaxCsvLabel (regression), a class
    // index 0..K-1 (multiclass).
    bool accepts_label(double label) const;

private:
    friend struct RunCodec;  // save_run / save_progress and their readers (run_codec.cpp)
    bool rebuild_data(const State& state, const CsvData* csv, std::string& error);
    bool rebuild_network(const NetworkSpec& spec, std::string& error);
    void draw_initial_params();
    void compute_rows();
    void evaluate_metrics();
    void record_history();
    void measure_initial_gradients();
    void accumulate_gradients();
    void set_diverged(int layer, std::string_view stage, bool from_step, std::string_view during = {});
    void take_snapshot();            // at the end of a scheduled epoch (history.cpp)
    void restart_weight_history();   // the current weights as the first snapshot
    NetworkSpec spec_for(const State& state) const;
    // "" if `next` keeps every locked key and the locked points, else why not.
    std::string lock_violation(const Session& next) const;

    State state_;
    LockPolicy locks_;
    SessionStatus status_ = SessionStatus::kEmpty;
    std::string status_message_;
    int divergence_epoch_ = -1, divergence_layer_ = -1;

    // Data
    bool using_csv_ = false;
    CsvData csv_;
    DataSplit split_;
    int num_classes_ = 2;
    std::vector<std::string> class_names_;
    std::vector<Feature> features_;
    std::vector<float> x_train_, t_train_, x_test_, t_test_;  // (n, inputs), (n, outputs)

    // Network
    Network network_;
    std::vector<float> initial_params_;
    bool from_model_ = false;  // initial_params_ came from a model file

    // Metrics
    int epoch_ = 0;
    int epoch_position_ = 0;  // next training point of a started epoch (step_batches)
    Metrics metrics_;
    std::vector<Metrics> history_;
    int history_stride_ = 1;
    std::vector<float> grad_history_;  // (history_.size(), layer_count) row-major
    std::vector<double> grad_sum_;     // (layer_count): Σ over batches of mean |∂E/∂w|
    int grad_batches_ = 0;             // batches summed into grad_sum_
    std::vector<float> example_x_, example_t_;  // train_example's one-row batch

    // Training's history (history.cpp)
    WeightHistory weights_;
    int viewed_ = -1;         // the epoch shown, −1: the present
    int present_epoch_ = 0;   // while viewing: the present's epoch ...
    std::string present_;     // ... and the present itself (save_progress bytes)

    // Grid cache
    int grid_resolution_ = 0;
    std::vector<Feature> grid_features_;
    std::vector<float> grid_x_;
    EvalWorkspace workspace_;
    std::vector<float> outputs_;  // (chunk, outputs) for confusion_matrix
};

}  // namespace pg
