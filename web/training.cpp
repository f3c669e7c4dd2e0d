#include "training.h"

#include <algorithm>
#include <cstdio>
#include <vector>

#include "pg/csv.h"
#include "pg/lab.h"
#include "worker/worker_core.h"

namespace pgapp {

Trainer::Trainer() {
    std::string error;
    if (!session_.build(pg::State{}, error)) std::fprintf(stderr, "playground: %s\n", error.c_str());
}

std::string Trainer::set_state(const pg::State& state, std::vector<std::string>* refused) {
    if (session_.status() == pg::SessionStatus::kEmpty) {
        ++revision_;
        std::string error;
        return session_.build(state, error) ? std::string() : error;
    }
    pg::ApplyResult r = session_.apply_state(state);
    if (refused) *refused = std::move(r.refused);
    // Display keys change nothing a worker trains; the run image carries them anyway.
    if (r.changed() || !r.ok) ++revision_;
    return r.ok ? std::string() : r.error;
}

int Trainer::train_for(double ms, int max_epochs) {
    ++revision_;
    return train_slice(session_, ms, batches_per_ms_, max_epochs);
}

std::string Trainer::apply_progress(const std::string& bytes, int& epochs_advanced) {
    const int before = session_.epoch();
    std::string error;
    if (!session_.load_progress(bytes, error)) return error;
    epochs_advanced = session_.epoch() - before;
    return {};
}

std::string Trainer::load_csv(const std::string& text) {
    ++revision_;
    pg::CsvData csv;
    std::string error;
    if (!pg::parse_csv(text, session_.state().problem, csv, error)) return error;
    return session_.build(session_.state(), &csv, error) ? std::string() : error;
}

std::string Trainer::use_generated_data() {
    ++revision_;
    std::string error;
    return session_.clear_csv(error) ? std::string() : error;
}

std::string Trainer::data_csv() const {
    std::vector<pg::Point> points(session_.train_points().begin(), session_.train_points().end());
    points.insert(points.end(), session_.test_points().begin(), session_.test_points().end());
    return pg::write_csv(points, session_.problem(), session_.class_names());
}

void Trainer::evaluate_grid_at(int resolution, std::span<const int> points, std::span<const int> neurons,
                               std::vector<float>& out) {
    const int all = session_.network().neuron_count();
    const int count = int(points.size());
    out.resize(neurons.size() * points.size());
    if (count == 0) return;
    band_x1_.resize(size_t(count));
    band_x2_.resize(size_t(count));
    for (int i = 0; i < count; ++i)
        pg::grid_point(resolution, -pg::kDataExtent, pg::kDataExtent, points[size_t(i)], band_x1_[size_t(i)],
                       band_x2_[size_t(i)]);
    band_features_.resize(size_t(count) * size_t(std::max(1, session_.num_inputs())));
    session_.feature_rows(band_x1_.data(), band_x2_.data(), size_t(count), band_features_.data());
    band_out_.resize(size_t(all) * size_t(count));
    session_.evaluate_neurons(band_features_.data(), count, band_out_.data());
    for (size_t j = 0; j < neurons.size(); ++j)
        if (neurons[j] >= 0 && neurons[j] < all)
            std::copy_n(band_out_.begin() + long(neurons[j]) * count, count, out.begin() + long(j) * count);
}

std::vector<float> Trainer::target_row(double label) const {
    std::vector<float> t(size_t(std::max(1, session_.num_outputs())), 0.0f);
    session_.target_row(label, t.data());
    return t;
}

std::string Trainer::inspect_json(double x1, double x2, double label) const {
    return pg::inspect_json(session_, x1, x2, label);
}

std::string Trainer::train_example(double x1, double x2, double label) {
    ++revision_;
    session_.train_example(x1, x2, label);
    return session_.diverged() ? session_.status_message() : std::string();
}

pg::GradCheck Trainer::gradient_check(double x1, double x2, double label) const {
    std::vector<float> x(size_t(session_.num_inputs()));
    session_.feature_rows(&x1, &x2, 1, x.data());
    const std::vector<float> t = target_row(label);
    return pg::gradient_check(session_.network(), x.data(), t.data());
}

std::string Trainer::load_model_json(const std::string& text) {
    ++revision_;
    std::string error;
    return session_.load_model_json(text, error) ? std::string() : error;
}

std::string Trainer::load_lesson(const std::string& id) {
    const pg::Lesson* lesson = pg::find_lesson(id);
    if (!lesson) {
        // The name quoted is at most 40 characters (a script may send megabytes).
        const bool longer = id.size() > 40;
        return "no lesson named '" + id.substr(0, 40) + (longer ? "\u2026' (" + std::to_string(id.size()) + " characters)" : "'");
    }
    return load_lesson(*lesson);
}

std::string Trainer::load_lesson(const pg::Lesson& lesson) {
    ++revision_;
    std::string error;
    return pg::load_lesson(lesson, session_, error) ? std::string() : error;
}

std::string Trainer::use_points(const std::vector<pg::Point>& points) {
    ++revision_;
    // The table's points as CSV text, read like an uploaded file (same checks).
    const std::string text = pg::write_csv(points, session_.problem(), session_.class_names());
    const std::string model = session_.model_json();
    const std::vector<float> weights(session_.network().params().begin(), session_.network().params().end());
    std::string error = load_csv(text);
    if (!error.empty()) return error;
    // Same architecture (the inputs and outputs did not change): keep the weights.
    if (session_.network().param_count() == weights.size()) {
        std::string ignored;
        session_.load_model_json(model, ignored);
    }
    return {};
}

std::string Trainer::divergence() const {
    if (!session_.diverged()) return {};
    return "Training stopped: " + session_.status_message() +
           ". Lower the learning rate (or add regularization) and press Reset.";
}

}  // namespace pgapp
