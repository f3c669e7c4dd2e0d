// A failed invariant in a fuzz harness: print what broke and abort, so that
// libFuzzer saves the input as a crash.
#pragma once

#include <cstdio>
#include <cstdlib>

#define FUZZ_CHECK(cond, ...)                                                  \
    do {                                                                       \
        if (!(cond)) {                                                         \
            std::fprintf(stderr, "fuzz check failed: %s (%s:%d)\n", #cond,     \
                         __FILE__, __LINE__);                                  \
            std::fprintf(stderr, __VA_ARGS__);                                 \
            std::fputc('\n', stderr);                                          \
            std::abort();                                                      \
        }                                                                      \
    } while (0)
