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
#include "ui/theme.h"

namespace pgapp {

namespace {

constexpr int kWholeNetworkUnits = 8;
// The colours of the current theme (ui/theme.h): ink and faint structure,
// the gradients in the theme's "bad" red, f′ in its blue line colour.
ImU32 ink() { return palette().text; }
ImU32 edge_color() { return palette().axis; }
ImU32 grad_color() { return palette().bad; }
ImU32 leaf_fill() { return palette().surface; }
ImU32 op_fill() { return palette().frame; }
ImU32 hot_fill() { return palette().header_hover; }
ImU32 local_color() { return palette().line_positive; }  // f′(z) under an activation

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
    case Op::Weight:
        head = "weight " + n.label + " (unit " + std::to_string(n.unit + 1) + " of layer " + std::to_string(n.layer + 1) + ")";
        break;
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

bool is_leaf(const pg::GraphNode& n) {
    using Op = pg::GraphNode::Op;
    return n.op == Op::Input || n.op == Op::Weight || n.op == Op::Bias || n.op == Op::Target;
}

// Where each node goes: the flow (x, ×, +, f, softmax, E) spread evenly down
// its column; a weight just above the × it feeds, a bias or a target just
// below what it feeds, so that no edge of the flow runs through a leaf (a
// chain such as the worked example would otherwise be one line with the
// weights on it).
std::vector<ImVec2> layout(const pg::Graph& g, ImVec2 p0, ImVec2 size, float margin, float gap_of_r, float min_gap,
                           float& r) {
    using Op = pg::GraphNode::Op;
    std::vector<ImVec2> at(g.nodes.size());
    std::vector<float> spacing(g.nodes.size(), size.y);
    const float dx = g.columns > 1 ? (size.x - 2 * margin) / float(g.columns - 1) : 0.0f;
    for (int c = 0; c < g.columns; ++c) {
        std::vector<int> flow;
        for (int k : g.column_nodes(c))
            if (!is_leaf(g.nodes[size_t(k)]) || g.nodes[size_t(k)].op == Op::Input) flow.push_back(k);
        const float dy = size.y / float(std::max<size_t>(flow.size(), 1));
        r = std::min(r, std::max(r * 0.64f, dy * 0.3f));
        for (size_t k = 0; k < flow.size(); ++k) {
            at[size_t(flow[k])] = ImVec2(p0.x + margin + dx * float(c), p0.y + dy * (float(k) + 0.5f));
            spacing[size_t(flow[k])] = dy;
        }
    }
    std::vector<int> consumer(g.nodes.size(), -1);
    for (const pg::GraphEdge& e : g.edges)
        if (consumer[size_t(e.from)] < 0) consumer[size_t(e.from)] = e.to;
    std::vector<int> stacked(g.nodes.size(), 0);  // leaves already placed below a node (the targets under E)
    for (size_t k = 0; k < g.nodes.size(); ++k) {
        const pg::GraphNode& n = g.nodes[k];
        if (!is_leaf(n) || n.op == Op::Input || consumer[k] < 0) continue;
        const ImVec2 to = at[size_t(consumer[k])];
        const float off = std::min(r * 2.6f, spacing[size_t(consumer[k])] * 0.32f);
        const float x = p0.x + margin + dx * float(n.column);
        if (n.op == Op::Weight) at[k] = ImVec2(x, to.y - off);
        else at[k] = ImVec2(x, to.y + off * float(++stacked[size_t(consumer[k])]));
    }
    const float gap = std::max(r * gap_of_r, min_gap);
    // Leaves of one column at least `gap` apart (a weight and the bias next
    // to it would overlap): pushed down in order, then the block moved back
    // up by the mean push so that it stays centred where it wanted to be.
    for (int c = 0; c < g.columns; ++c) {
        std::vector<int> leaves;
        for (int k : g.column_nodes(c))
            if (is_leaf(g.nodes[size_t(k)]) && g.nodes[size_t(k)].op != Op::Input) leaves.push_back(k);
        std::sort(leaves.begin(), leaves.end(), [&](int a, int b) { return at[size_t(a)].y < at[size_t(b)].y; });
        float pushed = 0;
        for (size_t i = 1; i < leaves.size(); ++i) {
            const float want = at[size_t(leaves[i - 1])].y + gap;
            if (at[size_t(leaves[i])].y < want) {
                pushed += want - at[size_t(leaves[i])].y;
                at[size_t(leaves[i])].y = want;
            }
        }
        if (!leaves.empty() && pushed > 0) {
            const float shift = std::min(pushed / float(leaves.size()), at[size_t(leaves[0])].y - p0.y - r);
            for (int k : leaves) at[size_t(k)].y -= std::max(0.0f, shift);
        }
    }
    return at;
}

void draw_graph(UiContext& ctx, const pg::Graph& g, ImVec2 p0, ImVec2 size) {
    using Op = pg::GraphNode::Op;
    LabState& lab = *ctx.lab;
    const int L = ctx.trainer.network().layer_count();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    ImFont* small = font(FontRole::Small);
    const float fs = small->FontSize;
    float r = fs * 1.1f;
    // Too many edges for words: the nodes carry the numbers instead.
    const bool edge_labels = g.edges.size() <= 40;
    // Leaves apart by their box, and without edge labels by their two lines of numbers.
    const std::vector<ImVec2> at = layout(g, p0, size, fs * 2.5f, 1.4f, edge_labels ? 4.0f : fs * 2.0f + 2.0f, r);
    // What the step-through shows: a layer's values after Forward reached it, gradients after Backward.
    auto shows_value = [&](const pg::GraphNode& n) {
        return n.layer < 0 || n.op == Op::Weight || n.op == Op::Bias || lab.shows_forward(std::min(n.layer, L - 1));
    };
    auto shows_grad = [&](const pg::GraphNode& n) { return n.layer >= 0 && lab.shows_delta(std::min(n.layer, L - 1), L); };
    std::vector<int> fan_out(g.nodes.size(), 0);
    for (const pg::GraphEdge& e : g.edges) ++fan_out[size_t(e.from)];
    const auto text_at = [&](ImVec2 p, ImU32 col, const std::string& t, float align_x) {
        const ImVec2 ts = small->CalcTextSizeA(fs, 1e9f, 0.0f, t.c_str());
        dl->AddText(small, fs, ImVec2(p.x - ts.x * align_x, p.y), col, t.c_str());
    };
    // Edges: the value each carries above it (black), the gradient flowing
    // back along it below (red, once Backward reached it), as on the board.
    for (const pg::GraphEdge& e : g.edges) {
        const pg::GraphNode& from = g.nodes[size_t(e.from)];
        const pg::GraphNode& to = g.nodes[size_t(e.to)];
        const ImVec2 a = at[size_t(e.from)], b = at[size_t(e.to)];
        dl->AddLine(ImVec2(a.x + r, a.y), ImVec2(b.x - r, b.y), edge_color(), 1.2f);
        if (!edge_labels) continue;
        const ImVec2 m((a.x + r + b.x - r) * 0.5f, (a.y + b.y) * 0.5f);
        if (shows_value(from)) text_at(ImVec2(m.x, m.y - fs * 1.05f), ink(), fmt4(e.value), 0.5f);
        if (from.has_grad && to.layer >= 0 && lab.shows_delta(std::min(to.layer, L - 1), L))
            text_at(ImVec2(m.x, m.y + fs * 0.05f), grad_color(), fmt4(e.grad), 0.5f);
    }
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    for (size_t k = 0; k < g.nodes.size(); ++k) {
        const pg::GraphNode& n = g.nodes[k];
        const ImVec2 c = at[k];
        const bool leaf = is_leaf(n);
        const std::string label = n.op == Op::Softmax ? "sm" : n.op == Op::Activation ? n.label.substr(0, 4)
                                  : n.op == Op::Loss ? "E" : n.label;
        const ImVec2 ts = small->CalcTextSizeA(fs, 1e9f, 0.0f, label.c_str());
        const float hw = leaf ? std::max(r, ts.x * 0.5f + 3.0f) : r;  // a leaf's box fits its name
        const bool hot = std::fabs(mouse.x - c.x) <= hw && std::fabs(mouse.y - c.y) <= r && ImGui::IsWindowHovered();
        if (leaf) {
            dl->AddRectFilled(ImVec2(c.x - hw, c.y - r * 0.7f), ImVec2(c.x + hw, c.y + r * 0.7f), hot ? hot_fill() : leaf_fill(), 3.0f);
            dl->AddRect(ImVec2(c.x - hw, c.y - r * 0.7f), ImVec2(c.x + hw, c.y + r * 0.7f), ink(), 3.0f);
        } else {
            dl->AddCircleFilled(c, r, hot ? hot_fill() : op_fill(), 20);
            dl->AddCircle(c, r, ink(), 20);
        }
        dl->AddText(small, fs, ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), ink(), label.c_str());
        // With edge labels a node adds what its edges do not say: the loss
        // itself, an activation's local derivative f′(z), and at a fan-out
        // the sum of what comes back (the multivariate chain rule).
        // Without them, an operation's value goes above it and its gradient
        // below; a leaf's (beside the × or + it feeds) on its left.
        if (!edge_labels) {
            const bool value = shows_value(n), grad = shows_grad(n) && n.has_grad;
            if (leaf && n.op != Op::Input) {
                if (value) text_at(ImVec2(c.x - hw - 2.0f, c.y - fs * (grad ? 1.0f : 0.5f)), ink(), fmt4(n.value), 1.0f);
                if (grad) text_at(ImVec2(c.x - hw - 2.0f, c.y), grad_color(), fmt4(n.grad), 1.0f);
            } else {
                if (value) text_at(ImVec2(c.x, c.y - r - fs), ink(), fmt4(n.value), 0.5f);
                if (grad) text_at(ImVec2(c.x, c.y + r), grad_color(), fmt4(n.grad), 0.5f);
            }
        } else if (n.op == Op::Loss) {
            if (shows_value(n)) text_at(ImVec2(c.x, c.y - r - fs), ink(), "E = " + fmt4(n.value), 0.5f);
        } else if (n.op == Op::Activation && shows_value(n)) {
            text_at(ImVec2(c.x, c.y + r), local_color(), "f\u2032 " + fmt4(n.local), 0.5f);
        }
        if (edge_labels && fan_out[k] > 1 && shows_grad(n) && n.has_grad)
            text_at(ImVec2(c.x - hw - 2.0f, c.y + r * 0.3f), grad_color(), "\u03a3 " + fmt4(n.grad), 1.0f);
        const std::string id = probe_name(n);
        lab.record(id, ImVec2(c.x - hw, c.y - r), ImVec2(c.x + hw, c.y + r));
        if (ctx.recording_controls())
            ctx.controls->add(id, "", ControlKind::kNode, node_text(n, false, false),
                              (shows_value(n) ? fmt_full(n.value) : std::string()) +
                                  (shows_grad(n) && n.has_grad ? "\n\u2202E " + fmt_full(n.grad) : std::string()),
                              ImVec2(c.x - hw, c.y - r), ImVec2(c.x + hw, c.y + r));
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
