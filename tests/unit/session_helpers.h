// A session built from a state string, for tests: the string must parse
// without an issue and build (the test stops with the message otherwise).
#pragma once

#include <doctest/doctest.h>

#include <string>
#include <string_view>

#include "pg/session.h"

namespace pgtest {

inline pg::State state_from(std::string_view text) {
    const pg::StateParse p = pg::parse_state(text);
    REQUIRE_MESSAGE(p.issues.empty(), (p.issues.empty() ? "" : p.issues[0].message));
    return p.state;
}

inline pg::Session built(std::string_view text) {
    pg::Session s;
    std::string error;
    REQUIRE_MESSAGE(s.build(state_from(text), error), error);
    return s;
}

}  // namespace pgtest
