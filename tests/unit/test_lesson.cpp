// pg/lesson.h: lesson files read and refused (each error naming its field),
// written back, goals over metrics (every comparison, `all`, once met stays
// met), answers checked against the engine's inspect numbers, and the
// built-in lessons of lessons/*.json.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "pg/lab.h"
#include "pg/lesson.h"
#include "pg/session.h"

namespace {

const char* const kGood = R"({
  "format": "playground-lesson/1",
  "id": "xor-small",
  "title": "XOR with few neurons",
  "text": "Train **XOR**.\n\nThen answer.",
  "state": "dataset=xor&networkShape=2&learningRate=0.1",
  "lock": "dataset,noise,hides",
  "goals": [
    {"id": "fit", "text": "Test loss below 0.05", "metric": "testLoss", "below": 0.05},
    {"id": "small", "text": "At most 4 hidden neurons", "metric": "hiddenUnits", "atMost": 4},
    {"id": "both", "text": "both at once", "all": [{"metric": "testLoss", "below": 0.05},
                                                   {"metric": "hiddenUnits", "atMost": 4}]},
    {"id": "delta", "text": "δ of the output for (1, 0)?",
     "answer": {"inspect": [1, 0, 1], "layer": -1, "unit": 0, "field": "delta", "tolerance": 1e-3}}
  ],
  "pass": 3,
  "hints": ["one", "two"]
})";

pg::Lesson parse_ok(const std::string& text) {
    pg::Lesson l;
    std::string error;
    REQUIRE_MESSAGE(pg::parse_lesson(text, l, error), error);
    return l;
}

// The good file with `from` replaced by `to` (once): the error must begin with `field`.
void refused(const std::string& from, const std::string& to, const std::string& field) {
    std::string text = kGood;
    const size_t at = text.find(from);
    REQUIRE_MESSAGE(at != std::string::npos, from);
    text.replace(at, from.size(), to);
    pg::Lesson l;
    l.id = "kept";
    std::string error;
    CAPTURE(to);
    CHECK_FALSE(pg::parse_lesson(text, l, error));
    CHECK_MESSAGE(error.rfind(field + ":", 0) == 0, error);
    CHECK(l.id == "kept");  // nothing of the caller's lesson is lost
}

pg::Session loaded(const pg::Lesson& lesson) {
    pg::Session s;
    std::string error;
    REQUIRE_MESSAGE(pg::load_lesson(lesson, s, error), error);
    return s;
}

}  // namespace

TEST_CASE("lesson file: a good file is read whole") {
    const pg::Lesson l = parse_ok(kGood);
    CHECK(l.id == "xor-small");
    CHECK(l.title == "XOR with few neurons");
    CHECK(l.summary == "Train **XOR**.");  // the text's first paragraph
    CHECK(l.lock == "dataset,noise,hides");
    REQUIRE(l.goals.size() == 4);
    CHECK(l.goals[0].all.size() == 1);
    CHECK(l.goals[0].all[0].metric == pg::LessonMetric::kTestLoss);
    CHECK(l.goals[0].all[0].comparison == pg::Comparison::kBelow);
    CHECK(l.goals[0].all[0].value == 0.05);
    CHECK(l.goals[2].all.size() == 2);
    REQUIRE(l.goals[3].answer);
    CHECK(l.goals[3].answer->layer == -1);
    CHECK(l.goals[3].answer->field == pg::AnswerField::kDelta);
    CHECK(l.goals[3].answer->from_start);
    CHECK(l.goals_to_pass() == 3);
    CHECK(l.hints.size() == 2);
    CHECK(l.goal_index("delta") == 3);
    CHECK(l.goal_index("nope") == -1);

    SUBCASE("written back, it reads the same") {
        const pg::Lesson again = parse_ok(pg::lesson_to_json(l));
        CHECK(pg::lesson_to_json(again) == pg::lesson_to_json(l));
        CHECK(again.goals.size() == 4);
        CHECK(again.pass == 3);
    }
    SUBCASE("the smallest lesson: format, id, title") {
        const pg::Lesson m = parse_ok(R"({"format": "playground-lesson/1", "id": "a", "title": "A"})");
        CHECK(m.goals.empty());
        CHECK(m.goals_to_pass() == 0);
        pg::Session s = loaded(m);  // the defaults
        CHECK(s.network().configured());
    }
}

TEST_CASE("lesson file: a bad file is refused with a message naming the field") {
    pg::Lesson l;
    std::string error;
    CHECK_FALSE(pg::parse_lesson("{", l, error));
    CHECK(error.rfind("lesson:", 0) == 0);
    CHECK_FALSE(pg::parse_lesson("[]", l, error));
    CHECK(error.rfind("lesson:", 0) == 0);

    refused(R"("playground-lesson/1")", R"("playground-lesson/2")", "format");
    refused(R"("id": "xor-small")", R"("id": "xor small")", "id");
    refused(R"("id": "xor-small",)", "", "id");
    refused(R"("title": "XOR with few neurons")", R"("title": 3)", "title");
    refused(R"("hints": ["one", "two"])", R"("hints": ["one", 2])", "hints[1]");
    refused(R"("hints")", R"("hint")", "hint");  // a misspelt key is not passed over
    refused("learningRate=0.1", "learningRate=abc", "state");
    refused("dataset,noise,hides", "dataset,nosie", "lock");
    refused(R"("metric": "testLoss", "below": 0.05})", R"("metric": "testLos", "below": 0.05})", "goals[0].metric");
    refused(R"("below": 0.05})", R"("below": "0.05"})", "goals[0].below");
    refused(R"("below": 0.05})", R"("below": 0.05, "above": 0})", "goals[0]");
    refused(R"("atMost": 4},)", R"("atMost": 4, "answer": {}},)", "goals[1]");
    refused(R"({"metric": "hiddenUnits", "atMost": 4}])", R"({"metric": "hiddenUnits", "most": 4}])", "goals[2].all[1].most");
    refused(R"("field": "delta")", R"("field": "dleta")", "goals[3].answer.field");
    refused(R"("inspect": [1, 0, 1])", R"("inspect": [1, 0])", "goals[3].answer.inspect");
    refused(R"("layer": -1)", R"("layer": 0.5)", "goals[3].answer.layer");
    refused(R"("tolerance": 1e-3)", R"("tolerance": -1)", "goals[3].answer.tolerance");
    refused(R"({"id": "small")", R"({"id": "fit")", "goals[1].id");  // twice
    refused(R"("text": "At most 4 hidden neurons", )", "", "goals[1].text");
    refused(R"("pass": 3)", R"("pass": 5)", "pass");
    // fuzz_lesson: an unknown key with a control character is named escaped.
    refused(R"("hints")", "\"hi\x7f" "nts\"", "hi\\x7fnts");
    refused(R"("lock":)", R"("model": [], "lock":)", "model");
    refused(R"("lock":)", R"("model": {"format": "playground-model", "version": 1, "inputs": ["x"], "layers": []}, "lock":)", "model");
    refused(R"("lock":)", R"("csv": "x1,x2,label\n1,2\n", "lock":)", "csv");
}

TEST_CASE("lesson goals: comparisons, all of several, once met stays met") {
    pg::LessonMetrics m;
    auto set = [&](pg::LessonMetric k, double v) {
        m.value[size_t(k)] = v;
        m.known[size_t(k)] = true;
    };
    set(pg::LessonMetric::kTestLoss, 0.05);
    using C = pg::Comparison;
    const pg::Condition below{pg::LessonMetric::kTestLoss, C::kBelow, 0.05};
    const pg::Condition at_most{pg::LessonMetric::kTestLoss, C::kAtMost, 0.05};
    const pg::Condition above{pg::LessonMetric::kTestLoss, C::kAbove, 0.05};
    const pg::Condition at_least{pg::LessonMetric::kTestLoss, C::kAtLeast, 0.05};
    CHECK_FALSE(pg::condition_holds(below, m));
    CHECK(pg::condition_holds(at_most, m));
    CHECK_FALSE(pg::condition_holds(above, m));
    CHECK(pg::condition_holds(at_least, m));
    set(pg::LessonMetric::kTestLoss, NAN);  // a diverged run meets nothing
    CHECK_FALSE(pg::condition_holds(at_least, m));
    CHECK_FALSE(pg::condition_holds({pg::LessonMetric::kGradientCheck, C::kBelow, 1}, m));  // not measured

    pg::Lesson lesson = parse_ok(kGood);
    pg::LessonProgress progress;
    progress.start(lesson);
    set(pg::LessonMetric::kTestLoss, 0.01);
    set(pg::LessonMetric::kHiddenUnits, 6);
    CHECK(progress.update(lesson, m) == std::vector<int>{0});  // fit, not small, not both
    CHECK(progress.met_count() == 1);
    set(pg::LessonMetric::kTestLoss, 0.3);
    set(pg::LessonMetric::kHiddenUnits, 4);
    CHECK(progress.update(lesson, m) == std::vector<int>{1});  // small; both needs both at once
    CHECK(progress.met[0]);                                    // fit stays met
    CHECK_FALSE(progress.met[2]);
    set(pg::LessonMetric::kTestLoss, 0.04);
    CHECK(progress.update(lesson, m) == std::vector<int>{2});
    CHECK(progress.update(lesson, m).empty());
    CHECK(progress.passed(lesson));  // pass: 3 of 4
    CHECK(progress.score() == doctest::Approx(0.75));
}

TEST_CASE("lesson metrics: measured from a run") {
    pg::Session s = loaded(parse_ok(kGood));
    const pg::LessonMetrics m = pg::measure(s);
    CHECK(m[pg::LessonMetric::kHiddenUnits] == 2);
    CHECK(m[pg::LessonMetric::kHiddenLayers] == 1);
    CHECK(m[pg::LessonMetric::kParameters] == 2 * 2 + 2 + 2 + 1);
    CHECK(m[pg::LessonMetric::kLearningRate] == doctest::Approx(0.1));
    CHECK(m[pg::LessonMetric::kEpoch] == 0);
    CHECK(m[pg::LessonMetric::kTestLoss] == s.metrics().test_loss);
    CHECK_FALSE(m.known[size_t(pg::LessonMetric::kGradientCheck)]);
    const pg::LessonMetrics g = pg::measure(s, true);
    CHECK(g.known[size_t(pg::LessonMetric::kGradientCheck)]);
    CHECK(g[pg::LessonMetric::kGradientCheck] < 1e-2);
    // The lesson's lock holds after loading.
    CHECK(s.locks().locks("dataset"));
    CHECK(s.locks().locks("learningRate_hide"));
}

TEST_CASE("lesson answers: the engine's inspect numbers, within the tolerance") {
    // WORKED_EXAMPLE.md in double: h = σ(1), y = h, δ_out = y − 1,
    // δ_hidden = h(1 − h)·w2·δ_out, w2' = 1 − 0.1·δ_out·h.
    const double h = 1 / (1 + std::exp(-1.0)), d_out = h - 1, d_hidden = h * (1 - h) * d_out;
    const pg::Lesson* lesson = pg::find_lesson("worked-example");
    REQUIRE(lesson);
    pg::Session s = loaded(*lesson);
    auto value = [&](const pg::Answer& a) {
        std::string error;
        const std::optional<double> v = pg::answer_value(a, s, error);
        REQUIRE_MESSAGE(v, error);
        return *v;
    };
    pg::Answer a;
    a.x1 = 1, a.x2 = 0, a.label = 1;
    a.field = pg::AnswerField::kDelta;
    a.layer = -1;
    CHECK(value(a) == doctest::Approx(d_out).epsilon(1e-6));
    a.layer = 1;  // the same layer counted from the input
    CHECK(value(a) == doctest::Approx(d_out).epsilon(1e-6));
    a.layer = 0;
    CHECK(value(a) == doctest::Approx(d_hidden).epsilon(1e-5));
    a.field = pg::AnswerField::kZ;
    CHECK(value(a) == doctest::Approx(1.0));
    a.field = pg::AnswerField::kA;
    CHECK(value(a) == doctest::Approx(h).epsilon(1e-6));
    a.field = pg::AnswerField::kGradWeights;
    CHECK(value(a) == doctest::Approx(d_hidden).epsilon(1e-5));  // x = 1
    a.layer = -1;
    a.field = pg::AnswerField::kNewWeight;
    CHECK(value(a) == doctest::Approx(1 - 0.1 * d_out * h).epsilon(1e-6));
    CHECK(std::fabs(value(a) - 1.0197) < 5e-4);  // the lecture's digits
    a.field = pg::AnswerField::kStepWeights;
    CHECK(value(a) == doctest::Approx(-0.1 * d_out * h).epsilon(1e-5));
    a.field = pg::AnswerField::kLoss;
    CHECK(value(a) == doctest::Approx(0.5 * d_out * d_out).epsilon(1e-5));
    a.field = pg::AnswerField::kOutput;
    a.unit = 0;
    CHECK(value(a) == doctest::Approx(h).epsilon(1e-6));

    SUBCASE("right and wrong") {
        const pg::Goal& g = lesson->goals[size_t(lesson->goal_index("delta-out"))];
        REQUIRE(g.answer);
        std::string error;
        const double expected = *pg::answer_value(*g.answer, s, error);
        CHECK(pg::answer_right(*g.answer, expected, -0.2689));
        CHECK(pg::answer_right(*g.answer, expected, -0.269));
        CHECK_FALSE(pg::answer_right(*g.answer, expected, 0.2689));  // the sign matters
        CHECK_FALSE(pg::answer_right(*g.answer, expected, -0.28));
        CHECK_FALSE(pg::answer_right(*g.answer, expected, NAN));
    }
    SUBCASE("what does not fit is named") {
        std::string error;
        pg::Answer bad = a;
        bad.field = pg::AnswerField::kDelta;
        bad.layer = 2;
        CHECK_FALSE(pg::answer_value(bad, s, error));
        CHECK(error.rfind("layer:", 0) == 0);
        bad.layer = -1;
        bad.unit = 1;
        CHECK_FALSE(pg::answer_value(bad, s, error));
        CHECK(error.rfind("unit:", 0) == 0);
        bad.unit = 0;
        bad.field = pg::AnswerField::kBias;  // the lesson has no biases
        CHECK_FALSE(pg::answer_value(bad, s, error));
        CHECK(error.rfind("field:", 0) == 0);
        bad.field = pg::AnswerField::kWeight;
        bad.input = 3;
        CHECK_FALSE(pg::answer_value(bad, s, error));
        CHECK(error.rfind("input:", 0) == 0);
    }
}

TEST_CASE("built-in lessons: data files, each with goals whose answers the engine can give") {
    for (const char* id : {"worked-example", "xor-2-2-1", "softmax-3"}) {
        CAPTURE(id);
        const pg::Lesson* lesson = pg::find_lesson(id);
        REQUIRE(lesson != nullptr);
        CHECK_FALSE(lesson->text.empty());
        CHECK_FALSE(lesson->goals.empty());
        pg::Session s = loaded(*lesson);
        for (const pg::Goal& g : lesson->goals) {
            if (!g.answer) continue;
            std::string error;
            CHECK_MESSAGE(pg::answer_value(*g.answer, s, error), g.id, ": ", error);
        }
        // The file round-trips through the writer.
        pg::Lesson again;
        std::string error;
        REQUIRE_MESSAGE(pg::parse_lesson(pg::lesson_to_json(*lesson), again, error), error);
        CHECK(pg::lesson_to_json(again) == pg::lesson_to_json(*lesson));
    }
}
