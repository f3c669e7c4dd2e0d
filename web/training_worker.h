// web/training_worker.h — training off the frame (issue 11): while playing,
// a copy of the run trains continuously somewhere else, whatever the frame
// rate, and the UI shows its progress.
//
//   desktop  a thread (training_worker_thread.cpp)
//   page     a Web Worker running a second, engine-only WebAssembly module
//            (playground-worker.js; training_worker_web.cpp). No
//            SharedArrayBuffer: the worker and the page exchange messages
//            (bytes, transferred), so a course site needs no COOP/COEP headers
//            and the page works in any iframe.
//
// Protocol. The UI's session stays the one the UI draws, edits and scripts
// read. When playing starts, and after every change the UI makes to the run
// (a setting, a weight, reset, a step, new data, a lesson...), the UI sends
// the whole run (pg::Session::save_run) under a new generation number; the
// worker adopts it and trains. Each frame the UI asks for progress
// (want); the worker answers between two slices of training with
// pg::Session::save_progress, which the UI applies when it is of the current
// generation and the UI changed nothing since. So a change applies to the
// running network at once (the worker's few milliseconds of training on the
// old run are dropped), pausing keeps exactly what is shown, and every JS
// call (step(n), reset(), inspect...) runs on the UI's session as before.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

namespace pgapp {

class TrainingWorker {
public:
    virtual ~TrainingWorker() = default;
    // Started and able to take a run (the page's worker loads its module first).
    virtual bool ready() const = 0;
    // Failed for good (no Worker, the module did not load): train in frames.
    virtual bool failed() const = 0;
    // Adopt this run (pg::Session::save_run bytes) and train it.
    virtual void start(uint32_t generation, std::string run) = 0;
    // Stop training (the current run is dropped).
    virtual void stop() = 0;
    // Ask for the progress of this generation.
    virtual void want(uint32_t generation) = 0;
    // The oldest progress not taken yet, with its generation; false if none.
    // (Progress carries the history in pieces: every one must be applied, in
    // order.) A worker that stopped by itself (diverged) sends its last
    // progress unasked.
    virtual bool take_progress(uint32_t& generation, std::string& bytes) = 0;
    // Where training runs, for the status line: "a thread", "a Web Worker".
    virtual const char* where() const = 0;
    // An error the worker reported (the run image was refused...), once.
    virtual std::string take_error() = 0;
};

// The platform's worker (a thread natively, a Web Worker in the page).
std::unique_ptr<TrainingWorker> make_training_worker();

}  // namespace pgapp
