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
    // Setting conditions: a key of the state string and a value it takes.
    refused(R"("metric": "testLoss", "below": 0.05})", R"("key": "datset", "is": "xor"})", "goals[0].key");
    refused(R"("metric": "testLoss", "below": 0.05})", R"("key": "dataset", "is": "xro"})", "goals[0].is");
    refused(R"("metric": "testLoss", "below": 0.05})", R"("key": "dataset"})", "goals[0].is");
    refused(R"("metric": "testLoss", "below": 0.05})", R"("key": "a&b", "is": "1"})", "goals[0].key");
    refused(R"("metric": "testLoss", "below": 0.05})", R"("key": "rule", "is": "hebb"})", "goals[0].is");
}

TEST_CASE("lesson goals over settings: a value refused only beside the default's hidden layers is a value") {
    // rule=perceptron alone (the default has hidden layers) is refused; as a goal it names a value the key takes.
    const pg::Lesson l = parse_ok(R"({"format": "playground-lesson/1", "id": "p", "title": "P",
      "state": "networkShape=&outputActivation=sign&rule=backprop",
      "goals": [{"id": "rule", "text": "The perceptron rule", "key": "rule", "is": "perceptron"}]})");
    pg::Session s = loaded(l);
    CHECK_FALSE(pg::goal_met(l.goals[0], pg::measure(s)));
    REQUIRE(s.apply_state(pg::parse_state(pg::serialize_state(s.state()) + "&rule=perceptron").state).ok);
    CHECK(pg::goal_met(l.goals[0], pg::measure(s)));
}

TEST_CASE("lesson goals over settings: {key, is} holds when the run's state has that value") {
    const pg::Lesson l = parse_ok(R"({"format": "playground-lesson/1", "id": "s", "title": "S",
      "state": "dataset=circle&regularization=L2&regularizationRate=0.03",
      "goals": [{"id": "xor", "text": "XOR", "key": "dataset", "is": "xor"},
                {"id": "l2", "text": "L2 at 0.03", "all": [{"key": "regularization", "is": "L2"},
                                                           {"metric": "regularizationRate", "atLeast": 0.03}]},
                {"id": "relu", "text": "ReLU", "all": [{"key": "activation", "is": "relu"}]}]})");
    REQUIRE(l.goals[0].all.size() == 1);
    CHECK(l.goals[0].all[0].key == "dataset");
    CHECK(l.goals[0].all[0].is == "xor");
    pg::Session s = loaded(l);
    pg::LessonMetrics m = pg::measure(s);
    CHECK_FALSE(pg::goal_met(l.goals[0], m));
    CHECK(pg::goal_met(l.goals[1], m));
    CHECK_FALSE(pg::goal_met(l.goals[2], m));
    const pg::State next = pg::parse_state(pg::serialize_state(s.state()) + "&dataset=xor&activation=relu").state;
    REQUIRE(s.apply_state(next).ok);
    m = pg::measure(s);
    CHECK(pg::goal_met(l.goals[0], m));
    CHECK(pg::goal_met(l.goals[2], m));
    // Written back as written.
    const std::string json = pg::lesson_to_json(l);
    CHECK(json.find(R"("key": "dataset")") != std::string::npos);
    CHECK(pg::lesson_to_json(parse_ok(json)) == json);
}

TEST_CASE("lesson goals: comparisons, all of several, once met stays met") {
    pg::LessonMetrics m;
    auto set = [&](pg::LessonMetric k, double v) {
        m.value[size_t(k)] = v;
        m.known[size_t(k)] = true;
    };
    set(pg::LessonMetric::kTestLoss, 0.05);
    using C = pg::Comparison;
    const pg::Condition below{pg::LessonMetric::kTestLoss, C::kBelow, 0.05, {}, {}};
    const pg::Condition at_most{pg::LessonMetric::kTestLoss, C::kAtMost, 0.05, {}, {}};
    const pg::Condition above{pg::LessonMetric::kTestLoss, C::kAbove, 0.05, {}, {}};
    const pg::Condition at_least{pg::LessonMetric::kTestLoss, C::kAtLeast, 0.05, {}, {}};
    CHECK_FALSE(pg::condition_holds(below, m));
    CHECK(pg::condition_holds(at_most, m));
    CHECK_FALSE(pg::condition_holds(above, m));
    CHECK(pg::condition_holds(at_least, m));
    set(pg::LessonMetric::kTestLoss, NAN);  // a diverged run meets nothing
    CHECK_FALSE(pg::condition_holds(at_least, m));
    CHECK_FALSE(pg::condition_holds({pg::LessonMetric::kGradientCheck, C::kBelow, 1, {}, {}}, m));  // not measured

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
    for (const pg::Lesson& builtin : pg::lessons()) {
        const std::string& id = builtin.id;
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

// ---- The course in lecture order: every goal attainable ----------------------------------------------

namespace {

// A student's run through a lesson: the lesson loaded, settings changed as
// the Data panel and the menus change them, epochs trained with the goals
// ticked after each, as the page does.
struct Student {
    const pg::Lesson& lesson;
    pg::Session s;
    pg::LessonProgress progress;

    explicit Student(const char* id) : lesson(*pg::find_lesson(id)), s(loaded(lesson)) {
        progress.start(lesson);
        tick();
    }
    void tick() { progress.update(lesson, pg::measure(s, pg::needs_gradient_check(lesson))); }
    // `change` put over the run's state, as setState('…') does.
    void set(const std::string& change) {
        const pg::ApplyResult r = s.apply_state(pg::parse_state(pg::serialize_state(s.state()) + "&" + change).state);
        REQUIRE_MESSAGE(r.ok, r.error);
        REQUIRE_MESSAGE(r.refused.empty(), change, " touches a locked key");
        tick();
    }
    // The Data panel's dataset thumbnail: the lesson's points give way to generated ones.
    void pick_dataset(const std::string& name) {
        std::string error;
        REQUIRE_MESSAGE(s.clear_csv(error), error);
        set("dataset=" + name);
    }
    // Up to `epochs` epochs, stopping once `goal` is met.
    void train_until(const std::string& goal, int epochs) {
        for (int e = 0; e < epochs && !met(goal) && !s.diverged(); ++e) {
            s.step_epoch();
            tick();
        }
    }
    void train(int epochs) {
        for (int e = 0; e < epochs && !s.diverged(); ++e) {
            s.step_epoch();
            tick();
        }
    }
    bool met(const std::string& goal) const {
        const int i = lesson.goal_index(goal);
        REQUIRE_MESSAGE(i >= 0, goal);
        return progress.met[size_t(i)];
    }
    // The engine's number for an answer goal (from the lesson's start, or the run as it is).
    double answer(const std::string& goal) const {
        const pg::Goal& g = lesson.goals[size_t(lesson.goal_index(goal))];
        REQUIRE(g.answer);
        std::string error;
        const std::optional<double> v = pg::answer_value(*g.answer, g.answer->from_start ? loaded(lesson) : s, error);
        REQUIRE_MESSAGE(v, error);
        return *v;
    }
};

double sigmoid_d(double z) { return 1.0 / (1.0 + std::exp(-z)); }

}  // namespace

TEST_CASE("the course in lecture order: every built-in lesson's goals can be met") {
    const std::vector<std::string> order = {"perceptron", "and-not-xor", "xor-hidden", "worked-example", "xor-2-2-1", "momentum",
                                            "softmax-3", "vanishing-gradients", "learning-rate-too-large",
                                            "overfitting-l2"};
    REQUIRE(pg::lessons().size() == order.size());
    for (size_t i = 0; i < order.size(); ++i) CHECK(pg::lessons()[i].id == order[i]);

    SUBCASE("perceptron: the rule settles on AND, never on XOR") {
        Student st("perceptron");
        CHECK(st.s.state().rule == pg::Rule::Perceptron);
        CHECK(st.s.network().layer_count() == 1);
        st.train_until("and", 100);
        CHECK(st.met("and"));
        CHECK_FALSE(st.met("xor"));
        // Settled: once every point is right the rule changes nothing.
        const std::string settled = st.s.model_json();
        st.train(5);
        CHECK(st.s.model_json() == settled);
        st.pick_dataset("xor");
        st.train(50);
        CHECK(st.met("xor"));
    }
    SUBCASE("and-not-xor: one unit learns AND, not XOR") {
        Student st("and-not-xor");
        CHECK(st.s.network().layer_count() == 1);
        st.train_until("and", 300);
        CHECK(st.met("and"));
        CHECK_FALSE(st.met("xor"));
        st.pick_dataset("xor");
        st.train(100);
        CHECK(st.met("xor"));
        CHECK(pg::measure(st.s)[pg::LessonMetric::kAccuracy] <= 0.75);
    }
    SUBCASE("xor-hidden: nothing without a hidden layer; three hidden units learn it") {
        Student st("xor-hidden");
        st.train(50);
        CHECK_FALSE(st.met("learns"));  // no hidden layer: no line does it
        st.set("networkShape=3&learningRate=0.1");
        st.train_until("few", 1000);
        CHECK(st.met("learns"));
        CHECK(st.met("few"));
    }
    SUBCASE("worked-example: the lecture's numbers are the answers") {
        Student st("worked-example");
        const double h = sigmoid_d(1.0), y = h, d_out = y - 1.0, d_hidden = d_out * 1.0 * h * (1.0 - h);
        CHECK(st.answer("z1") == doctest::Approx(1.0).epsilon(1e-6));
        CHECK(st.answer("h") == doctest::Approx(h).epsilon(1e-6));
        CHECK(st.answer("delta-out") == doctest::Approx(d_out).epsilon(1e-5));
        CHECK(st.answer("delta-hidden") == doctest::Approx(d_hidden).epsilon(1e-5));
        CHECK(st.answer("w2") == doctest::Approx(1.0 - 0.1 * d_out * h).epsilon(1e-6));
        CHECK(st.answer("w1") == doctest::Approx(1.0 - 0.1 * d_hidden * 1.0).epsilon(1e-6));
        // The lecture's rounded numbers are within each goal's tolerance.
        const std::pair<const char*, double> lecture[] = {{"z1", 1.0}, {"h", 0.731}, {"delta-out", -0.269},
                                                          {"w2", 1.0197}, {"w1", 1.0053}};
        for (const auto& item : lecture) {
            const char* goal = item.first;  // (clang 14 cannot capture a structured binding in CAPTURE)
            const double v = item.second;
            CAPTURE(goal);
            const pg::Goal& g = st.lesson.goals[size_t(st.lesson.goal_index(goal))];
            CHECK(pg::answer_right(*g.answer, st.answer(goal), v));
        }
    }
    SUBCASE("momentum: the second step is 0.9 of the first plus the new gradient's") {
        Student st("momentum");
        CHECK(st.s.state().momentum == doctest::Approx(0.9));
        const double eta = 0.1, alpha = 0.9;
        double w1 = 1, w2 = 1;
        double h = sigmoid_d(w1), y = h * w2;
        const double step1_w2 = -eta * (-(1 - y) * h), step1_w1 = -eta * (-(1 - y) * w2 * h * (1 - h));
        CHECK(st.answer("step1") == doctest::Approx(step1_w2).epsilon(1e-5));
        CHECK(std::fabs(step1_w2 - 0.0197) < 5e-4);
        st.s.train_example(1, 0, 1);  // the lab's Update, once
        w1 += step1_w1;
        w2 += step1_w2;
        h = sigmoid_d(w1);
        y = h * w2;
        const double step2_w2 = -eta * (-(1 - y) * h) + alpha * step1_w2;
        CHECK(st.answer("step2") == doctest::Approx(step2_w2).epsilon(1e-4));
        CHECK(std::fabs(step2_w2 - (0.0186 + 0.9 * 0.0197)) < 5e-4);  // the lecture's rounding
    }
    SUBCASE("softmax-3: δ = y − t, then every point right") {
        Student st("softmax-3");
        const pg::Trace tr = st.s.inspect(1.5, 1, 0);
        CHECK(st.answer("delta-0") == doctest::Approx(tr.output[0] - 1.0).epsilon(1e-5));
        st.train_until("all-right", 200);
        CHECK(st.met("all-right"));
    }
    SUBCASE("vanishing-gradients: sigmoid stays stuck; tanh learns with five layers") {
        Student st("vanishing-gradients");
        st.train(50);
        CHECK(st.met("watch"));
        CHECK_FALSE(st.met("learn"));
        // The gradient chart's point: the first layer's mean |∂E/∂w| is decades below the output's.
        const std::span<const float> g = st.s.grad_history();
        const int layers = st.s.network().layer_count();
        REQUIRE(g.size() >= size_t(layers));
        const float* last = g.data() + g.size() - size_t(layers);
        CHECK(last[0] * 100 < last[layers - 1]);
        st.set("activation=tanh");
        st.s.reset();
        st.train_until("learn", 300);
        CHECK(st.met("learn"));
    }
    SUBCASE("learning-rate-too-large: divergence, then a rate that recovers") {
        Student st("learning-rate-too-large");
        st.train(20);
        CHECK(st.s.diverged());
        CHECK(st.met("diverge"));
        st.set("learningRate=0.1");
        st.s.reset();
        CHECK_FALSE(st.s.diverged());
        st.train_until("recover", 200);
        CHECK(st.met("recover"));
    }
    SUBCASE("overfitting-l2: the noise learnt by heart, then L2") {
        Student st("overfitting-l2");
        st.train_until("overfit", 600);
        CHECK(st.met("overfit"));
        st.set("regularization=L2&regularizationRate=0.03");
        st.s.reset();
        st.train_until("l2", 600);
        CHECK(st.met("l2"));
    }
}
