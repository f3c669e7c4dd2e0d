#include "training.h"

#include <cstdio>
#include <vector>

#include "pg/csv.h"

namespace pgapp {

Trainer::Trainer() {
    std::string error;
    if (!session_.build(pg::State{}, error)) std::fprintf(stderr, "playground: %s\n", error.c_str());
}

std::string Trainer::set_state(const pg::State& state) {
    if (session_.status() == pg::SessionStatus::kEmpty) {
        std::string error;
        return session_.build(state, error) ? std::string() : error;
    }
    const pg::ApplyResult r = session_.apply_state(state);
    return r.ok ? std::string() : r.error;
}

std::string Trainer::load_csv(const std::string& text) {
    pg::CsvData csv;
    std::string error;
    if (!pg::parse_csv(text, session_.state().problem, csv, error)) return error;
    return session_.build(session_.state(), &csv, error) ? std::string() : error;
}

std::string Trainer::use_generated_data() {
    std::string error;
    return session_.clear_csv(error) ? std::string() : error;
}

std::string Trainer::data_csv() const {
    std::vector<pg::Point> points(session_.train_points().begin(), session_.train_points().end());
    points.insert(points.end(), session_.test_points().begin(), session_.test_points().end());
    return pg::write_csv(points, session_.problem(), session_.class_names());
}

std::string Trainer::divergence() const {
    if (!session_.diverged()) return {};
    return "Training stopped: " + session_.status_message() +
           ". Lower the learning rate (or add regularization) and press Reset.";
}

}  // namespace pgapp
