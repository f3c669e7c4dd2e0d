// The multiply-add peak of fma_peak.h, written once with Highway like the
// engine's kernels (engine/src/kernels_simd_*.cpp), so that natively it runs at
// the target the engine's dispatch picks (AVX2 with FMA here) and under
// Emscripten at WASM SIMD128.
//
// Why chains: a vector FMA has about 4 cycles of latency and two pipes issue
// one each per cycle, so 8 independent accumulators are the least that keeps
// both busy (x86-64 has 16 vector registers: 12 is the most that fits beside
// the two constants). WASM SIMD128 has no fused multiply-add (no relaxed-simd
// in Emscripten 3.1.6): Highway's MulAdd is a multiply, then an add, and V8
// emits two SSE/AVX instructions for them; the flops are counted the same
// (2 per lane), so the figure is the peak of the code the kernels compile to.
#include "fma_peak.h"

#include <chrono>

#ifndef HWY_DISABLED_TARGETS  // the engine's targets (engine/src/kernels_simd.h)
#define HWY_DISABLED_TARGETS (HWY_AVX3 | HWY_AVX3_DL | HWY_SSSE3)
#endif
#undef HWY_TARGET_INCLUDE
#define HWY_TARGET_INCLUDE "fma_peak.cpp"  // cli/ is on the include path
#ifndef __EMSCRIPTEN__
#include <hwy/foreach_target.h>  // IWYU pragma: keep
#endif
#include <hwy/highway.h>

HWY_BEFORE_NAMESPACE();
namespace pgcli {
namespace HWY_NAMESPACE {
namespace hn = hwy::HWY_NAMESPACE;

// Rounds of kChains independent acc = acc·m + c per vector; m < 1 keeps every
// value near c/(1 − m), far from overflow and denormals. The sum at the end is
// stored through a volatile so that nothing is optimised away.
template <int kChains>
HWY_NOINLINE double ChainsRate(long rounds) {
    const hn::ScalableTag<float> d;
    using V = hn::Vec<decltype(d)>;
    volatile float mv = 0.999999f, cv = 1e-6f;
    const V m = hn::Set(d, mv), c = hn::Set(d, cv);
    V acc[kChains];
    for (int k = 0; k < kChains; ++k) acc[k] = hn::Set(d, float(k));
    const auto t0 = std::chrono::steady_clock::now();
    for (long r = 0; r < rounds; ++r) {
        for (int k = 0; k < kChains; ++k) acc[k] = hn::MulAdd(acc[k], m, c);
    }
    const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    V sum = acc[0];
    for (int k = 1; k < kChains; ++k) sum = hn::Add(sum, acc[k]);
    volatile float sink = hn::GetLane(sum);
    (void)sink;
    return 2.0 * double(rounds) * kChains * double(hn::Lanes(d)) / s;
}

// Returns flops per second of the best chain count; *chains receives it.
double PeakFlops(double seconds, int* chains) {
    double best = 0;
    const double budget = seconds / 3;
    auto run = [&](auto rate_fn, int k) {
        long rounds = 1 << 16;
        double used = 0;
        while (used < budget) {
            const auto t0 = std::chrono::steady_clock::now();
            const double rate = rate_fn(rounds);
            used += std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
            if (rate > best) {
                best = rate;
                *chains = k;
            }
            if (rounds < (1L << 24)) rounds *= 2;  // long enough to dwarf the timer, then repeated
        }
    };
    run(ChainsRate<8>, 8);
    run(ChainsRate<10>, 10);
    run(ChainsRate<12>, 12);
    return best;
}

int Lanes() { return int(hn::Lanes(hn::ScalableTag<float>())); }
const char* TargetName() { return hwy::TargetName(HWY_TARGET); }
// x86 targets from AVX2 up have FMA instructions; SSE4, WASM and scalar do not.
bool Fused() { return HWY_NATIVE_FMA != 0; }

}  // namespace HWY_NAMESPACE
}  // namespace pgcli
HWY_AFTER_NAMESPACE();

#if HWY_ONCE
namespace pgcli {

#ifdef __EMSCRIPTEN__
#define PG_PEAK_CALL(name) HWY_STATIC_DISPATCH(name)
#else
HWY_EXPORT(PeakFlops);
HWY_EXPORT(Lanes);
HWY_EXPORT(TargetName);
HWY_EXPORT(Fused);
#define PG_PEAK_CALL(name) HWY_DYNAMIC_DISPATCH(name)
#endif

FmaPeak measure_fma_peak(double seconds) {
    FmaPeak p;
    p.target = PG_PEAK_CALL(TargetName)();
    p.lanes = PG_PEAK_CALL(Lanes)();
    p.fused = PG_PEAK_CALL(Fused)();
    p.gflops = PG_PEAK_CALL(PeakFlops)(seconds, &p.chains) * 1e-9;
    return p;
}

}  // namespace pgcli
#endif  // HWY_ONCE
