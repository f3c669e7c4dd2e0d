// cli/timing.h — how bench times work, shared by our engine's figures
// (bench.cpp) and the Eigen peer's (eigen_peer.cpp), so that both sides of a
// ratio are measured the same way.
//
// Internal linkage on purpose: eigen_peer.cpp is compiled twice with
// different instruction sets (project flags and -mavx2 -mfma), and the linker
// must not let one build's instantiation stand in for the other's.
#pragma once

#include <algorithm>
#include <chrono>

namespace pgcli {
namespace {  // NOLINT(google-build-namespaces): see above

using Clock = std::chrono::steady_clock;

inline double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// Runs `epoch` (warmed up by the caller) in 5 rounds of `seconds` / 5 each and
// returns the best round's rate in epochs per second.
template <class F>
double best_epochs_per_second(F&& epoch, double seconds) {
    double best = 0;
    for (int round = 0; round < 5; ++round) {
        int epochs = 0;
        const auto t0 = Clock::now();
        double elapsed = 0;
        do {
            epoch();
            ++epochs;
            elapsed = seconds_since(t0);
        } while (elapsed < seconds / 5);
        best = std::max(best, double(epochs) / elapsed);
    }
    return best;
}

// The fastest of repeated runs of `run` (warmed up by the caller), in
// seconds: at least 3 runs, then more for about `seconds`, at most 2000.
template <class F>
double best_run_seconds(F&& run, double seconds) {
    double best = 1e30;
    const auto g0 = Clock::now();
    int reps = 0;
    do {
        const auto t0 = Clock::now();
        run();
        best = std::min(best, seconds_since(t0));
        ++reps;
    } while (reps < 3 || (seconds_since(g0) < seconds && reps < 2000));
    return best;
}

}  // namespace
}  // namespace pgcli
