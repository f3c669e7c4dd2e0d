// Lesson files (pg/lesson.h): parsing with nlohmann-json (no exceptions
// reach the caller), goals, answers, progress and the built-in lessons.
#include "pg/lesson.h"

#include <algorithm>
#include <cctype>
#include <cmath>

#include <nlohmann/json.hpp>

#include "pg/csv.h"
#include "pg/lab.h"
#include "pg/locks.h"
#include "pg/model_io.h"
#include "pg/session.h"
#include "pg/state.h"
#include "text.h"

// The lessons of lessons/*.json (engine/CMakeLists.txt generates this table).
struct PgEmbeddedLesson {
    const unsigned char* bytes;
    unsigned long size;
};
extern const PgEmbeddedLesson pg_builtin_lessons[];
extern const int pg_builtin_lesson_count;

namespace pg {
namespace {

// Read and written with nlohmann::ordered_json, the one instantiation the
// page links (model_io.cpp and lab.cpp use it too: the page's size budget
// counts every template copy); ordered, so that a lesson file reads "format" first.
using Json = nlohmann::ordered_json;
using OrderedJson = nlohmann::ordered_json;

constexpr size_t kMaxLessonBytes = 16u << 20;

constexpr std::string_view kMetricNames[kNumLessonMetrics] = {
    "testLoss",     "trainLoss",     "accuracy",    "trainAccuracy", "testAccuracy",
    "epoch",        "hiddenLayers",  "hiddenUnits", "parameters",    "gradientCheck",
    "learningRate", "momentum",      "regularizationRate", "batchSize", "noise", "diverged"};
constexpr std::string_view kComparisonNames[] = {"below", "above", "atMost", "atLeast"};
constexpr std::string_view kFieldNames[] = {"z",    "a",       "delta",        "grad_bias",    "step_bias",
                                            "bias", "new_bias", "grad_weights", "step_weights", "weight",
                                            "new_weight", "loss", "output"};

std::string in_quotes(std::string_view s) {
    std::string out = "\"";
    out += text::escape(s.substr(0, 40));
    if (s.size() > 40) out += "\xe2\x80\xa6";
    out += '"';
    return out;
}

template <size_t N>
std::string choices(const std::string_view (&names)[N]) {
    std::string out;
    for (size_t i = 0; i < N; ++i) {
        if (i) out += ", ";
        out += names[i];
    }
    return out;
}

// One parse: the first error wins and names its field.
struct Reader {
    std::string error;

    bool fail(const std::string& field, const std::string& what) {
        if (error.empty()) error = field + ": " + what;
        return false;
    }
    bool text(const Json& j, const std::string& field, std::string& out, bool required, bool one_line = false) {
        if (j.is_null()) return required ? fail(field, "missing") : true;
        if (!j.is_string()) return fail(field, std::string("expected a text, got ") + j.type_name());
        out = j.get<std::string>();
        if (out.find('\0') != std::string::npos) return fail(field, "has a NUL character");
        if (one_line && out.find('\n') != std::string::npos) return fail(field, "expected one line");
        return true;
    }
    bool number(const Json& j, const std::string& field, double& out) {
        if (!j.is_number()) return fail(field, std::string("expected a number, got ") + j.type_name());
        out = j.get<double>();
        if (!std::isfinite(out)) return fail(field, "expected a finite number");
        return true;
    }
    bool integer(const Json& j, const std::string& field, int& out, int lo, int hi) {
        double v = 0;
        if (!number(j, field, v)) return false;
        if (v != std::floor(v) || v < lo || v > hi)
            return fail(field, "expected a whole number from " + std::to_string(lo) + " to " + std::to_string(hi) +
                                   ", got " + text::format_number(v));
        out = int(v);
        return true;
    }
    bool id(const Json& j, const std::string& field, std::string& out) {
        if (!text(j, field, out, true)) return false;
        if (out.empty() || out.size() > 64) return fail(field, "expected 1 to 64 characters");
        for (char c : out)
            if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_' || c == '.'))
                return fail(field, in_quotes(out) + " may hold only letters, digits, '-', '_' and '.'");
        return true;
    }
    // Keys of `j` not in `known` are an error (a misspelt key must not pass silently).
    bool only(const Json& j, const std::string& where, std::initializer_list<std::string_view> known) {
        for (auto it = j.begin(); it != j.end(); ++it)
            if (std::find(known.begin(), known.end(), it.key()) == known.end())
            {
                // The key as typed, escaped and clipped: it becomes part of the message.
                const std::string key = text::escape(std::string_view(it.key()).substr(0, 40));
                return fail(where.empty() ? key : where + "." + key, "unknown key");
            }
        return true;
    }

    bool condition(const Json& j, const std::string& field, Condition& c) {
        if (!j.is_object()) return fail(field, std::string("expected an object, got ") + j.type_name());
        if (j.contains("key") || j.contains("is")) return setting(j, field, c);
        if (!only(j, field, {"metric", "below", "above", "atMost", "atLeast"})) return false;
        std::string name;
        if (!text(j.contains("metric") ? j["metric"] : Json(), field + ".metric", name, true)) return false;
        const auto m = std::find(std::begin(kMetricNames), std::end(kMetricNames), name);
        if (m == std::end(kMetricNames))
            return fail(field + ".metric", "unknown metric " + in_quotes(name) + " (expected " + choices(kMetricNames) + ")");
        c.metric = LessonMetric(m - std::begin(kMetricNames));
        int found = 0;
        for (size_t k = 0; k < std::size(kComparisonNames); ++k) {
            const std::string key(kComparisonNames[k]);
            if (!j.contains(key)) continue;
            ++found;
            c.comparison = Comparison(k);
            if (!number(j[key], field + "." + key, c.value)) return false;
        }
        if (found != 1) return fail(field, "expected exactly one of below, above, atMost, atLeast");
        return true;
    }

    // {"key": K, "is": V}: K a key of the state string and V a value it takes.
    bool setting(const Json& j, const std::string& field, Condition& c) {
        if (!only(j, field, {"key", "is"})) return false;
        if (!text(j.contains("key") ? j["key"] : Json(), field + ".key", c.key, true, true) ||
            !text(j.contains("is") ? j["is"] : Json(), field + ".is", c.is, true, true))
            return false;
        StateParse parsed = parse_state(c.key + "=" + c.is);
        // A value refused only beside the default's other keys (rule=perceptron
        // with the default's hidden layers) is still a value the key takes:
        // checked again without hidden layers.
        if (!parsed.issues.empty() && c.key != "networkShape")
            if (StateParse alone = parse_state("networkShape=&" + c.key + "=" + c.is); alone.issues.empty())
                parsed = std::move(alone);
        if (c.key.empty() || c.key.find_first_of("&=#") != std::string::npos || !parsed.issues.empty())
            return fail(parsed.issues.empty() || parsed.issues[0].kind == StateIssue::Kind::kUnknownKey
                            ? field + ".key" : field + ".is",
                        parsed.issues.empty() ? in_quotes(c.key) + " is not a key of the state string"
                                              : parsed.issues[0].message);
        return true;
    }

    bool answer(const Json& j, const std::string& field, Answer& a) {
        if (!j.is_object()) return fail(field, std::string("expected an object, got ") + j.type_name());
        if (!only(j, field, {"inspect", "layer", "unit", "input", "field", "tolerance", "from"})) return false;
        const Json& ex = j.contains("inspect") ? j["inspect"] : Json();
        if (!ex.is_array() || ex.size() != 3)
            return fail(field + ".inspect", "expected the example as [x1, x2, label]");
        if (!number(ex[0], field + ".inspect[0]", a.x1) || !number(ex[1], field + ".inspect[1]", a.x2) ||
            !number(ex[2], field + ".inspect[2]", a.label))
            return false;
        std::string name;
        if (!text(j.contains("field") ? j["field"] : Json(), field + ".field", name, true)) return false;
        const auto f = std::find(std::begin(kFieldNames), std::end(kFieldNames), name);
        if (f == std::end(kFieldNames))
            return fail(field + ".field", "unknown field " + in_quotes(name) + " (expected " + choices(kFieldNames) + ")");
        a.field = AnswerField(f - std::begin(kFieldNames));
        if (j.contains("layer") && !integer(j["layer"], field + ".layer", a.layer, -13, 12)) return false;
        if (j.contains("unit") && !integer(j["unit"], field + ".unit", a.unit, 0, 255)) return false;
        if (j.contains("input") && !integer(j["input"], field + ".input", a.input, 0, 255)) return false;
        if (j.contains("tolerance")) {
            if (!number(j["tolerance"], field + ".tolerance", a.tolerance)) return false;
            if (a.tolerance < 0) return fail(field + ".tolerance", "expected a number ≥ 0");
        }
        if (j.contains("from")) {
            std::string from;
            if (!text(j["from"], field + ".from", from, true)) return false;
            if (from != "start" && from != "current")
                return fail(field + ".from", "expected \"start\" or \"current\", got " + in_quotes(from));
            a.from_start = from == "start";
        }
        return true;
    }

    bool goal(const Json& j, const std::string& field, Goal& g) {
        if (!j.is_object()) return fail(field, std::string("expected an object, got ") + j.type_name());
        if (!only(j, field, {"id", "text", "metric", "below", "above", "atMost", "atLeast", "key", "is", "all", "answer"}))
            return false;
        if (!id(j.contains("id") ? j["id"] : Json(), field + ".id", g.id)) return false;
        if (!text(j.contains("text") ? j["text"] : Json(), field + ".text", g.text, true)) return false;
        const bool one = j.contains("metric") || j.contains("key"), all = j.contains("all"),
                   answer_goal = j.contains("answer");
        if (int(one) + int(all) + int(answer_goal) != 1)
            return fail(field, "expected exactly one of metric (with below, above, atMost or atLeast), key (with is), all, answer");
        if (one) {
            Json c = Json::object();
            for (std::string_view k : {"metric", "below", "above", "atMost", "atLeast", "key", "is"})
                if (j.contains(std::string(k))) c[std::string(k)] = j[std::string(k)];
            g.all.emplace_back();
            return condition(c, field, g.all.back());
        }
        if (all) {
            const Json& list = j["all"];
            if (!list.is_array() || list.empty()) return fail(field + ".all", "expected a non-empty array of conditions");
            for (size_t k = 0; k < list.size(); ++k) {
                g.all.emplace_back();
                if (!condition(list[k], field + ".all[" + std::to_string(k) + "]", g.all.back())) return false;
            }
            return true;
        }
        g.answer.emplace();
        return answer(j["answer"], field + ".answer", *g.answer);
    }

    bool lesson(const Json& root, Lesson& out) {
        if (!root.is_object()) return fail("lesson", std::string("expected a JSON object, got ") + root.type_name());
        if (!only(root, "", {"format", "id", "title", "summary", "text", "state", "lock", "model", "csv", "goals",
                             "pass", "hints"}))
            return false;
        auto at = [&](const char* key) { return root.contains(key) ? root[key] : Json(); };
        std::string format;
        if (!text(at("format"), "format", format, true)) return false;
        if (format != "playground-lesson/1")
            return fail("format", "expected \"playground-lesson/1\", got " + in_quotes(format));
        if (!id(at("id"), "id", out.id) || !text(at("title"), "title", out.title, true, true) ||
            !text(at("text"), "text", out.text, false) || !text(at("summary"), "summary", out.summary, false) ||
            !text(at("state"), "state", out.state, false) || !text(at("lock"), "lock", out.lock, false) ||
            !text(at("csv"), "csv", out.csv, false))
            return false;
        if (out.title.empty()) return fail("title", "expected a non-empty text");
        if (out.summary.empty()) {
            // The text's first paragraph, at most 400 bytes, cut at a character boundary.
            size_t n = std::min(out.text.find("\n\n"), std::min(out.text.size(), size_t(400)));
            while (n > 0 && n < out.text.size() && (static_cast<unsigned char>(out.text[n]) & 0xC0) == 0x80) --n;
            out.summary = out.text.substr(0, n);
        }
        // The state: malformed values are refused (unknown keys pass, as in links).
        const StateParse parsed = parse_state(out.state);
        for (const StateIssue& issue : parsed.issues)
            if (issue.kind != StateIssue::Kind::kUnknownKey) return fail("state", issue.message);
        if (!out.lock.empty()) {
            const std::vector<std::string> keys = lockable_keys();
            size_t start = 0;
            while (start <= out.lock.size()) {
                const size_t comma = std::min(out.lock.find(',', start), out.lock.size());
                const std::string name(text::trim(std::string_view(out.lock).substr(start, comma - start)));
                if (!name.empty() && std::find(keys.begin(), keys.end(), name) == keys.end())
                    return fail("lock", in_quotes(name) + " is not a key that can be locked");
                start = comma + 1;
            }
        }
        if (root.contains("model")) {
            if (!root["model"].is_object()) return fail("model", std::string("expected a model file (an object), got ") +
                                                                   root["model"].type_name());
            out.model = root["model"].dump(2);
            Model model;
            std::string why;
            if (!parse_model(out.model, model, why) || !reconcile_model(model, parsed, why)) return fail("model", why);
        }
        if (!out.csv.empty()) {
            CsvData csv;
            std::string why;
            if (!parse_csv(out.csv, parsed.state.problem, csv, why)) return fail("csv", why);
        }
        if (root.contains("goals")) {
            const Json& goals = root["goals"];
            if (!goals.is_array()) return fail("goals", std::string("expected an array, got ") + goals.type_name());
            if (goals.size() > 100) return fail("goals", "at most 100 goals");
            for (size_t k = 0; k < goals.size(); ++k) {
                Goal g;
                const std::string field = "goals[" + std::to_string(k) + "]";
                if (!goal(goals[k], field, g)) return false;
                if (out.goal_index(g.id) >= 0) return fail(field + ".id", in_quotes(g.id) + " appears twice");
                out.goals.push_back(std::move(g));
            }
        }
        if (root.contains("pass")) {
            const Json& p = root["pass"];
            if (p.is_string() && p.get<std::string>() == "all") {
                out.pass = -1;
            } else if (!integer(p, "pass", out.pass, 0, int(out.goals.size()))) {
                return false;
            }
        }
        if (root.contains("hints")) {
            const Json& hints = root["hints"];
            if (!hints.is_array()) return fail("hints", std::string("expected an array of texts, got ") + hints.type_name());
            for (size_t k = 0; k < hints.size(); ++k) {
                std::string h;
                if (!text(hints[k], "hints[" + std::to_string(k) + "]", h, true)) return false;
                out.hints.push_back(std::move(h));
            }
        }
        return true;
    }
};

double compare_value(const Condition& c, double v) { return v - c.value; }

}  // namespace

std::string_view metric_name(LessonMetric m) { return kMetricNames[size_t(m)]; }
std::string_view comparison_name(Comparison c) { return kComparisonNames[size_t(c)]; }
std::string_view answer_field_name(AnswerField f) { return kFieldNames[size_t(f)]; }

int Lesson::goal_index(std::string_view goal_id) const {
    for (size_t i = 0; i < goals.size(); ++i)
        if (goals[i].id == goal_id) return int(i);
    return -1;
}

// ---- 3. Parsing ---------------------------------------------------------------------------------

bool parse_lesson(std::string_view text, Lesson& out, std::string& error) {
    if (text.size() > kMaxLessonBytes) {
        error = "lesson: the file is " + std::to_string(text.size()) + " bytes, more than the limit of 16 MiB";
        return false;
    }
    const Json root = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false);
    if (root.is_discarded()) {
        error = "lesson: not valid JSON";
        return false;
    }
    Reader reader;
    Lesson lesson;
    if (!reader.lesson(root, lesson)) {
        error = reader.error;
        return false;
    }
    out = std::move(lesson);
    return true;
}

std::string lesson_to_json(const Lesson& l) {
    OrderedJson j = OrderedJson::object();
    j["format"] = "playground-lesson/1";
    j["id"] = l.id;
    j["title"] = l.title;
    if (!l.summary.empty()) j["summary"] = l.summary;
    if (!l.text.empty()) j["text"] = l.text;
    if (!l.state.empty()) j["state"] = l.state;
    if (!l.lock.empty()) j["lock"] = l.lock;
    if (!l.model.empty()) j["model"] = OrderedJson(Json::parse(l.model, nullptr, false));
    if (!l.csv.empty()) j["csv"] = l.csv;
    OrderedJson goals = OrderedJson::array();
    for (const Goal& g : l.goals) {
        OrderedJson o = OrderedJson::object();
        o["id"] = g.id;
        o["text"] = g.text;
        auto put = [](OrderedJson& into, const Condition& c) {
            if (!c.key.empty()) {
                into["key"] = c.key;
                into["is"] = c.is;
                return;
            }
            into["metric"] = std::string(metric_name(c.metric));
            into[std::string(comparison_name(c.comparison))] = c.value;
        };
        if (g.answer) {
            const Answer& a = *g.answer;
            OrderedJson ans = OrderedJson::object();
            ans["inspect"] = OrderedJson::array({a.x1, a.x2, a.label});
            ans["layer"] = a.layer;
            ans["unit"] = a.unit;
            if (a.field >= AnswerField::kGradWeights && a.field <= AnswerField::kNewWeight) ans["input"] = a.input;
            ans["field"] = std::string(answer_field_name(a.field));
            ans["tolerance"] = a.tolerance;
            if (!a.from_start) ans["from"] = "current";
            o["answer"] = std::move(ans);
        } else if (g.all.size() == 1) {
            put(o, g.all[0]);
        } else {
            OrderedJson all = OrderedJson::array();
            for (const Condition& c : g.all) {
                OrderedJson one = OrderedJson::object();
                put(one, c);
                all.push_back(std::move(one));
            }
            o["all"] = std::move(all);
        }
        goals.push_back(std::move(o));
    }
    if (!l.goals.empty()) j["goals"] = std::move(goals);
    if (l.pass >= 0) j["pass"] = l.pass;
    if (!l.hints.empty()) j["hints"] = l.hints;
    return j.dump(2, ' ', false, OrderedJson::error_handler_t::replace);
}

// ---- 4. Goals ---------------------------------------------------------------------------------------

LessonMetrics measure(const Session& session, bool gradient_check) {
    LessonMetrics m;
    auto set = [&](LessonMetric k, double v) {
        m.value[size_t(k)] = v;
        m.known[size_t(k)] = true;
    };
    const Metrics& r = session.metrics();
    const bool has_test = !session.test_points().empty();
    set(LessonMetric::kTrainLoss, r.train_loss);
    set(LessonMetric::kTestLoss, has_test ? r.test_loss : r.train_loss);
    set(LessonMetric::kTrainAccuracy, r.train_accuracy);
    set(LessonMetric::kTestAccuracy, has_test ? r.test_accuracy : r.train_accuracy);
    set(LessonMetric::kAccuracy, has_test ? r.test_accuracy : r.train_accuracy);
    set(LessonMetric::kEpoch, session.epoch());
    const Network& net = session.network();
    const int hidden_layers = net.configured() ? net.layer_count() - 1 : 0;
    int units = 0;
    for (int l = 0; l < hidden_layers; ++l) units += net.layer(l).out;
    set(LessonMetric::kHiddenLayers, hidden_layers);
    set(LessonMetric::kHiddenUnits, units);
    set(LessonMetric::kParameters, net.configured() ? double(net.param_count()) : 0.0);
    const State& s = session.state();
    set(LessonMetric::kLearningRate, s.learning_rate);
    set(LessonMetric::kMomentum, s.momentum);
    set(LessonMetric::kRegularizationRate, s.regularization_rate);
    set(LessonMetric::kBatchSize, s.batch_size);
    set(LessonMetric::kNoise, s.noise);
    set(LessonMetric::kDiverged, session.diverged() ? 1.0 : 0.0);
    m.state = s;
    if (gradient_check && net.configured() && !session.train_points().empty()) {
        const Point& p = session.train_points()[0];
        std::vector<float> x(size_t(session.num_inputs())), t(size_t(net.outputs()));
        session.feature_rows(&p.x1, &p.x2, 1, x.data());
        session.target_row(p.label, t.data());
        set(LessonMetric::kGradientCheck, pg::gradient_check(net, x.data(), t.data()).max_rel_error);
    }
    return m;
}

bool needs_gradient_check(const Lesson& lesson) {
    for (const Goal& g : lesson.goals)
        for (const Condition& c : g.all)
            if (c.metric == LessonMetric::kGradientCheck) return true;
    return false;
}

bool condition_holds(const Condition& c, const LessonMetrics& m) {
    if (!c.key.empty()) {
        // The state with `key=is` put over it is the same state: the key has that value.
        const StateParse p = parse_state(serialize_state(m.state) + "&" + c.key + "=" + c.is);
        return p.issues.empty() && p.state == m.state;
    }
    if (!m.known[size_t(c.metric)]) return false;
    const double v = m[c.metric];
    if (!std::isfinite(v)) return false;  // a diverged loss meets no goal
    const double d = compare_value(c, v);
    switch (c.comparison) {
        case Comparison::kBelow: return d < 0;
        case Comparison::kAbove: return d > 0;
        case Comparison::kAtMost: return d <= 0;
        case Comparison::kAtLeast: return d >= 0;
    }
    return false;
}

bool goal_met(const Goal& goal, const LessonMetrics& m) {
    if (goal.answer || goal.all.empty()) return false;
    for (const Condition& c : goal.all)
        if (!condition_holds(c, m)) return false;
    return true;
}

// ---- 5. Answers ---------------------------------------------------------------------------------------

std::optional<double> answer_value(const Answer& a, const Session& session, std::string& error) {
    const Network& net = session.network();
    if (!net.configured()) {
        error = "the network is not built";
        return std::nullopt;
    }
    if (!session.accepts_label(a.label)) {
        error = "inspect: the label " + text::format_number(a.label) + " does not fit this problem";
        return std::nullopt;
    }
    const Trace trace = session.inspect(a.x1, a.x2, a.label);
    if (a.field == AnswerField::kLoss) return double(trace.loss);
    if (a.field == AnswerField::kOutput) {
        if (a.unit >= int(trace.output.size())) {
            error = "unit: the network has " + std::to_string(trace.output.size()) + " outputs";
            return std::nullopt;
        }
        return double(trace.output[size_t(a.unit)]);
    }
    const int layers = net.layer_count();
    const int l = a.layer < 0 ? layers + a.layer : a.layer;
    if (l < 0 || l >= layers || size_t(l) >= trace.layers.size()) {
        error = "layer: " + std::to_string(a.layer) + " is not one of the network's " + std::to_string(layers) +
                " weight layers";
        return std::nullopt;
    }
    const LayerLayout& L = net.layer(l);
    const LayerTrace& t = trace.layers[size_t(l)];
    if (a.unit >= L.out) {
        error = "unit: layer " + std::to_string(a.layer) + " has " + std::to_string(L.out) + " units";
        return std::nullopt;
    }
    const size_t u = size_t(a.unit);
    const bool per_weight = a.field >= AnswerField::kGradWeights && a.field <= AnswerField::kNewWeight;
    if (per_weight && a.input >= L.in) {
        error = "input: layer " + std::to_string(a.layer) + " has " + std::to_string(L.in) + " inputs";
        return std::nullopt;
    }
    const bool per_bias = a.field == AnswerField::kGradBias || a.field == AnswerField::kStepBias ||
                          a.field == AnswerField::kBias || a.field == AnswerField::kNewBias;
    if (per_bias && !L.has_bias) {
        error = "field: layer " + std::to_string(a.layer) + " has no biases";
        return std::nullopt;
    }
    const size_t w = u * size_t(L.in) + size_t(a.input);
    const std::span<const float> p = net.params();
    switch (a.field) {
        case AnswerField::kZ: return double(t.z[u]);
        case AnswerField::kA: return double(t.a[u]);
        case AnswerField::kDelta: return double(t.delta[u]);
        case AnswerField::kGradBias: return double(t.grad_bias[u]);
        case AnswerField::kStepBias: return double(t.step_bias[u]);
        case AnswerField::kBias: return double(p[L.bias + u]);
        case AnswerField::kNewBias: return double(p[L.bias + u] + t.step_bias[u]);
        case AnswerField::kGradWeights: return double(t.grad_weights[w]);
        case AnswerField::kStepWeights: return double(t.step_weights[w]);
        case AnswerField::kWeight: return double(p[L.weights + w]);
        case AnswerField::kNewWeight: return double(p[L.weights + w] + t.step_weights[w]);
        case AnswerField::kLoss:
        case AnswerField::kOutput: break;
    }
    return std::nullopt;
}

bool answer_right(const Answer& answer, double expected, double typed) {
    return std::isfinite(typed) && std::fabs(typed - expected) <= answer.tolerance;
}

// ---- 6. Progress --------------------------------------------------------------------------------------

void LessonProgress::start(const Lesson& lesson) {
    met.assign(lesson.goals.size(), false);
    typed.assign(lesson.goals.size(), std::nullopt);
}

std::vector<int> LessonProgress::update(const Lesson& lesson, const LessonMetrics& m) {
    if (met.size() != lesson.goals.size()) start(lesson);
    std::vector<int> now;
    for (size_t i = 0; i < lesson.goals.size(); ++i)
        if (!met[i] && goal_met(lesson.goals[i], m)) {
            met[i] = true;
            now.push_back(int(i));
        }
    return now;
}

int LessonProgress::met_count() const { return int(std::count(met.begin(), met.end(), true)); }

double LessonProgress::score() const { return met.empty() ? 1.0 : double(met_count()) / double(met.size()); }

// ---- 7. Built-in lessons -----------------------------------------------------------------------------

std::span<const Lesson> lessons() {
    // Parsed once; a built-in file that does not parse is a build error
    // (tests/unit/test_lesson.cpp loads every one), so it is skipped here.
    static const std::vector<Lesson> all = [] {
        std::vector<Lesson> out;
        for (int i = 0; i < pg_builtin_lesson_count; ++i) {
            Lesson l;
            std::string error;
            const std::string_view text(reinterpret_cast<const char*>(pg_builtin_lessons[i].bytes),
                                        pg_builtin_lessons[i].size);
            if (parse_lesson(text, l, error)) out.push_back(std::move(l));
        }
        return out;
    }();
    return all;
}

const Lesson* find_lesson(std::string_view id) {
    for (const Lesson& l : lessons())
        if (l.id == id) return &l;
    return nullptr;
}

}  // namespace pg
