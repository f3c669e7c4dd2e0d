// Locks (pg/locks.h) as the engine's Session applies them: every route that
// changes a run (a state, a model file, a CSV, a lesson, generated data
// again) keeps a locked key, the hides and a locked dataset's points.
#include <doctest/doctest.h>

#include <string>

#include "../fuzz/lock_ops.h"
#include "pg/csv.h"
#include "pg/lab.h"
#include "pg/locks.h"
#include "pg/rng.h"
#include "pg/session.h"
#include "session_helpers.h"

namespace {

using pgtest::built;
using pgtest::state_from;

pg::State merged(const pg::Session& s, const std::string& text) {
    return pg::parse_state(pg::serialize_state(s.state()) + "&" + text).state;
}

}  // namespace

TEST_CASE("locks: names that are no key are reported, the others locked") {
    pg::Session s = built("learningRate=0.1");
    SUBCASE("a teacher's typo names the key it probably meant") {
        const std::vector<std::string> errors = s.lock("learningrate,dataSet,noise");
        REQUIRE(errors.size() == 2);
        CHECK(errors[0] == "lock: 'learningrate' is not a key that can be locked (did you mean 'learningRate'?)");
        CHECK(errors[1] == "lock: 'dataSet' is not a key that can be locked (did you mean 'dataset'?)");
        CHECK(s.locks().locks("noise"));
        CHECK_FALSE(s.locks().locks("learningRate"));
        CHECK(s.locks().names() == std::vector<std::string>{"noise"});
    }
    SUBCASE("an object's text is no key") {
        const std::vector<std::string> errors = s.lock("[object Object]");
        REQUIRE(errors.size() == 1);
        CHECK(errors[0].find("'[object Object]' is not a key") != std::string::npos);
        CHECK(s.locks().empty());
    }
    SUBCASE("every key a state string writes can be locked") {
        const pg::State all = state_from(
            "activation=relu&regularization=L1&regularizationRate=0.1&batchSize=3&dataset=xor&regDataset=reg-gauss&"
            "learningRate=0.3&noise=5&networkShape=3&seed=q&showTestData=true&discretize=true&percTrainData=70&"
            "x=false&sinX=true&collectStats=true&tutorial=t&problem=regression&initZero=true&hideText=true&"
            "momentum=0.5&nesterov=true&loss=mse&activations=tanh&outputActivation=sigmoid&initializer=he&"
            "numSamples=100&numClasses=4&mcDataset=spiral3&inspect=true&theme=contrast&noise_hide=true&x_hide=true");
        for (const std::string& key : pg::parse_state(pg::serialize_state(all)).keys) {
            pg::LockPolicy p;
            CHECK_MESSAGE(p.add(key, all).empty(), key);
        }
    }
}

TEST_CASE("locks: a state keeps locked keys and names them; other keys change") {
    pg::Session s = built("learningRate=0.1&dataset=xor&learningRate_hide=true");
    REQUIRE(s.lock("learningRate,hides").empty());
    const pg::ApplyResult r = s.apply_state(merged(s, "learningRate=0.5&noise=20&learningRate_hide=false&dataset_hide=true"));
    CHECK(r.ok);
    CHECK(r.refused == std::vector<std::string>{"learningRate", "learningRate_hide", "dataset_hide"});
    CHECK(s.state().learning_rate == 0.1);
    CHECK(s.state().noise == 20);
    CHECK(s.state().hidden(pg::Control::kLearningRate));
    CHECK_FALSE(s.state().hidden(pg::Control::kDataset));

    SUBCASE("a later lock does not take the locked values again") {
        REQUIRE(s.lock("noise,learningRate").empty());
        (void)s.apply_state(merged(s, "learningRate=0.7&noise=0"));
        CHECK(s.state().learning_rate == 0.1);
        CHECK(s.state().noise == 20);
    }
}

TEST_CASE("locks: a locked dataset keeps its problem and its points") {
    pg::Session s = built("dataset=xor");
    REQUIRE(s.lock("dataset").empty());
    std::string error;
    SUBCASE("a CSV is refused, nothing changes") {
        pg::CsvData csv;
        REQUIRE(pg::parse_csv("1,1,1\n-1,-1,-1\n", pg::Problem::kClassification, csv, error));
        const auto before = s.train_points().size();
        CHECK_FALSE(s.build(s.state(), &csv, error));
        CHECK(error == "locked by the page that embeds this playground: the points keep their values; nothing changed");
        CHECK_FALSE(s.using_csv());
        CHECK(s.train_points().size() == before);
    }
    SUBCASE("the problem type is held") {
        const pg::ApplyResult r = s.apply_state(merged(s, "problem=regression"));
        CHECK(r.refused == std::vector<std::string>{"problem"});
        CHECK(s.problem() == pg::Problem::kClassification);
    }
    SUBCASE("a lesson with its own points is refused whole") {
        const pg::State before = s.state();
        CHECK_FALSE(pg::load_lesson(*pg::find_lesson("xor-2-2-1"), s, error));
        // (xor-2-2-1 is a regression lesson: its problem is refused first)
        CHECK(error == "lesson xor-2-2-1: it sets problem, locked by the page that embeds this playground; nothing changed");
        CHECK(s.state() == before);
        CHECK_FALSE(s.using_csv());
    }
    SUBCASE("a lesson of the same problem with its own points is refused for the points") {
        pg::Session t = built("problem=multiclass&numClasses=3");
        REQUIRE(t.lock("mcDataset").empty());
        CHECK_FALSE(pg::load_lesson(*pg::find_lesson("softmax-3"), t, error));
        CHECK_MESSAGE(error.find("the points") != std::string::npos, error);
        CHECK_FALSE(t.using_csv());
    }
    SUBCASE("the seed is a key of its own (locked separately)") {
        CHECK(s.apply_state(merged(s, "seed=other")).refused.empty());
        CHECK(s.state().seed == "other");
    }
}

TEST_CASE("locks: a model file may not change a locked architecture") {
    pg::Session s = built("networkShape=2&activation=tanh");
    const std::string same_shape = s.model_json();
    pg::Session other = built("networkShape=4&activation=tanh");
    const std::string bigger = other.model_json();
    pg::Session relu = built("networkShape=2&activation=relu");
    REQUIRE(s.lock("networkShape,activation").empty());
    std::string error;
    CHECK_FALSE(s.load_model_json(bigger, error));
    CHECK(error == "model: locked by the page that embeds this playground: networkShape keeps its value; nothing changed");
    CHECK(s.state().network_shape == std::vector<int>{2});
    CHECK_FALSE(s.load_model_json(relu.model_json(), error));
    CHECK(error.find("activation") != std::string::npos);
    CHECK(s.load_model_json(same_shape, error));  // the same architecture, other weights: fine
}

TEST_CASE("locks: a lesson keeps the locked keys it does not set and the link's hides") {
    pg::Session s = built("learningRate_hide=true&noise=7");
    REQUIRE(s.lock("hides,noise").empty());
    std::string error;
    REQUIRE_MESSAGE(pg::load_lesson(*pg::find_lesson("worked-example"), s, error), error);
    CHECK(s.state().hidden(pg::Control::kLearningRate));
    CHECK(s.state().noise == 7);
    CHECK(s.state().learning_rate == doctest::Approx(0.1));  // the lesson's own value
    SUBCASE("a lesson that sets a locked key to another value is refused") {
        pg::Session t = built("learningRate=0.03");
        REQUIRE(t.lock("learningRate").empty());
        CHECK_FALSE(pg::load_lesson(*pg::find_lesson("worked-example"), t, error));
        CHECK(error == "lesson worked-example: it sets learningRate, locked by the page that embeds this playground; "
                       "nothing changed");
        CHECK(t.state().learning_rate == 0.03);
    }
}

TEST_CASE("locks: property: random routes never change a locked key, hide or point") {
    // 40 runs of 120 operations each, from a fixed seed: setState, replace,
    // lock, model files, CSVs, lessons, generated data, rebuilds, training.
    pg::Rng rng(2026);
    int locks = 0, ops = 0;
    for (int run = 0; run < 40; ++run) {
        pg::Session s = built(run % 2 ? "dataset=xor&networkShape=2" : "");
        pgtest::LockDriver driver(s);
        for (int i = 0; i < 120; ++i) {
            const uint8_t op = uint8_t(rng.below(10)), arg = uint8_t(rng.below(256));
            driver.step(op, arg);
            ++ops;
            const std::string broken = driver.check();
            REQUIRE_MESSAGE(broken.empty(), "run ", run, ", operation ", i, " (", int(op), ", ", int(arg), "): ", broken);
        }
        locks += driver.locks_taken();
    }
    CHECK(ops == 4800);
    CHECK(locks > 100);  // the runs did lock keys (the check is not vacuous)
}

TEST_CASE("locks: a locked theme keeps its value") {
    pg::Session s = built("theme=dark");
    REQUIRE(s.lock("theme").empty());
    const pg::ApplyResult r = s.apply_state(merged(s, "theme=light&noise=5"));
    CHECK(r.refused == std::vector<std::string>{"theme"});
    CHECK(s.state().theme == pg::Theme::kDark);
    CHECK(s.state().noise == 5);
}
