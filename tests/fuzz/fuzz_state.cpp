// Fuzzes the state string (pg/state.h): any text parses without crashing, and
// the round trip is stable: serialize(parse(text)) parses back to the same
// State and serializes to the same text again. The written text has no
// unknown key or bad value; a key kept although another key overrides it
// (outputActivation with loss=bce) may warn again, but only if it warned first.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_check.h"
#include "pg/state.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    const pg::StateParse first = pg::parse_state(text);
    for (const pg::StateIssue& issue : first.issues)
        FUZZ_CHECK(!issue.message.empty() && issue.message.find('\0') == std::string::npos,
                   "issue message empty or with a NUL byte (key '%s')", issue.key.c_str());
    const std::string serialized = pg::serialize_state(first.state);
    const pg::StateParse second = pg::parse_state(serialized);
    for (const pg::StateIssue& issue : second.issues) {
        bool warned_before = false;
        for (const pg::StateIssue& earlier : first.issues) warned_before = warned_before || earlier.key == issue.key;
        FUZZ_CHECK(issue.kind == pg::StateIssue::Kind::kClamped && warned_before,
                   "'%s' has a new issue: %s", serialized.c_str(), issue.message.c_str());
    }
    FUZZ_CHECK(second.state == first.state, "'%s' parses to another state", serialized.c_str());
    const std::string again = pg::serialize_state(second.state);
    FUZZ_CHECK(again == serialized, "'%s' serializes again as '%s'", serialized.c_str(), again.c_str());
    return 0;
}
