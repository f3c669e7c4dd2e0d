// Colours a float heatmap: one layer of a texture array holds one neuron's
// output over the [-6, 6]² grid (R16F, linearly filtered, so the colour is
// computed per screen pixel from interpolated values and edges stay smooth).
// Per instance (flat, from heatmap.vert):
//   v_params: layer, classes, discretize
//   v_style:  offset, scale, opacity
//   classes = 0: diverging scale orange (−1) → neutral (0) → blue (+1), the
//           reference's, of (value + offset) · scale; discretize shows the sign.
// The scale's three colours and the base a faded heatmap blends into are the
// theme's (web/ui/theme.h): light, dark or high contrast.
//   classes = K: layers layer .. layer+K−1 hold class probabilities; the
//           colour is the argmax class, faded by its margin (discretize: solid).
uniform highp sampler2DArray u_values;
uniform vec3 u_class_colors[8];
uniform vec3 u_scale[3];  // negative, neutral, positive
uniform vec3 u_base;
in vec2 v_uv;
flat in vec4 v_params;
flat in vec4 v_style;
out vec4 frag_color;

vec3 diverging(float v) {
    v = clamp(v, -1.0, 1.0);
    return v < 0.0 ? mix(u_scale[1], u_scale[0], -v) : mix(u_scale[1], u_scale[2], v);
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
        color = mix(u_base, c, 0.25 + 0.75 * strength);
    } else {
        float v = (texture(u_values, vec3(v_uv, float(layer))).r + v_style.x) * v_style.y;
        if (discretize) v = v >= 0.0 ? 1.0 : -1.0;
        color = diverging(v);
    }
    // Blend over the base (white in the light theme, as the reference's canvas
    // does), in the shader so that the ImGui background never shows through.
    frag_color = vec4(mix(u_base, color, v_style.z), 1.0);
}
