// playground-cli bench: the multiply-add peak of one core, for the ratios of
// the training figures (bench.cpp).
#pragma once

namespace pgcli {

struct FmaPeak {
    const char* target = "";  // Highway's name of the instruction set measured ("AVX2", "WASM" ...)
    int lanes = 0;            // float lanes per vector
    int chains = 0;           // independent accumulators of the best run
    bool fused = false;       // one fused instruction per multiply-add (false: a multiply, then an add)
    double gflops = 0;        // 10⁹ flops per second, a multiply-add counted as 2 flops
};

// Runs independent multiply-add chains (acc = acc·m + c, 8, 10 and 12 vector
// accumulators) at the instruction set the engine's SIMD kernels use, for
// about `seconds` in all, and returns the best rate.
FmaPeak measure_fma_peak(double seconds);

}  // namespace pgcli
