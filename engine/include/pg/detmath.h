// pg/detmath.h — deterministic elementary functions in double precision.
//
// glibc's and musl's (Emscripten's) sin/cos/log/exp may differ in the last
// bit, and one differing bit in a dataset or an initial weight breaks the
// promise that a seed gives the same run natively and in WebAssembly. These
// versions use only IEEE-exact operations (+ − × ÷, sqrt, bit manipulation of
// the representation) in a fixed order; engine/ is compiled with
// -ffp-contract=off so no a*b+c is ever fused. Same input → same bits on
// every IEEE-754 platform.
//
// Accuracy: within ~1 ulp of the true value (the polynomials and the
// Cody–Waite reduction follow fdlibm's classic design). sin/cos are accurate
// for |x| < 2^20·π/2 ≈ 1.6e6; beyond that they stay deterministic and
// bounded but lose accuracy (no data or feature of ours goes there).
#pragma once

namespace pg {

// sin(x). NaN for NaN or ±Inf.
double det_sin(double x);

// cos(x). NaN for NaN or ±Inf.
double det_cos(double x);

// Natural logarithm. log(0) = -Inf, log(x < 0) = NaN, log(+Inf) = +Inf.
double det_log(double x);

// e^x. Overflows to +Inf above ~709.78, underflows to 0 below ~-745.13.
double det_exp(double x);

// e^x as a float, for the softmax: within 1 float ulp (computed in double,
// rounded once), 0 below −104, +Inf above ~88.7. No division and no call, so
// about as cheap as libm's expf.
float det_expf(float x);

// log(1 + x), accurate for small x too. log1p(−1) = −Inf, NaN below −1.
double det_log1p(double x);

// erf(x) and erfc(x) = 1 − erf(x), within ~1e-13 relative of the true value
// wherever the result is a normal double (erfc's tail included: erfc(26) ≈
// 5.7e-296 keeps its digits). erfc(x) for x ≥ 0 is t·e^{−x² + P(t)} with
// t = 1/(1 + x/2) and P a degree-20 Chebyshev series fitted to this form (the
// shape of Numerical Recipes' erfcc, with our own, longer fit); erfc(−x) =
// 2 − erfc(x); erf near 0 by its Taylor series (no cancellation there).
// NaN → NaN, erf(±Inf) = ±1, erfc(+Inf) = 0, erfc(−Inf) = 2.
double det_erf(double x);
double det_erfc(double x);

// GELU as the lectures define it, z·Φ(z) = ½z·erfc(−z/√2), and its
// derivative Φ(z) + z·φ(z), in double from the float z and rounded once:
// what every kernel (SIMD at every target, WebAssembly, the scalar reference)
// returns for Activation::GELU, so they agree to the bit.
float det_gelu(float z);
float det_gelu_derivative(float z);

// Softplus with the lectures' β, (1/β)·log(1 + e^{βz}) = max(z, 0) +
// log1p(e^{−β|z|})/β, and its derivative σ(βz), in double from the float z
// and β and rounded once: every backend computes a softplus layer with β ≠ 1
// through these (pg/network.h), so they agree to the bit. β > 0.
float det_softplus(float z, float beta);
float det_softplus_derivative(float z, float beta);

// x · 2^n, exact unless the result is subnormal (then rounded once).
double det_scalbn(double x, int n);

// Mathematical constants as the nearest doubles.
inline constexpr double kPi = 3.14159265358979311600;     // 0x1.921fb54442d18p+1
inline constexpr double kTwoPi = 6.28318530717958623200;  // 0x1.921fb54442d18p+2

}  // namespace pg
