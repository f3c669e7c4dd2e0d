// Regression tests for the defects found by fuzzing and probing the engine
// (issue 13), and for every crash the harnesses of tests/fuzz/ find: each
// test is named after the defect and fails without its fix. No files here
// (this program runs as WebAssembly too); file limits are in tests/cli/.
#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

#include "pg/csv.h"
#include "pg/model_io.h"
#include "pg/session.h"
#include "pg/state.h"
#include "session_helpers.h"

namespace {

bool has_control_character(const std::string& s) {
    for (unsigned char c : s)
        if (c < 0x20 || c == 0x7f) return true;
    return false;
}

using pgtest::built;

// parse → write → parse gives the same points and classes.
void check_round_trip(std::string_view text, pg::Problem problem) {
    pg::CsvData first, second;
    std::string error;
    REQUIRE_MESSAGE(pg::parse_csv(text, problem, first, error), error);
    const std::string written = pg::write_csv(first.points, problem, first.class_names);
    INFO("written: " << written);
    REQUIRE_MESSAGE(pg::parse_csv(written, problem, second, error), error);
    CHECK(second.class_names == first.class_names);
    CHECK(second.num_classes == first.num_classes);
    REQUIRE(second.points.size() == first.points.size());
    for (size_t i = 0; i < first.points.size(); ++i) {
        CHECK(second.points[i].x1 == first.points[i].x1);
        CHECK(second.points[i].x2 == first.points[i].x2);
        CHECK(second.points[i].label == first.points[i].label);
    }
}

}  // namespace

TEST_CASE("write_csv: a regression label beyond int range is written, not cast to int (UBSan)") {
    const std::vector<pg::Point> pts = {{0, 0, 3e9}, {1, 1, -1e300}};
    CHECK(pg::write_csv(pts, pg::Problem::kRegression) == "x1,x2,label\n0,0,3000000000\n1,1,-1e+300\n");
    const std::vector<std::string> names = {"a", "b"};
    CHECK(pg::write_csv(std::vector<pg::Point>{{0, 0, 3e9}}, pg::Problem::kMulticlass, names) ==
          "x1,x2,label\n0,0,3000000000\n");
}

TEST_CASE("CSV round trip: blank, space-padded, comma and quote class names are quoted when written") {
    check_round_trip("1,2,a\n5,6,\" \"\n", pg::Problem::kMulticlass);
    check_round_trip("1,2,\" b\"\n3,4,b\n5,6,a\n", pg::Problem::kMulticlass);
    check_round_trip("1,2,\"a,b\"\n3,4,c\n", pg::Problem::kMulticlass);
    check_round_trip("1,2,\"say \"\"hi\"\"\"\n3,4,\"\t\"\n", pg::Problem::kMulticlass);
    pg::CsvData d;
    std::string error;
    REQUIRE(pg::parse_csv("x1,x2,label\n1,2,\"a,b\"\n3,4,\" b\"\n5,6,b\n", pg::Problem::kMulticlass, d, error));
    REQUIRE(d.class_names.size() == 3);
    CHECK(d.class_names[0] == " b");
    CHECK(d.class_names[1] == "a,b");
    CHECK(d.class_names[2] == "b");
    CHECK(pg::write_csv(d.points, pg::Problem::kMulticlass, d.class_names) ==
          "x1,x2,label\n1,2,\"a,b\"\n3,4,\" b\"\n5,6,b\n");
    // An unterminated quote is an error naming the line.
    CHECK_FALSE(pg::parse_csv("1,2,a\n3,4,\"b\n", pg::Problem::kMulticlass, d, error));
    CHECK(error == "line 2: column 3 has an unterminated quote");
}

TEST_CASE("CSV: regression labels beyond 1e6 are rejected naming the line, not a divergence later") {
    pg::CsvData d;
    std::string error;
    CHECK_FALSE(pg::parse_csv("1,2,0.5\n3,4,1e20\n", pg::Problem::kRegression, d, error));
    CHECK(error == "line 2: column 3 '1e20' is out of range (|label| <= 1e6)");
    CHECK(pg::parse_csv("1,2,1e6\n3,4,-1e6\n", pg::Problem::kRegression, d, error));
}

TEST_CASE("messages escape control characters and NUL from the input") {
    pg::CsvData d;
    std::string error;
    SUBCASE("CSV") {
        const std::string text = std::string("1,2,1\n1,\x1b[31mred,1\n");
        CHECK_FALSE(pg::parse_csv(text, pg::Problem::kClassification, d, error));
        CHECK(error == "line 2: column 2 '\\x1b[31mred' is not a number");
        const std::string nul = std::string("1,2,1\n1,a\0b,1\n", 14);
        CHECK_FALSE(pg::parse_csv(nul, pg::Problem::kClassification, d, error));
        CHECK(error == "line 2: column 2 'a\\x00b' is not a number");
    }
    SUBCASE("state string") {
        const pg::StateParse p = pg::parse_state("learningRate=%1b%5B2J&dataset=a%00b&%07=1");
        REQUIRE(p.issues.size() == 3);
        for (const pg::StateIssue& issue : p.issues) CHECK_FALSE(has_control_character(issue.message));
        CHECK(p.issues[0].message.find("'\\x1b[2J'") != std::string::npos);
        CHECK(p.issues[1].message.find("'a\\x00b'") != std::string::npos);
    }
    SUBCASE("model file") {
        pg::Model m;
        CHECK_FALSE(pg::parse_model(R"({"inputs": ["x\u001b[2J"], "layers": []})", m, error));
        CHECK(error == "inputs[0]: unknown feature \"x\\x1b[2J\" (expected x, y, xSquared, ySquared, xTimesY, "
                       "sinX, sinY, cosX or cosY)");
        CHECK_FALSE(pg::parse_model(R"({"inputs": ["x"], "layers": [{"activation": "a\u0000b", "weights": [[1]]}]})",
                                    m, error));
        CHECK(error.find("\"a\\x00b\"") != std::string::npos);
        CHECK_FALSE(pg::parse_model(std::string("{\"inputs\x01\": 1", 14), m, error));
        CHECK_FALSE(has_control_character(error));
    }
}

TEST_CASE("model text larger than 16 MiB is refused before parsing") {
    std::string text = R"({"inputs": ["x"], "layers": [{"activation": "tanh", "weights": [[1]]}]})";
    pg::Model m;
    std::string error;
    REQUIRE(pg::parse_model(text, m, error));
    text.append(size_t(16) << 20, ' ');
    CHECK_FALSE(pg::parse_model(text, m, error));
    CHECK(error == "model: " + std::to_string(text.size()) + " bytes, more than the limit of 16777216");
}

TEST_CASE("labels outside the problem are refused by accepts_label; target rows never cast NaN or 1e300") {
    SUBCASE("multiclass: 99 with 3 classes, NaN, 1e300, -1, 1.5") {
        const pg::Session s = built("problem=multiclass&numClasses=3&networkShape=4&numSamples=60");
        CHECK(s.accepts_label(2));
        CHECK(s.inspect(0.5, 0.5, 2).layers.size() == 2);
        for (double bad : {99.0, std::nan(""), 1e300, -1.0, 1.5, 3.0}) CHECK_FALSE(s.accepts_label(bad));
        std::vector<float> t(3, 7.0f);
        s.target_row(1e300, t.data());
        CHECK(t == std::vector<float>{0, 0, 0});
        s.target_row(std::nan(""), t.data());
        CHECK(t == std::vector<float>{0, 0, 0});
        CHECK(s.inspect(0.5, 0.5, 99).layers.size() == 2);  // defined, not a crash: callers check first
    }
    SUBCASE("regression: NaN and 1e300") {
        const pg::Session s = built("problem=regression&networkShape=3");
        CHECK(s.accepts_label(0.25));
        CHECK(s.accepts_label(-1e6));
        CHECK_FALSE(s.accepts_label(std::nan("")));
        CHECK_FALSE(s.accepts_label(1e300));
        float t = 0;
        s.target_row(1e300, &t);
        CHECK(t == std::numeric_limits<float>::max());
        s.target_row(-1e300, &t);
        CHECK(t == -std::numeric_limits<float>::max());
    }
    SUBCASE("classification: 1, -1 and 0 as in a CSV") {
        const pg::Session s = built("networkShape=3");
        CHECK(s.accepts_label(1));
        CHECK(s.accepts_label(-1));
        CHECK(s.accepts_label(0));
        CHECK_FALSE(s.accepts_label(5));
        CHECK_FALSE(s.accepts_label(std::nan("")));
    }
}

TEST_CASE("one epoch's work (points x parameters) is bounded, naming the keys") {
    // Each key within its range, together minutes per epoch: 5000 points through
    // twelve layers of 256 (725,000 parameters).
    const std::string big =
        "numSamples=5000&batchSize=1&networkShape=256,256,256,256,256,256,256,256,256,256,256,256"
        "&x=true&y=true&xSquared=true&ySquared=true&xTimesY=true&sinX=true&sinY=true&cosX=true&cosY=true";
    const pg::StateParse p = pg::parse_state(big);
    REQUIRE(p.issues.empty());
    pg::Session s;
    std::string error;
    CHECK_FALSE(s.build(p.state, error));
    CHECK(error.find("numSamples") != std::string::npos);
    CHECK(error.find("networkShape") != std::string::npos);
    CHECK(error.find("limit") != std::string::npos);
    CHECK(s.status() == pg::SessionStatus::kEmpty);

    // apply_state refuses it and leaves the session as it was.
    pg::Session small = built("numSamples=5000&networkShape=4,2");
    const pg::ApplyResult r = small.apply_state(p.state);
    CHECK_FALSE(r.ok);
    CHECK(r.error.find("networkShape") != std::string::npos);
    CHECK(small.state().network_shape == std::vector<int>{4, 2});
    CHECK(small.step_epoch());

    // A model file's network is bounded the same way.
    pg::NetworkSpec spec = pg::NetworkSpec::make(2, std::vector<int>(12, 256), pg::Activation::Tanh, 1,
                                                 pg::Activation::Tanh);
    pg::Network net;
    REQUIRE(net.configure(spec, error));
    const std::vector<pg::Feature> inputs = {pg::Feature::kX, pg::Feature::kY};
    CHECK_FALSE(small.load_model(spec, net.params(), inputs, error));
    CHECK(error.find("limit") != std::string::npos);

    // The largest setups of the reference and of our own presets stay well within.
    CHECK(built("numSamples=100000&networkShape=8,8,8,8,8,8&x=true&y=true&xSquared=true&ySquared=true"
                "&xTimesY=true&sinX=true&sinY=true")
              .step_epoch(false));
}

TEST_CASE("model file: a weight of FLT_MAX is written as 3.4028235e+38 and must read back (fuzz_model)") {
    pg::Model m;
    std::string error;
    REQUIRE(pg::parse_model(R"({"inputs": ["x"], "layers": [{"activation": "tanh", "weights": [[3.4028234663852886e38]],
                                "bias": [-3.4028235e+38]}]})",
                            m, error));
    CHECK(m.params[0] == std::numeric_limits<float>::max());
    CHECK(m.params[1] == -std::numeric_limits<float>::max());
    const std::string json = pg::model_to_json(m);
    pg::Model again;
    REQUIRE_MESSAGE(pg::parse_model(json, again, error), error);
    CHECK(again.params == m.params);
    // Beyond FLT_MAX + half an ulp the number rounds to infinity: refused.
    CHECK_FALSE(pg::parse_model(R"({"inputs": ["x"], "layers": [{"activation": "tanh", "weights": [[3.40282357e38]]}]})",
                                m, error));
    CHECK(error == "layers[0].weights[0][0]: expected a finite number, got 3.40282357e+38");
}
