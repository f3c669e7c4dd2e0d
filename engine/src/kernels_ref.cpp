// The scalar reference kernel set (float), and the choice of kernel set.
#include "pg/kernels_ref.h"

namespace pg {

namespace {

void ref_dw(int n, int in, int out, const float* delta, const float* x, float scale, float* dw, float* db) {
    ref::dense_backward_dw<float>(n, in, out, delta, x, scale, dw, db);
}

}  // namespace

const Kernels& reference_kernels() {
    static const Kernels k{
        &ref::dense_forward<float>,
        &ref::dense_backward_dx<float>,
        &ref_dw,
        &ref::activation_forward<float>,
        &ref::activation_backward<float>,
        &ref::sgd_update<float>,
        &ref::dense_forward_cols<float>,
        &ref::all_finite<float>,
        &ref::transpose<float>,
        nullptr,  // narrow_forward: the reference runs layer by layer
        nullptr,  // narrow_backward
    };
    return k;
}

const Kernels& kernels_for(Backend backend) {
    switch (backend) {
    case Backend::Simd: break;
    case Backend::Exact: return exact_kernels();
    case Backend::Reference: return reference_kernels();
    }
    return simd_kernels();
}

namespace {
Backend g_default_backend = Backend::Simd;
}

void set_default_backend(Backend backend) { g_default_backend = backend; }
Backend default_backend() { return g_default_backend; }

}  // namespace pg
