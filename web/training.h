// web/training.h — the app's view of the engine's training run (pg::Session):
// applies states (rebuilding only what must change, see pg/session.h), trains
// epoch by epoch, and words the status for the UI.
#pragma once
#include <cmath>
#include <span>
#include <string>
#include <vector>

#include "pg/lab.h"
#include "pg/session.h"

namespace pgapp {

class Trainer {
public:
    Trainer();

    // Applies `state` (the first call builds the run). Returns "" or a message
    // if the state could not be applied (the previous run is kept). Locked
    // keys keep their values; `refused` (if given) gets their names.
    std::string set_state(const pg::State& state, std::vector<std::string>* refused = nullptr);
    const pg::State& state() const { return session_.state(); }
    // Locks keys at their current values (pg/locks.h); messages for names that are not keys.
    std::vector<std::string> lock(const std::string& names) { return session_.lock(names); }
    const pg::LockPolicy& locks() const { return session_.locks(); }
    // The engine's run, read-only (a lesson's goals read it: web/course.h).
    const pg::Session& session() const { return session_; }

    // One epoch (or the rest of a started one); false if training diverged
    // (the last finite weights are kept).
    bool step_epoch() {
        ++revision_;
        return session_.step_epoch();
    }
    // Training for about `ms` milliseconds in whole mini-batches (an epoch
    // longer than that goes on at the next call): the frame's own training
    // when no worker trains, and a script's step(n). Returns the epochs
    // completed (at most max_epochs).
    int train_for(double ms, int max_epochs = 1 << 30);
    // Epoch 0 with exactly the initial weights.
    void reset() {
        ++revision_;
        session_.reset();
    }

    // ---- Training elsewhere (training_worker.h) --------------------------------------------
    // Counts every change to the run except apply_progress(): settings that
    // change training, edits, steps, resets, data, models, lessons.
    uint64_t revision() const { return revision_; }
    // The run as bytes for the worker, and the worker's progress applied
    // ("" or why it does not fit; then nothing changed). Returns the epochs it advanced.
    std::string save_run() const { return session_.save_run(); }
    std::string apply_progress(const std::string& bytes, int& epochs_advanced);
    // The user's own points (CSV text, labels read for the current problem)
    // replace the generated data: a new run at epoch 0. Returns "" or the
    // parser's message naming the line.
    std::string load_csv(const std::string& text);
    // Back to the generated dataset.
    std::string use_generated_data();
    bool using_csv() const { return session_.using_csv(); }
    // The current points (train then test) as CSV text.
    std::string data_csv() const;

    // After editing a weight or bias: recompute the losses. An edit of a past
    // epoch shown makes it the present (pg::Session::continue_from_here).
    void weights_edited() {
        ++revision_;
        session_.continue_from_here();
        session_.refresh_metrics();
    }

    // ---- Training's history (pg/history.h) -------------------------------------------------
    const pg::WeightHistory& weight_history() const { return session_.weight_history(); }
    // Shows the snapshot nearest to `epoch` (at or after the present: the present).
    bool view_epoch(int epoch) {
        ++revision_;
        return session_.view_epoch(epoch);
    }
    int viewed_epoch() const { return session_.viewed_epoch(); }  // −1: the present is shown
    int present_epoch() const { return session_.present_epoch(); }
    void back_to_present() {
        ++revision_;
        session_.back_to_present();
    }
    void continue_from_here() {
        ++revision_;
        session_.continue_from_here();
    }

    // ---- The backprop lab ----------------------------------------------------------------
    // z, a, δ, ∂E/∂w and the next step's Δw of one example (the engine's own numbers).
    pg::Trace inspect(double x1, double x2, double label) const { return session_.inspect(x1, x2, label); }
    // The loss's target row for a label (±1, 0/1 or one-hot).
    std::vector<float> target_row(double label) const;
    // The same numbers as JSON (`playground-cli inspect`'s object).
    std::string inspect_json(double x1, double x2, double label) const;
    // One training step with this example alone as the batch (momentum and
    // regularization as training applies them); the epoch stays. Returns "" or
    // the divergence message.
    std::string train_example(double x1, double x2, double label);
    // Central finite differences in double against the engine's gradient.
    pg::GradCheck gradient_check(double x1, double x2, double label) const;
    // The network as model-file JSON, and a model file replacing it ("" or the error;
    // on error the running network is kept).
    std::string model_json() const { return session_.model_json(); }
    std::string load_model_json(const std::string& text);
    // A built-in lesson by id ("" or the error; on error nothing changes).
    std::string load_lesson(const std::string& id);
    // A lesson file's run (pg/lesson.h; "" or the error; on error nothing changes).
    std::string load_lesson(const pg::Lesson& lesson);
    // Mean |∂E/∂w| per layer for each history entry: (history().size(), layer_count).
    std::span<const float> grad_history() const { return session_.grad_history(); }
    // Points used as the user's data while keeping the weights when the
    // network's shape allows it (the point table of the lab).
    std::string use_points(const std::vector<pg::Point>& points);
    std::span<const std::string> class_names() const { return session_.class_names(); }

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
    bool ready() const { return session_.status() == pg::SessionStatus::kReady; }

    pg::Network& network() { return session_.network(); }
    const pg::Network& network() const { return session_.network(); }
    const std::vector<pg::Feature>& features() const { return session_.features(); }
    std::span<const pg::Point> train_points() const { return session_.train_points(); }
    std::span<const pg::Point> test_points() const { return session_.test_points(); }
    pg::Problem problem() const { return session_.problem(); }
    bool has_test_set() const { return !session_.test_points().empty(); }
    int num_classes() const { return session_.num_classes(); }
    // A label this problem takes (the CSV's rules: ±1/0, a value, a class index).
    bool accepts_label(double label) const { return session_.accepts_label(label); }
    // Coordinates the data may have (within ±1e6, finite).
    static bool accepts_coordinate(double v) { return std::isfinite(v) && std::fabs(v) <= pg::kMaxCsvCoordinate; }

    // Every neuron over the resolution² grid (one batched engine call):
    // out is (neuron_count, resolution²).
    void evaluate_grid(int resolution, std::vector<float>& out) { session_.evaluate_grid(resolution, out); }
    // The given points of the same grid (indices in pg::grid_point's order)
    // for the given neurons (engine numbering): out is resized to
    // (neurons.size(), points.size()).
    void evaluate_grid_at(int resolution, std::span<const int> points, std::span<const int> neurons,
                          std::vector<float>& out);

private:
    pg::Session session_;
    uint64_t revision_ = 0;
    double batches_per_ms_ = 0;  // train_for's measured rate
    std::vector<double> band_x1_, band_x2_;  // evaluate_grid_at's scratch
    std::vector<float> band_features_, band_out_;
};

}  // namespace pgapp
