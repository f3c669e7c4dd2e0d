// web/worker/worker_core.h — the training side of "training off the frame":
// a copy of the run (pg::Session::load_run) that trains in time slices and
// hands back its progress (pg::Session::save_progress). The desktop runs it
// in a thread (web/training_worker_thread.cpp), the page in a Web Worker with
// its own instance of a small engine-only WebAssembly module
// (web/worker/worker_main.cpp + worker_post.js). Both speak the same protocol,
// see web/training_worker.h.
#pragma once

#include <string>
#include <string_view>

#include "pg/session.h"

namespace pgapp {

// Trains whole mini-batches of `session` for about `ms` milliseconds (at least
// one batch; an epoch longer than that goes on at the next call), each epoch
// measured. Reading the clock after every batch would cost more than a batch
// of the default network (about a microsecond), so batches run in groups
// sized from `batches_per_ms`, the rate measured so far (kept by the caller).
// Returns the epochs completed; stops early when training stops (divergence)
// or after max_epochs epochs.
int train_slice(pg::Session& session, double ms, double& batches_per_ms, int max_epochs = 1 << 30);

class WorkerCore {
public:
    // Adopts a run image (what the UI's session saved); "" or the error.
    std::string start(std::string_view run);
    // train_slice() on the copy.
    void train_for(double ms) { train_slice(session_, ms, batches_per_ms_); }
    // Ready to train (started and not diverged).
    bool training() const { return session_.status() == pg::SessionStatus::kReady; }
    // The progress since the last call (the history from where the receiver's
    // copy stops being the same, and the snapshots of the weights taken since:
    // sent once, then dropped here, so the copy keeps none of the past).
    std::string progress();
    int epoch() const { return session_.epoch(); }

private:
    pg::Session session_;
    size_t sent_history_ = 0;  // history entries the receiver has ...
    int sent_stride_ = 1;      // ... on this stride
    int sent_snapshots_ = 0;   // snapshots (pg/history.h) up to this epoch were sent
    double batches_per_ms_ = 0;  // measured: how many batches one clock check may cover
};

}  // namespace pgapp
