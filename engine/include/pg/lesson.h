// pg/lesson.h — lesson files: a task for a student, with goals the page checks.
//
// Index
//   1. The format        `playground-lesson/1`, as a teacher writes it
//   2. Lesson, Goal      the parsed file
//   3. parse_lesson      text → Lesson, or a message naming the field
//   4. Goals             LessonMetrics (what a metric goal reads), goal_met
//   5. Answers           answer_value: the engine's own number for an answer goal
//   6. LessonProgress    goals met (once met, stays met), the score, passed
//   7. Built-in lessons  lessons/*.json, compiled in (menu order)
//
// Loading a lesson into a run (state, CSV, model, under the page's locks)
// is pg::load_lesson in pg/lab.h.
//
// ============================================================================
// 1. The format
// ============================================================================
//
//   {
//     "format": "playground-lesson/1",          required, exactly this
//     "id": "xor-small",                         required: letters, digits, - _ . (1–64)
//     "title": "XOR with few neurons",           required, one line
//     "summary": "…",                            optional: one or two sentences for the
//                                                menu (default: the text's first paragraph)
//     "text": "Markdown: paragraphs, **bold**, *italic*, `code`, - lists",
//     "state": "dataset=xor&networkShape=2&…",   optional state string (URL hash format)
//     "lock": "dataset,noise,hides",             optional: keys the page locks after loading
//     "model": { a model file (pg/model_io.h) }, optional: the network and its weights
//     "csv": "x1,x2,label\n…",                   optional: the points
//     "goals": [ goal, … ],                      optional (a lesson without goals is a demo)
//     "pass": "all" | N,                         optional: every goal (default) or N goals
//     "hints": ["…", …]                          optional, shown one at a time on request
//   }
//
// A goal has an "id" (unique, as above), a "text" (what the student reads) and
// either conditions over metrics or an answer:
//
//   {"id": "fit", "text": "Test loss below 0.05", "metric": "testLoss", "below": 0.05}
//   {"id": "both", "text": "…", "all": [{"metric": "testLoss", "below": 0.05},
//                                       {"metric": "hiddenUnits", "atMost": 4}]}
//   {"id": "d", "text": "δ of the output for (1, 0)?",
//    "answer": {"inspect": [1, 0, 1], "layer": -1, "unit": 0, "field": "delta",
//               "input": 0, "tolerance": 1e-3, "from": "start"}}
//
// A condition is {"metric": M, C: number} with exactly one comparison C of
// below (<), above (>), atMost (≤), atLeast (≥), or a setting
// {"key": K, "is": V}: the run's state has value V for key K (as the state
// string writes it: {"key": "dataset", "is": "xor"}, {"key": "regularization",
// "is": "L2"}, {"key": "activation", "is": "relu"}). Metrics (LessonMetric):
//   testLoss trainLoss          the run's losses (testLoss is the training loss
//                               when there is no test set)
//   accuracy                    test accuracy (training accuracy without a test set), 0–1
//   trainAccuracy testAccuracy  0–1
//   epoch                       epochs trained
//   hiddenLayers hiddenUnits    hidden layers, hidden neurons in all
//   parameters                  weights and biases
//   gradientCheck               the largest relative error of the gradient check at
//                               the first training point (pg/lab.h)
//   diverged                    1 once training diverged and stopped (the loss or a
//                               weight no longer finite), 0 otherwise
//   learningRate momentum regularizationRate batchSize noise   the settings
// A metric goal is met when all its conditions hold at once; once met it
// stays met (LessonProgress).
//
// An answer goal names one number of the engine's inspect object
// (`playground.inspect`, pg::inspect_json) for the example (x1, x2, label):
//   layer   weight layers from 0 (the first hidden layer); negative counts
//           from the output: −1 is the output layer
//   unit    the neuron in that layer (0-based)
//   field   z, a, delta, grad_bias, step_bias, bias, new_bias (per unit);
//           grad_weights, step_weights, weight, new_weight (per unit and `input`,
//           the index of the weight's source in the layer below);
//           loss (the example's loss; layer and unit are not used);
//           output (the network's output `unit`)
//           (new_weight = weight + step_weights: the weight after one step on
//           this example alone; new_bias likewise)
//   from    "start" (default): the network as the lesson starts it, so the
//           answer does not move while the student trains; "current": the
//           running network
//   tolerance  |typed − value| ≤ tolerance (default 1e-3)
//
// Errors name the field: "goals[1].below: expected a number, got string",
// "goals[2].answer.field: unknown field \"dleta\" (expected z, a, delta, …)".
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pg/state.h"

namespace pg {

class Session;

// ============================================================================
// 2. The parsed file
// ============================================================================

enum class LessonMetric : uint8_t {
    kTestLoss, kTrainLoss, kAccuracy, kTrainAccuracy, kTestAccuracy, kEpoch, kHiddenLayers, kHiddenUnits,
    kParameters, kGradientCheck, kLearningRate, kMomentum, kRegularizationRate, kBatchSize, kNoise, kDiverged,
};
inline constexpr int kNumLessonMetrics = 16;
std::string_view metric_name(LessonMetric m);

enum class Comparison : uint8_t { kBelow, kAbove, kAtMost, kAtLeast };
std::string_view comparison_name(Comparison c);

struct Condition {
    LessonMetric metric = LessonMetric::kTestLoss;
    Comparison comparison = Comparison::kBelow;
    double value = 0;
    std::string key, is;  // a setting condition when `key` is not empty (metric unused)
};

enum class AnswerField : uint8_t {
    kZ, kA, kDelta, kGradBias, kStepBias, kBias, kNewBias,   // per unit
    kGradWeights, kStepWeights, kWeight, kNewWeight,         // per unit and input
    kLoss, kOutput,
};
std::string_view answer_field_name(AnswerField f);

struct Answer {
    double x1 = 0, x2 = 0, label = 0;  // the example ("inspect")
    int layer = -1;                    // as written: negative counts from the output
    int unit = 0;
    int input = 0;                     // for per-weight fields
    AnswerField field = AnswerField::kDelta;
    double tolerance = 1e-3;
    bool from_start = true;
};

struct Goal {
    std::string id, text;
    std::vector<Condition> all;   // a metric goal: every condition at once
    std::optional<Answer> answer; // an answer goal (then `all` is empty)
};

// The first six fields keep the order of the lessons' older aggregate form
// (id, title, summary, state, model, csv), so `Lesson{…}` of six texts works.
struct Lesson {
    std::string id;       // "worked-example"
    std::string title;    // one line
    std::string summary;  // for the menu
    std::string state;    // state string ("" = the defaults)
    std::string model;    // model-file JSON ("" = none: the state's network)
    std::string csv;      // the points ("" = the state's dataset)
    std::string text;     // instructions (Markdown subset)
    std::string lock;     // key names the page locks after loading ("" = none)
    std::vector<Goal> goals;
    int pass = -1;        // goals needed to pass; −1: all
    std::vector<std::string> hints;

    int goals_to_pass() const { return pass < 0 ? int(goals.size()) : pass; }
    // Index of the goal with this id, −1 if none.
    int goal_index(std::string_view goal_id) const;
};

// ============================================================================
// 3. Parsing
// ============================================================================

// Reads a lesson file. On error returns false, leaves `out` untouched and
// sets `error` to a message that begins with the field ("goals[0].metric: …");
// the state, model and CSV are checked here as well (a lesson that parses loads,
// locks aside). Texts are limited to 16 MiB.
bool parse_lesson(std::string_view text, Lesson& out, std::string& error);

// The lesson as a `playground-lesson/1` file (parse_lesson reads it back to
// an equal Lesson). Pretty-printed with two spaces.
std::string lesson_to_json(const Lesson& lesson);

// ============================================================================
// 4. Goals over metrics
// ============================================================================

struct LessonMetrics {
    double value[kNumLessonMetrics] = {};
    bool known[kNumLessonMetrics] = {};  // false: not measured (gradientCheck when not asked)
    double operator[](LessonMetric m) const { return value[size_t(m)]; }
    State state;  // the run's settings (setting conditions read them)
};

// The metrics of a run. The gradient check is computed only when asked
// (it costs two forward passes per parameter).
LessonMetrics measure(const Session& session, bool gradient_check = false);
// True if some goal of the lesson reads the gradient check.
bool needs_gradient_check(const Lesson& lesson);

bool condition_holds(const Condition& c, const LessonMetrics& m);
// A metric goal: every condition holds (false for an answer goal).
bool goal_met(const Goal& goal, const LessonMetrics& m);

// ============================================================================
// 5. Answers
// ============================================================================

// The engine's number for an answer goal from `session`'s network (the
// caller picks the running network or the lesson's start, see `from`).
// nullopt with a message if the layer, unit, input or label do not fit.
std::optional<double> answer_value(const Answer& answer, const Session& session, std::string& error);
bool answer_right(const Answer& answer, double expected, double typed);

// ============================================================================
// 6. Progress
// ============================================================================

struct LessonProgress {
    std::vector<bool> met;                  // per goal
    std::vector<std::optional<double>> typed;  // per goal: the last answer typed

    void start(const Lesson& lesson);
    // Marks every metric goal that holds now; returns the indices newly met.
    std::vector<int> update(const Lesson& lesson, const LessonMetrics& m);
    int met_count() const;
    bool passed(const Lesson& lesson) const { return met_count() >= lesson.goals_to_pass() && !met.empty(); }
    // Goals met / goals (1 for a lesson without goals).
    double score() const;
};

// ============================================================================
// 7. Built-in lessons
// ============================================================================

// The lessons of lessons/*.json compiled into the engine, in menu order.
std::span<const Lesson> lessons();
// nullptr if no built-in lesson has this id.
const Lesson* find_lesson(std::string_view id);

}  // namespace pg
