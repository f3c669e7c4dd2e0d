// The lectures' activations: GELU exact (erf) and its tanh form, step and
// sign; det_erf / det_erfc against libm's in double precision; model files
// naming the GELU form. Kernels of every activation against the scalar
// reference at awkward sizes are in test_kernels.cpp (every target: ctest
// runs this program again with PG_SIMD_TARGET set).
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "pg/detmath.h"
#include "pg/kernels.h"
#include "pg/kernels_ref.h"
#include "pg/model_io.h"
#include "pg/state.h"

namespace {

using A = pg::Activation;

// Double-precision references from libm (glibc natively, musl in WebAssembly).
double gelu_ref(double z) { return 0.5 * z * std::erfc(-z / std::sqrt(2.0)); }
double gelu_ref_derivative(double z) {
    return 0.5 * std::erfc(-z / std::sqrt(2.0)) + z * std::exp(-0.5 * z * z) / std::sqrt(2.0 * M_PI);
}
double gelu_tanh_ref(double z) {
    const double u = std::sqrt(2.0 / M_PI) * (z + 0.044715 * z * z * z);
    return 0.5 * z * (1.0 + std::tanh(u));
}

double rel_error(double got, double want) {
    if (got == want) return 0.0;
    return std::fabs(got - want) / std::fabs(want);
}

// z from −12 to 12 in steps of 1/64, 0 and ±tiny included.
std::vector<float> z_grid() {
    std::vector<float> z;
    for (int k = -12 * 64; k <= 12 * 64; ++k) z.push_back(float(k) / 64.0f);
    z.push_back(1e-20f);
    z.push_back(-1e-20f);
    z.push_back(0.7071f);
    z.push_back(-0.7518f);  // near GELU's minimum, where f' crosses 0
    return z;
}

// The kernel sets in use: the chosen SIMD target, --exact's, the reference.
std::vector<const pg::Kernels*> kernel_sets() {
    std::vector<const pg::Kernels*> sets = {&pg::simd_kernels(), &pg::reference_kernels()};
    if (pg::exact_kernels_supported()) sets.push_back(&pg::exact_kernels());
    return sets;
}

}  // namespace

TEST_CASE("det_erf and det_erfc agree with libm to 1e-12 relative") {
    double worst_erf = 0, worst_erfc = 0;
    for (int k = -6 * 256; k <= 26 * 256; ++k) {
        const double x = double(k) / 256.0 + 1.0 / 1024.0;
        if (std::fabs(x) < 6.0) worst_erf = std::max(worst_erf, rel_error(pg::det_erf(x), std::erf(x)));
        worst_erfc = std::max(worst_erfc, rel_error(pg::det_erfc(x), std::erfc(x)));
    }
    MESSAGE("largest relative error: erf " << worst_erf << ", erfc " << worst_erfc);
    CHECK(worst_erf < 1e-12);
    CHECK(worst_erfc < 1e-12);
    // Small arguments keep their relative accuracy (the Taylor branch).
    CHECK(rel_error(pg::det_erf(1e-10), 1.1283791670955126e-10) < 1e-15);
    CHECK(rel_error(pg::det_erf(-0.3), std::erf(-0.3)) < 1e-15);
    // Values from 40-digit arithmetic (mpmath).
    CHECK(rel_error(pg::det_erf(1.0), 0.8427007929497149) < 1e-13);
    CHECK(rel_error(pg::det_erfc(5.0), 1.5374597944280349e-12) < 1e-12);
    CHECK(rel_error(pg::det_erfc(10.0), 2.088487583762545e-45) < 1e-12);
    // Edges.
    CHECK(pg::det_erf(0.0) == 0.0);
    CHECK(std::fabs(pg::det_erfc(0.0) - 1.0) < 1e-13);
    CHECK(pg::det_erfc(HUGE_VAL) == 0.0);
    CHECK(pg::det_erfc(-HUGE_VAL) == 2.0);
    CHECK(pg::det_erf(HUGE_VAL) == 1.0);
    CHECK(pg::det_erf(-HUGE_VAL) == -1.0);
    CHECK(std::isnan(pg::det_erf(NAN)));
    CHECK(std::isnan(pg::det_erfc(NAN)));
}

TEST_CASE("gelu is z/2·(1 + erf(z/√2)) to 1e-6 relative in every kernel set, bit-identical to det_gelu") {
    const std::vector<float> z = z_grid();
    const std::vector<float> ones(z.size(), 1.0f);
    for (const pg::Kernels* k : kernel_sets()) {
        std::vector<float> a(z.size()), d(z.size());
        k->activation_forward(A::GELU, z.size(), z.data(), a.data());
        k->activation_backward(A::GELU, z.size(), z.data(), a.data(), ones.data(), d.data());
        double worst_f = 0, worst_d = 0;
        for (size_t i = 0; i < z.size(); ++i) {
            CAPTURE(z[i]);
            worst_f = std::max(worst_f, rel_error(a[i], gelu_ref(z[i])));
            worst_d = std::max(worst_d, rel_error(d[i], gelu_ref_derivative(z[i])));
            // One function everywhere: the SIMD lanes call det_gelu, so no target differs.
            CHECK(a[i] == pg::det_gelu(z[i]));
            CHECK(d[i] == pg::det_gelu_derivative(z[i]));
        }
        MESSAGE("largest relative error: gelu " << worst_f << ", gelu' " << worst_d);
        CHECK(worst_f < 1e-6);
        CHECK(worst_d < 1e-6);
    }
    // The double reference of pg/kernels_ref.h (the lab's, the gradient check's).
    for (double x : {-5.0, -0.75, 0.0, 0.3, 2.0, 7.5}) {
        CAPTURE(x);
        CHECK(rel_error(pg::ref::activation_value<double>(A::GELU, x), gelu_ref(x)) < 1e-12);
        CHECK(std::fabs(pg::ref::activation_derivative<double>(A::GELU, x, 0.0) - gelu_ref_derivative(x)) < 1e-12);
    }
    // Against PyTorch's torch.nn.functional.gelu (approximate='none'), in double.
    CHECK(rel_error(pg::det_gelu(1.0f), 0.8413447460685429) < 1e-7);
    CHECK(rel_error(pg::det_gelu(-1.0f), -0.15865525393145707) < 1e-6);
}

TEST_CASE("gelu_tanh keeps the tanh approximation, to 1e-6 where 1 + tanh does not cancel") {
    const std::vector<float> z = z_grid();
    for (const pg::Kernels* k : kernel_sets()) {
        std::vector<float> a(z.size());
        k->activation_forward(A::GELUTanh, z.size(), z.data(), a.data());
        double worst_rel = 0, worst_abs = 0;
        for (size_t i = 0; i < z.size(); ++i) {
            const double want = gelu_tanh_ref(z[i]);
            // Below z ≈ −1.5, 1 + tanh(u) loses float digits to cancellation:
            // there the error is measured against the scale of f (|f| ≤ 0.17).
            if (z[i] >= -1.5f) worst_rel = std::max(worst_rel, rel_error(a[i], want));
            else worst_abs = std::max(worst_abs, std::fabs(double(a[i]) - want));
        }
        MESSAGE("gelu_tanh: largest relative error " << worst_rel << " (z ≥ −1.5), absolute " << worst_abs);
        CHECK(worst_rel < 1e-6);
        CHECK(worst_abs < 1e-6);
    }
    // The two forms differ by up to ~1e-3 (why the lectures' numbers did not match).
    double most = 0;
    for (float x : z) most = std::max(most, std::fabs(gelu_tanh_ref(x) - gelu_ref(x)));
    CHECK(most > 1e-4);
    CHECK(most < 1e-3);
}

TEST_CASE("step and sign: the perceptron's units, derivative zero") {
    const float z[] = {-2.0f, -1e-30f, 0.0f, 1e-30f, 3.0f};
    const float step[] = {0, 0, 1, 1, 1};
    const float sign[] = {-1, -1, 1, 1, 1};
    const float g[] = {1, 1, 1, 1, 1};
    for (const pg::Kernels* k : kernel_sets()) {
        float a[5], d[5];
        k->activation_forward(A::Step, 5, z, a);
        for (int i = 0; i < 5; ++i) CHECK(a[i] == step[i]);
        k->activation_backward(A::Step, 5, z, a, g, d);
        for (int i = 0; i < 5; ++i) CHECK(d[i] == 0.0f);
        k->activation_forward(A::Sign, 5, z, a);
        for (int i = 0; i < 5; ++i) CHECK(a[i] == sign[i]);
        k->activation_backward(A::Sign, 5, z, a, g, d);
        for (int i = 0; i < 5; ++i) CHECK(d[i] == 0.0f);
    }
    CHECK(pg::has_zero_derivative(A::Step));
    CHECK(pg::has_zero_derivative(A::Sign));
    CHECK(!pg::has_zero_derivative(A::ReLU));
}

TEST_CASE("activation names: gelu, gelu_tanh, step, sign in the state string") {
    CHECK(pg::parse_activation("gelu") == A::GELU);
    CHECK(pg::parse_activation("gelu_tanh") == A::GELUTanh);
    CHECK(pg::parse_activation("step") == A::Step);
    CHECK(pg::parse_activation("sign") == A::Sign);
    for (int k = 0; k < pg::kActivationCount; ++k) CHECK(pg::parse_activation(pg::to_string(A(k))) == A(k));
}

TEST_CASE("model files name the GELU form; an old \"gelu\" file keeps its tanh form") {
    pg::Model m;
    m.inputs = {"x", "y"};
    m.spec = pg::NetworkSpec::make(2, {2, 2}, A::GELU, 1, A::Tanh);
    m.spec.layers[1].activation = A::GELUTanh;
    m.params = {0.5f, -0.25f, 0.1f, 0.2f, 0.1f, 0.1f, 1.0f, -1.0f, 0.3f, 0.4f, 0.0f, 0.5f, -0.5f, 0.1f, 0.2f};
    REQUIRE(m.params.size() == 2 * 2 + 2 + 2 * 2 + 2 + 2 + 1);
    const std::string text = pg::model_to_json(m);
    CHECK(text.find("\"gelu_erf\"") != std::string::npos);
    CHECK(text.find("\"gelu_tanh\"") != std::string::npos);
    pg::Model back;
    std::string error;
    REQUIRE(pg::parse_model(text, back, error));
    CHECK(back.spec.layers[0].activation == A::GELU);
    CHECK(back.spec.layers[1].activation == A::GELUTanh);

    const std::string old_file = R"({"inputs": ["x"], "layers": [
        {"activation": "gelu", "weights": [[1]], "bias": [0]},
        {"activation": "tanh", "weights": [[1]], "bias": null}]})";
    pg::Model old;
    REQUIRE(pg::parse_model(old_file, old, error));
    CHECK(old.spec.layers[0].activation == A::GELUTanh);
    CHECK(pg::model_to_json(old).find("\"gelu_tanh\"") != std::string::npos);
}
