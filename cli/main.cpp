// playground-cli: train, inspect and benchmark the engine from the command line.
//
//   playground-cli train --state S [--data F.csv] [--model M.json]
//                        [--save-model OUT.json] --epochs N
//   playground-cli inspect [--model M.json] [--state S] --example x1,x2,label
//   playground-cli lesson --list | ID [--steps N]
//   playground-cli bench [options]          (see cli/bench.h)
//
// Output is JSON on stdout (one object per line for train); messages go to
// stderr. Exit codes: 0 fine, 1 bad arguments, 2 bad input (state, CSV,
// model file), 3 training diverged (the last line says where).
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "bench.h"
#include "package.h"
#include "pg/csv.h"
#include "pg/kernels.h"
#include "pg/lab.h"
#include "pg/model_io.h"
#include "pg/session.h"
#include "pg/state.h"

namespace {

// ordered: keys print in the order written (epoch first).
using json = nlohmann::ordered_json;

constexpr int kExitOk = 0, kExitUsage = 1, kExitInput = 2, kExitDiverged = 3;
constexpr int kMaxEpochs = 10'000'000;

constexpr const char* kUsage = R"(playground-cli — train and inspect TensorFlow-Playground-style networks

Usage:
  playground-cli train --state S [--data F.csv] [--model M.json]
                       [--save-model OUT.json] --epochs N
      Builds the setup of state string S (the URL hash of the playground,
      e.g. "dataset=xor&networkShape=4,4&learningRate=0.03"), trains N epochs
      and prints one JSON object per epoch:
        {"epoch":1,"train_loss":0.41,"test_loss":0.43,"accuracy":0.62,"train_accuracy":0.6}
      (accuracy = test accuracy, classification only; test_loss and
      accuracy are null when percTrainData=100 leaves no test set).
      --data      CSV (x1,x2,label; header optional) replacing the generated
                  data, split by percTrainData after a seeded shuffle
      --model     model JSON whose architecture and weights replace the
                  generated ones (its inputs select the features)
      --save-model  write the trained model as JSON

  playground-cli inspect [--model M.json] [--state S] --example x1,x2,label
      One example through the network (the model's, or the state's initial
      weights): prints loss, output and per layer z, a, delta,
      grad_weights ([out][in]), grad_bias, and the next step's step_weights,
      step_bias. The example is a CSV row: the label is 1 or -1/0
      (classification), a value within 1e6 (regression) or a class index
      or name (multiclass). Keys the state names explicitly must
      agree with the model (or, for a loss the model leaves out, set it).

  playground-cli lesson --list
  playground-cli lesson ID|LESSON.json [--steps N]
      The built-in lessons of the backprop lab (or a lesson file). --list prints one JSON line
      per lesson (id, title, summary, state, model, csv). With an ID, prints
      the inspection of each of N one-example training steps (default 1),
      one JSON line per step, going through the lesson's points in order:
      the numbers before the update, then "weights_after" (the model JSON
      after the step).

  playground-cli package LESSON.json (--scorm 1.2|2004 | --html) -o OUT
                         [--page playground-single.html]
      A lesson file (README, "Lessons and exercises") inside the one-file
      page: --html writes that page, --scorm a SCORM 1.2 or 2004 package
      (a zip: imsmanifest.xml + index.html) for a learning platform. The
      page is --page, $PG_SINGLE_HTML or build-wasm/site/playground-single.html.

  playground-cli bench [--seconds S] [--network SHAPE] [--batch B]
      Training and grid-evaluation speed, SIMD against the scalar reference,
      one JSON line each: the FMA peak of one core and training's share of
      it, one frame of the app's heatmap work (2-256-256-1, 2-64-64-64-64-1),
      and an Eigen 3.4 peer on 2-8-8-8-8-8-8-1 (when built with Eigen).

  Any command takes --exact: compute exactly what the WebAssembly build (the
  browser, and playground-cli.js under Node) computes, bit for bit: the same
  losses and the same --save-model file. Natively slower than the default.

  playground-cli --help

Exit codes: 0 fine, 1 bad arguments, 2 bad input (state, CSV, model),
3 training diverged (the last JSON line has "diverged" and a message).
)";

// Control characters (an ESC from a file name or an argument) never reach the
// terminal raw; the engine's messages come escaped already.
std::string escaped(std::string_view s) {
    std::string out;
    for (const char c : s) {
        const auto u = static_cast<unsigned char>(c);
        if (u >= 0x20 && u != 0x7f) {
            out += c;
        } else {
            char buf[8];
            std::snprintf(buf, sizeof buf, "\\x%02x", unsigned(u));
            out += buf;
        }
    }
    return out;
}

int fail(int code, const std::string& message) {
    std::fprintf(stderr, "playground-cli: %s\n", escaped(message).c_str());
    if (code == kExitUsage) std::fprintf(stderr, "Run 'playground-cli --help' for usage.\n");
    return code;
}

// --key value options of one command; every key must be in `allowed`.
struct Options {
    std::map<std::string, std::string> values;
    std::optional<std::string> get(const std::string& key) const {
        auto it = values.find(key);
        if (it == values.end()) return std::nullopt;
        return it->second;
    }
};

bool parse_options(int argc, char** argv, int first, const std::vector<std::string>& allowed,
                   Options& out, std::string& error) {
    for (int i = first; i < argc; ++i) {
        const std::string arg = argv[i];
        bool known = false;
        for (const std::string& a : allowed) known = known || a == arg;
        if (!known) {
            error = arg.rfind("--", 0) == 0 ? "unknown option '" + arg + "'"
                                            : "unexpected argument '" + arg + "'";
            return false;
        }
        if (i + 1 >= argc) {
            error = "option " + arg + " needs a value";
            return false;
        }
        if (out.values.count(arg)) {
            error = "option " + arg + " given twice";
            return false;
        }
        out.values[arg] = argv[++i];
    }
    return true;
}

// A finite number or null (JSON has no NaN/Inf).
json number(double v) { return std::isfinite(v) ? json(v) : json(nullptr); }

// Parses the state string; warnings to stderr, malformed values are an error.
bool read_state(const std::optional<std::string>& text, pg::StateParse& p, std::string& error) {
    if (!text) return true;  // default State, no key named
    p = pg::parse_state(*text);
    std::string bad;
    for (const pg::StateIssue& issue : p.issues) {
        if (issue.kind == pg::StateIssue::Kind::kBadValue) {
            if (!bad.empty()) bad += "; ";
            bad += issue.message;
        } else {
            std::fprintf(stderr, "playground-cli: warning: state %s\n", issue.message.c_str());
        }
    }
    if (!bad.empty()) {
        error = "state " + bad;
        return false;
    }
    return true;
}

// Builds the session: state, optional CSV, optional model.
bool build_session(const Options& opt, pg::Session& session, std::string& error) {
    pg::StateParse parsed;
    if (!read_state(opt.get("--state"), parsed, error)) return false;
    const pg::State& state = parsed.state;

    std::optional<pg::CsvData> csv;
    if (const auto path = opt.get("--data")) {
        csv.emplace();
        if (!pg::read_csv_file(*path, state.problem, *csv, error)) return false;
    }
    if (!session.build(state, csv ? &*csv : nullptr, error)) {
        error = "state: " + error;
        return false;
    }
    if (const auto path = opt.get("--model")) {
        pg::Model model;
        if (!pg::read_model_file(*path, model, error)) return false;
        if (!pg::reconcile_model(model, parsed, error)) {
            error = *path + ": " + error;
            return false;
        }
        std::vector<pg::Feature> inputs;
        for (const std::string& name : model.inputs) {
            const std::optional<pg::Feature> f = pg::parse_feature(name);
            if (!f) {
                error = *path + ": inputs: unknown feature '" + name + "'";
                return false;
            }
            inputs.push_back(*f);
        }
        if (!session.load_model(model.spec, model.params, inputs, error)) {
            error = *path + ": " + error;
            return false;
        }
    }
    return true;
}

// Whether `path` can be written, found before training rather than after all
// epochs. Opens it for appending (an existing file is not changed) and
// removes it again if it did not exist.
bool check_writable(const std::string& path, std::string& error) {
    std::FILE* existing = std::fopen(path.c_str(), "rb");
    if (existing) std::fclose(existing);
    std::FILE* f = std::fopen(path.c_str(), "ab");
    if (!f) {
        error = path + ": cannot write the model file (" + std::strerror(errno) + ")";
        return false;
    }
    std::fclose(f);
    if (!existing) std::remove(path.c_str());
    return true;
}

int cmd_train(int argc, char** argv) {
    Options opt;
    std::string error;
    if (!parse_options(argc, argv, 2, {"--state", "--data", "--model", "--save-model", "--epochs"}, opt, error))
        return fail(kExitUsage, error);
    const auto epochs_text = opt.get("--epochs");
    if (!epochs_text) return fail(kExitUsage, "train needs --epochs N");
    char* end = nullptr;
    const long epochs = std::strtol(epochs_text->c_str(), &end, 10);
    if (epochs_text->empty() || *end != '\0' || epochs < 0 || epochs > kMaxEpochs)
        return fail(kExitUsage, "--epochs: '" + *epochs_text + "' is not a whole number in 0.." +
                                    std::to_string(kMaxEpochs));

    pg::Session session;
    if (!build_session(opt, session, error)) return fail(kExitInput, error);
    if (const auto path = opt.get("--save-model"); path && !check_writable(*path, error))
        return fail(kExitInput, error);

    const bool classification = session.problem() != pg::Problem::kRegression;
    int code = kExitOk;
    for (long e = 0; e < epochs; ++e) {
        const bool ok = session.step_epoch();
        const pg::Metrics& m = session.metrics();
        json line;
        line["epoch"] = ok ? m.epoch : session.divergence_epoch();
        // No test set (percTrainData=100): its loss and accuracy are null.
        const bool test_set = !session.test_points().empty();
        line["train_loss"] = number(m.train_loss);
        line["test_loss"] = test_set ? number(m.test_loss) : json(nullptr);
        if (classification) {
            line["accuracy"] = test_set ? number(m.test_accuracy) : json(nullptr);
            line["train_accuracy"] = number(m.train_accuracy);
        }
        if (!ok) {
            line["diverged"] = true;
            line["layer"] = session.divergence_layer() >= 0 ? json(session.divergence_layer() + 1) : json(nullptr);
            line["message"] = session.status_message();
        }
        std::printf("%s\n", line.dump().c_str());
        if (!ok) {
            std::fprintf(stderr, "playground-cli: %s\n", session.status_message().c_str());
            code = kExitDiverged;
            break;
        }
    }
    std::fflush(stdout);

    if (const auto path = opt.get("--save-model")) {
        pg::Model model;
        if (!pg::parse_model(session.model_json(), model, error) || !pg::write_model_file(*path, model, error))
            return fail(kExitInput, error);
    }
    return code;
}

int cmd_inspect(int argc, char** argv) {
    Options opt;
    std::string error;
    if (!parse_options(argc, argv, 2, {"--model", "--state", "--example"}, opt, error))
        return fail(kExitUsage, error);
    const auto example = opt.get("--example");
    if (!example) return fail(kExitUsage, "inspect needs --example x1,x2,label");

    pg::Session session;
    if (!build_session(opt, session, error)) return fail(kExitInput, error);
    // The example is one CSV row: the engine's numbers (no hex, |x| <= 1e6) and
    // the CSV's labels (1 / -1 / 0, a bounded value, a class index or name).
    pg::Point p;
    if (!pg::parse_csv_point(*example, session.problem(), session.class_names(), p, error))
        return fail(kExitUsage, "--example: " + error);

    std::printf("%s\n", pg::inspect_json(session, p.x1, p.x2, p.label).c_str());
    return kExitOk;
}

int cmd_lesson(int argc, char** argv) {
    if (argc == 3 && std::string_view(argv[2]) == "--list") {
        for (const pg::Lesson& l : pg::lessons()) {
            json line;
            line["id"] = l.id;
            line["title"] = l.title;
            line["summary"] = l.summary;
            line["state"] = l.state;
            line["model"] = l.model;
            line["csv"] = l.csv;
            std::printf("%s\n", line.dump().c_str());
        }
        return kExitOk;
    }
    if (argc < 3 || std::string_view(argv[2]).rfind("--", 0) == 0)
        return fail(kExitUsage, "lesson needs --list or a lesson id");
    // A lesson file (…/name.json) or a built-in lesson's id.
    pg::Lesson from_file;
    const pg::Lesson* lesson = pg::find_lesson(argv[2]);
    if (const std::string_view arg = argv[2]; arg.size() > 5 && arg.substr(arg.size() - 5) == ".json") {
        std::string text, error;
        std::ifstream in{std::string(arg), std::ios::binary};
        if (!in) return fail(kExitInput, std::string(arg) + ": cannot open file");
        text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        if (!pg::parse_lesson(text, from_file, error)) return fail(kExitInput, std::string(arg) + ": " + error);
        lesson = &from_file;
    }
    if (!lesson) {
        std::string ids;
        for (const pg::Lesson& l : pg::lessons()) {
            if (!ids.empty()) ids += ", ";
            ids += l.id;
        }
        return fail(kExitUsage, "lesson: unknown id '" + std::string(argv[2]) + "' (" + ids + ")");
    }
    Options opt;
    std::string error;
    if (!parse_options(argc, argv, 3, {"--steps"}, opt, error)) return fail(kExitUsage, error);
    long steps = 1;
    if (const auto text = opt.get("--steps")) {
        char* end = nullptr;
        steps = std::strtol(text->c_str(), &end, 10);
        if (text->empty() || *end != '\0' || steps < 0 || steps > kMaxEpochs)
            return fail(kExitUsage, "--steps: '" + *text + "' is not a whole number in 0.." + std::to_string(kMaxEpochs));
    }
    pg::Session session;
    if (!pg::load_lesson(*lesson, session, error)) return fail(kExitInput, error);
    std::vector<pg::Point> points = pg::lesson_points(*lesson);
    if (points.empty() && lesson->csv.empty())  // no CSV: the state's generated training points
        points.assign(session.train_points().begin(), session.train_points().end());
    if (points.empty()) return fail(kExitInput, "lesson " + std::string(lesson->id) + ": no points");
    for (long i = 0; i < steps; ++i) {
        const pg::Point& p = points[size_t(i) % points.size()];
        json line = json::parse(pg::inspect_json(session, p.x1, p.x2, p.label));
        const pg::StepResult r = session.train_example(p.x1, p.x2, p.label);
        json out;
        out["step"] = i + 1;
        for (auto& [key, value] : line.items()) out[key] = value;
        out["weights_after"] = json::parse(session.model_json());
        if (!r.finite) {
            out["diverged"] = true;
            out["message"] = session.status_message();
        }
        std::printf("%s\n", out.dump().c_str());
        if (!r.finite) return kExitDiverged;
    }
    return kExitOk;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fputs(kUsage, stderr);
        return kExitUsage;
    }
    const std::string_view command = argv[1];
    if (command == "--help" || command == "-h" || command == "help") {
        std::fputs(kUsage, stdout);
        return kExitOk;
    }
    // --exact (any command, anywhere after it): the WebAssembly build's
    // arithmetic, bit for bit (pg/network.h, Backend::Exact).
    int kept = 2;
    for (int i = 2; i < argc; ++i) {
        if (std::strcmp(argv[i], "--exact") != 0) {
            argv[kept++] = argv[i];
            continue;
        }
        if (!pg::exact_kernels_supported())
            return fail(kExitUsage, "--exact: this CPU or build has no kernels that compute what WebAssembly does "
                                    "(x86-64 with SSE4.2 needed)");
        pg::set_default_backend(pg::Backend::Exact);
    }
    argc = kept;
    try {
        if (command == "train") return cmd_train(argc, argv);
        if (command == "inspect") return cmd_inspect(argc, argv);
        if (command == "lesson") return cmd_lesson(argc, argv);
        if (command == "package") return pgcli::cmd_package(argc, argv);
        if (command == "bench") return run_bench(argc - 1, argv + 1);
    } catch (const std::exception& e) {  // should not happen: the engine reports errors by value
        return fail(kExitInput, std::string("internal error: ") + e.what());
    }
    return fail(kExitUsage, "unknown command '" + std::string(command) + "' (train, inspect, lesson, package, bench)");
}
