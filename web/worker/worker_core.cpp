#include "worker_core.h"

#include <algorithm>
#include <chrono>

namespace pgapp {
namespace {
using Clock = std::chrono::steady_clock;
double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }
}  // namespace

int train_slice(pg::Session& session, double ms, double& batches_per_ms, int max_epochs) {
    const Clock::time_point start = Clock::now();
    int epochs = 0;
    while (session.status() == pg::SessionStatus::kReady) {
        const int group = std::max(1, int(batches_per_ms * ms / 8.0));
        const Clock::time_point t0 = Clock::now();
        const pg::Session::BatchRun run = session.step_batches(group);
        const double took = ms_since(t0);
        if (run.epoch_done) ++epochs;
        if (run.batches > 0 && took > 0) {
            const double rate = double(run.batches) / took;
            batches_per_ms = batches_per_ms == 0 ? rate : batches_per_ms * 0.7 + rate * 0.3;
        } else if (run.batches > 0) {
            batches_per_ms = std::max(batches_per_ms * 2.0, 1.0);  // below the clock's resolution
        }
        if (!run.ok || epochs >= max_epochs || ms_since(start) >= ms) break;
    }
    return epochs;
}

std::string WorkerCore::start(std::string_view run) {
    std::string error;
    if (!session_.load_run(run, error)) return error;
    sent_history_ = session_.history().size();
    sent_stride_ = session_.history_stride();
    sent_snapshots_ = session_.epoch();  // the receiver has the past
    return {};
}

std::string WorkerCore::progress() {
    const size_t from = session_.history_unchanged_before(sent_history_, sent_stride_);
    std::string bytes = session_.save_progress(from, sent_snapshots_);
    sent_history_ = session_.history().size();
    sent_stride_ = session_.history_stride();
    if (!session_.weight_history().empty())
        sent_snapshots_ = std::max(sent_snapshots_, session_.weight_history().snapshots().back().epoch);
    session_.forget_snapshots_through(sent_snapshots_);
    return bytes;
}

}  // namespace pgapp
