// Heatmap quads, instanced: instance i covers u_rects[i] on screen and
// samples the whole [-6, 6]² grid of its layer. The quad comes from
// gl_VertexID alone (a 4-vertex triangle strip, no vertex buffer), so one draw
// call paints a whole batch of thumbnails: on a software rasterizer (headless
// Chromium's SwiftShader) every draw call costs a fixed ~0.15 ms.
// The #version line and precision are prepended at load (GLSL ES 3.00 / 3.30).
const int kBatch = 32;              // = HeatmapRenderer::kBatch
uniform mat4 u_proj;                // ImGui's orthographic projection (logical pixels → clip)
uniform vec4 u_rects[kBatch];       // x0, y0, x1, y1 on screen (logical pixels)
uniform vec4 u_params[kBatch];      // layer, classes (0: diverging scale), discretize (0/1), unused
uniform vec4 u_styles[kBatch];      // offset, scale, opacity, unused
uniform vec2 u_uv_inset;            // half a texel: the grid's ends sit at texel centres
out vec2 v_uv;
flat out vec4 v_params;
flat out vec4 v_style;

void main() {
    vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
    vec4 r = u_rects[gl_InstanceID];
    v_uv = mix(u_uv_inset, vec2(1.0) - u_uv_inset, corner);
    v_params = u_params[gl_InstanceID];
    v_style = u_styles[gl_InstanceID];
    gl_Position = u_proj * vec4(mix(r.xy, r.zw, corner), 0.0, 1.0);
}
