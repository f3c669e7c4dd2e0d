#include "ui/heatmap.h"

#include <algorithm>
#include <cstdint>
#include <cstdio>

#include "gl.h"
#include "ui/theme.h"

extern const unsigned char pg_shader_heatmap_vert[];
extern const unsigned char pg_shader_heatmap_frag[];

namespace pgapp {
namespace {

HeatmapRenderer* g_renderer = nullptr;  // the callback's target (one renderer per app)

unsigned compile(GLenum type, const std::string& source, std::string& error) {
    const unsigned shader = glCreateShader(type);
    const char* text = source.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    GLint ok = 0;
    glGetShaderiv(shader, GL_COMPILE_STATUS, &ok);
    if (!ok) {
        char log[1024] = {};
        glGetShaderInfoLog(shader, sizeof log, nullptr, log);
        error = std::string(type == GL_VERTEX_SHADER ? "heatmap.vert: " : "heatmap.frag: ") + log;
        glDeleteShader(shader);
        return 0;
    }
    return shader;
}

}  // namespace

HeatmapRenderer::HeatmapRenderer(const std::string& glsl_version, int resolution) : resolution_(resolution) {
    g_renderer = this;
    const bool es = glsl_version.find(" es") != std::string::npos;
    const std::string header = glsl_version + "\n" + (es ? "precision highp float;\nprecision highp int;\n" : "");
    const unsigned vs = compile(GL_VERTEX_SHADER, header + reinterpret_cast<const char*>(pg_shader_heatmap_vert), error_);
    const unsigned fs = vs ? compile(GL_FRAGMENT_SHADER, header + reinterpret_cast<const char*>(pg_shader_heatmap_frag), error_) : 0;
    if (vs && fs) {
        program_ = glCreateProgram();
        glAttachShader(program_, vs);
        glAttachShader(program_, fs);
        glLinkProgram(program_);
        GLint ok = 0;
        glGetProgramiv(program_, GL_LINK_STATUS, &ok);
        if (!ok) {
            char log[1024] = {};
            glGetProgramInfoLog(program_, sizeof log, nullptr, log);
            error_ = std::string("heatmap program: ") + log;
            glDeleteProgram(program_);
            program_ = 0;
        }
    }
    if (vs) glDeleteShader(vs);
    if (fs) glDeleteShader(fs);
    if (!program_) { std::fprintf(stderr, "playground: %s\n", error_.c_str()); return; }
    loc_proj_ = glGetUniformLocation(program_, "u_proj");
    loc_rect_ = glGetUniformLocation(program_, "u_rect");
    loc_uv_rect_ = glGetUniformLocation(program_, "u_uv_rect");
    loc_values_ = glGetUniformLocation(program_, "u_values");
    loc_layer_ = glGetUniformLocation(program_, "u_layer");
    loc_mode_ = glGetUniformLocation(program_, "u_mode");
    loc_classes_ = glGetUniformLocation(program_, "u_classes");
    loc_discretize_ = glGetUniformLocation(program_, "u_discretize");
    loc_scale_ = glGetUniformLocation(program_, "u_scale");
    loc_offset_ = glGetUniformLocation(program_, "u_offset");
    loc_opacity_ = glGetUniformLocation(program_, "u_opacity");
    loc_class_colors_ = glGetUniformLocation(program_, "u_class_colors");
    glGenVertexArrays(1, &vao_);  // core profile: a draw needs a bound VAO, even an empty one
    commands_.reserve(256);
}

HeatmapRenderer::~HeatmapRenderer() {
    if (texture_) glDeleteTextures(1, &texture_);
    if (vao_) glDeleteVertexArrays(1, &vao_);
    if (program_) glDeleteProgram(program_);
    if (g_renderer == this) g_renderer = nullptr;
}

void HeatmapRenderer::reserve(int layers) {
    if (layers <= layers_ || !program_) return;
    GLint max_layers = 256;
    glGetIntegerv(GL_MAX_ARRAY_TEXTURE_LAYERS, &max_layers);
    layers = std::min(std::max(layers, layers_ * 2), int(max_layers));
    if (layers <= layers_) return;
    if (texture_) glDeleteTextures(1, &texture_);
    glGenTextures(1, &texture_);
    glBindTexture(GL_TEXTURE_2D_ARRAY, texture_);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MIN_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_MAG_FILTER, GL_LINEAR);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_WRAP_S, GL_CLAMP_TO_EDGE);
    glTexParameteri(GL_TEXTURE_2D_ARRAY, GL_TEXTURE_WRAP_T, GL_CLAMP_TO_EDGE);
    glTexImage3D(GL_TEXTURE_2D_ARRAY, 0, GL_R16F, resolution_, resolution_, layers, 0, GL_RED, GL_FLOAT, nullptr);
    layers_ = layers;
}

void HeatmapRenderer::upload(int first, int count, const float* values) {
    if (!texture_ || first < 0 || count <= 0) return;
    if (first + count > layers_) count = layers_ - first;
    if (count <= 0) return;
    glBindTexture(GL_TEXTURE_2D_ARRAY, texture_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, 0, first, resolution_, resolution_, count, GL_RED, GL_FLOAT, values);
}

void HeatmapRenderer::draw(ImDrawList* dl, ImVec2 p0, ImVec2 p1, int layer, const HeatmapStyle& style) {
    if (!program_ || !texture_ || layer < 0 || layer + std::max(style.classes, 1) > layers_) {
        dl->AddRectFilled(p0, p1, IM_COL32(225, 227, 230, 255));
        return;
    }
    commands_.push_back(Command{{p0.x, p0.y, p1.x, p1.y}, layer, style});
    dl->AddCallback(&HeatmapRenderer::render_callback, reinterpret_cast<void*>(intptr_t(commands_.size() - 1)));
    dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
}

void HeatmapRenderer::render_callback(const ImDrawList*, const ImDrawCmd* cmd) {
    const size_t index = size_t(reinterpret_cast<intptr_t>(cmd->UserCallbackData));
    if (g_renderer && index < g_renderer->commands_.size()) g_renderer->render(g_renderer->commands_[index], cmd);
}

void HeatmapRenderer::render(const Command& c, const ImDrawCmd* cmd) const {
    const ImDrawData* dd = ImGui::GetDrawData();
    if (!dd) return;
    const float L = dd->DisplayPos.x, R = dd->DisplayPos.x + dd->DisplaySize.x;
    const float T = dd->DisplayPos.y, B = dd->DisplayPos.y + dd->DisplaySize.y;
    const float proj[16] = {2.0f / (R - L), 0, 0, 0, 0, 2.0f / (T - B), 0, 0, 0, 0, -1, 0,
                            (R + L) / (L - R), (T + B) / (B - T), 0, 1};
    // The backend set the scissor for the previous command; use this one's clip.
    const ImVec2 fs = dd->FramebufferScale;
    const float fb_h = dd->DisplaySize.y * fs.y;
    const float cx0 = (cmd->ClipRect.x - L) * fs.x, cy0 = (cmd->ClipRect.y - T) * fs.y;
    const float cx1 = (cmd->ClipRect.z - L) * fs.x, cy1 = (cmd->ClipRect.w - T) * fs.y;
    if (cx1 <= cx0 || cy1 <= cy0) return;
    glScissor(int(cx0), int(fb_h - cy1), int(cx1 - cx0), int(cy1 - cy0));

    // Texel centres: the grid includes both ends of [-6, 6], which sit at the
    // centres of the first and last texels.
    const float half = 0.5f / float(resolution_);
    glUseProgram(program_);
    glUniformMatrix4fv(loc_proj_, 1, GL_FALSE, proj);
    glUniform4f(loc_rect_, c.rect[0], c.rect[1], c.rect[2], c.rect[3]);
    glUniform4f(loc_uv_rect_, half, half, 1.0f - half, 1.0f - half);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D_ARRAY, texture_);
    glUniform1i(loc_values_, 0);
    glUniform1i(loc_layer_, c.layer);
    glUniform1i(loc_mode_, c.style.classes > 0 ? 1 : 0);
    glUniform1i(loc_classes_, c.style.classes);
    glUniform1i(loc_discretize_, c.style.discretize ? 1 : 0);
    glUniform1f(loc_scale_, c.style.scale);
    glUniform1f(loc_offset_, c.style.offset);
    glUniform1f(loc_opacity_, c.style.opacity);
    float colors[8 * 3];
    for (int k = 0; k < 8; ++k) {
        const ImVec4 v = ImGui::ColorConvertU32ToFloat4(class_color(k));
        colors[k * 3] = v.x; colors[k * 3 + 1] = v.y; colors[k * 3 + 2] = v.z;
    }
    glUniform3fv(loc_class_colors_, 8, colors);
    glBindVertexArray(vao_);
    glDrawArrays(GL_TRIANGLE_STRIP, 0, 4);
}

}  // namespace pgapp
