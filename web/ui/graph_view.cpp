// The lab's "Graph" view: the chosen example's computation graph
// (pg/graph.h) in a window of its own: × per weight, + per neuron, the
// activation, the loss; on every edge its forward value and, once the
// backward pass has reached it, the gradient flowing back (red). The whole
// network for up to kWholeNetworkUnits units, else one neuron (a menu picks
// which). Forward / Backward of the lab reveal it layer by layer. Hovering a
// node writes its numbers out in full precision (the tooltip the browser
// tests read). Every number is inspect()'s, drawn again.
#include <algorithm>
#include <cmath>
#include <string>

#include "fonts.h"
#include "pg/graph.h"
#include "ui/context.h"
#include "ui/lab.h"
#include "ui/numbers.h"

namespace pgapp {

namespace {

constexpr int kWholeNetworkUnits = 8;
constexpr ImU32 kInk = IM_COL32(30, 30, 30, 255);
constexpr ImU32 kEdge = IM_COL32(150, 150, 150, 255);
constexpr ImU32 kGrad = IM_COL32(200, 40, 40, 255);
constexpr ImU32 kLeafFill = IM_COL32(235, 240, 250, 255);
constexpr ImU32 kOpFill = IM_COL32(255, 250, 230, 255);
constexpr ImU32 kHot = IM_COL32(255, 200, 60, 255);

const char* op_key(pg::GraphNode::Op op) {
    using Op = pg::GraphNode::Op;
    switch (op) {
    case Op::Input: return "x";
    case Op::Weight: return "w";
    case Op::Bias: return "b";
    case Op::Multiply: return "mul";
    case Op::Add: return "z";
    case Op::Activation: return "a";
    case Op::Softmax: return "y";
    case Op::Target: return "t";
    case Op::Loss: return "E";
    }
    return "?";
}

// "graph.w.1.0.2": what playground.probe() calls the node.
std::string probe_name(const pg::GraphNode& n) {
    std::string s = std::string("graph.") + op_key(n.op);
    if (n.op == pg::GraphNode::Op::Loss) return s;
    // Appended piece by piece: GCC 12 warns (-Wrestrict) on "." + std::to_string(..).
    for (int k : {n.layer, n.unit, n.in})
        if (k >= 0) {
            s += '.';
            s += std::to_string(k);
        }
    return s;
}

// What the node's tooltip says: its meaning, the value and the gradient in full precision.
std::string node_text(const pg::GraphNode& n, bool show_value, bool show_grad) {
    using Op = pg::GraphNode::Op;
    std::string head;
    switch (n.op) {
    case Op::Input: head = "input " + n.label; break;
    case Op::Weight: head = "weight " + n.label + " (of unit " + std::to_string(n.unit + 1) + ")"; break;
    case Op::Bias: head = "bias " + n.label; break;
    case Op::Multiply: head = "\u00d7: w\u00b7a (upstream \u00d7 the other input goes back to each input)"; break;
    case Op::Add: head = "+: z = \u03a3 w\u00b7a + b (passes the gradient on unchanged: \u03b4 = \u2202E/\u2202z)"; break;
    case Op::Activation: head = n.label + ": a = f(z), local derivative f\u2032(z) = " + fmt_full(n.local); break;
    case Op::Softmax: head = "softmax: y = e^z / \u03a3 e^z (every y depends on every z)"; break;
    case Op::Target: head = "target " + n.label; break;
    case Op::Loss: head = "loss E = " + n.label; break;
    }
    std::string s = head;
    if (show_value) s += "\nvalue = " + fmt_full(n.value);
    if (show_grad && n.has_grad) s += "\ngradient = " + fmt_full(n.grad);
    if (show_grad && n.op == Op::Activation)
        s += "\n\u2202E/\u2202a \u00d7 f\u2032(z) = " + fmt4(n.grad) + " \u00d7 " + fmt4(n.local) + " = \u03b4";
    return s;
}

void draw_graph(UiContext& ctx, const pg::Graph& g, ImVec2 p0, ImVec2 size) {
    LabState& lab = *ctx.lab;
    const int L = ctx.trainer.network().layer_count();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* small = font(FontRole::Small);
    const float fs = small->FontSize;
    const float margin = fs * 2.5f;
    const float dx = g.columns > 1 ? (size.x - 2 * margin) / float(g.columns - 1) : 0.0f;
    std::vector<ImVec2> at(g.nodes.size());
    float r = fs * 1.1f;
    for (int c = 0; c < g.columns; ++c) {
        const std::vector<int> col = g.column_nodes(c);
        const float dy = size.y / float(std::max<size_t>(col.size(), 1));
        r = std::min(r, std::max(fs * 0.7f, dy * 0.3f));
        for (size_t k = 0; k < col.size(); ++k)
            at[size_t(col[k])] = ImVec2(p0.x + margin + dx * float(c), p0.y + dy * (float(k) + 0.5f));
    }
    // What the step-through shows: a layer's values after Forward reached it, gradients after Backward.
    auto shows_value = [&](const pg::GraphNode& n) {
        return n.layer < 0 || n.op == pg::GraphNode::Op::Weight || n.op == pg::GraphNode::Op::Bias ||
               lab.shows_forward(std::min(n.layer, L - 1));
    };
    auto shows_grad = [&](const pg::GraphNode& n) { return n.layer >= 0 && lab.shows_delta(std::min(n.layer, L - 1), L); };
    auto shows_edge_grad = [&](const pg::GraphEdge& e) {
        const pg::GraphNode& to = g.nodes[size_t(e.to)];
        return to.layer >= 0 && lab.shows_delta(std::min(to.layer, L - 1), L);
    };
    const bool edge_labels = g.edges.size() <= 80;
    for (const pg::GraphEdge& e : g.edges) {
        const ImVec2 a = at[size_t(e.from)], b = at[size_t(e.to)];
        dl->AddLine(ImVec2(a.x + r, a.y), ImVec2(b.x - r, b.y), kEdge, 1.2f);
        if (!edge_labels) continue;
        const ImVec2 m(a.x + (b.x - a.x) * 0.62f, a.y + (b.y - a.y) * 0.62f);
        if (shows_value(g.nodes[size_t(e.from)]))
            dl->AddText(small, fs, ImVec2(m.x - fs, m.y - fs * 1.05f), kInk, fmt4(e.value).c_str());
        if (shows_edge_grad(e) && g.nodes[size_t(e.from)].has_grad)
            dl->AddText(small, fs, ImVec2(m.x - fs, m.y), kGrad, fmt4(e.grad).c_str());
    }
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (size_t k = 0; k < g.nodes.size(); ++k) {
        const pg::GraphNode& n = g.nodes[k];
        const ImVec2 c = at[k];
        const bool leaf = n.op == pg::GraphNode::Op::Input || n.op == pg::GraphNode::Op::Weight ||
                          n.op == pg::GraphNode::Op::Bias || n.op == pg::GraphNode::Op::Target;
        const bool hot = std::fabs(mouse.x - c.x) <= r && std::fabs(mouse.y - c.y) <= r && ImGui::IsWindowHovered();
        if (leaf) dl->AddRectFilled(ImVec2(c.x - r, c.y - r * 0.7f), ImVec2(c.x + r, c.y + r * 0.7f), hot ? kHot : kLeafFill, 3.0f);
        else dl->AddCircleFilled(c, r, hot ? kHot : kOpFill, 20);
        if (leaf) dl->AddRect(ImVec2(c.x - r, c.y - r * 0.7f), ImVec2(c.x + r, c.y + r * 0.7f), kInk, 3.0f);
        else dl->AddCircle(c, r, kInk, 20);
        std::string label = n.op == pg::GraphNode::Op::Activation || n.op == pg::GraphNode::Op::Softmax
                                ? (n.op == pg::GraphNode::Op::Softmax ? "sm" : n.label.substr(0, 4))
                                : n.op == pg::GraphNode::Op::Loss ? "E" : n.label;
        const ImVec2 ts = small->CalcTextSizeA(fs, 1e9f, 0.0f, label.c_str());
        dl->AddText(small, fs, ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), kInk, label.c_str());
        // Value above, gradient below the node (edges carry theirs too).
        if (shows_value(n)) dl->AddText(small, fs, ImVec2(c.x - r, c.y - r - fs), kInk, fmt4(n.value).c_str());
        if (shows_grad(n) && n.has_grad) dl->AddText(small, fs, ImVec2(c.x - r, c.y + r * 0.75f), kGrad, fmt4(n.grad).c_str());
        const std::string id = probe_name(n);
        lab.record(id, ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r));
        if (ctx.recording_controls())
            ctx.controls->add(id, "", ControlKind::kNode, node_text(n, false, false),
                              (shows_value(n) ? fmt_full(n.value) : std::string()) +
                                  (shows_grad(n) && n.has_grad ? "\n\u2202E " + fmt_full(n.grad) : std::string()),
                              ImVec2(c.x - r, c.y - r), ImVec2(c.x + r, c.y + r));
        if (hot) {
            const std::string text = node_text(n, shows_value(n), shows_grad(n));
            ImGui::BeginTooltip();
            ImGui::TextUnformatted(text.c_str());
            ImGui::EndTooltip();
            lab.tooltip_text = text;
        }
    }
}

}  // namespace

void graph_section(UiContext& ctx) {
    LabState& lab = *ctx.lab;
    // A 24 x 24 target like every control (WCAG 2.2 target size).
    ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                        ImVec2(ImGui::GetStyle().FramePadding.x,
                               std::max(ImGui::GetStyle().FramePadding.y, (kMinTarget - ImGui::GetFontSize()) * 0.5f)));
    ImGui::Checkbox("Graph", &lab.graph_open);
    ImGui::PopStyleVar();
    lab.record("lab.graph");
    ctx.control("lab.graph", "", ControlKind::kCheckbox, "Graph", lab.graph_open ? "true" : "false");
    tooltip("The example's computation graph: \u00d7, +, the activation and the loss as nodes; each edge's value "
            "and, after Backward, the gradient that flows back along it.");
    if (!lab.graph_open || !ctx.view.trace || !ctx.view.target) return;
    const pg::Network& net = ctx.trainer.network();
    const int L = net.layer_count();
    if (L == 0 || ctx.view.trace->layers.size() != size_t(L)) return;
    int units = 0;
    for (int l = 0; l < L; ++l) units += net.layer(l).out;
    if (lab.graph_layer >= L || (lab.graph_layer >= 0 && lab.graph_unit >= net.layer(lab.graph_layer).out)) lab.graph_layer = -1;
    if (lab.graph_layer < 0 && units > kWholeNetworkUnits) {
        lab.graph_layer = L - 1;
        lab.graph_unit = 0;
    }

    // Beside the lab panel (this function runs inside it), so that Forward and
    // Backward stay in reach; below it when the window is too narrow for that.
    const ImVec2 display = ImGui::GetIO().DisplaySize;
    const ImVec2 panel = ImGui::GetWindowPos(), panel_size = ImGui::GetWindowSize();
    const float left = panel.x + panel_size.x + 8.0f;
    if (display.x - left >= 420.0f) {
        ImGui::SetNextWindowPos(ImVec2(left, panel.y), ImGuiCond_Appearing);
        ImGui::SetNextWindowSize(ImVec2(display.x - left - 8.0f, std::min(display.y - panel.y - 8.0f, 640.0f)),
                                 ImGuiCond_Appearing);
    } else {
        ImGui::SetNextWindowPos(ImVec2(4.0f, display.y * 0.5f), ImGuiCond_Appearing);
        ImGui::SetNextWindowSize(ImVec2(display.x - 8.0f, display.y * 0.5f - 4.0f), ImGuiCond_Appearing);
    }
    if (ImGui::Begin("Computation graph", &lab.graph_open, ImGuiWindowFlags_NoCollapse)) {
        const auto unit_name = [&](int l, int o) {
            return (l == L - 1 ? std::string("output ") : "layer " + std::to_string(l + 1) + " unit ") + std::to_string(o + 1);
        };
        const std::string current = lab.graph_layer < 0 ? "whole network" : unit_name(lab.graph_layer, lab.graph_unit);
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 11);
        if (ImGui::BeginCombo("##graph-focus", current.c_str())) {
            // Each choice recorded as "graph.focus.option.<i>" while the list is open, as the other menus do.
            int option = 0;
            const auto choice = [&](const std::string& label, bool selected) {
                const bool picked = ImGui::Selectable(label.c_str(), selected);
                if (ctx.recording_controls())
                    ctx.control("graph.focus.option." + std::to_string(option), "", ControlKind::kButton, label,
                                selected ? "true" : "false");
                ++option;
                return picked;
            };
            if (units <= kWholeNetworkUnits && choice("whole network", lab.graph_layer < 0)) lab.graph_layer = -1;
            for (int l = 0; l < L; ++l)
                for (int o = 0; o < net.layer(l).out; ++o)
                    if (choice(unit_name(l, o), lab.graph_layer == l && lab.graph_unit == o)) {
                        lab.graph_layer = l;
                        lab.graph_unit = o;
                    }
            ImGui::EndCombo();
        }
        lab.record("graph.focus");
        ctx.control("graph.focus", "", ControlKind::kCombo, "graph of", current);
        ImGui::SameLine();
        ImGui::PushFont(font(FontRole::Small));
        ImGui::TextWrapped("black: forward value; red: \u2202E/\u2202(value), after Backward. A node's gradient is the sum "
                           "of what comes back along its outgoing edges (fan-out).");
        ImGui::PopFont();
        const pg::Graph g = pg::unfold_graph(net, *ctx.view.trace, ctx.view.target->data(), lab.graph_layer, lab.graph_unit);
        const ImVec2 p0 = ImGui::GetCursorScreenPos();
        const ImVec2 avail = ImGui::GetContentRegionAvail();
        if (avail.x > 50 && avail.y > 50) {
            draw_graph(ctx, g, p0, avail);
            ImGui::Dummy(avail);
        }
    }
    ImGui::End();
}

}  // namespace pgapp
