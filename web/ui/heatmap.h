// web/ui/heatmap.h — every heatmap of the UI (feature and neuron thumbnails,
// the big output view) drawn from ONE float texture array that is refreshed
// once per frame, and coloured on the GPU by shaders/heatmap.frag.
//
//   values: a GL_TEXTURE_2D_ARRAY, R16F (filterable on WebGL2, unlike R32F),
//           resolution × resolution per layer, one layer per heatmap (a
//           feature or a neuron). Layer rows run top (x₂ = +6) to bottom, as
//           pg::grid_point numbers the grid, so each engine buffer of
//           resolution² floats is one layer, uploaded without reshuffling.
//   drawing: draw() records an ImDrawList callback; during ImGui's render the
//           callback binds our program and draws a quad, then ImGui's backend
//           state is restored (ImDrawCallback_ResetRenderState).
#pragma once
#include <imgui.h>

#include <string>
#include <vector>

namespace pgapp {

struct HeatmapStyle {
    bool discretize = false;
    float offset = 0.0f;      // (value + offset) × scale is coloured on [-1, 1]
    float scale = 1.0f;
    float opacity = 0.63f;    // 160/255, the reference's heatmap alpha
    int classes = 0;          // > 0: multi-class view over layers [layer, layer + classes)
};

class HeatmapRenderer {
public:
    // Compiles the shaders (prepending `glsl_version` and a precision line).
    // On failure ok() is false and error() says why; draw() then draws grey.
    HeatmapRenderer(const std::string& glsl_version, int resolution);
    ~HeatmapRenderer();
    HeatmapRenderer(const HeatmapRenderer&) = delete;
    HeatmapRenderer& operator=(const HeatmapRenderer&) = delete;

    bool ok() const { return program_ != 0; }
    const std::string& error() const { return error_; }
    int resolution() const { return resolution_; }
    int capacity() const { return layers_; }

    // Makes room for `layers` layers (reallocates only when it grows).
    void reserve(int layers);
    // Uploads `count` consecutive layers starting at `first` from values
    // (count, resolution, resolution) row-major.
    void upload(int first, int count, const float* values);
    // Only rows [row0, row0 + rows) of each of those layers (values still
    // holds whole planes): what changed in a frame that computed a band.
    void upload_rows(int first, int count, const float* values, int row0, int rows);

    // Queues layer `layer` for the screen rectangle [p0, p1]; flush() draws
    // every queued heatmap at that point of `dl` in one instanced draw call
    // per kBatch heatmaps. Queued heatmaps share the clip rectangle in force
    // at flush(). (A draw call costs a fixed ~0.15 ms on a software
    // rasterizer, so the network's thumbnails are drawn in one or two.)
    void add(ImVec2 p0, ImVec2 p1, int layer, const HeatmapStyle& style);
    void flush(ImDrawList* dl);
    // add() + flush(): one heatmap at this point of `dl`.
    void draw(ImDrawList* dl, ImVec2 p0, ImVec2 p1, int layer, const HeatmapStyle& style) {
        add(p0, p1, layer, style);
        flush(dl);
    }

    // Call once per frame before any add(): forgets last frame's batches.
    void begin_frame() {
        items_.clear();
        batches_.clear();
        pending_ = 0;
    }

    static constexpr int kBatch = 32;  // = kBatch in shaders/heatmap.vert

private:
    struct Item {
        float rect[4];
        float params[4];  // layer, classes, discretize
        float style[4];   // offset, scale, opacity
    };
    struct Batch {
        size_t first, count;  // into items_
    };
    static void render_callback(const ImDrawList* list, const ImDrawCmd* cmd);
    void render(const Batch& b, const ImDrawCmd* cmd) const;

    int resolution_ = 0;
    int layers_ = 0;
    unsigned program_ = 0, vao_ = 0, texture_ = 0;
    int loc_proj_ = -1, loc_rects_ = -1, loc_params_ = -1, loc_styles_ = -1, loc_uv_inset_ = -1, loc_values_ = -1,
        loc_class_colors_ = -1, loc_scale_ = -1, loc_base_ = -1;
    std::string error_;
    std::vector<Item> items_;      // this frame's heatmaps
    std::vector<Batch> batches_;   // this frame's draw calls; referenced by index from the draw lists
    size_t pending_ = 0;           // items_ queued since the last flush start here
};

}  // namespace pgapp
