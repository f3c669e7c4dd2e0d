// Rng::normal — Box–Muller on the engine's deterministic log and cos, so a
// seed gives the same Gaussian draws natively and in WebAssembly.
#include "pg/rng.h"

#include <cmath>

#include "pg/detmath.h"

namespace pg {

double Rng::normal() {
    // u1 in (0, 1] so log(u1) is finite; one pair of uniforms per draw (the
    // second Box–Muller value is dropped to keep Rng free of cached state).
    const double u1 = 1.0 - uniform();
    const double u2 = uniform();
    return std::sqrt(-2.0 * det_log(u1)) * det_cos(kTwoPi * u2);
}

}  // namespace pg
