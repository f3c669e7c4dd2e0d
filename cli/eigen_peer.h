// playground-cli bench: a peer to compare the engine with in the same run,
// a small batched MLP written plainly with Eigen 3.4 (built only when Eigen
// is found: PG_HAVE_EIGEN_PEER, see cli/CMakeLists.txt).
//
// Same work as the engine's figures of bench.cpp: tanh everywhere, half
// squared error, mini-batch SGD with momentum in the lecture form
// (Δw = −η·g + α·v, v ← Δw), batches taken in order over the same examples,
// and the 100 × 100 grid of every neuron's activation.
#pragma once

#include <vector>

namespace pgcli {

struct EigenPeerFigures {
    bool ran = false;          // false: not built with Eigen, or this CPU lacks what it was built for
    const char* simd = "";     // the vector instructions Eigen was compiled to use ("SSE2", "AVX2+FMA", "none")
    double train_examples_per_s = 0;
    double grid_ms = 0;
    const char* why_not = "";  // when !ran
};

// inputs: features per example; hidden: units of each tanh layer (one tanh
// output follows). x (examples, inputs) and t (examples) row-major, as the
// engine takes them; grid (points, inputs) likewise. Each figure is the best
// of several timed rounds within about `seconds`.
//
// Two builds of the same code (cli/CMakeLists.txt):
//   run_eigen_peer       the project's own compiler flags: natively the x86-64
//                        baseline (SSE2), under Emscripten -msimd128;
//   run_eigen_peer_avx2  natively only, -mavx2 -mfma: the instruction set the
//                        engine's kernels pick at run time on such a CPU
//                        (skipped, with a reason, on a CPU without them).
EigenPeerFigures run_eigen_peer(int inputs, const std::vector<int>& hidden, const std::vector<float>& x,
                                const std::vector<float>& t, int examples, const std::vector<float>& grid,
                                int batch, double seconds);
EigenPeerFigures run_eigen_peer_avx2(int inputs, const std::vector<int>& hidden, const std::vector<float>& x,
                                     const std::vector<float>& t, int examples, const std::vector<float>& grid,
                                     int batch, double seconds);

}  // namespace pgcli
