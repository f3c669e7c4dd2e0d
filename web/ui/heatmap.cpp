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

// True if a shader compiled (a program linked): get_iv(object, status) is
// glGetShaderiv or glGetProgramiv; otherwise false, with the info log
// (glGetShaderInfoLog or glGetProgramInfoLog) in `log`.
template <class GetIv, class GetLog>
bool gl_succeeded(GLuint object, GLenum status, GetIv get_iv, GetLog get_log, std::string& log) {
    GLint ok = 0;
    get_iv(object, status, &ok);
    if (ok) return true;
    char text[1024] = {};
    get_log(object, sizeof text, nullptr, text);
    log = text;
    return false;
}

unsigned compile(GLenum type, const std::string& source, std::string& error) {
    const unsigned shader = glCreateShader(type);
    const char* text = source.c_str();
    glShaderSource(shader, 1, &text, nullptr);
    glCompileShader(shader);
    std::string log;
    if (!gl_succeeded(shader, GL_COMPILE_STATUS, glGetShaderiv, glGetShaderInfoLog, log)) {
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
        std::string log;
        if (!gl_succeeded(program_, GL_LINK_STATUS, glGetProgramiv, glGetProgramInfoLog, log)) {
            error_ = std::string("heatmap program: ") + log;
            glDeleteProgram(program_);
            program_ = 0;
        }
    }
    if (vs) glDeleteShader(vs);
    if (fs) glDeleteShader(fs);
    if (!program_) { std::fprintf(stderr, "playground: %s\n", error_.c_str()); return; }
    loc_proj_ = glGetUniformLocation(program_, "u_proj");
    loc_rects_ = glGetUniformLocation(program_, "u_rects");
    loc_params_ = glGetUniformLocation(program_, "u_params");
    loc_styles_ = glGetUniformLocation(program_, "u_styles");
    loc_uv_inset_ = glGetUniformLocation(program_, "u_uv_inset");
    loc_values_ = glGetUniformLocation(program_, "u_values");
    loc_class_colors_ = glGetUniformLocation(program_, "u_class_colors");
    loc_scale_ = glGetUniformLocation(program_, "u_scale");
    loc_base_ = glGetUniformLocation(program_, "u_base");
    glGenVertexArrays(1, &vao_);  // core profile: a draw needs a bound VAO, even an empty one
    items_.reserve(256);
    batches_.reserve(64);
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

void HeatmapRenderer::upload(int first, int count, const float* values) { upload_rows(first, count, values, 0, resolution_); }

void HeatmapRenderer::upload_rows(int first, int count, const float* values, int row0, int rows) {
    if (!texture_ || first < 0 || count <= 0) return;
    if (first + count > layers_) count = layers_ - first;
    row0 = std::max(row0, 0);
    rows = std::min(rows, resolution_ - row0);
    if (count <= 0 || rows <= 0) return;
    glBindTexture(GL_TEXTURE_2D_ARRAY, texture_);
    glPixelStorei(GL_UNPACK_ALIGNMENT, 4);
    // Each layer's rows [row0, row0 + rows) out of its whole plane: the source
    // layers are resolution_ rows apart.
    glPixelStorei(GL_UNPACK_IMAGE_HEIGHT, resolution_);
    glTexSubImage3D(GL_TEXTURE_2D_ARRAY, 0, 0, row0, first, resolution_, rows, count, GL_RED, GL_FLOAT,
                    values + size_t(row0) * size_t(resolution_));
    glPixelStorei(GL_UNPACK_IMAGE_HEIGHT, 0);
}

void HeatmapRenderer::add(ImVec2 p0, ImVec2 p1, int layer, const HeatmapStyle& style) {
    items_.push_back(Item{{p0.x, p0.y, p1.x, p1.y},
                          {float(layer), float(style.classes), style.discretize ? 1.0f : 0.0f, 0},
                          {style.offset, style.scale, style.opacity, 0}});
}

void HeatmapRenderer::flush(ImDrawList* dl) {
    // Items that cannot be drawn (no program, a layer outside the texture) are grey squares.
    size_t first = pending_;
    for (size_t i = pending_; i < items_.size(); ++i) {
        const Item& it = items_[i];
        const int layer = int(it.params[0]), span = std::max(int(it.params[1]), 1);
        if (!program_ || !texture_ || layer < 0 || layer + span > layers_) {
            dl->AddRectFilled(ImVec2(it.rect[0], it.rect[1]), ImVec2(it.rect[2], it.rect[3]), palette().neutral);
            items_[i].params[0] = -1;  // skipped below
        }
    }
    // Drop the skipped items so that every batch is contiguous and drawable.
    size_t kept = first;
    for (size_t i = first; i < items_.size(); ++i)
        if (items_[i].params[0] >= 0) items_[kept++] = items_[i];
    items_.resize(kept);
    for (size_t start = first; start < items_.size(); start += kBatch) {
        batches_.push_back(Batch{start, std::min<size_t>(kBatch, items_.size() - start)});
        dl->AddCallback(&HeatmapRenderer::render_callback, reinterpret_cast<void*>(intptr_t(batches_.size() - 1)));
    }
    if (items_.size() > first) dl->AddCallback(ImDrawCallback_ResetRenderState, nullptr);
    pending_ = items_.size();
}

void HeatmapRenderer::render_callback(const ImDrawList*, const ImDrawCmd* cmd) {
    const size_t index = size_t(reinterpret_cast<intptr_t>(cmd->UserCallbackData));
    if (g_renderer && index < g_renderer->batches_.size()) g_renderer->render(g_renderer->batches_[index], cmd);
}

void HeatmapRenderer::render(const Batch& b, const ImDrawCmd* cmd) const {
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
    float rects[kBatch * 4], params[kBatch * 4], styles[kBatch * 4];
    for (size_t i = 0; i < b.count; ++i) {
        const Item& it = items_[b.first + i];
        for (int k = 0; k < 4; ++k) {
            rects[i * 4 + k] = it.rect[k];
            params[i * 4 + k] = it.params[k];
            styles[i * 4 + k] = it.style[k];
        }
    }
    glUniform4fv(loc_rects_, GLsizei(b.count), rects);
    glUniform4fv(loc_params_, GLsizei(b.count), params);
    glUniform4fv(loc_styles_, GLsizei(b.count), styles);
    glUniform2f(loc_uv_inset_, half, half);
    glActiveTexture(GL_TEXTURE0);
    glBindTexture(GL_TEXTURE_2D_ARRAY, texture_);
    glUniform1i(loc_values_, 0);
    float colors[8 * 3];
    for (int k = 0; k < 8; ++k) {
        const ImVec4 v = ImGui::ColorConvertU32ToFloat4(class_color(k));
        colors[k * 3] = v.x; colors[k * 3 + 1] = v.y; colors[k * 3 + 2] = v.z;
    }
    glUniform3fv(loc_class_colors_, 8, colors);
    // The theme's diverging scale (negative, neutral, positive) and the colour faded heatmaps blend into.
    const Palette& pal = palette();
    float scale[3 * 3];
    const ImU32 ends[3] = {pal.negative, pal.neutral, pal.positive};
    for (int k = 0; k < 3; ++k) {
        const ImVec4 v = ImGui::ColorConvertU32ToFloat4(ends[k]);
        scale[k * 3] = v.x; scale[k * 3 + 1] = v.y; scale[k * 3 + 2] = v.z;
    }
    glUniform3fv(loc_scale_, 3, scale);
    const ImVec4 base = ImGui::ColorConvertU32ToFloat4(pal.heatmap_base);
    glUniform3f(loc_base_, base.x, base.y, base.z);
    glBindVertexArray(vao_);
    glDrawArraysInstanced(GL_TRIANGLE_STRIP, 0, 4, GLsizei(b.count));
}

}  // namespace pgapp
