// pg/kernels_ref.h — the scalar reference of every kernel in pg/kernels.h,
// as templates over the scalar type. float is what reference_kernels() runs;
// double lets tests compute exact-enough values (finite differences, the
// worked example) with the very same loops. Plain loops, no cleverness:
// this is the specification the SIMD kernels are tested against.
#pragma once

#include <cmath>
#include <cstddef>

#include "pg/detmath.h"
#include "pg/kernels.h"

namespace pg::ref {

// Activation value f(z) and derivative f'(z) given z and a = f(z); beta is
// softplus's β (LayerSpec::beta), 1 for every other activation.
template <class T>
T activation_value(Activation act, T z, T beta = T(1)) {
    switch (act) {
    case Activation::Linear: return z;
    case Activation::Sigmoid: return T(1) / (T(1) + std::exp(-z));
    case Activation::Tanh: return std::tanh(z);
    case Activation::ReLU: return z > T(0) ? z : T(0);
    case Activation::LeakyReLU: return z > T(0) ? z : T(kLeakyReluSlope) * z;
    case Activation::GELU:
        // float: det_gelu, the kernels' own function; double: ½z·erfc(−z/√2).
        if constexpr (sizeof(T) == sizeof(float)) return det_gelu(z);
        else return T(0.5) * z * T(det_erfc(double(-z) * 0.70710678118654757));
    case Activation::GELUTanh: {
        const T c = T(0.7978845608028654);  // √(2/π)
        const T u = c * (z + T(0.044715) * z * z * z);
        return T(0.5) * z * (T(1) + std::tanh(u));
    }
    case Activation::Softplus:
        if (beta != T(1)) {  // float: det_softplus, the network's own function; double: the formula
            if constexpr (sizeof(T) == sizeof(float)) return det_softplus(z, beta);
            else return (z > T(0) ? z : T(0)) + std::log1p(std::exp(-beta * std::fabs(z))) / beta;
        }
        return (z > T(0) ? z : T(0)) + std::log1p(std::exp(-std::fabs(z)));
    case Activation::Step: return z >= T(0) ? T(1) : T(0);
    case Activation::Sign: return z >= T(0) ? T(1) : T(-1);
    }
    return z;
}

template <class T>
T activation_derivative(Activation act, T z, T a, T beta = T(1)) {
    switch (act) {
    case Activation::Linear: return T(1);
    case Activation::Sigmoid: return a * (T(1) - a);
    case Activation::Tanh: return T(1) - a * a;
    case Activation::ReLU: return z > T(0) ? T(1) : T(0);
    case Activation::LeakyReLU: return z > T(0) ? T(1) : T(kLeakyReluSlope);
    case Activation::GELU:  // Φ(z) + z·φ(z)
        if constexpr (sizeof(T) == sizeof(float)) return det_gelu_derivative(z);
        else return T(0.5) * T(det_erfc(double(-z) * 0.70710678118654757)) +
                    z * T(det_exp(-0.5 * double(z) * double(z)) * 0.3989422804014327);
    case Activation::GELUTanh: {
        const T c = T(0.7978845608028654);
        const T u = c * (z + T(0.044715) * z * z * z);
        const T th = std::tanh(u);
        return T(0.5) * (T(1) + th) + T(0.5) * z * (T(1) - th * th) * c * (T(1) + T(3 * 0.044715) * z * z);
    }
    case Activation::Softplus:
        if (beta != T(1)) {
            if constexpr (sizeof(T) == sizeof(float)) return det_softplus_derivative(z, beta);
            else return T(1) / (T(1) + std::exp(-beta * z));
        }
        return T(1) / (T(1) + std::exp(-z));
    case Activation::Step:
    case Activation::Sign: return T(0);
    }
    return T(1);
}

template <class T>
void dense_forward(Activation act, int n, int in, int out, const T* x, const T* wt, const T* b, T* z, T* a) {
    for (int r = 0; r < n; ++r)
        for (int o = 0; o < out; ++o) {
            T s = b ? b[o] : T(0);
            for (int i = 0; i < in; ++i) s += x[size_t(r) * in + i] * wt[size_t(i) * out + o];
            if (z) z[size_t(r) * out + o] = s;
            a[size_t(r) * out + o] = activation_value(act, s);
        }
}

template <class T>
void dense_backward_dx(Activation act, int n, int in, int out, const T* delta, const T* w, const T* z, const T* a,
                       T* dx) {
    for (int r = 0; r < n; ++r)
        for (int i = 0; i < in; ++i) {
            T s = 0;
            for (int o = 0; o < out; ++o) s += delta[size_t(r) * out + o] * w[size_t(o) * in + i];
            const size_t at = size_t(r) * in + i;
            dx[at] = act == Activation::Linear ? s : s * activation_derivative(act, z ? z[at] : T(0), a ? a[at] : T(0));
        }
}

template <class T>
void dense_backward_dw(int n, int in, int out, const T* delta, const T* x, T scale, T* dw, T* db) {
    for (int o = 0; o < out; ++o) {
        for (int i = 0; i < in; ++i) {
            T s = 0;
            for (int r = 0; r < n; ++r) s += delta[size_t(r) * out + o] * x[size_t(r) * in + i];
            dw[size_t(o) * in + i] = scale * s;
        }
        if (db) {
            T s = 0;
            for (int r = 0; r < n; ++r) s += delta[size_t(r) * out + o];
            db[o] = scale * s;
        }
    }
}

template <class T>
void activation_forward(Activation act, size_t count, const T* z, T* a) {
    for (size_t k = 0; k < count; ++k) a[k] = activation_value(act, z[k]);
}

template <class T>
void activation_backward(Activation act, size_t count, const T* z, const T* a, const T* grad, T* delta) {
    for (size_t k = 0; k < count; ++k) delta[k] = grad[k] * activation_derivative(act, z[k], a[k]);
}

template <class T>
bool sgd_update(size_t count, T* w, T* v, const T* g, const UpdateSettings& s, T* w_old = nullptr,
                T* v_old = nullptr) {
    const T lr = T(s.learning_rate), alpha = T(s.momentum), decay = T(s.learning_rate) * T(s.regularization_rate);
    bool finite = true;
    for (size_t k = 0; k < count; ++k) {
        const T w0 = w[k];
        if (w_old) w_old[k] = w0;
        if (v_old) v_old[k] = v[k];
        T step;
        if (s.nesterov) {
            v[k] = alpha * v[k] - lr * g[k];
            step = alpha * v[k] - lr * g[k];
        } else {
            step = alpha * v[k] - lr * g[k];
            v[k] = step;
        }
        const T w1 = w0 + step;
        T w2 = w1;
        if (s.regularization == Regularization::L2) {
            w2 = w1 - decay * w0;
        } else if (s.regularization == Regularization::L1) {
            const T sign = w0 > T(0) ? T(1) : (w0 < T(0) ? T(-1) : T(0));
            w2 = w1 - decay * sign;
            if ((w1 > T(0) && w2 < T(0)) || (w1 < T(0) && w2 > T(0))) w2 = T(0);
        }
        w[k] = w2;
        finite = finite && std::isfinite(w2);
    }
    return finite;
}

template <class T>
void dense_forward_cols(Activation act, int n, int in, int out, const T* w, const T* b, const T* x,
                        size_t x_stride, T* y, size_t y_stride) {
    for (int o = 0; o < out; ++o)
        for (int p = 0; p < n; ++p) {
            T s = b ? b[o] : T(0);
            for (int i = 0; i < in; ++i) s += w[size_t(o) * in + i] * x[size_t(i) * x_stride + p];
            y[size_t(o) * y_stride + p] = activation_value(act, s);
        }
}

template <class T>
bool all_finite(size_t count, const T* v) {
    for (size_t k = 0; k < count; ++k)
        if (!std::isfinite(v[k])) return false;
    return true;
}

// In 16 × 16 tiles: column by column over a whole 256 × 256 matrix, every
// write lands on another cache line (in the page this made each forward pass
// of twelve layers of 256 spend longer moving W than multiplying with it).
// Pure data movement: the same result as the plain double loop.
template <class T>
void transpose(int rows, int cols, const T* src, T* dst) {
    constexpr int kTile = 16;
    for (int r0 = 0; r0 < rows; r0 += kTile) {
        const int r1 = r0 + kTile < rows ? r0 + kTile : rows;
        for (int c0 = 0; c0 < cols; c0 += kTile) {
            const int c1 = c0 + kTile < cols ? c0 + kTile : cols;
            for (int r = r0; r < r1; ++r)
                for (int c = c0; c < c1; ++c) dst[size_t(c) * rows + r] = src[size_t(r) * cols + c];
        }
    }
}

}  // namespace pg::ref
