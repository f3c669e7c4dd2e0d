// The backprop lab's side panel: the chosen example, Forward / Backward /
// Update one step at a time, the gradient check, the weight table of a
// layer, the point table, and the per-layer gradient chart.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include <imgui_internal.h>  // GetActiveID: the cell being typed in shows its full text

#include "fonts.h"
#include "ui/context.h"
#include "ui/numbers.h"
#include "ui/theme.h"

namespace pgapp {
namespace {

// A float typed as text, as a spreadsheet cell: shown as the shortest text
// that reads back exactly; what is typed is applied when the cell is left
// (Enter, Tab or a click elsewhere), so "1e9" on the way to "1e99999" never
// reaches the network. Text that is not a finite float is refused with a word.
// A cell too narrow for the full text shows the most digits that fit (never a
// cut exponent) until the mouse is over it; then, and while typing, the full
// text. `shown` (optional) receives the text drawn.
bool float_cell(LabState& lab, const char* id, float& v, float width, std::string* shown = nullptr) {
    // The cell being typed in keeps its text in lab.edit_*; when focus moves on
    // (Tab, a click) the next cell may become active before this one sees its
    // deactivation, so the text moves to lab.left_* until then.
    const ImGuiID gid = ImGui::GetID(id);
    char buf[48];
    std::string text = lab.edit_id == gid ? lab.edit_text : lab.left_id == gid ? lab.left_text : fmt_full_ascii(v);
    if (lab.edit_id != gid && lab.left_id != gid && ImGui::GetActiveID() != gid) {
        const float inner = width - 2 * ImGui::GetStyle().FramePadding.x;
        const ImVec2 a = ImGui::GetCursorScreenPos(), b(a.x + width, a.y + ImGui::GetFrameHeight());
        if (ImGui::CalcTextSize(text.c_str()).x > inner && !ImGui::IsMouseHoveringRect(a, b)) {
            const std::string fitted = fmt_fit(v, inner, nullptr, 0, true);
            if (!fitted.empty()) text = fitted;
        }
    }
    std::snprintf(buf, sizeof buf, "%s", text.c_str());
    if (shown) *shown = buf;
    ImGui::SetNextItemWidth(width);
    // No character filter: "nan" or "inf" typed must reach the check below and be
    // refused with a word, not vanish key by key.
    // In the tables' small font the cell is still a 24 px target (WCAG 2.2).
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                        ImVec2(ImGui::GetStyle().FramePadding.x,
                               std::max(ImGui::GetStyle().FramePadding.y, (kMinTarget - ImGui::GetFontSize()) * 0.5f)));
    ImGui::InputText(id, buf, sizeof buf, ImGuiInputTextFlags_AutoSelectAll);
    ImGui::PopStyleVar();
    if (ImGui::IsItemActive()) {
        if (lab.edit_id != gid && lab.edit_id != 0) {
            lab.left_id = lab.edit_id;
            std::snprintf(lab.left_text, sizeof lab.left_text, "%s", lab.edit_text);
        }
        lab.edit_id = gid;
        std::snprintf(lab.edit_text, sizeof lab.edit_text, "%s", buf);
    }
    if (!ImGui::IsItemDeactivated()) return false;
    if (lab.edit_id == gid) lab.edit_id = 0;
    if (lab.left_id == gid) lab.left_id = 0;
    if (!ImGui::IsItemDeactivatedAfterEdit()) return false;
    const std::optional<float> parsed = parse_typed_float(buf);
    if (!parsed) {
        lab.cell_error = std::string("'") + buf + "' is not a finite number a float can hold (within \u00b13.4e38): the value was kept.";
        return false;
    }
    lab.cell_error.clear();
    v = *parsed;
    return true;
}

// A number in a table cell `width` wide: the full text when it fits, else the
// most digits that do (never a cut exponent).
std::string fit_or_full(float v, float width) {
    const std::string full = fmt_full(v);
    const float inner = width - ImGui::GetStyle().CellPadding.x * 2;
    if (ImGui::CalcTextSize(full.c_str()).x <= inner) return full;
    const std::string fitted = fmt_fit(v, inner);
    return fitted.empty() ? full : fitted;
}

// Records the last item for probe(): as a lab item (`items`) and as a control.
void rec(UiContext& ctx, const std::string& id, ControlKind kind, std::string_view label, std::string_view value = {},
         std::string_view name = "") {
    ctx.lab->record(id);
    ctx.control(id, name, kind, label, value);
}

std::string layer_title(const pg::Network& net, int l) {
    const pg::LayerLayout& L = net.layer(l);
    char buf[64];
    if (l == net.layer_count() - 1) std::snprintf(buf, sizeof buf, "Output layer (%d\u00d7%d)", L.out, L.in);
    else std::snprintf(buf, sizeof buf, "Hidden layer %d (%d\u00d7%d)", l + 1, L.out, L.in);
    return buf;
}

void example_section(UiContext& ctx) {
    LabState& lab = *ctx.lab;
    Trainer& tr = ctx.trainer;
    const float fs = ImGui::GetFontSize();
    LabExample& ex = lab.example;
    const int n_train = int(tr.train_points().size());

    if (ImGui::ArrowButton("##prev", ImGuiDir_Left) && n_train > 0) ex.step(-1, n_train);
    rec(ctx, "lab.prev", ControlKind::kButton, "Previous example");
    tooltip("Previous training example (left arrow).");
    ImGui::SameLine();
    if (ImGui::ArrowButton("##next", ImGuiDir_Right) && n_train > 0) ex.step(+1, n_train);
    rec(ctx, "lab.next", ControlKind::kButton, "Next example");
    tooltip("Next training example (right arrow).");
    ImGui::SameLine();
    ImGui::AlignTextToFramePadding();
    switch (ex.source) {
        case LabExample::Source::kTrain: ImGui::Text("training example %d of %d", ex.index + 1, n_train); break;
        case LabExample::Source::kTest:
            ImGui::Text("test example %d of %d", ex.index + 1, int(tr.test_points().size()));
            break;
        case LabExample::Source::kTyped: ImGui::TextUnformatted("typed example"); break;
    }
    // Typed example: x1, x2, label; applied with Enter or "Use".
    float* typed = lab.typed;
    LabExample& typed_from = lab.typed_from;
    if (typed_from.x1 != ex.x1 || typed_from.x2 != ex.x2 || typed_from.label != ex.label) {
        if (!ImGui::IsAnyItemActive()) {
            typed[0] = float(ex.x1), typed[1] = float(ex.x2), typed[2] = float(ex.label);
            typed_from = ex;
        }
    }
    const float cell = fs * 3.6f;
    ImGui::PushFont(font(FontRole::Small));
    const char* names[] = {"x\u2081", "x\u2082", "label"};
    const char* ids[] = {"##tx1", "##tx2", "##tlabel"};
    for (int k = 0; k < 3; ++k) {
        if (k) ImGui::SameLine();
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(names[k]);
        ImGui::SameLine(0, 3);
        std::string shown;
        float_cell(lab, ids[k], typed[k], cell, &shown);
        rec(ctx, std::string("lab.typed.") + (k == 0 ? "x1" : k == 1 ? "x2" : "label"), ControlKind::kTextField, names[k], shown);
    }
    ImGui::SameLine();
    const bool enter = ImGui::IsKeyPressed(ImGui::GetKeyIndex(ImGuiKey_Enter)) && ImGui::IsWindowFocused();
    if (target_button("Use") || (enter && !ImGui::IsAnyItemActive())) {
        if (!tr.accepts_label(typed[2]) || !Trainer::accepts_coordinate(typed[0]) || !Trainer::accepts_coordinate(typed[1])) {
            lab.cell_error = "That example does not fit this problem: the label must be " +
                             std::string(tr.problem() == pg::Problem::kRegression ? "a number within \u00b11e6"
                                         : tr.problem() == pg::Problem::kMulticlass ? "a class index 0, 1, \u2026"
                                                                                   : "1 or \u22121 (0 reads as \u22121)") +
                             ", the coordinates within \u00b11e6.";
        } else {
            lab.cell_error.clear();
            ex = LabExample{LabExample::Source::kTyped, -1, typed[0], typed[1], typed[2]};
            typed_from = ex;
        }
    }
    rec(ctx, "lab.typed.use", ControlKind::kButton, "Use");
    tooltip("Inspect this typed example (x1, x2 in [-6, 6]; the label as the data uses it).");
    if (!lab.cell_error.empty()) {  // wrapped: the refusal quotes what was typed and must be read whole
        ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
        ImGui::TextWrapped("%s", lab.cell_error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::PopFont();

    const pg::Trace& t = *ctx.view.trace;
    std::string out;
    for (size_t k = 0; k < t.output.size() && k < 4; ++k) out += (k ? ", " : "") + fmt4(t.output[k]);
    std::string target;
    for (size_t k = 0; k < ctx.view.target->size() && k < 4; ++k) target += (k ? ", " : "") + fmt4((*ctx.view.target)[k]);
    ImGui::Text("output %s   target %s   E = %s", out.c_str(), target.c_str(), fmt4(t.loss).c_str());
}

// The numbers of the highlighted layer, as the current step computes them.
void phase_text(UiContext& ctx) {
    const LabState& lab = *ctx.lab;
    const pg::Network& net = ctx.trainer.network();
    const pg::Trace& t = *ctx.view.trace;
    const int L = net.layer_count();
    std::string text;
    if (!lab.stepping) {
        text = lab.updates > 0 ? lab.update_note : "Every number of this example is shown. Step through one update with "
                                                   "Forward, Backward and Update.";
    } else if (lab.backward_layers == 0 && lab.forward_layers == 0) {
        text = lab.update_note.empty() ? "Press Forward." : lab.update_note + " Press Forward for the next one.";
    } else {
        const int l = lab.current_layer(L);
        const pg::LayerTrace& T = t.layers[size_t(l)];
        const bool backward = lab.backward_layers > 0;
        const std::string name = l == L - 1 ? "output layer" : "hidden layer " + std::to_string(l + 1);
        text = backward ? "Backward, " + name + ": \u03b4 = \u2202E/\u2202z" : "Forward, " + name + ": z = W\u00b7a + b, a = f(z)";
        const int shown = std::min(int(T.z.size()), 8);
        for (int o = 0; o < shown; ++o) {
            text += "\n  unit " + std::to_string(o + 1) + ": ";
            if (backward) text += "\u03b4 = " + fmt4(T.delta[size_t(o)]);
            else text += "z = " + fmt4(T.z[size_t(o)]) + ", a = " + fmt4(T.a[size_t(o)]);
        }
        if (int(T.z.size()) > shown) text += "\n  \u2026";
        if (backward && lab.backward_layers == L) text += "\nNext: Update applies \u0394w to every weight.";
        if (!backward && lab.forward_layers == L) text += "\nNext: Backward, from the output's error.";
    }
    ImGui::PushStyleColor(ImGuiCol_ChildBg, palette().phase_bg);
    const float lines = float(std::count(text.begin(), text.end(), '\n') + 2);
    ImGui::BeginChild("phase", ImVec2(0, std::min(lines, 7.0f) * ImGui::GetTextLineHeight() + 6), false);
    ImGui::PushFont(font(FontRole::Small));
    ImGui::TextWrapped("%s", text.c_str());
    ImGui::PopFont();
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

void step_section(UiContext& ctx) {
    LabState& lab = *ctx.lab;
    const int L = ctx.trainer.network().layer_count();
    const float fs = ImGui::GetFontSize();
    const float bw = fs * 5.2f;
    if (ImGui::Button("Forward \u203a", ImVec2(bw, 0))) {
        if (!lab.stepping || lab.backward_layers > 0 || lab.forward_layers >= L) {
            lab.stepping = true;
            lab.forward_layers = lab.backward_layers = 0;
        }
        lab.forward_layers = std::min(L, lab.forward_layers + 1);
    }
    rec(ctx, "lab.forward", ControlKind::kButton, "Forward");
    tooltip("Compute the next layer's z and a for this example.");
    ImGui::SameLine();
    if (ImGui::Button("Backward \u203a", ImVec2(bw, 0))) {
        if (!lab.stepping) { lab.stepping = true; lab.backward_layers = 0; }
        lab.forward_layers = L;  // the backward pass needs the whole forward pass
        lab.backward_layers = std::min(L, lab.backward_layers + 1);
    }
    rec(ctx, "lab.backward", ControlKind::kButton, "Backward");
    tooltip("Compute the next layer's \u03b4 = \u2202E/\u2202z, from the output back.");
    ImGui::SameLine();
    if (ImGui::Button("Update \u203a", ImVec2(bw, 0))) lab.request_update = true;
    rec(ctx, "lab.update", ControlKind::kButton, "Update");
    tooltip("Apply one gradient-descent step with this example alone as the batch: w \u2190 w + \u0394w for every "
            "weight and bias (learning rate, momentum and regularization as set).");
    ImGui::SameLine();
    if (target_button("Show all")) { lab.stepping = false; }
    rec(ctx, "lab.showall", ControlKind::kButton, "Show all");
    tooltip("Show every number of the forward and backward pass at once.");
    phase_text(ctx);
}

void check_section(UiContext& ctx) {
    LabState& lab = *ctx.lab;
    const pg::Network& net = ctx.trainer.network();
    if (ImGui::Button("Check the gradient")) lab.request_check = true;
    rec(ctx, "lab.check", ControlKind::kButton, "Check the gradient");
    tooltip("Compare every \u2202E/\u2202w of backpropagation with a central finite difference "
            "(E(w + h) \u2212 E(w \u2212 h)) / 2h, computed in double precision, at this example.");
    if (!lab.check_done) return;
    const bool fresh = lab.check_fresh(net);
    ImGui::SameLine();
    ImGui::Checkbox("colour links", &lab.color_links_by_error);
    ctx.control("lab.check.colour", "", ControlKind::kCheckbox, "colour links", lab.color_links_by_error ? "true" : "false");
    tooltip("Colour each link by its relative error: green below 1e-4, amber below 1e-2, red above.");
    const pg::GradCheck& c = lab.check;
    char buf[200];
    const bool pass = c.max_rel_error < 1e-3;
    std::snprintf(buf, sizeof buf, "largest relative error %.2e over %d parameters: %s", c.max_rel_error,
                  int(c.entries.size()) - c.kinks, pass ? "backpropagation agrees" : "MISMATCH");
    ImGui::PushStyleColor(ImGuiCol_Text, pass ? palette().good : palette().bad);
    ImGui::TextWrapped("%s", buf);
    ImGui::PopStyleColor();
    if (c.worst >= 0) {
        const pg::GradCheckEntry& e = c.entries[size_t(c.worst)];
        ImGui::PushFont(font(FontRole::Small));
        ImGui::TextWrapped("worst: %s %d\u2192%d of layer %d, analytic %s, numeric %s", e.in < 0 ? "bias" : "weight",
                           e.in + 1, e.out + 1, e.layer + 1, fmt_full(float(e.analytic)).c_str(),
                           fmt_full(float(e.numeric)).c_str());
        ImGui::PopFont();
    }
    if (c.kinks > 0) {
        ImGui::PushFont(font(FontRole::Small));
        ImGui::TextWrapped("%d parameter%s left out: a ReLU (or step, sign) unit sits at its kink (z crosses 0 within the step h), "
                           "where the derivative is not defined. Backpropagation takes f\u2032(0) = 0; the finite "
                           "difference sees the mean of both sides. That is not an error.",
                           c.kinks, c.kinks == 1 ? " is" : "s are");
        ImGui::PopFont();
    }
    if (!fresh) ImGui::TextDisabled("(made for other weights or another example: check again)");
}

void weight_table(UiContext& ctx) {
    LabState& lab = *ctx.lab;
    pg::Network& net = ctx.trainer.network();
    const float fs = ImGui::GetFontSize();
    lab.table_layer = std::clamp(lab.table_layer, 0, net.layer_count() - 1);
    ImGui::SetNextItemWidth(std::min(ImGui::GetContentRegionAvail().x, fs * 14));
    if (ImGui::BeginCombo("##table_layer", layer_title(net, lab.table_layer).c_str())) {
        for (int l = 0; l < net.layer_count(); ++l) {
            const std::string title = layer_title(net, l);
            if (ImGui::Selectable(title.c_str(), l == lab.table_layer)) lab.table_layer = l;
            rec(ctx, "lab.table_layer.option." + std::to_string(l), ControlKind::kButton, title,
                l == lab.table_layer ? "true" : "false");
        }
        ImGui::EndCombo();
    }
    rec(ctx, "lab.table_layer", ControlKind::kCombo, "Layer", layer_title(net, lab.table_layer));
    const int l = lab.table_layer;
    const pg::LayerLayout& L = net.layer(l);
    const bool locked = ctx.edit.hidden(pg::Control::kEditWeights);  // the lesson fixed the weights
    const int cols = 1 + L.in + (L.has_bias ? 1 : 0);
    const float cell = fs * 4.6f;
    const float rows_h = std::min(float(L.out) + 1.5f, 9.5f) * ImGui::GetFrameHeightWithSpacing();
    ImGui::PushFont(font(FontRole::Small));
    const ImGuiTableFlags flags = ImGuiTableFlags_ScrollX | ImGuiTableFlags_ScrollY | ImGuiTableFlags_BordersInnerV |
                                  ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit;
    if (ImGui::BeginTable("weights", std::min(cols, 64), flags, ImVec2(0, rows_h))) {
        ImGui::TableSetupScrollFreeze(1, 1);
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, fs * 2.2f);
        const int shown_in = std::min(L.in, 64 - 1 - (L.has_bias ? 1 : 0));
        for (int i = 0; i < shown_in; ++i)
            ImGui::TableSetupColumn(l == 0 ? input_label(ctx, i).c_str() : ("a" + std::to_string(i + 1)).c_str(),
                                    ImGuiTableColumnFlags_WidthFixed, cell);
        if (L.has_bias) ImGui::TableSetupColumn("b", ImGuiTableColumnFlags_WidthFixed, cell);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(L.out);
        while (clipper.Step()) {
            for (int o = clipper.DisplayStart; o < clipper.DisplayEnd; ++o) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::AlignTextToFramePadding();
                ImGui::Text("%d", o + 1);
                ImGui::PushID(o);
                for (int i = 0; i < shown_in; ++i) {
                    ImGui::TableNextColumn();
                    float w = net.weight(l, o, i);
                    ImGui::PushID(i);
                    std::string shown;
                    if (locked) {
                        ImGui::AlignTextToFramePadding();
                        shown = fit_or_full(w, cell);
                        ImGui::TextUnformatted(shown.c_str());
                    } else if (float_cell(lab, "##w", w, cell, &shown)) {
                        net.set_weight(l, o, i, w);
                        ctx.weights_edited = true;
                    }
                    ImGui::PopID();
                    const std::string id = "lab.w." + std::to_string(l) + "." + std::to_string(o) + "." + std::to_string(i);
                    if (!locked) lab.record(id);
                    if (ctx.recording_controls())
                        ctx.control(id, locked ? "" : pg::control_name(pg::Control::kEditWeights),
                                    locked ? ControlKind::kText : ControlKind::kTextField,
                                    "Weight into neuron " + std::to_string(o + 1) + " from input " + std::to_string(i + 1),
                                    shown);
                }
                if (L.has_bias) {
                    ImGui::TableNextColumn();
                    float b = net.bias(l, o);
                    std::string shown;
                    if (locked) {
                        ImGui::AlignTextToFramePadding();
                        shown = fit_or_full(b, cell);
                        ImGui::TextUnformatted(shown.c_str());
                    } else if (float_cell(lab, "##b", b, cell, &shown)) {
                        net.set_bias(l, o, b);
                        ctx.weights_edited = true;
                    }
                    const std::string id = "lab.b." + std::to_string(l) + "." + std::to_string(o);
                    if (!locked) lab.record(id);
                    if (ctx.recording_controls())
                        ctx.control(id, locked ? "" : pg::control_name(pg::Control::kEditWeights),
                                    locked ? ControlKind::kText : ControlKind::kTextField,
                                    "Bias of neuron " + std::to_string(o + 1), shown);
                }
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    if (L.in > 62) ImGui::TextDisabled("The table shows the first 62 inputs of this layer.");
    if (!lab.cell_error.empty()) {  // wrapped: the refusal quotes what was typed and must be read whole
        ImGui::PushStyleColor(ImGuiCol_Text, palette().bad);
        ImGui::TextWrapped("%s", lab.cell_error.c_str());
        ImGui::PopStyleColor();
    }
    ImGui::TextDisabled("Row: a unit of this layer; column: its input. Type a value, then Enter or Tab.");
    ImGui::PopFont();
}

void point_table(UiContext& ctx) {
    LabState& lab = *ctx.lab;
    Trainer& tr = ctx.trainer;
    const float fs = ImGui::GetFontSize();
    if (!lab.hand_points_loaded) {
        lab.hand_points.clear();
        for (auto set : {tr.train_points(), tr.test_points()})
            for (const pg::Point& p : set) lab.hand_points.push_back({float(p.x1), float(p.x2), float(p.label)});
        lab.hand_points_loaded = true;
        lab.hand_selected = -1;
    }
    ImGui::PushFont(font(FontRole::Small));
    if (target_button("Add")) {
        lab.hand_points.push_back(lab.hand_points.empty() ? HandPoint{1, 0, 1} : lab.hand_points.back());
        lab.hand_selected = int(lab.hand_points.size()) - 1;
    }
    rec(ctx, "lab.points.add", ControlKind::kButton, "Add", {}, "csv");
    ImGui::SameLine();
    const bool can_delete = lab.hand_selected >= 0 && lab.hand_selected < int(lab.hand_points.size());
    if (!can_delete) ImGui::BeginDisabled();
    if (target_button("Delete")) {
        lab.hand_points.erase(lab.hand_points.begin() + lab.hand_selected);
        lab.hand_selected = std::min(lab.hand_selected, int(lab.hand_points.size()) - 1);
    }
    if (!can_delete) ImGui::EndDisabled();
    rec(ctx, "lab.points.delete", ControlKind::kButton, "Delete", {}, "csv");
    ImGui::SameLine();
    if (target_button("Clear")) { lab.hand_points.clear(); lab.hand_selected = -1; }
    rec(ctx, "lab.points.clear", ControlKind::kButton, "Clear", {}, "csv");
    ImGui::SameLine();
    if (target_button("Use these points")) lab.request_use_points = true;
    rec(ctx, "lab.points.use", ControlKind::kButton, "Use these points", {}, "csv");
    tooltip("Train on exactly these points (split by the training ratio; 100 % keeps them all for training). "
            "The weights are kept when the network's inputs and outputs stay the same.");
    ImGui::SameLine();
    if (target_button("Reload")) lab.hand_points_loaded = false;
    ctx.control("lab.points.reload", "csv", ControlKind::kButton, "Reload");
    tooltip("Fill the table with the points in use.");
    const float cell = fs * 4.2f;
    const float h = std::min(float(lab.hand_points.size()) + 1.5f, 8.5f) * ImGui::GetFrameHeightWithSpacing();
    if (ImGui::BeginTable("points", 4, ImGuiTableFlags_ScrollY | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit,
                          ImVec2(0, h))) {
        ImGui::TableSetupScrollFreeze(0, 1);
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, fs * 2.2f);
        ImGui::TableSetupColumn("x\u2081", ImGuiTableColumnFlags_WidthFixed, cell);
        ImGui::TableSetupColumn("x\u2082", ImGuiTableColumnFlags_WidthFixed, cell);
        ImGui::TableSetupColumn("label", ImGuiTableColumnFlags_WidthFixed, cell);
        ImGui::TableHeadersRow();
        ImGuiListClipper clipper;
        clipper.Begin(int(lab.hand_points.size()));
        while (clipper.Step()) {
            for (int r = clipper.DisplayStart; r < clipper.DisplayEnd; ++r) {
                HandPoint& p = lab.hand_points[size_t(r)];
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::PushID(r);
                char num[16];
                std::snprintf(num, sizeof num, "%d", r + 1);
                const std::string row = "lab.points." + std::to_string(r);
                if (ImGui::Selectable(num, lab.hand_selected == r)) lab.hand_selected = r;
                ctx.control(row, "csv", ControlKind::kButton, num, lab.hand_selected == r ? "true" : "false");
                std::string shown;
                ImGui::TableNextColumn();
                float_cell(lab, "##x1", p.x1, cell, &shown);
                rec(ctx, row + ".x1", ControlKind::kTextField, "x1", shown, "csv");
                ImGui::TableNextColumn();
                float_cell(lab, "##x2", p.x2, cell, &shown);
                rec(ctx, row + ".x2", ControlKind::kTextField, "x2", shown, "csv");
                ImGui::TableNextColumn();
                float_cell(lab, "##label", p.label, cell, &shown);
                rec(ctx, row + ".label", ControlKind::kTextField, "label", shown, "csv");
                ImGui::PopID();
            }
        }
        ImGui::EndTable();
    }
    ImGui::TextDisabled("%d points; labels: %s", int(lab.hand_points.size()),
                        tr.problem() == pg::Problem::kRegression ? "any value"
                        : tr.problem() == pg::Problem::kMulticlass ? "class 0, 1, 2, \u2026"
                                                                  : "\u22121 or +1 (0 reads as \u22121)");
    ImGui::PopFont();
}

}  // namespace

void draw_lab_panel(UiContext& ctx) {
    LabState& lab = *ctx.lab;
    const float fs = ImGui::GetFontSize();
    caption("BACKPROP LAB");
    if (ctx.show(pg::Control::kInspect)) {
        ImGui::SameLine(std::max(fs * 8, ImGui::GetContentRegionAvail().x - fs * 3.2f));
        if (target_button("Close")) lab.request_close = true;
        rec(ctx, "lab.close", ControlKind::kButton, "Close", {}, "inspect");
        tooltip("Back to the plain playground (key i).");
    }
    example_section(ctx);
    ImGui::Spacing();
    step_section(ctx);
    ImGui::Spacing();
    graph_section(ctx);
    perceptron_section(ctx);
    const bool check_open = ImGui::CollapsingHeader("Gradient check", ImGuiTreeNodeFlags_DefaultOpen);
    rec(ctx, "lab.check.header", ControlKind::kButton, "Gradient check", check_open ? "true" : "false");
    if (check_open) check_section(ctx);
    const bool weights_open = ImGui::CollapsingHeader("Weights", ImGuiTreeNodeFlags_DefaultOpen);
    rec(ctx, "lab.weights.header", ControlKind::kButton, "Weights", weights_open ? "true" : "false");
    if (weights_open) weight_table(ctx);
    if (!ctx.edit.hidden(pg::Control::kCsv) && !ctx.edit.hidden(pg::Control::kDataset)) {
        const bool points_open = ImGui::CollapsingHeader("Points");
        rec(ctx, "lab.points.header", ControlKind::kButton, "Points", points_open ? "true" : "false", "csv");
        if (points_open) point_table(ctx);
    }
    const bool grads_open = ImGui::CollapsingHeader("Gradients per layer");
    rec(ctx, "lab.grads.header", ControlKind::kButton, "Gradients per layer", grads_open ? "true" : "false");
    if (grads_open) draw_grad_chart(ctx, ImGui::GetContentRegionAvail().x, fs * 7);
}

}  // namespace pgapp
