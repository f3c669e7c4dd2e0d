// The desktop's training worker: a thread with its own copy of the run
// (see training_worker.h). Not in the page, where threads would need
// SharedArrayBuffer (training_worker_web.cpp is the page's).
#ifndef __EMSCRIPTEN__
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>
#include <utility>

#include "training_worker.h"
#include "worker/worker_core.h"

namespace pgapp {
namespace {

constexpr double kSliceMs = 2.0;  // training between two looks at the mailbox

class ThreadWorker final : public TrainingWorker {
public:
    ThreadWorker() : thread_([this] { run(); }) {}
    ~ThreadWorker() override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            quit_ = true;
        }
        wake_.notify_one();
        thread_.join();
    }
    bool ready() const override { return true; }
    bool failed() const override { return false; }
    const char* where() const override { return "a thread"; }
    void start(uint32_t generation, std::string run) override {
        {
            std::lock_guard<std::mutex> lock(mutex_);
            run_ = std::move(run);
            generation_ = generation;
            has_run_ = true;
            wanted_ = 0;
        }
        wake_.notify_one();
    }
    void stop() override {
        std::lock_guard<std::mutex> lock(mutex_);
        has_run_ = false;
        running_ = false;
        ++generation_;  // progress in flight is of a dropped run
        wanted_ = 0;
    }
    void want(uint32_t generation) override {
        std::lock_guard<std::mutex> lock(mutex_);
        wanted_ = generation;
    }
    bool take_progress(uint32_t& generation, std::string& bytes) override {
        std::lock_guard<std::mutex> lock(mutex_);
        if (outbox_.empty()) return false;
        generation = outbox_.front().first;
        bytes = std::move(outbox_.front().second);
        outbox_.pop_front();
        return true;
    }
    std::string take_error() override {
        std::lock_guard<std::mutex> lock(mutex_);
        return std::exchange(error_, std::string());
    }

private:
    void run() {
        WorkerCore core;
        uint32_t generation = 0;
        std::unique_lock<std::mutex> lock(mutex_);
        while (true) {
            wake_.wait(lock, [&] { return quit_ || has_run_ || running_; });
            if (quit_) return;
            if (has_run_) {  // a new run: adopt it
                const std::string run = std::move(run_);
                has_run_ = false;
                generation = generation_;
                lock.unlock();
                const std::string error = core.start(run);
                lock.lock();
                running_ = error.empty() && generation == generation_;
                if (!error.empty()) error_ = "Training thread: " + error;
                continue;
            }
            if (generation != generation_) {  // stopped meanwhile
                running_ = false;
                continue;
            }
            lock.unlock();
            core.train_for(kSliceMs);
            const bool stopped = !core.training();
            lock.lock();
            if (generation != generation_) continue;
            if (wanted_ == generation || stopped) {
                wanted_ = 0;
                lock.unlock();
                std::string bytes = core.progress();
                lock.lock();
                if (generation == generation_) outbox_.emplace_back(generation, std::move(bytes));
            }
            if (stopped) running_ = false;
        }
    }

    std::mutex mutex_;
    std::condition_variable wake_;
    bool quit_ = false;
    bool has_run_ = false;   // run_ waits to be adopted
    bool running_ = false;   // the adopted run trains
    std::string run_;
    uint32_t generation_ = 0;
    uint32_t wanted_ = 0;    // generation whose progress the UI asked for (0: none)
    std::deque<std::pair<uint32_t, std::string>> outbox_;
    std::string error_;
    std::thread thread_;  // last: started once the members above exist
};

}  // namespace

std::unique_ptr<TrainingWorker> make_training_worker() { return std::make_unique<ThreadWorker>(); }

}  // namespace pgapp
#endif
