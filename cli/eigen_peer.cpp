// The Eigen 3.4 peer of eigen_peer.h: what a careful user of Eigen would
// write for this network (dynamic matrices allocated once, noalias products,
// Eigen's vectorised tanh), examples as columns.
//
//   forward   Z_l = W_l·A_{l−1} + b_l (columnwise), A_l = tanh(Z_l)
//   loss      Δ_L = (A_L − T) ⊙ (1 − A_L²)              (½(a − t)², tanh output)
//   backward  dW_l = Δ_l·A_{l−1}ᵀ / n, db_l = Σ_columns Δ_l / n,
//             Δ_{l−1} = (W_lᵀ·Δ_l) ⊙ (1 − A_{l−1}²)
//   update    V = α·V − η·G, W += V                     (every W and b)
//   grid      every layer's A over the 100 × 100 points, one product per layer
//
// Compiled twice natively (cli/CMakeLists.txt): with the project's flags
// (the x86-64 baseline, SSE2) as run_eigen_peer, and with -mavx2 -mfma as
// run_eigen_peer_avx2, which checks the CPU before it runs. Under Emscripten
// once, with -msimd128 like the rest of the build: Eigen 3.4 has no
// WebAssembly SIMD code of its own, so it runs its scalar paths there, which
// clang's loop vectoriser may turn into SIMD128.
#include "eigen_peer.h"

#ifndef PG_EIGEN_PEER_FUNCTION
#define PG_EIGEN_PEER_FUNCTION run_eigen_peer
#endif

#ifdef PG_HAVE_EIGEN_PEER
#include <Eigen/Core>
#include <algorithm>

#include "timing.h"

namespace pgcli {
namespace {

// What Eigen was compiled to use (its own SimdInstructionSetsInUse() does not
// name AVX2 or FMA).
const char* eigen_simd() {
#if defined(EIGEN_VECTORIZE_AVX2) && defined(EIGEN_VECTORIZE_FMA)
    return "AVX2+FMA";
#elif defined(EIGEN_VECTORIZE_AVX)
    return "AVX";
#elif defined(EIGEN_VECTORIZE_SSE4_2)
    return "SSE4.2";
#elif defined(EIGEN_VECTORIZE_SSE2)
    return "SSE2";
#elif defined(EIGEN_VECTORIZE)
    return Eigen::SimdInstructionSetsInUse();
#else
    return "none";
#endif
}

using Matrix = Eigen::MatrixXf;  // column-major
using Vector = Eigen::VectorXf;
struct Layer {
    Matrix w, vw, gw;  // (out, in): weights, velocity, gradient
    Vector b, vb, gb;  // (out)
    Matrix z, a, delta;  // (out, batch)
};

struct Mlp {
    std::vector<Layer> layers;
    float learning_rate = 0.001f, momentum = 0.9f;

    Mlp(int inputs, const std::vector<int>& hidden, int batch) {
        std::vector<int> sizes = hidden;
        sizes.push_back(1);
        int in = inputs;
        unsigned seed = 1;
        for (int out : sizes) {
            Layer L;
            L.w.resize(out, in);
            for (int k = 0; k < int(L.w.size()); ++k) {  // U(−0.5, 0.5), a small LCG: any start will do
                seed = seed * 1664525u + 1013904223u;
                L.w.data()[k] = float(seed >> 8) / float(1u << 24) - 0.5f;
            }
            L.b = Vector::Constant(out, 0.1f);
            L.vw = L.gw = Matrix::Zero(out, in);
            L.vb = L.gb = Vector::Zero(out);
            L.z.resize(out, batch);
            L.a.resize(out, batch);
            L.delta.resize(out, batch);
            layers.push_back(std::move(L));
            in = out;
        }
    }

    // x: (inputs, n) columns; t: (1, n).
    void train_batch(const Eigen::Ref<const Matrix>& x, const Eigen::Ref<const Eigen::RowVectorXf>& t) {
        const Eigen::Index n = x.cols();
        const Matrix* in = nullptr;
        for (size_t l = 0; l < layers.size(); ++l) {
            Layer& L = layers[l];
            if (l == 0) L.z.noalias() = L.w * x;
            else L.z.noalias() = L.w * *in;
            L.z.colwise() += L.b;
            L.a = L.z.array().tanh();
            in = &L.a;
        }
        Layer& out = layers.back();
        out.delta = (out.a.row(0) - t).array() * (1.0f - out.a.row(0).array().square());
        const float scale = 1.0f / float(n);
        for (size_t l = layers.size(); l-- > 0;) {
            Layer& L = layers[l];
            if (l == 0) L.gw.noalias() = scale * (L.delta * x.transpose());
            else L.gw.noalias() = scale * (L.delta * layers[l - 1].a.transpose());
            L.gb = scale * L.delta.rowwise().sum();
            if (l == 0) break;
            Layer& P = layers[l - 1];
            P.delta.noalias() = L.w.transpose() * L.delta;
            P.delta.array() *= 1.0f - P.a.array().square();
        }
        for (Layer& L : layers) {
            L.vw = momentum * L.vw - learning_rate * L.gw;
            L.w += L.vw;
            L.vb = momentum * L.vb - learning_rate * L.gb;
            L.b += L.vb;
        }
    }

    // Every neuron's activation over the grid: outs[l] (out_l, points).
    void grid(const Matrix& x, std::vector<Matrix>& outs) const {
        const Matrix* in = &x;
        for (size_t l = 0; l < layers.size(); ++l) {
            Matrix& a = outs[l];
            a.noalias() = layers[l].w * *in;
            a.colwise() += layers[l].b;
            a = a.array().tanh();
            in = &a;
        }
    }
};

}  // namespace

EigenPeerFigures PG_EIGEN_PEER_FUNCTION(int inputs, const std::vector<int>& hidden, const std::vector<float>& x,
                                const std::vector<float>& t, int examples, const std::vector<float>& grid,
                                int batch, double seconds) {
    EigenPeerFigures f;
#if defined(__AVX2__) && defined(__GNUC__) && !defined(__EMSCRIPTEN__)
    if (!__builtin_cpu_supports("avx2") || !__builtin_cpu_supports("fma")) {
        f.why_not = "built for AVX2 and FMA, which this CPU lacks";
        return f;
    }
#endif
    f.ran = true;
    f.simd = eigen_simd();
    // Row-major (examples, inputs) is column-major (inputs, examples): a map, no copy.
    const Eigen::Map<const Matrix> xs(x.data(), inputs, examples);
    const Eigen::Map<const Eigen::RowVectorXf> ts(t.data(), examples);
    Mlp net(inputs, hidden, batch);
    const int per_epoch = examples / batch * batch;
    auto epoch = [&] {
        for (int b0 = 0; b0 + batch <= examples; b0 += batch)
            net.train_batch(xs.middleCols(b0, batch), ts.segment(b0, batch));
    };
    epoch();  // warm-up
    f.train_examples_per_s = best_epochs_per_second(epoch, seconds) * per_epoch;
    const int points = int(grid.size()) / inputs;
    const Matrix gx = Eigen::Map<const Matrix>(grid.data(), inputs, points);
    std::vector<Matrix> outs(net.layers.size());
    for (size_t l = 0; l < outs.size(); ++l) outs[l].resize(net.layers[l].w.rows(), points);
    net.grid(gx, outs);  // warm-up
    f.grid_ms = best_run_seconds([&] { net.grid(gx, outs); }, seconds) * 1e3;
    return f;
}

}  // namespace pgcli

#else  // built without Eigen

namespace pgcli {
EigenPeerFigures PG_EIGEN_PEER_FUNCTION(int, const std::vector<int>&, const std::vector<float>&,
                                        const std::vector<float>&, int, const std::vector<float>&, int, double) {
    EigenPeerFigures f;
    f.why_not = "built without Eigen (libeigen3-dev not found, or -DPG_WITH_EIGEN=OFF)";
    return f;
}
}  // namespace pgcli

#endif
