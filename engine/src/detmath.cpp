// Deterministic sin, cos, log, exp (see pg/detmath.h).
//
// The structure and the minimax coefficients are those of fdlibm
// (Copyright (C) 1993 by Sun Microsystems, Inc. "Developed at SunSoft, a Sun
// Microsystems, Inc. business. Permission to use, copy, modify, and
// distribute this software is freely granted, provided that this notice is
// preserved."), written here in plain + − × ÷ so that the result depends on
// nothing but IEEE-754 double arithmetic in round-to-nearest.
#include "pg/detmath.h"

#include <cstdint>
#include <cstring>
#include <limits>

namespace pg {
namespace {

uint64_t bits_of(double x) {
    uint64_t u;
    std::memcpy(&u, &x, sizeof u);
    return u;
}

double from_bits(uint64_t u) {
    double x;
    std::memcpy(&x, &u, sizeof x);
    return x;
}

// Biased exponent field of x (0 for zero and subnormals, 2047 for Inf/NaN).
int exponent_field(double x) { return int((bits_of(x) >> 52) & 0x7ff); }

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// ---- sin / cos ---------------------------------------------------------------

// sin(x + y) for |x| <= π/4, y the tail of a reduced argument (|y| < ulp(x)/2);
// has_tail = false when y is known to be 0 (one rounding fewer).
double kernel_sin(double x, double y, bool has_tail) {
    constexpr double S1 = -1.66666666666666324348e-01;
    constexpr double S2 = 8.33333333332248946124e-03;
    constexpr double S3 = -1.98412698298579493134e-04;
    constexpr double S4 = 2.75573137070700676789e-06;
    constexpr double S5 = -2.50507602534068634195e-08;
    constexpr double S6 = 1.58969099521155010221e-10;
    const double z = x * x;
    const double w = z * z;
    const double r = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
    const double v = z * x;
    if (!has_tail) return x + v * (S1 + z * r);
    return x - ((z * (0.5 * y - v * r) - y) - v * S1);
}

// cos(x + y) for |x| <= π/4.
double kernel_cos(double x, double y) {
    constexpr double C1 = 4.16666666666666019037e-02;
    constexpr double C2 = -1.38888888888741095749e-03;
    constexpr double C3 = 2.48015872894767294178e-05;
    constexpr double C4 = -2.75573143513906633035e-07;
    constexpr double C5 = 2.08757232129817482790e-09;
    constexpr double C6 = -1.13596475577881948265e-11;
    const double z = x * x;
    const double w = z * z;
    const double r = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
    const double hz = 0.5 * z;
    const double one_minus_hz = 1.0 - hz;
    return one_minus_hz + (((1.0 - one_minus_hz) - hz) + (z * r - x * y));
}

// Reduces x to y0 + y1 with |y0 + y1| <= ~π/4 and x = n·π/2 + y0 + y1; returns n mod 4.
// Cody–Waite with π/2 split in three 33-bit pieces (each n·piece is exact for
// |n| < 2^20), giving ~118 bits of the reduced argument: enough for 1 ulp.
int reduce_pi_over_2(double x, double& y0, double& y1) {
    constexpr double kInvPio2 = 6.36619772367581382433e-01;
    constexpr double kPio2_1 = 1.57079632673412561417e+00;   // first 33 bits of π/2
    constexpr double kPio2_1t = 6.07710050650619224932e-11;  // π/2 − kPio2_1
    constexpr double kPio2_2 = 6.07710050630396597660e-11;   // next 33 bits
    constexpr double kPio2_2t = 2.02226624879595063154e-21;  // π/2 − kPio2_1 − kPio2_2
    constexpr double kPio2_3 = 2.02226624871116645580e-21;   // next 33 bits
    constexpr double kPio2_3t = 8.47842766036889956997e-32;  // the rest
    constexpr double kToInt = 6755399441055744.0;            // 1.5 · 2^52: rounds to integer

    double fn = x * kInvPio2 + kToInt;
    fn = fn - kToInt;
    const int64_t n = int64_t(fn);

    // 1st round, good to 85 bits.
    double r = x - fn * kPio2_1;
    double w = fn * kPio2_1t;
    y0 = r - w;
    const int ex = exponent_field(x);
    if (ex - exponent_field(y0) > 16) {
        // 2nd round, good to 118 bits (cancellation ate the first).
        double t = r;
        w = fn * kPio2_2;
        r = t - w;
        w = fn * kPio2_2t - ((t - r) - w);
        y0 = r - w;
        if (ex - exponent_field(y0) > 49) {
            // 3rd round, good to 151 bits: covers every double below 2^20·π/2.
            t = r;
            w = fn * kPio2_3;
            r = t - w;
            w = fn * kPio2_3t - ((t - r) - w);
            y0 = r - w;
        }
    }
    y1 = (r - y0) - w;
    return int(n & 3);
}

// Beyond the exact range: bring x into [-2π, 2π] by subtracting whole turns
// of the double nearest 2π in exact steps. Deterministic, not accurate.
double fold_large(double x) {
    // 2π · 2^k for decreasing k: each subtraction is exact by Sterbenz when
    // it applies, and the sequence depends only on x.
    for (int k = 1023 - 3; k >= 0; --k) {
        const double turn = det_scalbn(kTwoPi, k);
        if (turn > (x < 0 ? -x : x)) continue;
        x = x < 0 ? x + turn : x - turn;
    }
    return x;
}

constexpr double kPio4 = 7.85398163397448278999e-01;
constexpr double kLargeArg = 1647099.3291652855;  // 2^20 · π/2

enum class Trig { kSin, kCos };

double trig(double x, Trig which) {
    const int ex = exponent_field(x);
    if (ex == 0x7ff) return kNaN;  // Inf or NaN
    const double ax = x < 0 ? -x : x;
    if (ax <= kPio4) {
        if (which == Trig::kSin) return ax < 0x1p-26 ? x : kernel_sin(x, 0.0, false);
        return ax < 0x1p-27 ? 1.0 : kernel_cos(x, 0.0);
    }
    if (ax >= kLargeArg) x = fold_large(x);
    double y0, y1;
    int n = reduce_pi_over_2(x, y0, y1);
    if (which == Trig::kCos) n = (n + 1) & 3;  // cos x = sin(x + π/2)
    switch (n) {
        case 0: return kernel_sin(y0, y1, true);
        case 1: return kernel_cos(y0, y1);
        case 2: return -kernel_sin(y0, y1, true);
        default: return -kernel_cos(y0, y1);
    }
}

constexpr double kLn2Hi = 6.93147180369123816490e-01;  // 0x3fe62e42fee00000: 32 bits
constexpr double kLn2Lo = 1.90821492927058770002e-10;  // ln 2 − kLn2Hi

}  // namespace

double det_sin(double x) { return trig(x, Trig::kSin); }
double det_cos(double x) { return trig(x, Trig::kCos); }

// ---- scalbn ------------------------------------------------------------------

double det_scalbn(double x, int n) {
    // Multiply by exact powers of two in steps that cannot over/underflow
    // early; only the last multiplication can round (into the subnormals).
    double y = x;
    if (n > 1023) {
        y *= 0x1p1023;
        n -= 1023;
        if (n > 1023) {
            y *= 0x1p1023;
            n -= 1023;
            if (n > 1023) n = 1023;
        }
    } else if (n < -1022) {
        // 2^-1022 · 2^53: keep 53 bits so the final step rounds only once.
        y *= 0x1p-1022 * 0x1p53;
        n += 1022 - 53;
        if (n < -1022) {
            y *= 0x1p-1022 * 0x1p53;
            n += 1022 - 53;
            if (n < -1022) n = -1022;
        }
    }
    return y * from_bits(uint64_t(0x3ff + n) << 52);
}

// ---- log ---------------------------------------------------------------------

double det_log(double x) {
    constexpr double Lg1 = 6.666666666666735130e-01;
    constexpr double Lg2 = 3.999999999940941908e-01;
    constexpr double Lg3 = 2.857142874366239149e-01;
    constexpr double Lg4 = 2.222219843214978396e-01;
    constexpr double Lg5 = 1.818357216161805012e-01;
    constexpr double Lg6 = 1.531383769920937332e-01;
    constexpr double Lg7 = 1.479819860511658591e-01;

    if (x != x) return x;
    if (x == 0) return -kInf;
    if (x < 0) return kNaN;
    if (x == kInf) return x;

    int k = 0;
    if (exponent_field(x) == 0) {  // subnormal: scale up by 2^54 (exact)
        x *= 0x1p54;
        k -= 54;
    }
    // x = 2^k · m with m in [sqrt(2)/2, sqrt(2)).
    uint64_t u = bits_of(x);
    uint32_t hx = uint32_t(u >> 32);
    hx += 0x3ff00000 - 0x3fe6a09e;
    k += int(hx >> 20) - 0x3ff;
    hx = (hx & 0x000fffff) + 0x3fe6a09e;
    u = (uint64_t(hx) << 32) | (u & 0xffffffffULL);
    const double m = from_bits(u);

    // log(1 + f) = f − f²/2 + s·(f²/2 + R(s²)), s = f / (2 + f).
    const double f = m - 1.0;
    const double hfsq = 0.5 * f * f;
    const double s = f / (2.0 + f);
    const double z = s * s;
    const double w = z * z;
    const double t1 = w * (Lg2 + w * (Lg4 + w * Lg6));
    const double t2 = z * (Lg1 + w * (Lg3 + w * (Lg5 + w * Lg7)));
    const double r = t2 + t1;
    const double dk = double(k);
    return s * (hfsq + r) + dk * kLn2Lo - hfsq + f + dk * kLn2Hi;
}

// ---- exp ---------------------------------------------------------------------

double det_exp(double x) {
    constexpr double kInvLn2 = 1.44269504088896338700e+00;
    constexpr double P1 = 1.66666666666666019037e-01;
    constexpr double P2 = -2.77777777770155933842e-03;
    constexpr double P3 = 6.61375632143793436117e-05;
    constexpr double P4 = -1.65339022054652515390e-06;
    constexpr double P5 = 4.13813679705723846039e-08;
    constexpr double kOverflow = 7.09782712893383973096e+02;
    constexpr double kUnderflow = -7.45133219101941108420e+02;

    if (x != x) return x;
    if (x > kOverflow) return kInf;
    if (x < kUnderflow) return 0.0;

    const double ax = x < 0 ? -x : x;
    double hi, lo = 0.0;
    int k = 0;
    if (ax > 0.5 * 0.6931471805599453) {
        // x = k·ln2 + r, |r| <= ln2/2; k·kLn2Hi is exact (|k| < 2^11, 32-bit constant).
        k = ax < 1.5 * 0.6931471805599453 ? (x < 0 ? -1 : 1)
                                          : int(kInvLn2 * x + (x < 0 ? -0.5 : 0.5));
        hi = x - k * kLn2Hi;
        lo = k * kLn2Lo;
        x = hi - lo;
    } else if (ax > 0x1p-28) {
        hi = x;
    } else {
        return 1.0 + x;
    }
    // exp(r) = 1 + r + r·c/(2 − c), c = r − r²·P(r²) (Remez on [0, ln2/2]).
    const double xx = x * x;
    const double c = x - xx * (P1 + xx * (P2 + xx * (P3 + xx * (P4 + xx * P5))));
    const double y = 1.0 + (x * c / (2.0 - c) - lo + hi);
    return k == 0 ? y : det_scalbn(y, k);
}

float det_expf(float xf) {
    if (xf != xf) return xf;
    if (xf < -104.0f) return 0.0f;     // e^-104 is below half the smallest float
    if (xf > 89.0f) return float(kInf);
    // x = k·ln2 + r, |r| ≤ ln2/2 (k by the round-to-nearest trick: exact ops),
    // e^r by Taylor to r⁸ (error < 2e-10, far below a float ulp), times 2^k.
    const double x = double(xf);
    constexpr double kRound = 0x1.8p52;
    const double kd = (x * 1.4426950408889634 + kRound) - kRound;
    const double r = x - kd * 0.6931471805599453;
    double p = 1.0 / 40320.0;
    p = p * r + 1.0 / 5040.0;
    p = p * r + 1.0 / 720.0;
    p = p * r + 1.0 / 120.0;
    p = p * r + 1.0 / 24.0;
    p = p * r + 1.0 / 6.0;
    p = p * r + 0.5;
    p = p * r + 1.0;
    p = p * r + 1.0;
    return float(p * from_bits(uint64_t(0x3ff + int(kd)) << 52));
}

double det_log1p(double x) {
    // Goldberg's correction: u = 1 + x is rounded, but log(u)·x/(u − 1) is the
    // log1p of the x that was meant to within a few ulp (only exact
    // operations and det_log, so deterministic like the rest).
    if (x != x) return x;
    const double u = 1.0 + x;
    if (u == 1.0) return x;
    if (u == kInf) return u;
    return det_log(u) * (x / (u - 1.0));
}

// ---- erf / erfc / GELU ----------------------------------------------------------

namespace {

// Chebyshev coefficients (in u = 2t − 1) of P(t) = log(erfc(x)/t) + x², t = 1/(1 + x/2),
// x ∈ [0, ∞): a least-squares fit on 400 Chebyshev nodes against 40-digit
// erfc (mpmath); erfc's relative error over [0, 26] is below 1.2e-13.
constexpr double kErfcCheb[21] = {
    -0.6513268598908616,     0.64196979235649,       0.019476473204185114,   -0.009561514786809236,
    -0.0009465953444829595,  0.0003668394978521518,  4.252332480606009e-05,  -2.0278578113020073e-05,
    -1.6242900050294955e-06, 1.3036558354310327e-06, 1.562644128470874e-08,  -8.523809663718864e-08,
    6.529053419268155e-09,   5.05934267875412e-09,   -9.91364260277076e-10,  -2.273659603433115e-10,
    9.646735991330774e-11,   2.3932840843093778e-12, -6.886425523787015e-12, 8.93775132105736e-13,
    3.1254260482559114e-13,
};

// erfc(x) for x ≥ 0 (NaN passes through): Clenshaw's recurrence, then one exp.
double erfc_nonnegative(double x) {
    const double t = 1.0 / (1.0 + 0.5 * x);
    const double u = 2.0 * t - 1.0;
    double b1 = 0.0, b2 = 0.0;
    for (int j = 20; j >= 1; --j) {
        const double b0 = 2.0 * u * b1 - b2 + kErfcCheb[j];
        b2 = b1;
        b1 = b0;
    }
    const double p = u * b1 - b2 + kErfcCheb[0];
    return t * det_exp(p - x * x);
}

constexpr double kSqrtHalf = 0.70710678118654757;       // 1/√2
constexpr double kInvSqrtTwoPi = 0.3989422804014327;    // 1/√(2π)
constexpr double kTwoOverSqrtPi = 1.1283791670955126;   // 2/√π

}  // namespace

double det_erfc(double x) { return x < 0.0 ? 2.0 - erfc_nonnegative(-x) : erfc_nonnegative(x); }

double det_erf(double x) {
    if (x != x) return x;
    const double ax = x < 0.0 ? -x : x;
    if (ax < 0.5) {
        // Σ (−1)ⁿ x^(2n+1) / (n!(2n+1)): 14 terms reach 1e-19 relative for x² < 1/4.
        const double x2 = x * x;
        double term = x, sum = x;
        for (int n = 1; n < 14; ++n) {
            term = term * -x2 / double(n);
            sum += term / double(2 * n + 1);
        }
        return kTwoOverSqrtPi * sum;
    }
    const double r = 1.0 - erfc_nonnegative(ax);
    return x < 0.0 ? -r : r;
}

float det_gelu(float z) {
    const double zd = double(z);
    const double e = det_erfc(-zd * kSqrtHalf);
    return e == 0.0 ? 0.0f : float(0.5 * zd * e);  // z → −∞: 0, not −∞·0
}

float det_gelu_derivative(float z) {
    const double zd = double(z);
    const double phi = det_exp(-0.5 * zd * zd) * kInvSqrtTwoPi;
    return float(0.5 * det_erfc(-zd * kSqrtHalf) + (phi == 0.0 ? 0.0 : zd * phi));
}

float det_softplus(float z, float beta) {
    const double zd = double(z), b = double(beta);
    return float((zd > 0.0 ? zd : 0.0) + det_log1p(det_exp(-b * (zd < 0.0 ? -zd : zd))) / b);
}

float det_softplus_derivative(float z, float beta) {
    return float(1.0 / (1.0 + det_exp(-double(beta) * double(z))));
}

}  // namespace pg
