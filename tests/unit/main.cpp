// The doctest runner for every test file in tests/unit/.
//
// Natively, PG_SIMD_TARGET=SSE4 (or SCALAR, or AVX2) makes the SIMD kernels
// run at that target instead of the best one the CPU has, so that CTest runs
// the whole program once per target the build contains (tests/CMakeLists.txt):
// a machine with AVX2 would otherwise never execute the SSE4 or scalar code.
#define DOCTEST_CONFIG_IMPLEMENT
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <cstring>

#ifndef __EMSCRIPTEN__
#include <hwy/targets.h>
#endif

int main(int argc, char** argv) {
#ifndef __EMSCRIPTEN__
    const char* target = std::getenv("PG_SIMD_TARGET");
    if (target && *target) {  // empty: as if unset
        int64_t bits = 0;
        if (std::strcmp(target, "AVX2") == 0) bits = HWY_AVX2;
        else if (std::strcmp(target, "SSE4") == 0) bits = HWY_SSE4;
        else if (std::strcmp(target, "SCALAR") == 0) bits = HWY_SCALAR;
        if (bits == 0 || (hwy::SupportedTargets() & bits) == 0) {
            std::fprintf(stderr, "PG_SIMD_TARGET: '%s' is not a target this CPU and build support (AVX2, SSE4, SCALAR)\n",
                         target);
            return 2;
        }
        hwy::SetSupportedTargetsForTest(bits);
    }
#endif
    doctest::Context context(argc, argv);
    return context.run();
}
