#include "training.h"

#include <cstdio>

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

std::string Trainer::divergence() const {
    if (!session_.diverged()) return {};
    return "Training stopped: " + session_.status_message() +
           ". Lower the learning rate (or add regularization) and press Reset.";
}

}  // namespace pgapp
