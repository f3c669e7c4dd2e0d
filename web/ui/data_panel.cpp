// The Data panel: datasets as clickable thumbnails (classification,
// regression, multi-class), the split, noise, batch size, sample count,
// classes, and Regenerate.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

#include "ui/context.h"
#include "ui/theme.h"

namespace pgapp {
namespace {

struct Thumb {
    pg::DatasetKind kind;
    const char* tip;
};
constexpr Thumb kThumbs[] = {
    {pg::DatasetKind::kCircle, "Circle: one class inside a ring of the other."},
    {pg::DatasetKind::kXor, "Exclusive or: the sign of X1·X2 decides the class."},
    {pg::DatasetKind::kGauss, "Two Gaussian clouds, one per class."},
    {pg::DatasetKind::kSpiral, "Two interleaved spirals: hard, needs a deeper network."},
    {pg::DatasetKind::kRegPlane, "Regression: the value grows linearly across the plane."},
    {pg::DatasetKind::kRegGauss, "Regression: six Gaussian bumps of either sign."},
    {pg::DatasetKind::kBlobs, "Multi-class: Gaussian blobs, one per class."},
    {pg::DatasetKind::kSpiral3, "Multi-class: interleaved spiral arms, one per class."},
};

// Points of every dataset at its default settings, for the thumbnails (made once).
const std::vector<pg::Point>& thumb_points(pg::DatasetKind kind) {
    static std::array<std::vector<pg::Point>, pg::kNumDatasetKinds> cache;
    std::vector<pg::Point>& pts = cache[size_t(kind)];
    if (pts.empty()) {
        pg::DataSpec spec;
        spec.kind = kind;
        spec.num_samples = pg::dataset_problem(kind) == pg::Problem::kRegression ? 250 : 200;
        pg::Rng rng(12345);
        pg::generate_points(spec, rng, pts);
    }
    return pts;
}

void draw_thumb(ImDrawList* dl, ImVec2 p0, float size, pg::DatasetKind kind, bool selected, bool hovered) {
    const Palette& pal = palette();
    dl->AddRectFilled(p0, ImVec2(p0.x + size, p0.y + size), pal.surface, 3.0f);
    const pg::Problem problem = pg::dataset_problem(kind);
    const float r = std::max(1.0f, size / 40.0f);
    for (const pg::Point& p : thumb_points(kind)) {
        const float x = p0.x + float((p.x1 + 6.0) / 12.0) * size, y = p0.y + float((6.0 - p.x2) / 12.0) * size;
        if (x < p0.x || x > p0.x + size || y < p0.y || y > p0.y + size) continue;
        const ImU32 c = problem == pg::Problem::kMulticlass ? class_color(int(p.label)) : diverging_color(float(p.label));
        dl->AddRectFilled(ImVec2(x - r, y - r), ImVec2(x + r, y + r), c);
    }
    const ImU32 border = selected ? pal.ink : hovered ? pal.text_muted : pal.border;
    dl->AddRect(p0, ImVec2(p0.x + size, p0.y + size), border, 3.0f, 0, selected ? 2.5f : 1.0f);
}

// An integer slider moving in steps of `step`.
bool stepped_slider(const char* id, int& value, int lo, int hi, int step, const char* format) {
    int v = value;
    const bool changed = ImGui::SliderInt(id, &v, lo, hi, format);
    v = lo + (v - lo + step / 2) / step * step;
    if (changed && v != value) { value = std::clamp(v, lo, hi); return true; }
    return false;
}

}  // namespace

void draw_data_panel(UiContext& ctx) {
    pg::State& s = ctx.edit;
    const float fs = ImGui::GetFontSize();
    const float width = ImGui::GetContentRegionAvail().x;
    const bool csv = ctx.trainer.using_csv();
    caption("DATA");
    if (ctx.show(pg::Control::kDataset)) {
        if (ctx.text_shown()) caption("Which dataset do you want to use?");
        const int per_row = 4;
        const float gap = fs * 0.35f;
        const float size = std::floor((width - gap * (per_row - 1)) / per_row);
        ImDrawList* dl = ImGui::GetWindowDrawList();
        const pg::DatasetKind active = pg::active_dataset(s);
        // With the problem type hidden (an embedded lesson), only that problem's datasets.
        const bool fixed_problem = s.hidden(pg::Control::kProblem);
        int shown = 0;
        for (int i = 0; i < int(std::size(kThumbs)); ++i) {
            if (fixed_problem && pg::dataset_problem(kThumbs[i].kind) != s.problem) continue;
            const int col = fixed_problem ? shown % per_row : i < 4 ? i : (i - 4) % 2 + (i >= 6 ? 2 : 0);
            ++shown;
            if (col != 0) ImGui::SameLine(0, gap);
            const ImVec2 p0 = ImGui::GetCursorScreenPos();
            ImGui::PushID(i);
            const bool clicked = ImGui::InvisibleButton("##ds", ImVec2(size, size));
            const bool hovered = ImGui::IsItemHovered();
            ImGui::PopID();
            const pg::DatasetKind kind = kThumbs[i].kind;
            draw_thumb(dl, p0, size, kind,
                       !csv && kind == active && pg::dataset_problem(kind) == s.problem, hovered);
            tooltip(kThumbs[i].tip);
            if (ctx.recording_controls()) {
                const std::string ds(pg::dataset_name(kind));
                // Hovered is read above; the rectangle is the thumbnail's.
                ctx.controls->add("dataset." + ds, pg::control_name(pg::Control::kDataset), ControlKind::kButton, ds,
                                  !csv && kind == active && pg::dataset_problem(kind) == s.problem ? "true" : "false",
                                  p0, ImVec2(p0.x + size, p0.y + size), ImGui::IsRectVisible(p0, ImVec2(p0.x + size, p0.y + size)));
            }
            if (clicked) {
                if (csv) ctx.request_generated_data = true;
                s.problem = pg::dataset_problem(kind);
                if (s.problem == pg::Problem::kClassification) s.dataset = kind;
                else if (s.problem == pg::Problem::kRegression) s.reg_dataset = kind;
                else s.mc_dataset = kind;
            }
        }
    }
    ImGui::Spacing();
    ImGui::PushItemWidth(width);
    if (ctx.show(pg::Control::kPercTrainData)) {
        caption("Ratio of training to test data");
        stepped_slider("##perc", s.perc_train_data, pg::kMinPercTrain, pg::kMaxPercTrain, 10, "%d%%");
        if (ctx.recording_controls())
            ctx.control("percTrainData", pg::Control::kPercTrainData, ControlKind::kSlider, "Ratio of training to test data",
                        std::to_string(s.perc_train_data));
        ctx.control_range(float(pg::kMinPercTrain), float(pg::kMaxPercTrain), 10);
        tooltip("Share of the points used for training; the rest are test points (new data, new network).");
    }
    if (ctx.show(pg::Control::kNoise)) {
        caption("Noise");
        if (csv) ImGui::BeginDisabled();
        stepped_slider("##noise", s.noise, 0, pg::kMaxNoise, 5, "%d");
        if (ctx.recording_controls())
            ctx.control("noise", pg::Control::kNoise, ControlKind::kSlider, "Noise", std::to_string(s.noise));
        ctx.control_range(0, float(pg::kMaxNoise), 5);
        if (csv) ImGui::EndDisabled();
        tooltip(csv ? "Noise is added when points are generated; your own points are used as they are."
                    : "How much the labels or points are perturbed when the data is generated.");
    }
    if (ctx.show(pg::Control::kBatchSize)) {
        caption("Batch size");
        int b = s.batch_size;
        if (ImGui::SliderInt("##batch", &b, 1, 30, "%d", ImGuiSliderFlags_AlwaysClamp)) s.batch_size = b;
        if (ctx.recording_controls())
            ctx.control("batchSize", pg::Control::kBatchSize, ControlKind::kSlider, "Batch size", std::to_string(s.batch_size));
        ctx.control_range(1, 30, 1);
        tooltip("Examples averaged per weight update; changing it keeps the current weights.");
    }
    if (!csv && ctx.show(pg::Control::kNumSamples)) {
        caption("Number of samples");
        int n = s.num_samples ? s.num_samples : pg::default_num_samples(pg::active_dataset(s), s.num_classes);
        if (ImGui::SliderInt("##samples", &n, 50, 5000, "%d", ImGuiSliderFlags_Logarithmic)) s.num_samples = n;
        if (ctx.recording_controls())
            ctx.control("numSamples", pg::Control::kNumSamples, ControlKind::kSlider, "Number of samples", std::to_string(n));
        ctx.control_range(50, 5000, 50);
        tooltip("How many points are generated (train and test together).");
    }
    if (s.problem == pg::Problem::kMulticlass && ctx.show(pg::Control::kNumClasses)) {
        caption("Classes");
        ImGui::SliderInt("##classes", &s.num_classes, pg::kMinClasses, pg::kMaxClasses, "%d",
                         ImGuiSliderFlags_AlwaysClamp);
        if (ctx.recording_controls())
            ctx.control("numClasses", pg::Control::kNumClasses, ControlKind::kSlider, "Classes", std::to_string(s.num_classes));
        ctx.control_range(float(pg::kMinClasses), float(pg::kMaxClasses), 1);
        tooltip("Number of classes of the multi-class dataset.");
    }
    ImGui::PopItemWidth();
    // Data buttons: each has a hide key (`regenerate_hide`, `csv_hide`) so a
    // lesson can lock the data; `dataset_hide` locks them too.
    const bool data_locked = s.hidden(pg::Control::kDataset);
    if (csv) {
        if (!data_locked) {
            if (ImGui::Button("Use generated data", ImVec2(width, 0))) ctx.request_generated_data = true;
            ctx.control("csv.generated", pg::Control::kCsv, ControlKind::kButton, "Use generated data");
            tooltip("Drop your CSV points and go back to the selected dataset.");
        }
    } else if (!data_locked && ctx.show(pg::Control::kRegenerate)) {
        if (ImGui::Button("Regenerate", ImVec2(width, 0))) ctx.request_regenerate = true;
        ctx.control("regenerate", pg::Control::kRegenerate, ControlKind::kButton, "Regenerate");
        tooltip("Draw new data with a new seed (the network restarts).");
    }
    if ((ctx.can_upload_csv || ctx.can_download_csv) && ctx.show(pg::Control::kCsv)) {
        // Side by side when both labels fit whole, else one above the other.
        const ImGuiStyle& st = ImGui::GetStyle();
        const float half = (width - st.ItemSpacing.x) * 0.5f;
        const bool both = ctx.can_upload_csv && ctx.can_download_csv;
        const bool side = both && ImGui::CalcTextSize("Download CSV").x + st.FramePadding.x * 2 <= half;
        const float w = side ? half : width;
        if (ctx.can_upload_csv && !data_locked) {
            if (ImGui::Button("Upload CSV", ImVec2(w, 0))) ctx.request_csv_upload = true;
            if (ctx.lab) ctx.lab->record("csv.upload");
            ctx.control("csv.upload", pg::Control::kCsv, ControlKind::kButton, "Upload CSV");
            tooltip("Train on your own points: a CSV file of x1,x2,label (labels read for the chosen problem type).");
            if (side) ImGui::SameLine();
        }
        if (ctx.can_download_csv) {
            if (ImGui::Button("Download CSV", ImVec2(w, 0))) ctx.request_csv_download = true;
            if (ctx.lab) ctx.lab->record("csv.download");
            ctx.control("csv.download", pg::Control::kCsv, ControlKind::kButton, "Download CSV");
            tooltip("Save the current points (training, then test) as x1,x2,label.");
        }
    }
    // Model files: the network's architecture and weights (the CLI's --save-model format).
    if ((ctx.can_upload_csv || ctx.can_download_csv) && ctx.show(pg::Control::kEditWeights)) {
        const ImGuiStyle& st = ImGui::GetStyle();
        const float half = (width - st.ItemSpacing.x) * 0.5f;
        const bool side = ImGui::CalcTextSize("Open model").x + st.FramePadding.x * 2 <= half;
        if (ctx.can_download_csv) {
            if (ImGui::Button("Save model", ImVec2(side ? half : width, 0))) ctx.request_model_save = true;
            if (ctx.lab) ctx.lab->record("model.save");
            ctx.control("model.save", pg::Control::kEditWeights, ControlKind::kButton, "Save model");
            tooltip("Save the network (architecture and weights) as a model file (JSON), as playground-cli --save-model does.");
            if (side && ctx.can_upload_csv) ImGui::SameLine();
        }
        if (ctx.can_upload_csv) {
            if (ImGui::Button("Open model", ImVec2(side ? half : width, 0))) ctx.request_model_open = true;
            if (ctx.lab) ctx.lab->record("model.open");
            ctx.control("model.open", pg::Control::kEditWeights, ControlKind::kButton, "Open model");
            tooltip("Replace the network with a model file's (it must fit the problem: its inputs and outputs).");
        }
    }
    if (ctx.can_drop_files && ctx.text_shown()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("Drop a CSV of points or a model file (.json) on the window to use it.");
        ImGui::PopTextWrapPos();
    }
    if (csv && ctx.text_shown()) {
        ImGui::PushTextWrapPos(0.0f);
        ImGui::TextDisabled("Your data: %d points. The link cannot bring them back: download them to keep them.",
                            int(ctx.trainer.train_points().size() + ctx.trainer.test_points().size()));
        ImGui::PopTextWrapPos();
    }
}

}  // namespace pgapp
