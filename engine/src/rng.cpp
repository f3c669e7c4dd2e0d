// Rng::normal — Box–Muller on the engine's deterministic log and cos, so a
// seed gives the same Gaussian draws natively and in WebAssembly.
#include "pg/rng.h"

#include <cmath>

#include "pg/detmath.h"

namespace pg {
namespace {

// One uniform draw per call, never inlined: clang 14's SLP vectorizer
// (Emscripten 3.1.6, -O2/-O3 -msimd128) miscompiles two inlined xoshiro
// draws in a row (see data.cpp), which would change the stream in WebAssembly.
[[gnu::noinline]] double draw(Rng& rng) { return rng.uniform(); }

}  // namespace

double Rng::normal() {
    // u1 in (0, 1] so log(u1) is finite; one pair of uniforms per draw (the
    // second Box–Muller value is dropped to keep Rng free of cached state).
    const double u1 = 1.0 - draw(*this);
    const double u2 = draw(*this);
    return std::sqrt(-2.0 * det_log(u1)) * det_cos(kTwoPi * u2);
}

}  // namespace pg
