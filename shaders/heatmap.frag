// Colours a float heatmap: one layer of a texture array holds one neuron's
// output over the [-6, 6]² grid (R16F, linearly filtered, so the colour is
// computed per screen pixel from interpolated values and edges stay smooth).
// Per instance (flat, from heatmap.vert):
//   v_params: layer, classes, discretize
//   v_style:  offset, scale, opacity
//   classes = 0: diverging scale orange (−1) → light grey (0) → blue (+1), the
//           reference's, of (value + offset) · scale; discretize shows the sign.
//   classes = K: layers layer .. layer+K−1 hold class probabilities; the
//           colour is the argmax class, faded by its margin (discretize: solid).
uniform highp sampler2DArray u_values;
uniform vec3 u_class_colors[8];
in vec2 v_uv;
flat in vec4 v_params;
flat in vec4 v_style;
out vec4 frag_color;

const vec3 kNegative = vec3(245.0, 147.0, 34.0) / 255.0;  // #f59322
const vec3 kNeutral  = vec3(232.0, 234.0, 235.0) / 255.0; // #e8eaeb
const vec3 kPositive = vec3(8.0, 119.0, 189.0) / 255.0;   // #0877bd

vec3 diverging(float v) {
    v = clamp(v, -1.0, 1.0);
    return v < 0.0 ? mix(kNeutral, kNegative, -v) : mix(kNeutral, kPositive, v);
}

void main() {
    int layer = int(v_params.x + 0.5);
    int classes = int(v_params.y + 0.5);
    bool discretize = v_params.z > 0.5;
    vec3 color;
    if (classes > 0) {
        int best = 0;
        float best_p = -1.0, second_p = -1.0;
        for (int k = 0; k < 8; ++k) {
            if (k >= classes) break;
            float p = texture(u_values, vec3(v_uv, float(layer + k))).r;
            if (p > best_p) { second_p = best_p; best_p = p; best = k; }
            else if (p > second_p) { second_p = p; }
        }
        vec3 c = u_class_colors[0];
        for (int k = 1; k < 8; ++k) if (k == best) c = u_class_colors[k];
        float strength = discretize ? 1.0 : clamp(best_p - max(second_p, 0.0), 0.0, 1.0);
        color = mix(vec3(1.0), c, 0.25 + 0.75 * strength);
    } else {
        float v = (texture(u_values, vec3(v_uv, float(layer))).r + v_style.x) * v_style.y;
        if (discretize) v = v >= 0.0 ? 1.0 : -1.0;
        color = diverging(v);
    }
    // Blend over white as the reference's canvas does, but in the shader so
    // the ImGui background never shows through.
    frag_color = vec4(mix(vec3(1.0), color, v_style.z), 1.0);
}
