// A screen-space quad drawn from gl_VertexID alone (no vertex buffer):
// 4 vertices as a triangle strip covering u_rect, sampling u_uv_rect.
// The #version line and precision are prepended at load (GLSL ES 3.00 / 3.30).
uniform mat4 u_proj;      // ImGui's orthographic projection (logical pixels → clip)
uniform vec4 u_rect;      // x0, y0, x1, y1 on screen (logical pixels)
uniform vec4 u_uv_rect;   // u0, v0, u1, v1 in the value texture
out vec2 v_uv;

void main() {
    vec2 corner = vec2(float(gl_VertexID & 1), float((gl_VertexID >> 1) & 1));
    v_uv = mix(u_uv_rect.xy, u_uv_rect.zw, corner);
    gl_Position = u_proj * vec4(mix(u_rect.xy, u_rect.zw, corner), 0.0, 1.0);
}
