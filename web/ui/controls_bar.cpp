// The top bar: Play/Pause, Step, Reset, the epoch counter and speed, then the
// hyper-parameters. Items flow onto a new line when the window is narrow.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <string>
#include <cstdio>
#include <cstring>

#include "fonts.h"
#include "pg/lab.h"
#include "lesson_maker.h"
#include "ui/context.h"
#include "text_field.h"
#include "ui/theme.h"

namespace pgapp {
namespace {

constexpr double kLearningRates[] = {0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10};
constexpr double kRegRates[] = {0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1, 3, 10};
constexpr pg::Activation kActivations[] = {pg::Activation::ReLU, pg::Activation::Tanh, pg::Activation::Sigmoid,
                                           pg::Activation::Linear, pg::Activation::LeakyReLU, pg::Activation::GELU,
                                           pg::Activation::GELUTanh, pg::Activation::Softplus,
                                           pg::Activation::Step, pg::Activation::Sign};

// Places groups left to right, wrapping when the next one does not fit.
struct Flow {
    float right;
    float spacing;
    bool first = true;
    void next(float width) {
        if (!first && ImGui::GetItemRectMax().x + spacing + width <= right) ImGui::SameLine(0, spacing);
        first = false;
    }
};

// As a person writes it: 0.00001, not 1e-05 (fixed notation down to 1e-7).
std::string number_text(double v) {
    char buf[48];
    if (v != 0 && std::fabs(v) < 1e-4 && std::fabs(v) >= 1e-7) {
        std::snprintf(buf, sizeof buf, "%.10f", v);
        std::string s = buf;
        while (!s.empty() && s.back() == '0') s.pop_back();
        return s;
    }
    std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

// The epoch counter as the reference shows it (000,123), growing past a
// million with every group of three digits separated: 1,234,567.
std::string epoch_text(int epoch) {
    char digits[16];
    std::snprintf(digits, sizeof digits, "%06d", std::max(0, epoch));
    std::string out;
    const int n = int(std::strlen(digits));
    for (int i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += ',';
        out += digits[i];
    }
    return out;
}

// A combo over a menu of numbers with a free value typed below the menu.
// `c` names the control for playground.probe() (the closed menu and, while
// open, each choice "learningRate.option.0.03" and the typed field);
// control_id, when given, replaces its name in those ids ("softplusBeta").
bool number_menu(UiContext& ctx, pg::Control c, const char* id, const char* label, double& value, const double* menu,
                 int count, double lo, double hi, float width, std::string_view control_id = {}) {
    bool changed = false;
    const std::string name(control_id.empty() ? pg::control_name(c) : control_id);
    ImGui::SetNextItemWidth(width);
    if (ImGui::BeginCombo(id, number_text(value).c_str())) {
        for (int i = 0; i < count; ++i) {
            const bool selected = std::fabs(menu[i] - value) <= 1e-12 * std::fabs(menu[i]);
            const std::string text = number_text(menu[i]);
            if (ImGui::Selectable(text.c_str(), selected)) { value = menu[i]; changed = true; }
            ctx.control(name + ".option." + text, c, ControlKind::kButton, text, selected ? "true" : "false");
        }
        ImGui::Separator();
        static double typed = 0;
        if (ImGui::IsWindowAppearing()) typed = value;
        ImGui::SetNextItemWidth(width * 1.4f);
        if (ImGui::InputDouble("other", &typed, 0, 0, "%.6g", ImGuiInputTextFlags_EnterReturnsTrue)) {
            value = std::clamp(typed, lo, hi);
            changed = true;
            ImGui::CloseCurrentPopup();
        }
        if (ctx.recording_controls()) ctx.control(name + ".other", c, ControlKind::kTextField, "other", number_text(typed));
        tooltip("Type any value and press Enter.");
        ImGui::EndCombo();
    }
    if (ctx.recording_controls()) ctx.control(name, c, ControlKind::kCombo, label, number_text(value));
    return changed;
}

// A combo over a few names (ImGui::Combo, with each choice recorded as
// "<name>.option.<i>" while the list is open, as the other menus do).
bool enum_combo(UiContext& ctx, pg::Control c, const char* id, const char* label, const char* const* names, int count,
                int& index) {
    bool changed = false;
    if (ImGui::BeginCombo(id, names[index])) {
        const std::string name(pg::control_name(c));
        for (int i = 0; i < count; ++i) {
            if (ImGui::Selectable(names[i], i == index)) { index = i; changed = true; }
            if (ctx.recording_controls())
                ctx.control(name + ".option." + std::to_string(i), c, ControlKind::kButton, names[i], i == index ? "true" : "false");
        }
        ImGui::EndCombo();
    }
    ctx.control(pg::control_name(c), c, ControlKind::kCombo, label, names[index]);
    return changed;
}

const char* activation_label(pg::Activation a) {
    switch (a) {
        case pg::Activation::Linear: return "Linear";
        case pg::Activation::Sigmoid: return "Sigmoid";
        case pg::Activation::Tanh: return "Tanh";
        case pg::Activation::ReLU: return "ReLU";
        case pg::Activation::LeakyReLU: return "Leaky ReLU";
        case pg::Activation::GELU: return "GELU";
        case pg::Activation::GELUTanh: return "GELU (tanh)";
        case pg::Activation::Softplus: return "Softplus";
        case pg::Activation::Step: return "Step";
        case pg::Activation::Sign: return "Sign";
    }
    return "?";
}

}  // namespace

// Shared with the network view (per-layer activation menus).
// Each choice shows f (blue) and f′ (orange) over z ∈ [−4, 4]; hovering the
// closed menu shows the current one larger.
bool activation_combo(const char* id, pg::Activation& a, float width, UiContext* ctx, std::string_view control_id,
                      std::string_view label) {
    bool changed = false;
    const bool record = ctx && ctx->recording_controls();
    const float fs = ImGui::GetFontSize();
    ImGui::SetNextItemWidth(width);
    ImGui::SetNextWindowSizeConstraints(ImVec2(std::max(width, fs * 10.5f), 0), ImVec2(1e6f, 1e6f));
    if (ImGui::BeginCombo(id, activation_label(a))) {
        const float row_h = fs * 1.9f, plot_w = fs * 4.2f;
        for (pg::Activation c : kActivations) {
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const float right = p.x + ImGui::GetContentRegionAvail().x;
            if (ImGui::Selectable(activation_label(c), c == a, 0, ImVec2(0, row_h))) { a = c; changed = true; }
            if (record)
                ctx->control(std::string(control_id) + ".option." + std::string(pg::to_string(c)), pg::Control::kActivation,
                             ControlKind::kButton, activation_label(c), c == a ? "true" : "false");
            draw_activation_plot(ImGui::GetWindowDrawList(), ImVec2(right - plot_w, p.y + 1), ImVec2(right, p.y + row_h - 1),
                                 c, false);
        }
        ImGui::EndCombo();
    } else if (ImGui::IsItemHovered()) {
        ImGui::BeginTooltip();
        ImGui::Text("%s: f(z) and f\u2032(z)", activation_label(a));
        const ImVec2 p = ImGui::GetCursorScreenPos();
        ImGui::Dummy(ImVec2(fs * 12, fs * 7));
        draw_activation_plot(ImGui::GetWindowDrawList(), p, ImVec2(p.x + fs * 12, p.y + fs * 7), a, true);
        ImGui::EndTooltip();
    }
    if (record) ctx->control(control_id, pg::Control::kActivation, ControlKind::kCombo, label, activation_label(a));
    return changed;
}

void draw_controls_bar(UiContext& ctx) {
    pg::State& s = ctx.edit;
    const float fs = ImGui::GetFontSize();
    Flow flow{ImGui::GetWindowContentRegionMax().x + ImGui::GetWindowPos().x, fs * 1.2f};

    // --- Run controls ---------------------------------------------------------------
    const float button_w = fs * 4.2f;
    // On touch the main buttons are 44 CSS px high (Apple's and Google's touch
    // targets); 0 is ImGui's frame height (25 px, WCAG's 24 px minimum).
    const float button_h = ctx.touch ? std::max(44.0f, ImGui::GetFrameHeight()) : 0.0f;
    flow.next(button_w * 3 + fs * 7.5f);
    ImGui::BeginGroup();
    caption(" ");
    if (ctx.show(pg::Control::kResetButton)) {
        if (ImGui::Button("Reset", ImVec2(button_w, button_h))) ctx.request_reset = true;
        if (ctx.lab) ctx.lab->record("reset");
        ctx.control("reset", pg::Control::kResetButton, ControlKind::kButton, "Reset");
        tooltip("Return to epoch 0 with exactly the same initial weights (key r).");
        ImGui::SameLine();
    }
    if (ctx.show(pg::Control::kPlayButton)) {
        const Palette& pal = palette();
        ImGui::PushStyleColor(ImGuiCol_Button, ctx.playing ? pal.pause_bg : pal.play_bg);
        ImGui::PushStyleColor(ImGuiCol_Text, ctx.playing ? pal.pause_text : pal.play_text);
        if (ImGui::Button(ctx.playing ? "Pause" : "Play", ImVec2(button_w, button_h))) ctx.request_toggle_play = true;
        if (ctx.lab) ctx.lab->record("play");
        ctx.control("play", pg::Control::kPlayButton, ControlKind::kButton, ctx.playing ? "Pause" : "Play");
        ImGui::PopStyleColor(2);
        tooltip(ctx.playing ? "Pause training (space)." : "Train continuously, several epochs per frame (space).");
        ImGui::SameLine();
    }
    if (ctx.show(pg::Control::kStepButton)) {
        if (ImGui::Button("Step", ImVec2(button_w, button_h))) ctx.request_step = true;
        if (ctx.lab) ctx.lab->record("step");
        ctx.control("step", pg::Control::kStepButton, ControlKind::kButton, "Step");
        tooltip("Train exactly one epoch: one pass over the training data (key s or right arrow).");
        ImGui::SameLine();
    }
    ImGui::BeginGroup();
    ImGui::AlignTextToFramePadding();
    ImGui::TextDisabled("Epoch");
    ImGui::SameLine();
    ImGui::PushFont(font(FontRole::Heading));
    ImGui::TextUnformatted(epoch_text(ctx.trainer.epoch()).c_str());
    ImGui::PopFont();
    ImGui::EndGroup();
    tooltip("Epochs trained so far: one epoch is one pass over the training set.");
    ImGui::EndGroup();

    if (ctx.show(pg::Control::kSpeed)) {
        flow.next(fs * 7);
        ImGui::BeginGroup();
        caption("Speed");
        ImGui::SetNextItemWidth(fs * 7);
        char label[32];
        auto speed_label = [&](int v) {
            if (v == 0) std::snprintf(label, sizeof label, "Max");
            else std::snprintf(label, sizeof label, "%d / frame", v);
            return label;
        };
        if (ImGui::BeginCombo("##speed", speed_label(ctx.speed))) {
            for (int v : kSpeedChoices) {
                if (ImGui::Selectable(speed_label(v), v == ctx.speed)) ctx.speed = v;
                ctx.control("speed.option." + std::to_string(v), pg::Control::kSpeed, ControlKind::kButton, label,
                            v == ctx.speed ? "true" : "false");
            }
            ImGui::EndCombo();
        }
        ctx.control("speed", pg::Control::kSpeed, ControlKind::kCombo, "Speed", speed_label(ctx.speed));
        tooltip("Epochs per frame while playing; Max trains as many as fit in ~8 ms per frame.");
        ImGui::EndGroup();
    }

    // --- Record: what the canvas shows, as a video (the page) or PNG frames (the desktop) ---
    if (ctx.can_record && ctx.show(pg::Control::kRecord)) {
        const char* label = ctx.recording ? "Stop" : "Record";
        flow.next(fs * 4.6f);
        ImGui::BeginGroup();
        caption("Video");
        if (ctx.recording) ImGui::PushStyleColor(ImGuiCol_Button, palette().error_bg);
        if (ImGui::Button(label, ImVec2(fs * 4.6f, 0))) ctx.request_toggle_record = true;
        if (ctx.recording) ImGui::PopStyleColor();
        ctx.control("record", pg::Control::kRecord, ControlKind::kButton, label, ctx.recording ? "true" : "false");
        tooltip(ctx.recording ? "Stop recording and save the file." :
                                "Record what the playground shows, for slides: a WebM video in the browser, PNG "
                                "frames in a folder on the desktop. Press again to stop.");
        ImGui::EndGroup();
    }

    // --- The backprop lab: Inspect and the Lessons menu ----------------------------------
    if (ctx.show(pg::Control::kInspect)) {
        flow.next(fs * 9.5f);
        ImGui::BeginGroup();
        caption("Backprop lab");
        const bool open = ctx.edit.inspect;
        if (open) ImGui::PushStyleColor(ImGuiCol_Button, palette().toggle_on);
        if (ImGui::Button("Inspect", ImVec2(fs * 4.2f, 0))) ctx.request_toggle_lab = true;
        if (open) ImGui::PopStyleColor();
        if (ctx.lab) ctx.lab->record("inspect");
        ctx.control("inspect", pg::Control::kInspect, ControlKind::kButton, "Inspect", open ? "true" : "false");
        tooltip("Open the lab: pick one example and read every number of backpropagation on the diagram, step "
                "through Forward, Backward and Update, check the gradient and edit the weights (key i).");
        ImGui::SameLine();
        if (ImGui::Button("Lessons")) ImGui::OpenPopup("lessons");
        if (ctx.lab) ctx.lab->record("lessons");
        ctx.control("lessons", pg::Control::kInspect, ControlKind::kButton, "Lessons");
        tooltip("Worked examples from lectures: network, weights, data and settings in one click.");
        if (ImGui::BeginPopup("lessons")) {
            ImGui::PushTextWrapPos(fs * 26);
            for (const pg::Lesson& lesson : pg::lessons()) {
                ImGui::PushID(lesson.id.data(), lesson.id.data() + lesson.id.size());
                const std::string title(lesson.title);
                if (ImGui::Selectable(title.c_str()) && ctx.lab) ctx.lab->request_lesson = std::string(lesson.id);
                if (ctx.lab) ctx.lab->record("lesson." + std::string(lesson.id));
                ctx.control("lesson." + std::string(lesson.id), pg::Control::kInspect, ControlKind::kButton, title);
                ImGui::PushFont(font(FontRole::Small));
                ImGui::TextDisabled("%.*s", int(lesson.summary.size()), lesson.summary.data());
                ImGui::PopFont();
                ImGui::PopID();
            }
            // A teacher's lesson file (pg/lesson.h): the page's file chooser
            // (the desktop opens one dropped on its window).
            if (ctx.can_upload_csv) {
                ImGui::Separator();
                if (ImGui::Selectable("Open a lesson file\xe2\x80\xa6")) ctx.request_lesson_open = true;
                ctx.control("lesson.open", pg::Control::kInspect, ControlKind::kButton, "Open a lesson file");
            }
            // A teacher's own lesson from the page as it is (ui/make_lesson_panel.h).
            if (ctx.maker && ctx.show(pg::Control::kMakeLesson)) {
                if (!ctx.can_upload_csv) ImGui::Separator();
                if (ImGui::Selectable("Make a lesson\xe2\x80\xa6")) ctx.maker->open = true;
                ctx.control("lesson.make", pg::Control::kMakeLesson, ControlKind::kButton, "Make a lesson");
            }
            ImGui::PopTextWrapPos();
            ImGui::EndPopup();
        }
        ImGui::EndGroup();
    }

    // --- Hyper-parameters -------------------------------------------------------------
    const float combo_w = fs * 6.0f;
    if (ctx.show(pg::Control::kLearningRate)) {
        flow.next(combo_w);
        ImGui::BeginGroup();
        caption("Learning rate");
        number_menu(ctx, pg::Control::kLearningRate, "##lr", "Learning rate", s.learning_rate, kLearningRates, int(std::size(kLearningRates)), 1e-7, pg::kMaxLearningRate,
                    combo_w);
        tooltip("Step size of gradient descent; changing it keeps the current weights.");
        ImGui::EndGroup();
    }
    if (ctx.show(pg::Control::kActivation)) {
        flow.next(combo_w);
        ImGui::BeginGroup();
        caption("Activation");
        pg::Activation a = s.activation;
        if (activation_combo("##act", a, combo_w, &ctx, "activation")) {
            s.activation = a;
            s.activations.clear();  // one activation for every hidden layer, as the reference does
        }
        tooltip("Activation of every hidden layer (each layer can also be set above it in the network).");
        ImGui::EndGroup();
        // Softplus's β, while a layer uses softplus (the activation's hide key hides it too).
        bool softplus = pg::effective_output_activation(s) == pg::Activation::Softplus;
        for (int l = 0; l < int(s.network_shape.size()); ++l) softplus = softplus || pg::hidden_activation(s, l) == pg::Activation::Softplus;
        if (softplus) {
            static constexpr double kBetas[] = {0.5, 1, 2, 5, 10};
            const float beta_w = ImGui::GetFontSize() * 4.0f;
            flow.next(beta_w);
            ImGui::BeginGroup();
            caption("Softplus \u03b2");
            number_menu(ctx, pg::Control::kActivation, "##beta", "Softplus \u03b2", s.softplus_beta, kBetas,
                        int(std::size(kBetas)), double(pg::kMinSoftplusBeta), double(pg::kMaxSoftplusBeta), beta_w,
                        "softplusBeta");
            tooltip("\u03b2 of softplus, (1/\u03b2)\u00b7log(1 + e^(\u03b2z)): 1 is the plain softplus, a larger "
                    "\u03b2 bends it closer to ReLU. Changing it keeps the weights.");
            ImGui::EndGroup();
        }
    }
    if (ctx.show(pg::Control::kRegularization)) {
        flow.next(combo_w);
        ImGui::BeginGroup();
        caption("Regularization");
        ImGui::SetNextItemWidth(combo_w);
        const char* names[] = {"None", "L1", "L2"};
        int r = int(s.regularization);
        if (enum_combo(ctx, pg::Control::kRegularization, "##reg", "Regularization", names, 3, r))
            s.regularization = pg::Regularization(r);
        tooltip("Penalty on large weights: L1 pushes weights to exactly zero, L2 shrinks them.");
        ImGui::EndGroup();
    }
    if (ctx.show(pg::Control::kRegularizationRate)) {
        flow.next(combo_w);
        ImGui::BeginGroup();
        caption("Regularization rate");
        number_menu(ctx, pg::Control::kRegularizationRate, "##regrate", "Regularization rate", s.regularization_rate, kRegRates, int(std::size(kRegRates)), 0,
                    pg::kMaxRegularizationRate, combo_w);
        tooltip("Strength of the regularization penalty.");
        ImGui::EndGroup();
    }
    if (ctx.show(pg::Control::kMomentum)) {
        flow.next(combo_w);
        ImGui::BeginGroup();
        caption("Momentum");
        ImGui::SetNextItemWidth(combo_w);
        float m = float(s.momentum);
        if (ImGui::SliderFloat("##momentum", &m, 0.0f, float(pg::kMaxMomentum), "%.2f"))
            s.momentum = std::round(double(m) * 100.0) / 100.0;
        if (ctx.recording_controls()) ctx.control("momentum", pg::Control::kMomentum, ControlKind::kSlider, "Momentum", number_text(s.momentum));
        ctx.control_range(0, float(pg::kMaxMomentum), 0.01f);
        tooltip("Fraction of the previous step added to the next one (0 = plain SGD).");
        ImGui::EndGroup();
    }
    if (ctx.show(pg::Control::kProblem)) {
        flow.next(combo_w * 1.2f);
        ImGui::BeginGroup();
        caption("Problem type");
        ImGui::SetNextItemWidth(combo_w * 1.2f);
        const char* names[] = {"Classification", "Regression", "Multi-class"};
        int p = int(s.problem);
        if (enum_combo(ctx, pg::Control::kProblem, "##problem", "Problem type", names, 3, p)) s.problem = pg::Problem(p);
        tooltip("Classification: two classes; regression: a real value; multi-class: several classes.");
        ImGui::EndGroup();
    }
    if (ctx.show(pg::Control::kLoss)) {
        flow.next(combo_w * 1.3f);
        ImGui::BeginGroup();
        caption("Loss");
        ImGui::SetNextItemWidth(combo_w * 1.3f);
        const pg::Loss current = pg::effective_loss(s);
        const char* names[] = {"Squared error", "Cross-entropy", "Softmax CE"};
        if (ImGui::BeginCombo("##loss", names[int(current)])) {
            for (int i = 0; i < 3; ++i) {
                const pg::Loss l = pg::Loss(i);
                pg::State probe = s;
                probe.loss = l;
                const bool fits = pg::effective_loss(probe) == l;
                if (!fits) ImGui::BeginDisabled();
                if (ImGui::Selectable(names[i], l == current)) s.loss = l;
                if (!fits) ImGui::EndDisabled();
                ctx.control("loss.option." + std::to_string(i), pg::Control::kLoss, ControlKind::kButton, names[i],
                            l == current ? "true" : "false");
            }
            ImGui::EndCombo();
        }
        ctx.control("loss", pg::Control::kLoss, ControlKind::kCombo, "Loss", names[int(current)]);
        tooltip("Squared error ½(o-t)² (the reference's), binary cross-entropy on a sigmoid output, or softmax "
                "cross-entropy over the classes.");
        ImGui::EndGroup();
    }
    if (ctx.show(pg::Control::kInitializer)) {
        flow.next(combo_w);
        ImGui::BeginGroup();
        caption("Initializer");
        ImGui::SetNextItemWidth(combo_w);
        const char* names[] = {"Reference", "Glorot", "He", "Zeros"};
        int i = s.init_zero ? 3 : int(s.initializer);
        if (enum_combo(ctx, pg::Control::kInitializer, "##init", "Initializer", names, 4, i)) {
            s.initializer = pg::Init(i);
            s.init_zero = false;
        }
        tooltip("How the initial weights are drawn (Reference: U(-0.5, 0.5), bias 0.1); used from the next Reset.");
        ImGui::EndGroup();
    }
    if (ctx.show(pg::Control::kSeed)) {
        flow.next(combo_w);
        ImGui::BeginGroup();
        caption("Seed");
        static char buf[pg::kMaxSeedLength + 1];
        if (!ImGui::IsItemActive() && !ImGui::IsAnyItemActive()) {
            std::strncpy(buf, s.seed.c_str(), sizeof buf - 1);
        }
        ImGui::SetNextItemWidth(combo_w);
        if (ImGui::InputText("##seed", buf, sizeof buf, ImGuiInputTextFlags_EnterReturnsTrue)) s.seed = buf;
        ctx.control("seed", pg::Control::kSeed, ControlKind::kTextField, "Seed", buf);
        text_field_is_text();  // any text, not a number: the DOM input asks for letters
        tooltip("Text that seeds the data and the initial weights; the same seed gives the same run (Enter applies).");
        ImGui::EndGroup();
    }
    if (ctx.show(pg::Control::kTheme)) {
        flow.next(combo_w);
        ImGui::BeginGroup();
        caption("Theme");
        ImGui::SetNextItemWidth(combo_w);
        const char* names[pg::kNumThemes] = {"Auto", "Light", "Dark", "Contrast"};
        if (ImGui::BeginCombo("##theme", names[int(s.theme)])) {
            for (int i = 0; i < pg::kNumThemes; ++i) {
                const pg::Theme t = pg::Theme(i);
                if (ImGui::Selectable(names[i], t == s.theme)) s.theme = t;
                ctx.control("theme.option." + std::string(pg::theme_name(t)), pg::Control::kTheme, ControlKind::kButton,
                            names[i], t == s.theme ? "true" : "false");
            }
            ImGui::EndCombo();
        }
        ctx.control("theme", pg::Control::kTheme, ControlKind::kCombo, "Theme", names[int(s.theme)]);
        tooltip("Colours: Auto follows the system (dark mode, more contrast); Light, Dark and Contrast override it "
                "and are kept in the link (theme=).");
        ImGui::EndGroup();
    }
}

}  // namespace pgapp
