// Fuzzes a whole session (pg/session.h) as the CLI and the page drive it:
//   line 1     a state string: build the session from it
//   line 2     another state string: apply_state() after training
//   the rest   optional CSV replacing the generated data (the state's problem)
// then train a few epochs, evaluate the grid, the confusion matrix, inspect
// one example (and its lab JSON), take one one-example step, reset. The engine's own limits are the only caps on the input;
// the number of epochs trained is chosen so that one run stays short (the
// engine bounds one epoch's work, not the number of epochs).
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "fuzz_check.h"
#include "pg/csv.h"
#include "pg/lab.h"
#include "pg/session.h"
#include "pg/state.h"

namespace {

std::string_view next_line(std::string_view& rest) {
    const size_t nl = rest.find('\n');
    const std::string_view line = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    return line;
}

// Epochs for one run: about 2e6 point-parameters in all.
int epochs_for(const pg::Session& s) {
    const double work = double(s.train_points().size() + s.test_points().size()) *
                        double(s.network().param_count());
    return work <= 2e5 ? 3 : work <= 2e6 ? 1 : 0;
}

void exercise(pg::Session& s) {
    const int epochs = epochs_for(s);
    s.step_epochs(epochs, true);
    FUZZ_CHECK(s.diverged() == !s.status_message().empty(), "status message '%s'", s.status_message().c_str());
    std::vector<float> grid;
    s.evaluate_grid(8, grid);
    FUZZ_CHECK(grid.size() == size_t(s.network().neuron_count()) * 64, "grid of %zu values", grid.size());
    for (int j = 0; j < 64; ++j) (void)s.output_value(grid.data(), 64, j);
    std::vector<int> counts;
    s.confusion_matrix(true, counts);
    const double label = s.problem() == pg::Problem::kRegression ? 0.5
                         : s.problem() == pg::Problem::kMulticlass ? double(s.num_classes() - 1)
                                                                   : 1.0;
    const pg::Trace t = s.inspect(0.25, -1.5, label);
    FUZZ_CHECK(int(t.layers.size()) == s.network().layer_count(), "trace of %zu layers", t.layers.size());
    FUZZ_CHECK(!pg::inspect_json(s, 0.25, -1.5, label).empty(), "empty lab JSON");
    if (!s.diverged()) (void)s.train_example(0.25, -1.5, label);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    const pg::StateParse first = pg::parse_state(next_line(rest));
    const pg::StateParse second = pg::parse_state(next_line(rest));

    pg::CsvData csv;
    std::string error;
    const bool with_csv = !rest.empty() && pg::parse_csv(rest, first.state.problem, csv, error);

    pg::Session session;
    if (!session.build(first.state, with_csv ? &csv : nullptr, error)) {
        FUZZ_CHECK(!error.empty(), "build failed without a message");
        FUZZ_CHECK(session.status() == pg::SessionStatus::kEmpty, "failed build changed the session");
        return 0;
    }
    exercise(session);
    const pg::ApplyResult r = session.apply_state(second.state);
    FUZZ_CHECK(r.ok || !r.error.empty(), "apply_state failed without a message");
    exercise(session);
    session.reset();
    FUZZ_CHECK(session.epoch() == 0 && !session.diverged(), "reset left epoch %d", session.epoch());
    return 0;
}
