// Fuzzes the run image and the progress a training worker hands back
// (pg::Session::load_run / load_progress, web/training_worker.h): any bytes
// are refused with a message or give a session that trains; an accepted image
// saves back to the same bytes; progress applies to a run only if it fits it.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "pg/session.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    std::string error;
    pg::Session s;
    if (s.load_run(bytes, error)) {
        FUZZ_CHECK(s.save_run() == bytes, "an accepted run image does not save back to the same bytes");
        // Bounded work: the image's points and network came from `size` bytes.
        if (s.step_batches(4).ok) {
            pg::Session copy;
            FUZZ_CHECK(copy.load_run(s.save_run(), error), "a trained run does not load: %s", error.c_str());
        }
    } else {
        FUZZ_CHECK(!error.empty(), "refused without a message");
        FUZZ_CHECK(s.status() == pg::SessionStatus::kEmpty, "a refused image changed the session");
    }
    // The same bytes as progress for a small run of its own.
    static pg::Session target = [] {
        pg::Session t;
        std::string e;
        t.build(pg::parse_state("networkShape=3&numSamples=8&batchSize=4").state, e);
        return t;
    }();
    pg::Session run = target;
    if (run.load_progress(bytes, error)) {
        FUZZ_CHECK(run.network().param_count() == target.network().param_count(), "progress changed the layout");
        FUZZ_CHECK(run.grad_history().size() == run.history().size() * size_t(run.network().layer_count()),
                   "history and gradient history out of step");
        run.step_batches(2);
    } else {
        FUZZ_CHECK(!error.empty(), "progress refused without a message");
    }
    return 0;
}
