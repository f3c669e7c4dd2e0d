// Random sequences of what a student (or a hostile page) can do to a locked
// run, and the check that no locked key, hide or locked point changed.
// Shared by the libFuzzer harness fuzz_locks.cpp (ops from fuzz bytes) and
// the doctest property test in tests/unit/test_locks.cpp (ops from a seeded
// generator), so both drive the same routes: setState (merge and replace),
// lock, a model file, a CSV, a lesson, going back to generated data,
// training, reset and the lab's one-example step.
//
// The oracle is independent of pg/locks.h's typed field table: a locked
// key's value is read from serialize_state()'s text (the URL), points from
// the session's data, so a key the table forgot, or compared wrongly, shows.
#pragma once

#include <algorithm>
#include <array>
#include <limits>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pg/csv.h"
#include "pg/lab.h"
#include "pg/locks.h"
#include "pg/session.h"
#include "pg/state.h"

namespace pgtest {

// State texts applied by the ops: every route a lock must hold against.
inline const std::vector<std::string_view>& lock_op_states() {
    static const std::vector<std::string_view> states = {
        "dataset=circle", "dataset=xor", "dataset=gauss&noise=10", "problem=regression",
        "problem=multiclass&numClasses=4", "problem=classification", "networkShape=3,3", "networkShape=2",
        "networkShape=", "learningRate=0.5", "learningRate=0.001&momentum=0.9", "activation=relu",
        "activations=sigmoid,tanh", "loss=bce", "loss=softmax_ce", "outputActivation=linear", "x=false&xSquared=true",
        "sinX=true", "seed=abc", "numSamples=60", "percTrainData=80", "batchSize=1", "regularization=L2&regularizationRate=0.01",
        "learningRate_hide=true", "dataset_hide=false&hideText=true", "noise_hide=true&x_hide=true",
        "inspect=true", "showTestData=true&discretize=true", "initializer=he", "initZero=true", "nesterov=true",
        "theme=dark"};
    return states;
}

// The value of `key` in a state's URL text ("" when the text leaves it out,
// which means its default: serialize_state writes every key that differs).
inline std::string url_value(const std::string& text, std::string_view key) {
    size_t start = 0;
    while (start <= text.size()) {
        size_t amp = text.find('&', start);
        if (amp == std::string::npos) amp = text.size();
        const std::string_view part(text.data() + start, amp - start);
        const size_t eq = part.find('=');
        if (part.substr(0, eq) == key) return std::string(eq == std::string_view::npos ? "" : part.substr(eq + 1));
        start = amp + 1;
    }
    return {};
}

class LockDriver {
public:
    explicit LockDriver(pg::Session& session) : s_(session) {
        // Model files of several shapes, features and losses, made by the engine itself.
        for (std::string_view text : {"networkShape=2", "networkShape=4,2&x=true&y=true&xSquared=true",
                                      "networkShape=&loss=bce", "networkShape=3&activation=relu",
                                      "problem=regression&networkShape=5"}) {
            pg::Session m;
            std::string error;
            if (m.build(pg::parse_state(text).state, error)) models_.push_back(m.model_json());
        }
    }

    // One operation: `op` picks the route, `arg` its input.
    void step(uint8_t op, uint8_t arg) {
        std::string error;
        const auto& states = lock_op_states();
        switch (op % 10) {
            case 0: {  // lock one key (or a name that is no key)
                const std::vector<std::string> keys = pg::lockable_keys();
                const std::string name = arg % 17 == 16 ? std::string("learningrate") : keys[arg % keys.size()];
                lock(name);
                break;
            }
            case 1: {  // setState, merged over the current state
                const std::string text = pg::serialize_state(s_.state()) + "&" + std::string(states[arg % states.size()]);
                (void)s_.apply_state(pg::parse_state(text).state);
                break;
            }
            case 2:  // replaceState: keys not given go back to their defaults
                (void)s_.apply_state(pg::parse_state(states[arg % states.size()]).state);
                break;
            case 3:  // a model file
                if (!models_.empty()) (void)s_.load_model_json(models_[arg % models_.size()], error);
                break;
            case 4: {  // a CSV (read for the current problem, as the page does)
                static const char* const kCsv[] = {"x1,x2,label\n1,1,1\n-1,-1,-1\n2,0,1\n0,2,-1\n",
                                                   "0.5,0.5,0.25\n-1,2,1.5\n3,3,-2\n",
                                                   "1,1,0\n2,2,1\n3,3,2\n-1,-1,0\n"};
                pg::CsvData csv;
                if (pg::parse_csv(kCsv[arg % 3], s_.state().problem, csv, error)) (void)s_.build(s_.state(), &csv, error);
                break;
            }
            case 5: {  // a built-in lesson
                const auto lessons = pg::lessons();
                (void)pg::load_lesson(lessons[arg % lessons.size()], s_, error);
                break;
            }
            case 6:
                (void)s_.clear_csv(error);
                break;
            case 7:  // a rebuild from the current state (what a new page of the same link does)
                (void)s_.build(s_.state(), error);
                break;
            case 8:
                if (arg % 3 == 0) s_.reset();
                else if (arg % 3 == 1) (void)s_.step_epoch();
                else (void)s_.train_example(0.5, -0.5, s_.problem() == pg::Problem::kRegression ? 0.2 : 1);
                break;
            case 9: {  // lock keys and values at once (`lock('key=value')`): set, then lock
                const std::string_view text = states[arg % states.size()];
                const std::string merged = pg::serialize_state(s_.state()) + "&" + std::string(text);
                (void)s_.apply_state(pg::parse_state(merged).state);
                for (const std::string& key : pg::parse_state(text).keys) lock(key);
                break;
            }
        }
    }

    // "" if every locked key, hide and locked point is as it was when locked; else what moved.
    std::string check() const {
        const std::string now = pg::serialize_state(s_.state());
        for (const auto& [key, value] : held_)
            if (url_value(now, key) != value) return key + " was " + value + ", is now " + url_value(now, key);
        if (points_locked_ && points() != held_points_) return "the locked points changed";
        return {};
    }

    int locks_taken() const { return int(held_.size()); }

private:
    void lock(const std::string& name) {
        const std::string before = pg::serialize_state(s_.state());
        const std::vector<std::string> errors = s_.lock(name);
        const std::vector<std::string> all = pg::lockable_keys();
        const bool known = std::find(all.begin(), all.end(), name) != all.end();
        if (!known) return;  // refused with a message; nothing to hold
        auto hold = [&](const std::string& key) {
            if (std::none_of(held_.begin(), held_.end(), [&](const auto& h) { return h.first == key; }))
                held_.push_back({key, url_value(before, key)});
        };
        if (name == "hides") {
            hold("hideText");
            for (int c = 0; c < pg::kNumControls; ++c) hold(std::string(pg::control_name(pg::Control(c))) + "_hide");
            for (pg::Feature f : pg::kAllFeatures) hold(std::string(pg::feature_name(f)) + "_hide");
        } else {
            hold(name);
        }
        if ((name == "dataset" || name == "regDataset" || name == "mcDataset") && !points_locked_) {
            hold("problem");
            points_locked_ = true;
            held_points_ = points();
        }
    }

    // The user's points when a CSV is in use (sorted: percTrainData may re-split
    // them), or one marker row for generated data (what the seed makes is the seed's key).
    using Rows = std::vector<std::array<double, 3>>;
    Rows points() const {
        constexpr double kInf = std::numeric_limits<double>::infinity();
        if (!s_.using_csv()) return {{kInf, kInf, kInf}};
        Rows rows;
        for (auto set : {s_.train_points(), s_.test_points()})
            for (const pg::Point& p : set) rows.push_back({p.x1, p.x2, p.label});
        std::sort(rows.begin(), rows.end());
        return rows;
    }

    pg::Session& s_;
    std::vector<std::string> models_;
    std::vector<std::pair<std::string, std::string>> held_;  // key, URL value when locked
    bool points_locked_ = false;
    Rows held_points_;
};

}  // namespace pgtest
