#include "app.h"

#include <imgui.h>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <cmath>
#include <cstdio>
#include <memory>

#include <nlohmann/json.hpp>

#include "course.h"
#include "lesson_maker.h"
#include "fonts.h"
#include "pg/csv.h"
#include "pg/lab.h"
#include "pg/state.h"
#include "training.h"
#include "training_worker.h"
#include "ui/context.h"
#include "ui/heatmap.h"
#include "ui/numbers.h"
#include "ui/make_lesson_panel.h"
#include "ui/task_panel.h"
#include "ui/theme.h"
#include "heatmap_bands.h"
#include "layout.h"

namespace pgapp {
namespace {

using Clock = std::chrono::steady_clock;
constexpr int kGridResolution = 100;       // the reference's 100 × 100
constexpr double kTrainBudgetMs = 8.0;     // training time per frame while playing at "Max"
constexpr double kHeatmapBudgetMs = 6.0;   // grid evaluation per frame (a band of the grid)

double ms_since(Clock::time_point t) { return std::chrono::duration<double, std::milli>(Clock::now() - t).count(); }

// A notice's length at most (characters, about four lines of the notice box).
constexpr size_t kMaxNoticeChars = 320;
// `text` cut to about `max` bytes at a UTF-8 character boundary, with an ellipsis.
std::string clip_text(const std::string& text, size_t max) {
    if (text.size() <= max) return text;
    size_t cut = max;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
    return text.substr(0, cut) + "\u2026";
}

}  // namespace

struct App::Impl {
    App* self = nullptr;  // for the page's hooks (on_steps_done)
    AppOptions options;
    Trainer trainer;
    Course course{trainer};  // the open lesson: goals, answers, progress (course.h)
    LessonMaker maker;       // "Make a lesson"'s draft (lesson_maker.h)
    std::unique_ptr<HeatmapRenderer> heatmaps;
    HeatmapBands bands{kGridResolution};     // heatmaps of the drawn neurons, a band a frame (heatmap_bands.h)
    std::vector<float> feature_scale;        // 1 / max |feature| per feature
    bool playing = false;
    bool recording = false;                  // App::record (on_record said yes)
    int speed = 0;
    bool log_scale = false;
    std::vector<std::string> notices;        // shown until dismissed
    std::vector<std::string> visible_controls;
    ControlList controls;                    // every control of the last frame, once probe() asked (ui/controls.h)
    int notified_epoch = 0;
    std::string last_state;                  // last state string reported to the page

    // Applies a state; locked keys keep their values (pg/locks.h, checked by
    // the engine's Session) and each refused key leaves a notice.
    std::string apply(const pg::State& s, std::vector<std::string>* refused_out = nullptr);

    DrawState draw;  // Draw mode of the output plot
    bool touch = false;             // touch is the pointer in use
    SystemSettings system;          // dark mode, more contrast, reduced motion (set_system_settings)
    bool hover_is_content = false;  // the last frame's tooltip is the diagram's or the lab's

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
    double ui_recorded_ms = 0, ui_plain_ms = 0;      // of frames that recorded the controls, and of the others

    void train_for_frame();
    // Epochs a script asked for (request_steps), trained in slices of the
    // frame's budget so that a large n never blocks the page; first come,
    // first served. pause(), reset() and a divergence end them.
    struct StepRequest { int id; int remaining; };
    std::vector<StepRequest> step_requests;
    void run_steps(double ms);
    void end_steps();
    // Training off the frame (training_worker.h): while playing at full speed
    // a worker trains a copy of the run; the frame applies its progress.
    std::unique_ptr<TrainingWorker> worker;  // made at the first Play
    bool worker_failed = false;              // no worker here: frames train
    bool worker_running = false;             // the worker trains generation worker_generation
    bool worker_wanted = false;              // progress asked for and not arrived
    uint32_t worker_generation = 0;
    uint64_t sent_revision = 0;              // trainer.revision() when the run was sent
    void pull_progress();                    // frame start: apply the worker's progress
    void push_run();                         // frame end: start, resend or stop the worker
    void stop_worker();
    void count_epochs(int n) { epochs_in_window += n; }
    void update_rates();
    void apply_issues(const pg::StateParse& parse);
    // Notices and the divergence message float over the bottom of the window,
    // so that they never move a control under the mouse.
    void draw_notices();
    void draw_ui(UiContext& ctx);
    // Keeps the chosen example on its point (the data may have changed) and
    // computes its numbers; false if the lab is closed.
    bool refresh_lab(bool force = false);
    void apply_lab_requests(pg::State& edit);
    void lab_update_step();
    void run_gradient_check();
    std::string load_lesson(const std::string& id_or_json);
    void lesson_started();  // the lab back to its start after a lesson (re)loaded
    // Carries out a "Make a lesson" button; true if the run changed (Try as a student).
    bool lesson_maker_action(LessonMaker::Action action);
    // Adds a notice unless it is already shown (a rejected edit repeats its
    // message). Every notice is bounded (what quotes a 16 MiB input must not
    // take the frame or push the Dismiss button off the window).
    void notice(const std::string& full) {
        const std::string text = clip_text(full, kMaxNoticeChars);
        if (std::find(notices.begin(), notices.end(), text) == notices.end()) notices.push_back(text);
        if (notices.size() > 12) notices.erase(notices.begin(), notices.end() - 12);
    }
};

App::App(const AppOptions& options) : impl_(new Impl) {
    Impl& m = *impl_;
    m.self = this;
    m.options = options;
    apply_theme();
    m.heatmaps = std::make_unique<HeatmapRenderer>(options.glsl_version, kGridResolution);
    if (!m.heatmaps->ok()) m.notice("Heatmaps are unavailable: " + m.heatmaps->error());

    m.feature_scale = m.bands.feature_scale();
    m.heatmaps->reserve(kNeuronLayer0 + 64);
    m.heatmaps->upload(kFeatureLayer0, pg::kNumFeatures, m.bands.feature_grid().data());

    if (!options.state.empty()) {
        const pg::StateParse parse = pg::parse_state(options.state);
        m.apply_issues(parse);
        const std::string error = m.trainer.set_state(parse.state);
        if (!error.empty()) m.notice("Link: " + error);
    }
    m.last_state = pg::serialize_state(m.trainer.state());
}

App::~App() { delete impl_; }

void App::Impl::draw_notices() {
    const std::string divergence = trainer.divergence();
    if (notices.empty() && divergence.empty()) return;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float fs = ImGui::GetFontSize();
    const float w = std::min(vp->WorkSize.x - 2 * fs, fs * 48);
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x - w - fs, vp->WorkPos.y + vp->WorkSize.y - fs * 1.6f),
                            ImGuiCond_Always, ImVec2(0, 1));
    ImGui::SetNextWindowSizeConstraints(ImVec2(w, 0), ImVec2(w, vp->WorkSize.y * 0.4f));
    ImGui::PushStyleColor(ImGuiCol_WindowBg, divergence.empty() ? palette().notice_bg : palette().error_bg);
    ImGui::PushStyleVar(ImGuiStyleVar_WindowBorderSize, 1.0f);
    ImGui::Begin("##notices", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                     ImGuiWindowFlags_AlwaysAutoResize | ImGuiWindowFlags_NoFocusOnAppearing | ImGuiWindowFlags_NoNav);
    // Dismiss first, so that it is never pushed out of the box (Escape does the same).
    const size_t shown = std::min<size_t>(notices.size(), 3);
    if (!notices.empty()) {
        if (target_button("Dismiss")) notices.clear();
        controls.add("notices.dismiss", "", ControlKind::kButton, "Dismiss", {});
        tooltip("Hide these notices (Escape).");
        if (notices.size() > shown) {
            ImGui::SameLine();
            ImGui::TextDisabled("(%d older)", int(notices.size() - shown));
        }
    }
    ImGui::PushTextWrapPos(w - fs);
    if (!divergence.empty()) ImGui::TextWrapped("%s", divergence.c_str());
    for (size_t i = notices.size() - shown; i < notices.size(); ++i) ImGui::TextWrapped("%s", notices[i].c_str());
    ImGui::PopTextWrapPos();
    ImGui::End();
    ImGui::PopStyleVar();
    ImGui::PopStyleColor();
}

void App::Impl::apply_issues(const pg::StateParse& parse) {
    for (const pg::StateIssue& issue : parse.issues) notice("Link: " + issue.message);
}

std::string App::Impl::apply(const pg::State& wanted, std::vector<std::string>* refused_out) {
    std::vector<std::string> refused;
    const std::string error = trainer.set_state(wanted, &refused);
    for (const std::string& key : refused)
        notice("'" + key + "' is locked by the page that embeds this playground; it keeps its value.");
    if (refused_out) *refused_out = std::move(refused);
    return error;
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

std::string App::Impl::load_lesson(const std::string& id_or_json) {
    const std::string error = course.open(id_or_json);
    if (!error.empty()) {
        notice("Lesson: " + error);
        return error;
    }
    lesson_started();
    return {};
}

bool App::Impl::lesson_maker_action(LessonMaker::Action action) {
    using A = LessonMaker::Action;
    std::string error;
    const std::string json = maker.make_json(trainer, error);
    if (json.empty()) {
        notice("Make a lesson: " + error);
        return false;
    }
    // In the page, "Try as a student" opens the lesson's link in a new tab: a
    // fresh page, with the lesson's locks there and none here (locks only add
    // up, so trying it in place would lock the teacher's own page). The
    // desktop has one window: the lesson opens in it.
    if (action == A::kTry && !self->on_lesson_action) return load_lesson(json).empty();
    if (action == A::kDownload) {
        if (!self->on_save_file) return false;
        const std::string where = self->on_save_file(lesson_id_from_title(maker.title) + ".json", json);
        if (!where.empty()) notice("Saved the lesson to " + where);
        return false;
    }
    const char* kind = action == A::kTry ? "try" : action == A::kLink ? "link" : action == A::kEmbed ? "embed"
                     : action == A::kScorm12 ? "scorm-1.2" : "scorm-2004";
    if (self->on_lesson_action) self->on_lesson_action(kind, json);
    else notice("Make a lesson: links, snippets and SCORM packages come from the page in a browser; here, "
                "download the lesson file and use playground-cli package");
    return false;
}

void App::Impl::lesson_started() {
    playing = false;
    lab.example = LabExample{};
    lab.stepping = false;
    lab.updates = 0;
    lab.update_note.clear();
    lab.check_done = false;
    lab.hand_points_loaded = false;
    lab.table_layer = 0;
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

// Training inside the frame: when no worker trains (it is still loading, the
// platform has none), and at a fixed speed of N epochs per frame. At full
// speed a frame trains whole mini-batches for kTrainBudgetMs, so a long epoch
// is spread over frames instead of stalling one.
void App::Impl::train_for_frame() {
    if (!step_requests.empty()) {
        run_steps(kTrainBudgetMs);
        return;
    }
    if (!playing || worker_running) return;
    int done = 0;
    if (speed > 0) {
        for (; done < speed; ++done)
            if (!trainer.step_epoch()) break;
    } else {
        done = trainer.train_for(kTrainBudgetMs);
    }
    if (trainer.diverged()) playing = false;
    count_epochs(done);
}

void App::Impl::run_steps(double ms) {
    const Clock::time_point start = Clock::now();
    while (!step_requests.empty()) {
        StepRequest& r = step_requests.front();
        const double left = ms - ms_since(start);
        if (r.remaining > 0 && left <= 0) return;
        const int done = r.remaining > 0 ? trainer.train_for(left, r.remaining) : 0;
        r.remaining -= done;
        count_epochs(done);
        if (!trainer.ready()) {  // diverged (or never built): nothing more to train
            end_steps();
            return;
        }
        if (r.remaining > 0) return;  // the budget ran out: the next frame goes on
        const int id = r.id;
        step_requests.erase(step_requests.begin());
        if (self->on_steps_done) self->on_steps_done(id, trainer.epoch());
    }
}

void App::Impl::end_steps() {
    std::vector<StepRequest> ended;
    ended.swap(step_requests);
    for (const StepRequest& r : ended)
        if (self->on_steps_done) self->on_steps_done(r.id, trainer.epoch());
}

void App::Impl::stop_worker() {
    if (worker && worker_running) worker->stop();
    worker_running = worker_wanted = false;
}

void App::Impl::pull_progress() {
    if (!worker) return;
    const std::string error = worker->take_error();
    if (!error.empty()) notice(error + "; training goes on in the page's frames");
    if (worker->failed() || !error.empty()) {
        stop_worker();
        worker_failed = true;
        worker.reset();
        return;
    }
    uint32_t generation = 0;
    std::string bytes;
    while (worker->take_progress(generation, bytes)) {
        if (!worker_running || generation != worker_generation) continue;  // of a dropped run
        worker_wanted = false;
        // The UI changed the run since it was sent: this progress is of the old
        // run (push_run resends at the end of the frame).
        if (trainer.revision() != sent_revision) continue;
        int advanced = 0;
        const std::string bad = trainer.apply_progress(bytes, advanced);
        if (!bad.empty()) {
            notice("Training worker: " + bad);
            stop_worker();
            worker_failed = true;
            return;
        }
        count_epochs(advanced);
        if (trainer.diverged()) {
            playing = false;
            stop_worker();
            return;
        }
    }
    if (worker_running && !worker_wanted) {
        worker->want(worker_generation);
        worker_wanted = true;
    }
}

void App::Impl::push_run() {
    if (!playing || speed > 0 || trainer.diverged() || worker_failed) {
        stop_worker();
        return;
    }
    if (!worker) worker = make_training_worker();
    if (!worker || worker->failed() || !worker->ready()) return;  // frames train meanwhile
    if (worker_running && trainer.revision() == sent_revision) return;
    ++worker_generation;
    worker->start(worker_generation, trainer.save_run());
    sent_revision = trainer.revision();
    worker_running = true;
    worker->want(worker_generation);
    worker_wanted = true;
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

// The whole window: title, controls bar, the three columns, the status line,
// then the floating notices (or a word that the window is too small).
void App::Impl::draw_ui(UiContext& ctx) {
    // --- Layout (web/layout.h) ---------------------------------------------------------------
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const LayoutKind kind = layout_kind(vp->WorkSize.x, vp->WorkSize.y);
    const bool stacked = kind == LayoutKind::kStacked;
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    // Stacked, the window scrolls (wheel, scrollbar, a swipe on touch); in
    // columns, each panel scrolls itself.
    ImGui::Begin("Playground", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus |
                     ImGuiWindowFlags_NoBackground |
                     (stacked ? ImGuiWindowFlags_AlwaysVerticalScrollbar : ImGuiWindowFlags_NoScrollWithMouse));
    // No background: main.cpp clears to the same colour, and a full-window quad
    // is the largest fill of the frame (it halves the frame time on a software
    // rasterizer such as headless Chromium's SwiftShader).
    const float fs = ImGui::GetFontSize();
    const bool roomy = vp->WorkSize.y >= 640 * fs / 15.0f;

    if (ctx.text_shown() && (roomy || stacked)) {
        ImGui::PushFont(font(FontRole::Heading));
        ImGui::TextUnformatted("Neural Network Playground");
        ImGui::PopFont();
        const float tagline = ImGui::CalcTextSize("Tinker with a neural network right here in your browser.").x;
        if (ImGui::GetItemRectMax().x + fs + tagline < ImGui::GetWindowPos().x + ImGui::GetWindowContentRegionMax().x) {
            ImGui::SameLine();
            ImGui::AlignTextToFramePadding();
            ImGui::TextDisabled("Tinker with a neural network right here in your browser.");
        }
    }
    draw_controls_bar(ctx);
    ImGui::Separator();

    const float status_h = ImGui::GetTextLineHeightWithSpacing();
    const bool lab_open = ctx.lab_open();
    const float gap = ImGui::GetStyle().ItemSpacing.x;
    const Layout L = choose_layout(vp->WorkSize.x, vp->WorkSize.y, ImGui::GetContentRegionAvail().x,
                                   ImGui::GetContentRegionAvail().y - status_h, fs, gap, lab_open);
    ImGui::PushStyleColor(ImGuiCol_ChildBg, IM_COL32(0, 0, 0, 0));
    // An open lesson's Task panel (ui/task_panel.h): above the data or lab
    // panel in the columns, first in the stacked column; it never covers them.
    const bool task = course.is_open() && ctx.show(pg::Control::kTask);
    if (!stacked) {
        // Three columns: data | network | output. The status line sits at the bottom.
        ImGui::BeginGroup();
        float task_h = 0;
        if (task) {
            // As tall as its content (last frame's), at most 45 % of the column; it scrolls.
            const float content = course.panel_height > 0 ? course.panel_height : L.height * 0.45f;
            task_h = std::min(content, L.height * 0.45f);
            if (ImGui::BeginChild("task", ImVec2(L.data_w, task_h), false)) draw_task_panel(ctx, course);
            ImGui::EndChild();
            lab.record("task");
            task_h += ImGui::GetStyle().ItemSpacing.y;
        }
        if (ImGui::BeginChild(lab_open ? "lab" : "data", ImVec2(L.data_w, L.height - task_h), false)) {
            if (lab_open) draw_lab_panel(ctx);
            else draw_data_panel(ctx);
        }
        ImGui::EndChild();
        ImGui::EndGroup();
        ImGui::SameLine();
        if (ImGui::BeginChild("network", ImVec2(L.net_w, L.height), false,
                              ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
            draw_network_view(ctx);
        ImGui::EndChild();
        ImGui::SameLine();
        if (ImGui::BeginChild("output", ImVec2(L.out_w, L.height), false)) draw_output_panel(ctx);
        ImGui::EndChild();
    } else {
        // One column the window scrolls: the task first (what the student is
        // asked), the output plot (what a student watches), then the network
        // (or both side by side), then the data or the lab.
        if (task) {
            ImGui::BeginGroup();
            draw_task_panel(ctx, course);
            ImGui::EndGroup();
            lab.record("task");
            ImGui::Separator();
        }
        if (L.side_by_side) {
            if (ImGui::BeginChild("network", ImVec2(L.net_w, L.net_h), false,
                                  ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
                draw_network_view(ctx);
            ImGui::EndChild();
            ImGui::SameLine();
            if (ImGui::BeginChild("output", ImVec2(L.out_w, L.out_h), false, ImGuiWindowFlags_NoScrollWithMouse))
                draw_output_panel(ctx);
            ImGui::EndChild();
        } else {
            if (ImGui::BeginChild("output", ImVec2(L.width, L.out_h), false, ImGuiWindowFlags_NoScrollWithMouse))
                draw_output_panel(ctx);
            ImGui::EndChild();
            if (ImGui::BeginChild("network", ImVec2(L.width, L.net_h), false,
                                  ImGuiWindowFlags_NoScrollbar | ImGuiWindowFlags_NoScrollWithMouse))
                draw_network_view(ctx);
            ImGui::EndChild();
        }
        ImGui::Separator();
        ImGui::BeginGroup();
        if (lab_open) draw_lab_panel(ctx);
        else draw_data_panel(ctx);
        ImGui::EndGroup();
        ImGui::Separator();
    }
    ImGui::PopStyleColor();

    ImGui::PushFont(font(FontRole::Small));
    // Where training runs: in a worker its time is not the frame's.
    char training[64];
    if (worker_running) std::snprintf(training, sizeof training, "training in %s, %.1f here", worker->where(), train_ms);
    else std::snprintf(training, sizeof training, "training %.1f", train_ms);
    // Wrapped: a narrow column shows it whole on a few lines.
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetStyleColorVec4(ImGuiCol_TextDisabled));
    ImGui::TextWrapped("%.0f fps  |  frame %.1f ms (%s, heatmaps %.1f, UI %.1f)  |  %.0f epochs/s  |  network %s  |  %d train, %d test points",
                       frame_ms > 0 ? 1000.0 / frame_ms : 0.0, frame_ms, training, heatmap_ms, ui_ms, epochs_per_second,
                       pg::shape_string(trainer.network().spec()).c_str(), int(trainer.train_points().size()),
                       int(trainer.test_points().size()));
    ImGui::PopStyleColor();
    ImGui::PopFont();
    ImGui::End();
    draw_notices();

}

void App::frame() {
    Impl& m = *impl_;
    ImGuiIO& io = ImGui::GetIO();
    // The theme this frame is drawn in (main.cpp clears to its colour after
    // the frame): `theme=` or, with auto, the system's.
    use_theme(theme_for(m.trainer.state().theme, m.system));
    io.ConfigInputTextCursorBlink = !m.system.reduced_motion;
    m.heatmaps->begin_frame();
    // Training's share of the frame: applying the worker's progress, or training here.
    const Clock::time_point pull_start = Clock::now();
    m.pull_progress();
    double train_ms = ms_since(pull_start);
    m.update_rates();

    UiContext ctx(m.trainer, *m.heatmaps, m.trainer.state());
    ctx.playing = m.playing;
    ctx.speed = m.speed;
    ctx.log_scale = m.log_scale;
    ctx.epochs_per_second = m.epochs_per_second;
    ctx.frame_ms = m.frame_ms;
    ctx.feature_scale = m.feature_scale;
    ctx.recording = m.recording;
    ctx.can_record = bool(on_record);
    ctx.can_upload_csv = bool(on_pick_file);
    ctx.can_download_csv = bool(on_save_file);
#ifndef __EMSCRIPTEN__
    ctx.can_drop_files = true;
#endif

    m.lab.items.clear();
    m.lab.tooltip_text.clear();
    m.controls.begin_frame();
    ctx.controls = &m.controls;
    ctx.lab = &m.lab;
    ctx.maker = &m.maker;
    ctx.draw = &m.draw;

    // Keyboard (not while typing): space play/pause, s (or the right arrow) step,
    // r reset, i the lab; in the lab ←/→ choose the previous/next training example.
    // A control hidden by the lesson (`<control>_hide`) has no shortcut either.
    const pg::State& run = m.trainer.state();
    if (!io.WantTextInput) {
        const bool lab_keys = run.inspect;
        if (!run.hidden(pg::Control::kPlayButton) && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Space), false))
            ctx.request_toggle_play = true;
        const int n_train = int(m.trainer.train_points().size());
        if (ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_RightArrow))) {
            if (lab_keys && n_train > 0) {
                m.lab.example.step(+1, n_train);
            } else if (!run.hidden(pg::Control::kStepButton)) {
                ctx.request_step = true;
            }
        }
        if (lab_keys && n_train > 0 && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_LeftArrow)))
            m.lab.example.step(-1, n_train);
        // Escape dismisses the notices (a popup or a list open takes it first).
        if (!m.notices.empty() && ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Escape), false) &&
            !ImGui::IsPopupOpen(nullptr, ImGuiPopupFlags_AnyPopupId))
            m.notices.clear();
        for (ImWchar c : io.InputQueueCharacters) {
            if ((c == 's' || c == 'S') && !run.hidden(pg::Control::kStepButton)) ctx.request_step = true;
            if ((c == 'r' || c == 'R') && !run.hidden(pg::Control::kResetButton)) ctx.request_reset = true;
            if ((c == 'i' || c == 'I') && !run.hidden(pg::Control::kInspect)) ctx.request_toggle_lab = true;
        }
    }
    // The chosen example's numbers, once per frame, after the keys may have moved it.
    if (m.refresh_lab()) ctx.view = LabView{&m.trace, &m.target};

    Clock::time_point t0 = Clock::now();
    m.train_for_frame();
    train_ms += ms_since(t0);
    m.train_ms = m.train_ms * 0.9 + train_ms * 0.1;
    t0 = Clock::now();
    m.bands.refresh(m.trainer, *m.heatmaps, kHeatmapBudgetMs);
    m.heatmap_ms = m.heatmap_ms * 0.9 + ms_since(t0) * 0.1;
    t0 = Clock::now();

    ctx.touch = m.touch;
    m.draw_ui(ctx);
    draw_make_lesson_panel(ctx, m.maker);
    const double ui_ms = ms_since(t0);
    m.ui_ms = m.ui_ms * 0.9 + ui_ms * 0.1;
    double& split = m.controls.recording() ? m.ui_recorded_ms : m.ui_plain_ms;
    split = split * 0.8 + ui_ms * 0.2;
    m.hover_is_content = ctx.hovered_layer >= 0 || !m.lab.tooltip_text.empty();

    // --- Apply what the panels asked for ------------------------------------------------------
    m.speed = ctx.speed;
    m.log_scale = ctx.log_scale;
    // Each name once (the activation menu is drawn once per hidden layer too).
    m.visible_controls.clear();
    for (std::string& name : ctx.visible_controls)
        if (std::find(m.visible_controls.begin(), m.visible_controls.end(), name) == m.visible_controls.end())
            m.visible_controls.push_back(std::move(name));
    if (ctx.request_regenerate) {
        ctx.edit.seed = pg::make_seed_text(uint64_t(Clock::now().time_since_epoch().count()));
    }
    if (ctx.request_generated_data) {
        const std::string error = m.trainer.use_generated_data();
        if (!error.empty()) m.notice(error);
    }
    if (ctx.request_csv_upload && on_pick_file) on_pick_file("csv");
    if (ctx.request_model_open && on_pick_file) on_pick_file("model");
    if (ctx.request_lesson_open && on_pick_file) on_pick_file("lesson");
    if (ctx.request_csv_download && on_save_file) {
        const std::string where = on_save_file("playground-data.csv", m.trainer.data_csv());
        if (!where.empty()) m.notice("Saved the points to " + where);
    }
    if (ctx.request_model_save && on_save_file) {
        const std::string where = on_save_file("playground-model.json", m.trainer.model_json());
        if (!where.empty()) m.notice("Saved the model to " + where);
    }
    if (ctx.weights_edited) m.trainer.weights_edited();
    if (ctx.request_toggle_lab) ctx.edit.inspect = !ctx.edit.inspect;
    m.apply_lab_requests(ctx.edit);
    if (m.draw.request_apply) {
        m.draw.request_apply = false;
        // The drawn points become the data (the weights kept); an empty set
        // keeps the last data until a point is added.
        if (!m.draw.points.empty()) {
            const std::string error = m.trainer.use_points(m.draw.points);
            if (!error.empty()) m.notice("Points: " + error);
            m.lab.hand_points_loaded = false;
        }
    }
    if (!m.lab.request_lesson.empty()) {
        const std::string id = std::move(m.lab.request_lesson);
        m.lab.request_lesson.clear();
        m.load_lesson(id);
        ctx.edit = m.trainer.state();  // the lesson's state replaces the edits of this frame
    }
    if (m.maker.request != LessonMaker::Action::kNone) {  // "Make a lesson"'s buttons
        if (m.lesson_maker_action(m.maker.request)) ctx.edit = m.trainer.state();
        m.maker.request = LessonMaker::Action::kNone;
    }
    if (m.course.is_open()) {  // the Task panel's answers, hints and Start over
        const bool restart = m.course.requests.start_over;
        const std::string error = m.course.apply_requests();
        if (!error.empty()) m.notice("Lesson: " + error);
        if (restart && error.empty()) {
            m.lesson_started();
            ctx.edit = m.trainer.state();
        }
    }
    if (!(ctx.edit == m.trainer.state())) {
        const std::string error = m.apply(ctx.edit);
        if (!error.empty()) m.notice(error);
    }
    // The timeline (ui/timeline.cpp) and Record.
    if (ctx.request_view_epoch >= 0) view_epoch(ctx.request_view_epoch);
    if (ctx.request_back_to_present) back_to_present();
    if (ctx.request_continue_from_here) continue_from_here();
    if (ctx.request_toggle_record) record(!m.recording);
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
    m.course.update();  // goals ticked on this frame's run
    m.push_run();
}

std::string App::state_string() const { return pg::serialize_state(impl_->trainer.state()); }

std::vector<std::string> App::set_state(const std::string& text, bool replace) {
    Impl& m = *impl_;
    const pg::StateParse given = pg::parse_state(text);
    m.apply_issues(given);
    std::vector<std::string> messages;
    for (const pg::StateIssue& issue : given.issues) messages.push_back(issue.message);
    // Merge: the given keys over the running state (a later key wins in a state string).
    const pg::State wanted =
        replace ? given.state : pg::parse_state(pg::serialize_state(m.trainer.state()) + "&" + text).state;
    std::vector<std::string> refused;
    const std::string error = m.apply(wanted, &refused);
    for (const std::string& key : refused) messages.push_back("'" + key + "' is locked by the embedding page");
    if (!error.empty()) {
        m.notice("Link: " + error);
        messages.push_back(error);
    }
    return messages;
}

std::vector<std::string> App::lock(const std::string& keys_or_state) {
    Impl& m = *impl_;
    std::vector<std::string> messages;
    std::string names = keys_or_state;
    if (keys_or_state.find('=') != std::string::npos) {
        // key=value pairs: set them, then lock those keys.
        messages = set_state(keys_or_state, false);
        names.clear();
        for (const std::string& key : pg::parse_state(keys_or_state).keys) names += key + ",";
    }
    for (std::string& error : m.trainer.lock(names)) {
        m.notice(error);
        messages.push_back(std::move(error));
    }
    return messages;
}

std::vector<std::string> App::locked_keys() const { return impl_->trainer.locks().names(); }

std::string App::load_csv(const std::string& text) {
    const std::string error = impl_->trainer.load_csv(text);
    if (!error.empty()) impl_->notice("CSV: " + error);
    return error;
}

std::string App::data_csv() const { return impl_->trainer.data_csv(); }

std::string App::drop_file(const std::string& path) {
    Impl& m = *impl_;
    const std::string name = path.substr(path.find_last_of("/\\") + 1);
    // Read at most the CSV limit (16 MiB) of a regular file.
    std::string text, error;
    {
#ifdef __EMSCRIPTEN__
        // The page has no file system (files come in through loadCsv/loadModel);
        // std::filesystem and std::ifstream would add 50 KB of libc++ to it.
        error = "cannot be read in the browser";
#else
        std::error_code ec;
        const auto status = std::filesystem::status(path, ec);
        if (ec || !std::filesystem::exists(status)) error = "does not exist";
        else if (!std::filesystem::is_regular_file(status)) error = "is not a regular file";
        else if (std::filesystem::file_size(path, ec) > pg::kMaxCsvBytes) error = "is larger than 16 MiB";
        else {
            std::ifstream in(path, std::ios::binary);
            if (!in) error = "cannot be opened";
            else text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        }
#endif
    }
    const bool model = name.size() > 5 && name.substr(name.size() - 5) == ".json";
    // A lesson file (pg/lesson.h) opens as a lesson.
    if (error.empty() && model && text.find("\"playground-lesson/") != std::string::npos) {
        error = m.load_lesson(text);
        return error.empty() ? "Opened the lesson " + name : name + ": " + error;
    }
    if (error.empty()) error = model ? m.trainer.load_model_json(text) : m.trainer.load_csv(text);
    std::string message;
    if (!error.empty()) {
        message = name + ": " + error + " (kept the current " + (model ? "network)" : "data)");
    } else if (model) {
        m.lab.check_done = false;
        message = "Loaded the model " + name + " (" + pg::shape_string(m.trainer.network().spec()) + ")";
    } else {
        m.lab.hand_points_loaded = false;
        message = "Loaded " + std::to_string(m.trainer.train_points().size() + m.trainer.test_points().size()) +
                  " points from " + name;
    }
    m.notice(message);
    return message;
}

void App::notice(const std::string& text) { impl_->notice(text); }
void App::set_touch(bool touch) { impl_->touch = touch; }
void App::set_system_settings(const SystemSettings& system) { impl_->system = system; }
bool App::hover_is_content() const { return impl_->hover_is_content; }

// Play while a past epoch is shown trains on from it (what is shown is what trains).
void App::play() {
    if (impl_->trainer.viewed_epoch() >= 0) impl_->trainer.continue_from_here();
    if (!impl_->trainer.diverged()) impl_->playing = true;
}
// Pausing keeps exactly what is shown: the worker's run is dropped at once.
void App::pause() {
    impl_->playing = false;
    impl_->stop_worker();
    impl_->end_steps();
}

void App::request_steps(int id, int epochs) {
    Impl& m = *impl_;
    // As the reference's Step button: training pauses first.
    m.playing = false;
    m.stop_worker();
    m.step_requests.push_back({id, std::max(0, epochs)});
    m.run_steps(kTrainBudgetMs);  // a short request ends here, within this call
}

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
    pause();
}

// ---- The backprop lab -------------------------------------------------------------------------

std::string App::inspect_json(double x1, double x2, double label) const {
    if (!impl_->trainer.accepts_label(label)) return "null";  // the page says why
    return impl_->trainer.inspect_json(x1, x2, label);
}

std::string App::model_json() const { return impl_->trainer.model_json(); }

// ---- Training's history and Record ----------------------------------------------------------

int App::view_epoch(int epoch) {
    Impl& m = *impl_;
    // Looking back pauses: the worker's run is dropped, what is shown stays.
    if (m.playing || !m.step_requests.empty()) pause();
    m.trainer.view_epoch(epoch);
    return m.trainer.epoch();
}

void App::back_to_present() { impl_->trainer.back_to_present(); }
void App::continue_from_here() { impl_->trainer.continue_from_here(); }

// Written out by hand: numbers only (nlohmann's templates cost the page more).
std::string App::timeline_json() const {
    const Trainer& tr = impl_->trainer;
    std::string out = "{\"epochs\":[";
    for (const pg::Snapshot& s : tr.weight_history().snapshots()) {
        if (out.back() != '[') out += ',';
        out += std::to_string(s.epoch);
    }
    const auto field = [&out](const char* name, const std::string& value) {
        out += name;
        out += value;
    };
    field("],\"shown\":", std::to_string(tr.epoch()));
    field(",\"present\":", std::to_string(tr.present_epoch()));
    field(",\"viewing\":", tr.viewed_epoch() >= 0 ? "true" : "false");
    field(",\"bytes\":", std::to_string(tr.weight_history().bytes()));
    field(",\"budget\":", std::to_string(tr.weight_history().budget()));
    out += '}';
    return out;
}

void App::record(bool on) {
    Impl& m = *impl_;
    if (!on_record || on == m.recording) return;
    std::string message;
    const bool done = on_record(on, message);
    m.recording = on && done;
    if (!message.empty()) m.notice(message);
}

bool App::recording() const { return impl_->recording; }

void App::recording_ended(const std::string& message) {
    impl_->recording = false;
    if (!message.empty()) impl_->notice(message);
}

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
    nlohmann::ordered_json j;
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

std::string App::select(double x1, double x2, double label) {
    Impl& m = *impl_;
    if (!m.trainer.accepts_label(label) || !Trainer::accepts_coordinate(x1) || !Trainer::accepts_coordinate(x2))
        return "select(x1, x2, label): the label does not fit the problem, or a coordinate is beyond 1e6";
    m.lab.example = LabExample{LabExample::Source::kTyped, -1, x1, x2, label};
    return {};
}

std::string App::selected_json() const {
    const LabExample& ex = impl_->lab.example;
    const char* source = ex.source == LabExample::Source::kTrain ? "train"
                         : ex.source == LabExample::Source::kTest ? "test" : "typed";
    return nlohmann::ordered_json{{"x1", ex.x1}, {"x2", ex.x2}, {"label", ex.label}, {"source", source}, {"index", ex.index}}.dump();
}

std::string App::load_lesson(const std::string& id_or_json) { return impl_->load_lesson(id_or_json); }
Course& App::course() { return impl_->course; }
std::string App::make_lesson_json(std::string& error) const { return impl_->maker.make_json(impl_->trainer, error); }
void App::show_lesson_maker(bool open) { impl_->maker.open = open; }
std::string App::start_over_lesson() {
    const std::string error = impl_->course.start_over();
    if (error.empty()) impl_->lesson_started();
    return error;
}

std::string App::lessons_json() const {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
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
    m.controls.start_recording();  // and every control (`controls` is empty until then)
    nlohmann::ordered_json items = nlohmann::ordered_json::object();
    for (const LabState::Item& it : m.lab.items)
        items[it.name] = {it.min.x, it.min.y, it.max.x - it.min.x, it.max.y - it.min.y};
    return nlohmann::ordered_json{{"tooltip", m.lab.tooltip_text}, {"items", items}, {"updates", m.lab.updates},
                          {"stepping", m.lab.stepping}, {"forwardLayers", m.lab.forward_layers},
                          {"backwardLayers", m.lab.backward_layers}, {"notices", m.notices},
                          {"cellError", m.lab.cell_error},
                          {"theme", theme_id_name(current_theme())},
                          {"system", {{"dark", m.system.dark}, {"moreContrast", m.system.more_contrast},
                                      {"reducedMotion", m.system.reduced_motion}}},
                          {"controls", m.controls.to_json()}}
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
    r.ui_recorded_ms = m.ui_recorded_ms;
    r.ui_plain_ms = m.ui_plain_ms;
    r.playing = m.playing;
    r.training_in = m.worker_running ? "worker" : "frame";
    r.divergence = m.trainer.divergence();
    return r;
}

const std::vector<std::string>& App::visible_controls() const { return impl_->visible_controls; }
ControlList& App::controls() { return impl_->controls; }
const std::vector<std::string>& App::notices() const { return impl_->notices; }

}  // namespace pgapp
