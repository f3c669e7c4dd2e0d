// Fuzzes locks (pg/locks.h) through every route that changes a run: the
// input is a start state line, then pairs of bytes (operation, argument)
// that tests/fuzz/lock_ops.h turns into setState, lock, model files, CSVs,
// lessons, generated data, rebuilds and training. After each operation no
// locked key, hide or locked point may have changed.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "lock_ops.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    std::string_view rest(reinterpret_cast<const char*>(data), size);
    const size_t nl = rest.find('\n');
    const std::string_view first = rest.substr(0, nl);
    rest = nl == std::string_view::npos ? std::string_view() : rest.substr(nl + 1);
    // Small runs only: the harness is about routes, not about training time.
    pg::State start = pg::parse_state(first).state;
    if (start.num_samples > 400) start.num_samples = 400;
    for (int& w : start.network_shape) w = w > 8 ? 8 : w;
    pg::Session session;
    std::string error;
    if (!session.build(start, error)) return 0;
    pgtest::LockDriver driver(session);
    for (size_t i = 0; i + 1 < rest.size() && i < 256; i += 2) {
        driver.step(uint8_t(rest[i]), uint8_t(rest[i + 1]));
        const std::string broken = driver.check();
        FUZZ_CHECK(broken.empty(), "after operation %zu (%d, %d): %s", i / 2, int(uint8_t(rest[i])),
                   int(uint8_t(rest[i + 1])), broken.c_str());
    }
    return 0;
}
