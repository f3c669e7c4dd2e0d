// The lab's "Perceptron" section: the training rule (backprop or the
// perceptron rule, rule= in the state), and under the perceptron rule the
// rule's numbers for the chosen example: ŷ, t − ŷ and each Δw = η·(t − ŷ)·x
// read from the engine's trace (Network::inspect fills δ = ŷ − t and the
// step the rule takes). With a step or sign unit under backprop it says why
// nothing moves.
#include <algorithm>
#include <string>

#include "fonts.h"
#include "ui/context.h"
#include "ui/lab.h"
#include "ui/numbers.h"

namespace pgapp {

namespace {

bool has_step_unit(const pg::Network& net) {
    for (int l = 0; l < net.layer_count(); ++l)
        if (pg::has_zero_derivative(net.layer(l).activation)) return true;
    return false;
}

void rule_numbers(UiContext& ctx) {
    const pg::Network& net = ctx.trainer.network();
    const pg::Trace& t = *ctx.view.trace;
    const std::vector<float>& target = *ctx.view.target;
    const pg::LayerTrace& L = t.layers.back();
    const pg::LayerLayout& lay = net.layer(net.layer_count() - 1);
    const float eta = net.hyper().learning_rate;
    ImGui::PushFont(font(FontRole::Small));
    ImGui::TextWrapped("w \u2190 w + \u03b7\u00b7(t \u2212 \u0177)\u00b7x, b \u2190 b + \u03b7\u00b7(t \u2212 \u0177), "
                       "\u03b7 = %s", fmt_full(eta).c_str());
    for (int o = 0; o < lay.out; ++o) {
        const float yhat = L.a[size_t(o)];
        const float tt = pg::perceptron_target(lay.activation, target[size_t(o)]);
        ImGui::Text("unit %d: z = %s, \u0177 = %s, t = %s, t \u2212 \u0177 = %s", o + 1, fmt4(L.z[size_t(o)]).c_str(),
                    fmt4(yhat).c_str(), fmt4(tt).c_str(), fmt4(0.0f - L.delta[size_t(o)]).c_str());
        std::string row;
        for (int i = 0; i < lay.in; ++i) {
            row += "\u0394w" + std::to_string(i + 1) + " = " + fmt4(L.step_weights[size_t(o) * size_t(lay.in) + size_t(i)]);
            row += i + 1 < lay.in || lay.has_bias ? ",  " : "";
        }
        if (lay.has_bias) row += "\u0394b = " + fmt4(L.step_bias[size_t(o)]);
        ImGui::TextWrapped("  %s", row.c_str());
        const std::string id = "lab.perceptron.unit" + std::to_string(o + 1);
        ctx.lab->record(id);
        ctx.control(id, "", ControlKind::kText, "unit " + std::to_string(o + 1), row);
    }
    if (net.hyper().momentum != 0.0f || net.hyper().regularization != pg::Regularization::None)
        ImGui::TextWrapped("(\u0394w includes momentum and regularization as set; the lectures' rule has neither.)");
    ImGui::PopFont();
}

}  // namespace

void perceptron_section(UiContext& ctx) {
    const pg::Network& net = ctx.trainer.network();
    const bool single_layer = net.layer_count() == 1;
    const bool perceptron = ctx.edit.rule == pg::Rule::Perceptron;
    if (!perceptron && !has_step_unit(net) && !single_layer) return;
    const bool open = ImGui::CollapsingHeader("Perceptron", ImGuiTreeNodeFlags_DefaultOpen);
    ctx.lab->record("lab.perceptron.header");
    ctx.control("lab.perceptron.header", "", ControlKind::kButton, "Perceptron", open ? "true" : "false");
    if (!open) return;
    if (single_layer) {
        int rule = int(ctx.edit.rule);
        ImGui::TextUnformatted("Rule:");
        ImGui::SameLine();
        // 24 x 24 targets like every control (WCAG 2.2 target size).
        ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                            ImVec2(ImGui::GetStyle().FramePadding.x,
                                   std::max(ImGui::GetStyle().FramePadding.y, (kMinTarget - ImGui::GetFontSize()) * 0.5f)));
        ImGui::RadioButton("backprop", &rule, int(pg::Rule::Backprop));
        ctx.lab->record("lab.rule.backprop");
        ctx.control("lab.rule.backprop", "", ControlKind::kCheckbox, "rule: backprop",
                    rule == int(pg::Rule::Backprop) ? "true" : "false");
        ImGui::SameLine();
        ImGui::RadioButton("perceptron", &rule, int(pg::Rule::Perceptron));
        ImGui::PopStyleVar();
        ctx.lab->record("lab.rule.perceptron");
        ctx.control("lab.rule.perceptron", "", ControlKind::kCheckbox, "rule: perceptron",
                    rule == int(pg::Rule::Perceptron) ? "true" : "false");
        ctx.edit.rule = pg::Rule(rule);
    }
    if (perceptron && !single_layer) {
        ImGui::PushFont(font(FontRole::Small));
        ImGui::TextWrapped("%s.", pg::rule_refusal(pg::Rule::Perceptron, net.spec()).c_str());
        ImGui::PopFont();
        return;
    }
    if (perceptron && ctx.view.trace && ctx.view.target && !ctx.view.trace->layers.empty()) rule_numbers(ctx);
    if (!perceptron && has_step_unit(net)) {
        ImGui::PushFont(font(FontRole::Small));
        ImGui::TextWrapped("A step or sign unit is flat on both sides of 0: f\u2032(z) = 0 wherever it exists "
                           "(and at 0 it does not). Backpropagation multiplies by f\u2032(z), so \u03b4 = 0 there "
                           "and no weight below it ever changes. The perceptron rule uses t \u2212 \u0177 itself and "
                           "needs no derivative; it trains one layer (no hidden layers, rule=perceptron). "
                           "Sigmoid and tanh are the step's and sign's smooth versions that backpropagation can "
                           "train.");
        ImGui::PopFont();
    }
}

}  // namespace pgapp
