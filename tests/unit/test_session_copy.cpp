// pg/session.h: training in pieces (step_batches) and a copy elsewhere
// (save_run / load_run, save_progress / load_progress), which the app uses to
// train in a thread or a Web Worker while the UI shows the copy's progress.
// Every check here is to the bit: a worker must train exactly what the page
// would have trained itself.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pg/csv.h"
#include "pg/session.h"
#include "session_helpers.h"

namespace {

using pgtest::built;

std::vector<float> params_of(const pg::Session& s) { return {s.network().params().begin(), s.network().params().end()}; }
std::vector<float> velocity_of(const pg::Session& s) {
    return {s.network().velocity().begin(), s.network().velocity().end()};
}

void check_same_run(const pg::Session& a, const pg::Session& b) {
    CHECK(a.epoch() == b.epoch());
    CHECK(a.epoch_position() == b.epoch_position());
    CHECK(params_of(a) == params_of(b));
    CHECK(velocity_of(a) == velocity_of(b));
    CHECK(a.metrics().train_loss == b.metrics().train_loss);
    CHECK(a.metrics().test_loss == b.metrics().test_loss);
    REQUIRE(a.history().size() == b.history().size());
    for (size_t i = 0; i < a.history().size(); ++i) {
        CHECK(a.history()[i].epoch == b.history()[i].epoch);
        CHECK(a.history()[i].train_loss == b.history()[i].train_loss);
    }
    CHECK(a.history_stride() == b.history_stride());
    CHECK(std::vector<float>(a.grad_history().begin(), a.grad_history().end()) ==
          std::vector<float>(b.grad_history().begin(), b.grad_history().end()));
    CHECK(a.status() == b.status());
    CHECK(a.status_message() == b.status_message());
}

}  // namespace

TEST_CASE("step_batches: an epoch in pieces trains the same bits as whole epochs") {
    const char* state = "dataset=spiral&networkShape=8,8,5&activation=relu&momentum=0.9&batchSize=7&learningRate=0.01";
    pg::Session whole = built(state), pieces = built(state);
    for (int e = 0; e < 5; ++e) REQUIRE(whole.step_epoch());
    const int batches_per_epoch = (int(pieces.train_points().size()) + 6) / 7;
    int epochs = 0, calls = 0;
    while (epochs < 5) {
        const pg::Session::BatchRun r = pieces.step_batches(3);
        REQUIRE(r.ok);
        CHECK(r.batches >= 1);
        CHECK(r.batches <= 3);
        if (r.epoch_done) {
            ++epochs;
            CHECK(pieces.epoch_position() == 0);
        } else {
            CHECK(pieces.epoch_position() > 0);
            CHECK(pieces.epoch() == epochs);  // no epoch counted before its last batch
        }
        ++calls;
    }
    CHECK(calls >= 5 * (batches_per_epoch / 3));
    check_same_run(whole, pieces);

    // step_epoch() finishes a started epoch, then runs whole ones.
    pg::Session half = built(state);
    REQUIRE(!half.step_batches(2).epoch_done);
    REQUIRE(half.step_epoch());
    CHECK(half.epoch() == 1);
    CHECK(half.epoch_position() == 0);
    pg::Session one = built(state);
    REQUIRE(one.step_epoch());
    check_same_run(one, half);

    // No batches asked, none run; reset forgets a started epoch.
    CHECK(half.step_batches(0).batches == 0);
    REQUIRE(!half.step_batches(1).epoch_done);
    half.reset();
    CHECK(half.epoch_position() == 0);
    CHECK(half.epoch() == 0);
}

TEST_CASE("save_run / load_run: a copy trains to the same bits, from any point of the run") {
    const char* states[] = {
        "dataset=spiral&networkShape=8,8,5&activation=relu&momentum=0.9&nesterov=true&batchSize=7",
        "problem=multiclass&mcDataset=spiral3&numClasses=4&networkShape=6,6&regularization=L2&regularizationRate=0.001",
        "problem=regression&regDataset=reg-gauss&networkShape=3&x=false&sinX=true&cosY=true&learningRate=0.1&percTrainData=100",
    };
    for (const char* state : states) {
        CAPTURE(state);
        pg::Session original = built(state);
        for (int e = 0; e < 3; ++e) REQUIRE(original.step_epoch());
        REQUIRE(!original.step_batches(2).epoch_done);  // in the middle of an epoch

        pg::Session copy;
        std::string error;
        REQUIRE_MESSAGE(copy.load_run(original.save_run(), error), error);
        CHECK(copy.state() == original.state());
        CHECK(copy.initial_params().size() == original.initial_params().size());
        check_same_run(original, copy);
        for (int e = 0; e < 4; ++e) {
            REQUIRE(original.step_epoch());
            REQUIRE(copy.step_epoch());
        }
        check_same_run(original, copy);
        // Reset goes back to the same initial weights on both.
        original.reset();
        copy.reset();
        check_same_run(original, copy);
    }
}

TEST_CASE("save_run keeps the user's CSV and a loaded model's weights") {
    pg::Session original = built("problem=multiclass&networkShape=5");
    pg::CsvData csv;
    std::string error;
    REQUIRE(pg::parse_csv("x1,x2,label\n1,2,cat\n-1,0.5,dog\n0,-2,bird\n2,2,cat\n-2,-1,dog\n", pg::Problem::kMulticlass,
                          csv, error));
    REQUIRE_MESSAGE(original.build(original.state(), &csv, error), error);
    REQUIRE(original.load_model_json(original.model_json(), error));
    for (int e = 0; e < 2; ++e) REQUIRE(original.step_epoch());
    pg::Session copy;
    REQUIRE_MESSAGE(copy.load_run(original.save_run(), error), error);
    CHECK(copy.using_csv());
    CHECK(copy.class_names() == original.class_names());
    CHECK(copy.model_json() == original.model_json());
    REQUIRE(original.step_epoch());
    REQUIRE(copy.step_epoch());
    check_same_run(original, copy);
    // Back to generated data works on the copy as on the original.
    REQUIRE(copy.clear_csv(error));
    CHECK_FALSE(copy.using_csv());
}

TEST_CASE("save_progress / load_progress: the copy's training handed back, history in pieces") {
    // Enough epochs for the history to be decimated (stride 1 → 2 → 4) on the way.
    const char* state = "networkShape=2&batchSize=50&percTrainData=50";
    pg::Session ui = built(state);
    pg::Session worker;
    std::string error;
    REQUIRE(worker.load_run(ui.save_run(), error));
    pg::Session alone = built(state);  // what the UI would have trained itself

    size_t sent = worker.history().size();
    int stride = worker.history_stride();
    int epochs = 0;
    for (int round = 0; round < 60; ++round) {
        const int n = 1 + (round * 37) % 300;  // uneven slices, like frames
        for (int i = 0; i < n; ++i) REQUIRE(worker.step_epoch());
        REQUIRE(!worker.step_batches(1).epoch_done);  // stop mid-epoch sometimes
        for (int i = 0; i < n; ++i) REQUIRE(alone.step_epoch());
        REQUIRE(!alone.step_batches(1).epoch_done);
        epochs += n;
        const size_t from = worker.history_unchanged_before(sent, stride);
        const std::string progress = worker.save_progress(from);
        REQUIRE_MESSAGE(ui.load_progress(progress, error), error);
        sent = worker.history().size();
        stride = worker.history_stride();
        if (round % 10 == 9) check_same_run(alone, ui);
    }
    CHECK(ui.history_stride() >= 4);
    check_same_run(alone, ui);
    CHECK(ui.epoch() == epochs);

    // Progress of another network is refused and changes nothing.
    pg::Session other = built("networkShape=7");
    const std::vector<float> before = params_of(ui);
    CHECK_FALSE(ui.load_progress(other.save_progress(0), error));
    CHECK(error.find("another network") != std::string::npos);
    CHECK(params_of(ui) == before);
}

TEST_CASE("a diverging copy hands back the divergence") {
    const char* state = "problem=regression&regDataset=reg-plane&activation=linear&learningRate=100&networkShape=8,8";
    pg::Session ui = built(state), worker;
    std::string error;
    REQUIRE(worker.load_run(ui.save_run(), error));
    int epochs = 0;
    while (epochs < 50 && worker.step_epoch()) ++epochs;
    REQUIRE(worker.diverged());
    REQUIRE(ui.load_progress(worker.save_progress(0), error));
    CHECK(ui.diverged());
    CHECK(ui.status_message() == worker.status_message());
    CHECK_FALSE(ui.step_epoch());
}

TEST_CASE("a broken run image or progress is refused with a message, never a crash") {
    pg::Session s = built("networkShape=4,2");
    REQUIRE(s.step_epoch());
    const std::string image = s.save_run(), progress = s.save_progress(0);
    std::string error;
    pg::Session copy;
    CHECK_FALSE(copy.load_run("", error));
    CHECK(error.find("run image") != std::string::npos);
    CHECK_FALSE(copy.load_run(progress, error));
    // Every truncation and a flipped byte at each of a spread of positions.
    for (size_t cut = 0; cut < image.size(); cut += 1 + image.size() / 97)
        CHECK_FALSE(copy.load_run(image.substr(0, cut), error));
    CHECK_FALSE(copy.load_run(image + "x", error));
    for (size_t at = 0; at < image.size(); at += 1 + image.size() / 211) {
        std::string bad = image;
        bad[at] = char(bad[at] ^ 0xA5);
        pg::Session any;
        if (any.load_run(bad, error)) CHECK(any.network().param_count() == s.network().param_count());
    }
    for (size_t cut = 0; cut < progress.size(); cut += 1 + progress.size() / 53)
        CHECK_FALSE(s.load_progress(progress.substr(0, cut), error));
    CHECK(copy.status() == pg::SessionStatus::kEmpty);  // nothing changed by the refusals
}
