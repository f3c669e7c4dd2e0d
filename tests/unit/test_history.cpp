// pg/history.h: the schedule and the thinning of the snapshots, and the
// Session's moves through them. The promise tested: the snapshot of epoch k
// is, to the bit, the network of a fresh run stepped k epochs (whichever
// way the epochs ran: whole, in pieces, in a worker's copy), and continuing
// from it trains on exactly as the run went on then.
#include <doctest/doctest.h>

#include <cmath>
#include <cstring>
#include <string>
#include <vector>

#include "pg/history.h"
#include "pg/session.h"
#include "session_helpers.h"

namespace {

// Bitwise equality of float arrays (NaN patterns and −0 included).
bool same_bits(std::span<const float> a, std::span<const float> b) {
    return a.size() == b.size() && (a.empty() || std::memcmp(a.data(), b.data(), a.size() * sizeof(float)) == 0);
}
// The snapshot's momentum as the network holds it (empty = all zero).
bool same_velocity(const pg::Snapshot& s, std::span<const float> v) {
    if (!s.velocity.empty()) return same_bits(s.velocity, v);
    for (float x : v)
        if (x != 0.0f || std::signbit(x)) return false;
    return true;
}

constexpr std::string_view kMomentumRun = "dataset=xor&networkShape=5,3&momentum=0.9&batchSize=7&learningRate=0.1";

// Two runs kept the same snapshots: the same epochs, weights and velocities, to the bit.
void check_same_snapshots(const std::vector<pg::Snapshot>& got, const std::vector<pg::Snapshot>& want) {
    REQUIRE(got.size() == want.size());
    for (size_t i = 0; i < got.size(); ++i) {
        CHECK(got[i].epoch == want[i].epoch);
        CHECK(same_bits(got[i].params, want[i].params));
        CHECK(same_bits(got[i].velocity, want[i].velocity));
    }
}

}  // namespace

TEST_CASE("the schedule: every epoch up to 128, then 64 per doubling") {
    for (int e = 0; e < 128; ++e) CHECK(pg::WeightHistory::scheduled(e));
    CHECK_FALSE(pg::WeightHistory::scheduled(-1));
    CHECK(pg::WeightHistory::scheduled(128));
    CHECK_FALSE(pg::WeightHistory::scheduled(129));
    CHECK(pg::WeightHistory::scheduled(256));
    CHECK_FALSE(pg::WeightHistory::scheduled(258));
    CHECK(pg::WeightHistory::scheduled(260));
    for (int octave = 7; octave < 20; ++octave) {
        int count = 0;
        for (int e = 1 << octave; e < (2 << octave); ++e) count += pg::WeightHistory::scheduled(e);
        CHECK(count == pg::WeightHistory::kPerOctave);
    }
}

TEST_CASE("the snapshot of epoch k is a fresh run stepped k epochs, to the bit") {
    pg::Session run = pgtest::built(kMomentumRun);
    for (int e = 0; e < 300; ++e) REQUIRE(run.step_epoch());
    const std::vector<pg::Snapshot>& snaps = run.weight_history().snapshots();
    REQUIRE(snaps.size() == 128 + 64 + 12);  // 0..127, every 2nd to 255, every 4th to 300
    CHECK(snaps.front().epoch == 0);
    CHECK(snaps.back().epoch == 300);

    pg::Session fresh = pgtest::built(kMomentumRun);
    size_t next = 0;
    for (int e = 0; e <= 300 && next < snaps.size(); ++e) {
        if (e > 0) REQUIRE(fresh.step_epoch());
        if (snaps[next].epoch != e) continue;
        INFO("epoch " << e);
        CHECK(same_bits(snaps[next].params, fresh.network().params()));
        CHECK(same_velocity(snaps[next], fresh.network().velocity()));
        ++next;
    }
    CHECK(next == snaps.size());
    // Momentum 0.9: the snapshots after epoch 0 carry the velocity.
    CHECK(snaps.front().velocity.empty());
    CHECK(!snaps[5].velocity.empty());

    SUBCASE("the same snapshots when the epochs run in pieces of 3 batches") {
        pg::Session pieces = pgtest::built(kMomentumRun);
        while (pieces.epoch() < 300) REQUIRE(pieces.step_batches(3).ok);
        const auto& p = pieces.weight_history().snapshots();
        check_same_snapshots(p, snaps);
    }
    SUBCASE("the same snapshots when a worker's copy trains and hands them back") {
        pg::Session ui = pgtest::built(kMomentumRun);
        pg::Session worker;
        std::string error;
        REQUIRE(worker.load_run(ui.save_run(), error));
        CHECK(worker.weight_history().empty());  // a copy starts without the past
        int sent = ui.epoch();
        size_t history_sent = ui.history().size();
        int history_stride = ui.history_stride();
        while (ui.epoch() < 300) {
            for (int b = 0; b < 17 && worker.epoch() < 300; ++b) REQUIRE(worker.step_batches(5).ok);
            const size_t from = worker.history_unchanged_before(history_sent, history_stride);
            REQUIRE_MESSAGE(ui.load_progress(worker.save_progress(from, sent), error), error);
            history_sent = worker.history().size();
            history_stride = worker.history_stride();
            if (!worker.weight_history().empty()) sent = worker.weight_history().snapshots().back().epoch;
            worker.forget_snapshots_through(sent);
            CHECK(worker.weight_history().snapshots().size() <= 1);
        }
        const auto& w = ui.weight_history().snapshots();
        check_same_snapshots(w, snaps);
    }
}

TEST_CASE("view_epoch shows a past network; back_to_present restores the present exactly") {
    pg::Session run = pgtest::built(kMomentumRun);
    for (int e = 0; e < 150; ++e) REQUIRE(run.step_epoch());
    REQUIRE(run.step_batches(2).ok);  // the present is in the middle of epoch 151
    const std::vector<float> params(run.network().params().begin(), run.network().params().end());
    const std::vector<float> velocity(run.network().velocity().begin(), run.network().velocity().end());
    const pg::Metrics metrics = run.metrics();
    const int position = run.epoch_position();
    REQUIRE(position > 0);

    REQUIRE(run.view_epoch(41));
    CHECK(run.viewed_epoch() == 41);
    CHECK(run.epoch() == 41);
    CHECK(run.present_epoch() == 150);
    const pg::Snapshot& s41 = run.weight_history().snapshots()[size_t(run.weight_history().at_or_before(41))];
    CHECK(s41.epoch == 41);
    CHECK(same_bits(run.network().params(), s41.params));
    // The metrics are the ones measured at epoch 41.
    bool found = false;
    for (const pg::Metrics& m : run.history())
        if (m.epoch == 41) {
            found = true;
            CHECK(m.train_loss == run.metrics().train_loss);
            CHECK(m.test_loss == run.metrics().test_loss);
        }
    CHECK(found);
    CHECK(run.history().back().epoch == 150);  // the chart keeps the whole run

    // An epoch between snapshots (past 128 every 2nd is kept): the nearest.
    REQUIRE(run.view_epoch(133));
    CHECK((run.viewed_epoch() == 132 || run.viewed_epoch() == 134));
    // While viewing, a worker's progress is refused.
    std::string error;
    CHECK_FALSE(run.load_progress(run.save_progress(0), error));
    CHECK(error.find("past epoch") != std::string::npos);

    run.back_to_present();
    CHECK(run.viewed_epoch() == -1);
    CHECK(run.epoch() == 150);
    CHECK(run.epoch_position() == position);
    CHECK(same_bits(run.network().params(), params));
    CHECK(same_bits(run.network().velocity(), velocity));
    CHECK(run.metrics().train_loss == metrics.train_loss);
    // The present's epoch (or later) goes back to the present too.
    REQUIRE(run.view_epoch(20));
    REQUIRE(run.view_epoch(1000));
    CHECK(run.viewed_epoch() == -1);
    CHECK(same_bits(run.network().params(), params));
}

TEST_CASE("continue_from_here trains on exactly as the run went on then") {
    pg::Session run = pgtest::built(kMomentumRun);
    for (int e = 0; e < 90; ++e) REQUIRE(run.step_epoch());
    REQUIRE(run.view_epoch(30));
    SUBCASE("explicitly") { run.continue_from_here(); }
    SUBCASE("by training") {}
    SUBCASE("a state that changes nothing keeps the view") {
        pg::State s = run.state();
        s.learning_rate = 0.1;  // the same value: nothing changes, nothing continues
        run.apply_state(s);
        CHECK(run.viewed_epoch() == 30);
    }
    for (int e = 0; e < 25; ++e) REQUIRE(run.step_epoch());
    CHECK(run.viewed_epoch() == -1);
    CHECK(run.epoch() == 55);
    pg::Session fresh = pgtest::built(kMomentumRun);
    for (int e = 0; e < 55; ++e) REQUIRE(fresh.step_epoch());
    CHECK(same_bits(run.network().params(), fresh.network().params()));
    CHECK(same_bits(run.network().velocity(), fresh.network().velocity()));
    CHECK(run.metrics().train_loss == fresh.metrics().train_loss);
    CHECK(run.metrics().test_loss == fresh.metrics().test_loss);
    // The later past is gone: history and snapshots end at the present.
    CHECK(run.history().back().epoch == 55);
    CHECK(run.history().size() == fresh.history().size());
    CHECK(run.weight_history().snapshots().back().epoch == 55);
    CHECK(run.weight_history().snapshots().size() == 56);
}

TEST_CASE("a change while a past epoch is shown continues from it") {
    pg::Session run = pgtest::built(kMomentumRun);
    for (int e = 0; e < 40; ++e) REQUIRE(run.step_epoch());
    REQUIRE(run.view_epoch(10));
    SUBCASE("a new learning rate") {
        pg::State s = run.state();
        s.learning_rate = 0.03;
        CHECK(run.apply_state(s).hyper);
        CHECK(run.viewed_epoch() == -1);
        CHECK(run.epoch() == 10);
        CHECK(run.weight_history().snapshots().back().epoch == 10);
    }
    SUBCASE("the lab's Update") {
        run.train_example(0.5, 0.5, 1.0);
        CHECK(run.viewed_epoch() == -1);
        CHECK(run.epoch() == 10);
    }
    SUBCASE("another activation: the snapshots start again at the weights shown") {
        pg::State s = run.state();
        s.activation = pg::Activation::ReLU;
        CHECK(run.apply_state(s).function);
        CHECK(run.epoch() == 10);
        REQUIRE(run.weight_history().snapshots().size() == 1);
        CHECK(run.weight_history().snapshots()[0].epoch == 10);
    }
    SUBCASE("reset: epoch 0 only") {
        run.reset();
        CHECK(run.viewed_epoch() == -1);
        REQUIRE(run.weight_history().snapshots().size() == 1);
        CHECK(run.weight_history().snapshots()[0].epoch == 0);
    }
}

TEST_CASE("the budget: log-spaced snapshots within it, the first and the last kept") {
    pg::Session run = pgtest::built("networkShape=32,32&batchSize=50&numSamples=100");
    // A snapshot holds the weights and the momentum buffer (not zero once trained,
    // whatever the momentum): 8 bytes per parameter; epoch 0's momentum is zero.
    const size_t one = run.network().param_count() * sizeof(float) * 2;
    run.set_weight_history_budget(one * 24);
    for (int e = 0; e < 600; ++e) REQUIRE(run.step_epoch(e % 50 == 49));
    const auto& snaps = run.weight_history().snapshots();
    CHECK(run.weight_history().bytes() <= one * 24);
    CHECK(snaps.size() == 24);
    CHECK(snaps.front().epoch == 0);
    CHECK(snaps.back().epoch == 600);
    // Spread on a log scale: no gap of log(epoch + 1) over 4 times the even share.
    const double even = std::log(601.0) / 23.0;
    for (size_t i = 1; i < snaps.size(); ++i) {
        INFO(snaps[i - 1].epoch << " to " << snaps[i].epoch);
        CHECK(snaps[i].epoch > snaps[i - 1].epoch);
        CHECK(std::log(snaps[i].epoch + 1.0) - std::log(snaps[i - 1].epoch + 1.0) < 4.0 * even);
    }
    // A long run of the default network: at most kMaxSnapshots (scheduled
    // epochs below 2^22: 128 + 64 × 15 = 1,088).
    pg::WeightHistory h;
    const std::vector<float> p(25, 1.0f), v(25, 0.0f);
    for (int e = 0; e < (1 << 22); ++e)
        if (pg::WeightHistory::scheduled(e)) h.add(e, p, v);
    CHECK(h.snapshots().size() == pg::WeightHistory::kMaxSnapshots);
    CHECK(h.bytes() == pg::WeightHistory::kMaxSnapshots * 100);
}
