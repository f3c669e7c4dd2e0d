#include "app.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <memory>

#include <nlohmann/json.hpp>

#include "fonts.h"
#include "pg/lab.h"
#include "pg/state.h"
#include "training.h"
#include "ui/context.h"
#include "ui/heatmap.h"
#include "ui/numbers.h"
#include "ui/theme.h"

namespace pgapp {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kGridResolution = 100;       // the reference's 100 × 100
constexpr double kTrainBudgetMs = 8.0;     // training time per frame while playing at "Max"
constexpr ImU32 kNoticeBg = IM_COL32(255, 243, 205, 255);
constexpr ImU32 kErrorBg = IM_COL32(253, 226, 226, 255);

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

}  // namespace

struct App::Impl {
    AppOptions options;
    Trainer trainer;
    std::unique_ptr<HeatmapRenderer> heatmaps;
    std::vector<float> grid;                 // (neurons, R²) from one engine call per frame
    std::vector<float> feature_grid;         // (9, R²), made once
    std::vector<float> feature_scale;        // 1 / max |feature| per feature
    bool playing = false;
    int speed = 0;
    bool log_scale = false;
    std::vector<std::string> notices;        // shown until dismissed
    std::vector<std::string> visible_controls;
    int notified_epoch = 0;
    std::string last_state;                  // last state string reported to the page

    // The backprop lab (open while the state says inspect=true).
    LabState lab;
    pg::Trace trace;                         // the chosen example's numbers, this frame
    std::vector<float> target;

    // Self-measurement.
    double frame_ms = 16.7;
    int epochs_in_window = 0;
    Clock::time_point window_start = Clock::now();
    double epochs_per_second = 0;
    double train_ms = 0, heatmap_ms = 0, ui_ms = 0;  // smoothed CPU time per frame

    void train_for_frame();
    void count_epochs(int n) { epochs_in_window += n; }
    void update_rates();
    void upload_heatmaps();
    void apply_issues(const pg::StateParse& parse);
    // Keeps the chosen example on its point (the data may have changed) and
    // computes its numbers; false if the lab is closed.
    bool refresh_lab(bool force = false);
    void apply_lab_requests(pg::State& edit);
    void lab_update_step();
    void run_gradient_check();
    std::string load_lesson(const std::string& id);
    // Adds a notice unless it is already shown (a rejected edit repeats its message).
    void notice(const std::string& text) {
        if (std::find(notices.begin(), notices.end(), text) == notices.end()) notices.push_back(text);
        if (notices.size() > 12) notices.erase(notices.begin(), notices.end() - 12);
    }
};

App::App(const AppOptions& options) : impl_(new Impl) {
    Impl& m = *impl_;
    m.options = options;
    apply_theme();
    m.heatmaps = std::make_unique<HeatmapRenderer>(options.glsl_version, kGridResolution);
    if (!m.heatmaps->ok()) m.notice("Heatmaps are unavailable: " + m.heatmaps->error());

    // Feature planes over the grid, each scaled to [-1, 1] for display.
    const size_t n = size_t(kGridResolution) * kGridResolution;
    m.feature_grid.resize(size_t(pg::kNumFeatures) * n);
    m.feature_scale.assign(pg::kNumFeatures, 1.0f);
    for (int f = 0; f < pg::kNumFeatures; ++f) {
        float peak = 0;
        for (size_t i = 0; i < n; ++i) {
            double x1 = 0, x2 = 0;
            pg::grid_point(kGridResolution, -pg::kDataExtent, pg::kDataExtent, int(i), x1, x2);
            const float v = float(pg::feature_value(pg::kAllFeatures[f], x1, x2));
            m.feature_grid[size_t(f) * n + i] = v;
            peak = std::max(peak, std::fabs(v));
        }
        m.feature_scale[size_t(f)] = peak > 0 ? 1.0f / peak : 1.0f;
    }
    m.heatmaps->reserve(kNeuronLayer0 + 64);
    m.heatmaps->upload(kFeatureLayer0, pg::kNumFeatures, m.feature_grid.data());

    if (!options.state.empty()) {
        const pg::StateParse parse = pg::parse_state(options.state);
        m.apply_issues(parse);
        const std::string error = m.trainer.set_state(parse.state);
        if (!error.empty()) m.notice("Link: " + error);
    }
    m.last_state = pg::serialize_state(m.trainer.state());
}

App::~App() { delete impl_; }

void App::Impl::apply_issues(const pg::StateParse& parse) {
    for (const pg::StateIssue& issue : parse.issues) notice("Link: " + issue.message);
}

bool App::Impl::refresh_lab(bool force) {
    if (!force && !trainer.state().inspect) return false;
    LabExample& ex = lab.example;
    const auto train = trainer.train_points();
    const auto test = trainer.test_points();
    if (ex.source == LabExample::Source::kTest && (ex.index < 0 || ex.index >= int(test.size())))
        ex = LabExample{LabExample::Source::kTrain, 0};
    if (ex.source == LabExample::Source::kTrain) {
        if (ex.index < 0 || ex.index >= int(train.size())) ex.index = 0;
        if (!train.empty()) ex.x1 = train[size_t(ex.index)].x1, ex.x2 = train[size_t(ex.index)].x2,
                            ex.label = train[size_t(ex.index)].label;
    } else if (ex.source == LabExample::Source::kTest) {
        ex.x1 = test[size_t(ex.index)].x1, ex.x2 = test[size_t(ex.index)].x2, ex.label = test[size_t(ex.index)].label;
    }
    trace = trainer.inspect(ex.x1, ex.x2, ex.label);
    target = trainer.target_row(ex.label);
    return true;
}

void App::Impl::lab_update_step() {
    const LabExample& ex = lab.example;
    const std::string error = trainer.train_example(ex.x1, ex.x2, ex.label);
    if (!error.empty()) { playing = false; return; }
    ++lab.updates;
    const pg::HyperParams& h = trainer.network().hyper();
    char buf[256];
    std::snprintf(buf, sizeof buf,
                  "Update %d applied: every weight and bias moved by its \u0394w, with this example alone as the batch "
                  "(\u03b7 = %s, \u03b1 = %s). The epoch counter is unchanged.",
                  lab.updates, fmt_full(h.learning_rate).c_str(), fmt_full(h.momentum).c_str());
    lab.update_note = buf;
    if (lab.stepping) lab.forward_layers = lab.backward_layers = 0;
}

void App::Impl::run_gradient_check() {
    const LabExample& ex = lab.example;
    lab.check = trainer.gradient_check(ex.x1, ex.x2, ex.label);
    lab.check_params.assign(trainer.network().params().begin(), trainer.network().params().end());
    lab.check_example = ex;
    lab.check_done = true;
}

std::string App::Impl::load_lesson(const std::string& id) {
    const std::string error = trainer.load_lesson(id);
    if (!error.empty()) {
        notice("Lesson: " + error);
        return error;
    }
    playing = false;
    lab.example = LabExample{};
    lab.stepping = false;
    lab.updates = 0;
    lab.update_note.clear();
    lab.check_done = false;
    lab.hand_points_loaded = false;
    lab.table_layer = 0;
    return {};
}

void App::Impl::apply_lab_requests(pg::State& edit) {
    if (lab.request_close) edit.inspect = false;
    if (lab.request_use_points) {
        std::vector<pg::Point> points;
        for (const HandPoint& p : lab.hand_points) points.push_back(pg::Point{p.x1, p.x2, p.label});
        const std::string error = trainer.use_points(points);
        if (!error.empty()) notice("Points: " + error);
        else lab.hand_points_loaded = false;
    }
    if (lab.request_update) lab_update_step();
    if (lab.request_check) run_gradient_check();
    lab.request_close = lab.request_use_points = lab.request_update = lab.request_check = false;
}

void App::Impl::train_for_frame() {
    if (!playing) return;
    const Clock::time_point start = Clock::now();
    int done = 0;
    const int fixed = speed;
    while (true) {
        if (!trainer.step_epoch()) { playing = false; break; }
        ++done;
        if (fixed > 0 ? done >= fixed : ms_since(start) >= kTrainBudgetMs) break;
    }
    count_epochs(done);
}

void App::Impl::update_rates() {
    const double dt = double(ImGui::GetIO().DeltaTime) * 1000.0;
    if (dt > 0 && dt < 1000) frame_ms = frame_ms * 0.9 + dt * 0.1;
    const double elapsed = ms_since(window_start);
    if (elapsed >= 500.0) {
        epochs_per_second = double(epochs_in_window) * 1000.0 / elapsed;
        epochs_in_window = 0;
        window_start = Clock::now();
    }
}

void App::Impl::upload_heatmaps() {
    pg::Network& net = trainer.network();
    trainer.evaluate_grid(kGridResolution, grid);
    heatmaps->reserve(kNeuronLayer0 + net.neuron_count());
    const int room = heatmaps->capacity() - kNeuronLayer0;
    const int count = std::min(net.neuron_count(), room);
    if (count == net.neuron_count()) {
        heatmaps->upload(kNeuronLayer0, count, grid.data());
    } else if (room > 0) {
        // A huge network: the outputs always fit, the hidden neurons that do not stay grey.
        const pg::LayerLayout& out = net.layer(net.layer_count() - 1);
        const size_t n = size_t(kGridResolution) * kGridResolution;
        heatmaps->upload(kNeuronLayer0, std::min(room - out.out, out.first_neuron), grid.data());
        if (out.first_neuron < room - out.out)
            heatmaps->upload(kNeuronLayer0 + out.first_neuron, out.out, grid.data() + size_t(out.first_neuron) * n);
    }
}

void App::frame() {
    Impl& m = *impl_;
    ImGuiIO& io = ImGui::GetIO();
    m.heatmaps->begin_frame();
    m.update_rates();

    UiContext ctx(m.trainer, *m.heatmaps, m.trainer.state());
    ctx.playing = m.playing;
    ctx.speed = m.speed;
    ctx.log_scale = m.log_scale;
    ctx.epochs_per_second = m.epochs_per_second;
    ctx.frame_ms = m.frame_ms;
    ctx.feature_scale = m.feature_scale;
    ctx.can_upload_csv = bool(on_pick_csv);
    ctx.can_download_csv = bool(on_save_file);

    m.lab.items.clear();
    m.lab.tooltip_text.clear();
    ctx.lab = &m.lab;
    if (m.refresh_lab()) ctx.view = LabView{&m.trace, &m.target};

    // Keyboard (not while typing): space play/pause, s (or the right arrow) step,
    // r reset, i the lab; in the lab ←/→ choose the previous/next training example.
    // A control hidden by the lesson (`<control>_hide`) has no shortcut either.
    const pg::State& run = m.trainer.state();
    if (!io.WantTextInput) {
        const bool lab_keys = ctx.lab_open();
        if (!run.hidden(pg::Control::kPlayButton) && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false))
            ctx.request_toggle_play = true;
        const int n_train = int(m.trainer.train_points().size());
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) {
            if (lab_keys && n_train > 0) {
                LabExample& ex = m.lab.example;
                ex.index = ex.source == LabExample::Source::kTrain ? (ex.index + 1) % n_train : 0;
                ex.source = LabExample::Source::kTrain;
            } else if (!run.hidden(pg::Control::kStepButton)) {
                ctx.request_step = true;
            }
        }
        if (lab_keys && n_train > 0 && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow))) {
            LabExample& ex = m.lab.example;
            ex.index = ex.source == LabExample::Source::kTrain ? (ex.index + n_train - 1) % n_train : 0;
            ex.source = LabExample::Source::kTrain;
        }
        for (ImWchar c : io.InputQueueCharacters) {
            if ((c == 's' || c == 'S') && !run.hidden(pg::Control::kStepButton)) ctx.request_step = true;
            if ((c == 'r' || c == 'R') && !run.hidden(pg::Control::kResetButton)) ctx.request_reset = true;
            if ((c == 'i' || c == 'I') && !run.hidden(pg::Control::kInspect)) ctx.request_toggle_lab = true;
        }
        if (lab_keys) m.refresh_lab();  // the example may have moved
    }

    Clock::time_point t0 = Clock::now();
    m.train_for_frame();
    m.train_ms = m.train_ms * 0.9 + ms_since(t0) * 0.1;
    t0 = Clock::now();
    m.upload_heatmaps();
    m.heatmap_ms = m.heatmap_ms * 0.9 + ms_since(t0) * 0.1;
    t0 = Clock::now();

    // --- Layout -----------------------------------------------------------------------------
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("Playground", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoScrollWithMouse | ImGuiWindowFlags_NoBackground);
    // No background: main.cpp clears to the same colour, and a full-window quad
    // is the largest fill of the frame (it halves the frame time on a software
    // rasterizer such as headless Chromium's SwiftShader).
    const float fs = ImGui::GetFontSize();
    const float W = ImGui::GetContentRegionAvail().x;
    const bool roomy = vp->WorkSize.y >= 640;

    if (ctx.text_shown() && roomy) {
        ImGui::PushFont(font(FontRole::Heading));
        ImGui::TextUnformatted("Neural Network Playground");
        ImGui::PopFont();
        ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("Tinker with a neural network right here in your browser.");
    }
    // Notices: link problems (dismissible) and divergence.
    if (!m.notices.empty()) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, kNoticeBg);
        const float h = (ImGui::GetTextLineHeightWithSpacing()) * float(std::min<size_t>(m.notices.size(), 3)) + fs * 0.8f;
        ImGui::BeginChild("notices", ImVec2(W, h), false);
        if (ImGui::SmallButton("Dismiss")) m.notices.clear();
        tooltip("Hide these notices about the link.");
        ImGui::SameLine();
        ImGui::BeginGroup();
        for (const std::string& n : m.notices) ImGui::TextWrapped("%s", n.c_str());
        ImGui::EndGroup();
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }
    if (!m.trainer.divergence().empty()) {
        ImGui::PushStyleColor(ImGuiCol_ChildBg, kErrorBg);
        ImGui::BeginChild("divergence", ImVec2(W, ImGui::GetTextLineHeightWithSpacing() * 2 + fs * 0.4f), false);
        ImGui::TextWrapped("%s", m.trainer.divergence().c_str());
        ImGui::EndChild();
        ImGui::PopStyleColor();
    }

    draw_controls_bar(ctx);
    ImGui::Separator();

    // Three columns: data | network | output. The status line sits at the bottom.
    const float status_h = ImGui::GetTextLineHeightWithSpacing();
    const float H = std::max(fs * 10.0f, ImGui::GetContentRegionAvail().y - status_h);
    const bool lab_open = ctx.lab_open();
    const float data_w = lab_open ? std::clamp(W * 0.3f, fs * 17.0f, fs * 30.0f) : std::clamp(W * 0.17f, fs * 10.0f, fs * 15.0f);
    const float out_w = std::clamp(W * 0.32f, fs * 16.0f, std::min(fs * 36.0f, H * 0.95f));
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const float net_w = std::max(fs * 10.0f, W - data_w - out_w - 2 * gap);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    if (ImGui::BeginChild(lab_open ? "lab" : "data", ImVec2(data_w, H), false)) {
        if (lab_open) draw_lab_panel(ctx);
        else draw_data_panel(ctx);
    }
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("network", ImVec2(net_w, H), false, ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
        draw_network_view(ctx);
    ImGui::EndChild();
    ImGui::SameLine();
    if (ImGui::BeginChild("output", ImVec2(out_w, H), false)) draw_output_panel(ctx);
    ImGui::EndChild();
    ImGui::PopStyleColor();

    ImGui::PushFont(font(FontRole::Small));
    ImGui::TextDisabled("%.0f fps  |  frame %.1f ms (training %.1f, heatmaps %.1f, UI %.1f)  |  %.0f epochs/s  |  network %s  |  %d train, %d test points",
                        m.frame_ms > 0 ? 1000.0 / m.frame_ms : 0.0, m.frame_ms, m.train_ms, m.heatmap_ms, m.ui_ms, m.epochs_per_second,
                        pg::shape_string(m.trainer.network().spec()).c_str(), int(m.trainer.train_points().size()),
                        int(m.trainer.test_points().size()));
    ImGui::PopFont();
    ImGui::End();

    m.ui_ms = m.ui_ms * 0.9 + ms_since(t0) * 0.1;

    // --- Apply what the panels asked for ------------------------------------------------------
    m.speed = ctx.speed;
    m.log_scale = ctx.log_scale;
    m.visible_controls = std::move(ctx.visible_controls);
    if (ctx.request_regenerate) {
        ctx.edit.seed = pg::make_seed_text(uint64_t(Clock::now().time_since_epoch().count()));
    }
    if (ctx.request_generated_data) {
        const std::string error = m.trainer.use_generated_data();
        if (!error.empty()) m.notice(error);
    }
    if (ctx.request_csv_upload && on_pick_csv) on_pick_csv();
    if (ctx.request_csv_download && on_save_file) on_save_file("playground-data.csv", m.trainer.data_csv());
    if (ctx.weights_edited) m.trainer.weights_edited();
    if (ctx.request_toggle_lab) ctx.edit.inspect = !ctx.edit.inspect;
    m.apply_lab_requests(ctx.edit);
    if (!m.lab.request_lesson.empty()) {
        const std::string id = std::move(m.lab.request_lesson);
        m.lab.request_lesson.clear();
        m.load_lesson(id);
        ctx.edit = m.trainer.state();  // the lesson's state replaces the edits of this frame
    }
    if (!(ctx.edit == m.trainer.state())) {
        const std::string error = m.trainer.set_state(ctx.edit);
        if (!error.empty()) m.notice(error);
    }
    if (ctx.request_toggle_play) { if (m.playing) pause(); else play(); }
    if (ctx.request_step) step(1);
    if (ctx.request_reset) reset();

    const std::string now = pg::serialize_state(m.trainer.state());
    if (now != m.last_state) {
        m.last_state = now;
        if (on_state_changed) on_state_changed(now);
    }
    if (m.trainer.epoch() != m.notified_epoch) {
        m.notified_epoch = m.trainer.epoch();
        if (on_epoch) on_epoch(m.notified_epoch);
    }
}

std::string App::state_string() const { return pg::serialize_state(impl_->trainer.state()); }

std::vector<std::string> App::set_state(const std::string& text) {
    Impl& m = *impl_;
    const pg::StateParse parse = pg::parse_state(text);
    m.apply_issues(parse);
    std::vector<std::string> messages;
    for (const pg::StateIssue& issue : parse.issues) messages.push_back(issue.message);
    const std::string error = m.trainer.set_state(parse.state);
    if (!error.empty()) {
        m.notice("Link: " + error);
        messages.push_back(error);
    }
    return messages;
}

std::string App::load_csv(const std::string& text) {
    const std::string error = impl_->trainer.load_csv(text);
    if (!error.empty()) impl_->notice("CSV: " + error);
    return error;
}

std::string App::data_csv() const { return impl_->trainer.data_csv(); }

void App::play() {
    if (!impl_->trainer.diverged()) impl_->playing = true;
}
void App::pause() { impl_->playing = false; }

int App::step(int epochs) {
    Impl& m = *impl_;
    int done = 0;
    for (int i = 0; i < epochs; ++i) {
        if (!m.trainer.step_epoch()) { m.playing = false; break; }
        ++done;
    }
    m.count_epochs(done);
    return m.trainer.epoch();
}

// Reset pauses, as the reference does.
void App::reset() {
    impl_->trainer.reset();
    impl_->playing = false;
}

// ---- The backprop lab -------------------------------------------------------------------------

std::string App::inspect_json(double x1, double x2, double label) const {
    return impl_->trainer.inspect_json(x1, x2, label);
}

std::string App::model_json() const { return impl_->trainer.model_json(); }

std::string App::load_model(const std::string& text) {
    Impl& m = *impl_;
    const std::string error = m.trainer.load_model_json(text);
    if (!error.empty()) m.notice("Model file: " + error);
    else { m.lab.check_done = false; m.lab.table_layer = 0; }
    return error;
}

std::string App::gradient_check_json() {
    Impl& m = *impl_;
    const LabExample& ex = m.lab.example;
    m.refresh_lab(true);
    m.run_gradient_check();
    const pg::GradCheck& c = m.lab.check;
    nlohmann::json j;
    j["maxRelError"] = c.max_rel_error;
    j["kinks"] = c.kinks;
    j["parameters"] = c.entries.size();
    if (c.worst >= 0) {
        const pg::GradCheckEntry& e = c.entries[size_t(c.worst)];
        j["worst"] = {{"layer", e.layer}, {"out", e.out}, {"in", e.in}, {"analytic", e.analytic}, {"numeric", e.numeric},
                      {"relError", e.rel_error}};
    } else {
        j["worst"] = nullptr;
    }
    j["example"] = {ex.x1, ex.x2, ex.label};
    return j.dump();
}

void App::select(double x1, double x2, double label) {
    impl_->lab.example = LabExample{LabExample::Source::kTyped, -1, x1, x2, label};
}

std::string App::selected_json() const {
    const LabExample& ex = impl_->lab.example;
    const char* source = ex.source == LabExample::Source::kTrain ? "train"
                         : ex.source == LabExample::Source::kTest ? "test" : "typed";
    return nlohmann::json{{"x1", ex.x1}, {"x2", ex.x2}, {"label", ex.label}, {"source", source}, {"index", ex.index}}.dump();
}

std::string App::load_lesson(const std::string& id) { return impl_->load_lesson(id); }

std::string App::lessons_json() const {
    nlohmann::json list = nlohmann::json::array();
    for (const pg::Lesson& l : pg::lessons())
        list.push_back({{"id", std::string(l.id)}, {"title", std::string(l.title)}, {"summary", std::string(l.summary)},
                        {"state", std::string(l.state)}, {"model", std::string(l.model)}, {"csv", std::string(l.csv)}});
    return list.dump();
}

std::string App::lab_update() {
    Impl& m = *impl_;
    m.refresh_lab(true);
    m.lab_update_step();
    return m.trainer.divergence();
}

std::string App::probe_json() const {
    Impl& m = *impl_;
    m.lab.probe_links = true;  // from the next frame on, links are listed too
    nlohmann::json items = nlohmann::json::object();
    for (const LabState::Item& it : m.lab.items)
        items[it.name] = {it.min.x, it.min.y, it.max.x - it.min.x, it.max.y - it.min.y};
    return nlohmann::json{{"tooltip", m.lab.tooltip_text}, {"items", items}, {"updates", m.lab.updates},
                          {"stepping", m.lab.stepping}, {"forwardLayers", m.lab.forward_layers},
                          {"backwardLayers", m.lab.backward_layers}, {"notices", m.notices}}
        .dump();
}

Metrics App::metrics() const {
    const Impl& m = *impl_;
    Metrics r;
    r.epoch = m.trainer.epoch();
    r.train_loss = m.trainer.train_loss();
    r.test_loss = m.trainer.test_loss();
    r.accuracy = m.trainer.problem() == pg::Problem::kRegression ? 0.0 : m.trainer.test_accuracy();
    if (!m.trainer.has_test_set()) {  // 100 % training data: no test loss (JSON null)
        r.test_loss = std::nan("");
        r.accuracy = std::nan("");
    }
    r.epochs_per_second = m.epochs_per_second;
    r.frame_ms = m.frame_ms;
    r.train_ms = m.train_ms;
    r.heatmap_ms = m.heatmap_ms;
    r.ui_ms = m.ui_ms;
    r.playing = m.playing;
    r.divergence = m.trainer.divergence();
    return r;
}

const std::vector<std::string>& App::visible_controls() const { return impl_->visible_controls; }

}  // namespace pgapp
