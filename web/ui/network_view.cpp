// The network diagram: input features, hidden layers and outputs as
// heatmap thumbnails, links as curves coloured by weight, biases as small
// squares. Hover shows values (and a neuron's output in the big heatmap);
// a click on a link or bias edits it while training runs; +/- change the
// architecture; each hidden layer has its own activation menu.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "fonts.h"
#include "pg/number_format.h"
#include "ui/context.h"
#include "ui/numbers.h"
#include "ui/theme.h"

namespace pgapp {
namespace {

constexpr int kMaxLayersByButton = 6, kMaxUnitsByButton = 8;

struct Link {
    ImVec2 a, b;     // from the right edge of the source node to the left edge of the target
    float value;
    int layer, out, in;
};

struct EditTarget {
    int layer = -1, out = -1, in = -1;  // in = -1: the bias of (layer, out)
    float value = 0;
    std::string what;
    bool open_request = false;
    char text[48] = "";
};
EditTarget g_edit;

ImVec2 bezier(const Link& l, float t) {
    const float mx = (l.a.x + l.b.x) * 0.5f;
    const ImVec2 p1(mx, l.a.y), p2(mx, l.b.y);
    const float u = 1 - t;
    const float w0 = u * u * u, w1 = 3 * u * u * t, w2 = 3 * u * t * t, w3 = t * t * t;
    return ImVec2(w0 * l.a.x + w1 * p1.x + w2 * p2.x + w3 * l.b.x, w0 * l.a.y + w1 * p1.y + w2 * p2.y + w3 * l.b.y);
}

float distance_to_link(const Link& l, ImVec2 m) {
    float best = 1e9f;
    ImVec2 prev = l.a;
    for (int i = 1; i <= 16; ++i) {
        const ImVec2 cur = bezier(l, float(i) / 16.0f);
        const ImVec2 d(cur.x - prev.x, cur.y - prev.y);
        const float len2 = d.x * d.x + d.y * d.y;
        float t = len2 > 0 ? ((m.x - prev.x) * d.x + (m.y - prev.y) * d.y) / len2 : 0;
        t = std::clamp(t, 0.0f, 1.0f);
        const float dx = prev.x + t * d.x - m.x, dy = prev.y + t * d.y - m.y;
        best = std::min(best, dx * dx + dy * dy);
        prev = cur;
    }
    return std::sqrt(best);
}

// Whole pixels: ImGui then draws anti-aliased lines from its texture (2
// triangles per segment instead of a fringe), which keeps big networks cheap.
float link_width(float w, float node) {
    return std::round(std::clamp(1.0f + std::fabs(w) * 1.8f, 1.0f, std::max(4.0f, node * 0.2f)));
}

std::string feature_text(pg::Feature f) { return feature_label(f, false); }

std::string neuron_text(const pg::Network& net, int layer, int o) {
    if (layer == net.layer_count() - 1)
        return net.outputs() > 1 ? "output " + std::to_string(o + 1) : std::string("the output");
    return "neuron " + std::to_string(o + 1) + " of hidden layer " + std::to_string(layer + 1);
}

std::string source_text(const pg::Network& net, const std::vector<pg::Feature>& features, int layer, int in) {
    if (layer == 0) return in < int(features.size()) ? feature_text(features[size_t(in)]) : "input";
    return neuron_text(net, layer - 1, in);
}

// Relative error of the gradient check → link colour (green, amber, red; grey at a kink).
ImU32 error_color(const pg::GradCheckEntry& e) {
    const Palette& p = palette();
    if (e.at_kink) return p.text_muted;
    if (e.rel_error < 1e-4) return p.good;
    if (e.rel_error < 1e-2) return p.warn;
    return p.bad;
}

// One number the lab writes on a node: "δ" and its value.
struct NodeNumber {
    const char* name;
    double value;
};

// The lab's numbers written on a node: as many lines as fit, on a white band
// at the node's bottom, each number as wide as the node allows (fmt_fit: fewer
// digits, never a cut exponent). Returns the lines drawn, joined by '\n'.
std::string node_numbers(ImDrawList* dl, ImVec2 p, float node, const std::vector<NodeNumber>& numbers) {
    ImFont* small = font(FontRole::Small);
    const float base = std::min(small->FontSize * ImGui::GetIO().FontGlobalScale, node / 3.2f);
    if (base < 7.0f || numbers.empty()) return "";
    const int rows = std::min(int(numbers.size()), int(node / (base * 1.02f)));
    // Text starts at p.x + 2 and the clip ends at p.x + node - 1.
    const float room = node - 3;
    auto width = [&](const std::string& text, float size) { return small->CalcTextSizeA(size, 1e9f, 0, text.c_str()).x; };
    // The text shrinks (to 80 %, at least 7 px) before a number keeps fewer than
    // two digits: "δ −4.4e−7" reads better a little smaller than "δ −4e−7".
    // A text's width grows in proportion to its size, so one measure at the
    // base size gives the largest size, in steps of 0.5 px down from the base,
    // at which every two-digit line fits (this runs for every node every frame).
    float need = 0;
    for (int k = 0; k < rows; ++k)
        need = std::max(need, width(std::string(numbers[size_t(k)].name) + " " +
                                        pg::format_number(numbers[size_t(k)].value, 2, true), base));
    const float smallest = std::max(7.0f, base * 0.8f);
    float size = base;
    if (need > room) size = std::max(smallest, base - 0.5f * std::ceil((base - base * room / need) / 0.5f - 1e-4f));
    std::vector<std::string> lines;
    for (int k = 0; k < rows; ++k) {
        const std::string prefix = std::string(numbers[size_t(k)].name) + " ";
        const std::string value = fmt_fit(numbers[size_t(k)].value, room - width(prefix, size), small, size);
        // No room for even one digit and the exponent: an ellipsis (the tooltip
        // has the number), never a cut one.
        if (!value.empty()) lines.push_back(prefix + value);
        else if (width(prefix + "\u2026", size) <= room) lines.push_back(prefix + "\u2026");
    }
    const int fit = int(lines.size());
    if (fit <= 0) return "";
    const float h = float(fit) * size * 1.02f + 1;
    dl->AddRectFilled(ImVec2(p.x + 1, p.y + node - h - 1), ImVec2(p.x + node - 1, p.y + node - 1), palette().label_bg);
    dl->PushClipRect(p, ImVec2(p.x + node - 1, p.y + node), true);
    for (int k = 0; k < fit; ++k)
        dl->AddText(small, size, ImVec2(p.x + 2, p.y + node - h + float(k) * size * 1.02f - 1), palette().ink,
                    lines[size_t(k)].c_str());
    dl->PopClipRect();
    std::string drawn;
    for (const std::string& line : lines) drawn += (drawn.empty() ? "" : "\n") + line;
    return drawn;
}

// The chosen example's position on a thumbnail of the [-6, 6]² plane.
void example_dot(ImDrawList* dl, ImVec2 p, float node, double x1, double x2) {
    const float x = p.x + float((x1 + pg::kDataExtent) / (2 * pg::kDataExtent)) * node;
    const float y = p.y + float((pg::kDataExtent - x2) / (2 * pg::kDataExtent)) * node;
    if (x < p.x || x > p.x + node || y < p.y || y > p.y + node) return;
    const float r = std::max(2.0f, node * 0.05f);
    dl->AddCircleFilled(ImVec2(x, y), r + 1.2f, palette().point_ring_train, 10);
    dl->AddCircleFilled(ImVec2(x, y), r, palette().ink, 10);
}

void formula_tooltip(UiContext& ctx, const std::string& text) {
    ImGui::BeginTooltip();
    ImGui::TextUnformatted(text.c_str());
    ImGui::EndTooltip();
    ctx.lab->tooltip_text = text;
}

}  // namespace

void draw_network_view(UiContext& ctx) {
    Trainer& tr = ctx.trainer;
    pg::Network& net = tr.network();
    const pg::State& run = tr.state();
    pg::State& s = ctx.edit;
    const float fs = ImGui::GetFontSize();
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 origin = ImGui::GetCursorScreenPos();
    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const int hidden = net.layer_count() - 1;

    // --- Header: hidden layer count with +/- ---------------------------------------------
    const bool arch_controls = ctx.show(pg::Control::kNumHiddenLayers);
    if (arch_controls) {
        if (ImGui::Button("+##layer", ImVec2(std::max(kMinTarget, ImGui::GetFrameHeight()), 0)) &&
            int(s.network_shape.size()) < kMaxLayersByButton)
            s.network_shape.push_back(2);
        ctx.control("layers.add", pg::Control::kNumHiddenLayers, ControlKind::kButton, "Add a hidden layer",
                    std::to_string(hidden));
        tooltip("Add a hidden layer of two neurons (the network restarts).");
        ImGui::SameLine();
        if (ImGui::Button("-##layer", ImVec2(std::max(kMinTarget, ImGui::GetFrameHeight()), 0)) && !s.network_shape.empty()) {
            s.network_shape.pop_back();
            if (s.activations.size() > s.network_shape.size()) s.activations.resize(s.network_shape.size());
        }
        ctx.control("layers.remove", pg::Control::kNumHiddenLayers, ControlKind::kButton, "Remove the last hidden layer",
                    std::to_string(hidden));
        tooltip("Remove the last hidden layer (the network restarts).");
        ImGui::SameLine();
    }
    ImGui::AlignTextToFramePadding();
    ImGui::Text("%d HIDDEN LAYER%s", hidden, hidden == 1 ? "" : "S");
    ImGui::SameLine();
    ImGui::TextDisabled("  %s", pg::shape_string(net.spec()).c_str());

    // --- Geometry -------------------------------------------------------------------------
    std::vector<pg::Feature> shown_features;
    for (pg::Feature f : pg::kAllFeatures)
        if (!run.hidden(f)) shown_features.push_back(f);
    const int columns = hidden + 2;  // inputs, hidden..., outputs
    int max_rows = int(shown_features.size());
    for (int l = 0; l < net.layer_count(); ++l) max_rows = std::max(max_rows, std::min(net.layer(l).out, kMaxDrawnUnits));
    const float label_w = fs * 3.6f;
    const float layer_header = std::max(fs * 3.4f, kMinTarget * 2 + fs * 0.9f);  // +/- and the activation menu, 24 px each
    const float top = ImGui::GetCursorScreenPos().y + layer_header;
    const float height = origin.y + avail.y - top - fs * 0.3f;
    const float width = avail.x - label_w;
    const float col_gap_guess = width / float(columns);
    float node = std::min({fs * 4.2f, height / (float(max_rows) * 1.22f), col_gap_guess * 0.45f});
    node = std::max(node, 10.0f);
    const float col_gap = columns > 1 ? (width - node) / float(columns - 1) : 0;
    auto col_x = [&](int c) { return origin.x + label_w + float(c) * col_gap; };
    auto row_y = [&](int r, int rows) {
        const float pitch = std::min(node * 1.22f, height / float(std::max(rows, 1)));
        return top + float(r) * pitch + std::max(0.0f, (height - pitch * float(rows)) * 0.0f);
    };
    const ImVec2 mouse = ImGui::GetIO().MousePos;
    const bool window_hovered = ImGui::IsWindowHovered();

    // Node positions (top-left), per column.
    std::vector<std::vector<ImVec2>> pos{size_t(columns)};
    std::vector<int> feature_input(shown_features.size(), -1);  // index among the network's inputs
    for (size_t i = 0; i < shown_features.size(); ++i) {
        pos[0].push_back(ImVec2(col_x(0), row_y(int(i), int(shown_features.size()))));
        const auto& active = tr.features();
        const auto it = std::find(active.begin(), active.end(), shown_features[i]);
        if (it != active.end()) feature_input[i] = int(it - active.begin());
    }
    for (int l = 0; l < net.layer_count(); ++l) {
        const int rows = std::min(net.layer(l).out, kMaxDrawnUnits);
        for (int o = 0; o < rows; ++o) pos[size_t(l + 1)].push_back(ImVec2(col_x(l + 1), row_y(o, rows)));
    }

    // The lab: numbers of the chosen example, the stepped layer, gradient-check colours.
    const bool lab = ctx.lab_open();
    const pg::Trace* trace = ctx.view.trace;
    const bool check_colors = lab && ctx.lab->color_links_by_error && ctx.lab->check_fresh(net);
    if (lab) {
        const int current = ctx.lab->current_layer(net.layer_count());
        if (current >= 0 && !pos[size_t(current + 1)].empty()) {
            const float x = col_x(current + 1);
            const auto& col = pos[size_t(current + 1)];
            dl->AddRectFilled(ImVec2(x - node * 0.25f, col.front().y - node * 0.15f),
                              ImVec2(x + node * 1.25f, col.back().y + node * 1.15f), palette().layer_highlight, node * 0.1f);
        }
    }

    // `editWeights_hide=true` locks the weights (a lesson's given numbers).
    const bool can_edit = ctx.show(pg::Control::kEditWeights);
    const char* click_note = can_edit ? "\nClick to type a new value." : "";

    // --- Links ----------------------------------------------------------------------------
    std::vector<Link> links;
    for (int l = 0; l < net.layer_count(); ++l) {
        const auto& to = pos[size_t(l + 1)];
        if (l == 0) {
            for (size_t i = 0; i < shown_features.size(); ++i) {
                if (feature_input[i] < 0) continue;
                for (int o = 0; o < int(to.size()); ++o) {
                    const ImVec2 a(pos[0][i].x + node, pos[0][i].y + node * 0.5f), b(to[size_t(o)].x, to[size_t(o)].y + node * 0.5f);
                    links.push_back(Link{a, b, net.weight(0, o, feature_input[i]), 0, o, feature_input[i]});
                }
            }
        } else {
            const auto& from = pos[size_t(l)];
            for (int i = 0; i < int(from.size()); ++i)
                for (int o = 0; o < int(to.size()); ++o) {
                    const ImVec2 a(from[size_t(i)].x + node, from[size_t(i)].y + node * 0.5f), b(to[size_t(o)].x, to[size_t(o)].y + node * 0.5f);
                    links.push_back(Link{a, b, net.weight(l, o, i), l, o, i});
                }
        }
    }
    // Hover: nodes take precedence over links.
    int hovered_link = -1;
    bool over_node = false;
    for (const auto& col : pos)
        for (const ImVec2& p : col)
            if (mouse.x >= p.x && mouse.x <= p.x + node && mouse.y >= p.y && mouse.y <= p.y + node) over_node = true;
    if (window_hovered && !over_node) {
        // The nearest link within 12 px: a 24 px band around each link is its
        // target (WCAG 2.2 target size), for a finger as for a mouse.
        float best = std::max(kMinTarget * 0.5f, fs * 0.3f);
        for (size_t k = 0; k < links.size(); ++k) {
            const Link& l = links[k];
            if (mouse.x < l.a.x - 2 || mouse.x > l.b.x + 2) continue;
            const float d = distance_to_link(l, mouse);
            if (d < best) { best = d; hovered_link = int(k); }
        }
    }
    // Channel 0: links, then (at the end) every node's heatmap in one batch;
    // channel 1: node borders, biases, labels and widgets on top.
    dl->ChannelsSplit(2);
    dl->ChannelsSetCurrent(0);
    const int segments = std::clamp(int(col_gap / 8.0f), 8, 24);
    for (const Link& l : links) {
        const float mx = (l.a.x + l.b.x) * 0.5f;
        ImU32 color = line_color(l.value);
        if (check_colors) {
            const size_t index = net.layer(l.layer).weights + size_t(l.out) * size_t(net.layer(l.layer).in) + size_t(l.in);
            if (index < ctx.lab->check.entries.size()) color = error_color(ctx.lab->check.entries[index]);
        }
        dl->AddBezierCubic(l.a, ImVec2(mx, l.a.y), ImVec2(mx, l.b.y), l.b, color, link_width(l.value, node), segments);
    }
    // Where a script can point at each link without touching another (tests, playground.probe()).
    // O(links²): only once a script asked (playground.probe()), for small networks.
    if (((lab && ctx.lab->probe_links) || ctx.recording_controls()) && links.size() <= 80) {
        for (const Link& l : links) {
            for (float t : {0.5f, 0.35f, 0.65f, 0.25f, 0.75f, 0.15f, 0.85f}) {
                const ImVec2 q = bezier(l, t);
                bool clear = true;
                for (const Link& other : links)
                    if (&other != &l && q.x >= other.a.x - 2 && q.x <= other.b.x + 2 && distance_to_link(other, q) < kMinTarget * 0.5f) {
                        clear = false;
                        break;
                    }
                if (clear) {
                    const std::string id =
                        "link." + std::to_string(l.layer) + "." + std::to_string(l.out) + "." + std::to_string(l.in);
                    // The 24 x 24 box around a point no other link comes within 12 px of.
                    const float h = kMinTarget * 0.5f;
                    if (lab) ctx.lab->record(id, ImVec2(q.x - h, q.y - h), ImVec2(q.x + h, q.y + h));
                    if (ctx.recording_controls())
                        ctx.controls->add(id, can_edit ? pg::control_name(pg::Control::kEditWeights) : "", ControlKind::kLink,
                                          "Weight from " + source_text(net, tr.features(), l.layer, l.in) + " to " +
                                              neuron_text(net, l.layer, l.out),
                                          fmt_full(l.value), ImVec2(q.x - h, q.y - h), ImVec2(q.x + h, q.y + h));
                    break;
                }
            }
        }
    }
    if (hovered_link >= 0) {
        const Link& l = links[size_t(hovered_link)];
        const float mx = (l.a.x + l.b.x) * 0.5f;
        dl->AddBezierCubic(l.a, ImVec2(mx, l.a.y), ImVec2(mx, l.b.y), l.b, with_alpha(palette().ink, 200),
                           link_width(l.value, node) + 2.5f, segments);
        dl->AddBezierCubic(l.a, ImVec2(mx, l.a.y), ImVec2(mx, l.b.y), l.b, line_color(l.value),
                           link_width(l.value, node), segments);
        if (lab) {
            formula_tooltip(ctx, link_formula(ctx, l.layer, l.out, l.in) + click_note);
        } else {
            ImGui::BeginTooltip();
            ImGui::Text("Weight %.4f", l.value);
            ImGui::TextDisabled("from %s to %s", source_text(net, tr.features(), l.layer, l.in).c_str(),
                                neuron_text(net, l.layer, l.out).c_str());
            if (can_edit) ImGui::TextDisabled("Click to type a new value.");
            ImGui::EndTooltip();
        }
        if (lab && ctx.lab->picking && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            ctx.lab->picked = LabState::Pick{l.layer, l.out, l.in, true};  // an answer goal (make_lesson_panel.cpp)
        } else if (can_edit && ImGui::IsMouseClicked(ImGuiMouseButton_Left)) {
            g_edit = EditTarget{l.layer, l.out, l.in, l.value,
                                "Weight from " + source_text(net, tr.features(), l.layer, l.in) + " to " +
                                    neuron_text(net, l.layer, l.out),
                                true};
        }
    }

    dl->ChannelsSetCurrent(1);

    // --- Input nodes ------------------------------------------------------------------------
    ImFont* small = font(FontRole::Small);
    for (size_t i = 0; i < shown_features.size(); ++i) {
        const pg::Feature f = shown_features[i];
        const ImVec2 p = pos[0][i], q(p.x + node, p.y + node);
        const bool on = s.feature(f);
        const int layer = kFeatureLayer0 + int(f);
        HeatmapStyle style;
        style.scale = ctx.feature_scale[size_t(f)];
        style.opacity = on ? 0.63f : 0.18f;
        ctx.heatmaps.add(p, q, layer, style);
        dl->AddRect(p, q, on ? palette().text : palette().border, 0, 0, on ? 1.5f : 1.0f);
        const std::string label = feature_text(f);
        const ImVec2 ts = small->CalcTextSizeA(small->FontSize * ImGui::GetIO().FontGlobalScale, 1e9f, 0, label.c_str());
        dl->AddText(small, small->FontSize * ImGui::GetIO().FontGlobalScale,
                    ImVec2(p.x - ts.x - fs * 0.4f, p.y + (node - ts.y) * 0.5f),
                    on ? palette().text : palette().text_muted, label.c_str());
        std::string drawn;
        if (lab && feature_input[i] >= 0) {
            example_dot(dl, p, node, ctx.lab->example.x1, ctx.lab->example.x2);
            drawn = node_numbers(dl, p, node, {{"a", trace->input[size_t(feature_input[i])]}});
        }
        // The toggle is at least 24 x 24 (WCAG 2.2 target size) around a smaller square.
        const float hit = std::max(node, kMinTarget);
        ImGui::SetCursorScreenPos(ImVec2(p.x + (node - hit) * 0.5f, p.y + (node - hit) * 0.5f));
        ImGui::PushID(int(f));
        if (ImGui::InvisibleButton("##feature", ImVec2(hit, hit))) s.features[size_t(f)] = !on;
        ImGui::PopID();
        // A feature toggle: its URL key ("x", "xSquared"); the numbers drawn on it follow its state.
        if (ctx.recording_controls())
            ctx.control("input." + std::string(pg::feature_name(f)), pg::feature_name(f), ControlKind::kCheckbox, label,
                        std::string(on ? "true" : "false") + (drawn.empty() ? "" : "\n" + drawn));
        if (lab) ctx.lab->record("input." + std::string(pg::feature_name(f)));
        if (ImGui::IsItemHovered()) {
            ctx.hovered_layer = layer;
            ctx.hovered_style = style;
            ctx.hovered_style.opacity = 0.63f;
            ctx.hovered_name = "input " + label;
            ImGui::SetTooltip("%s: click to %s this input (the network restarts).", label.c_str(),
                              on ? "remove" : "add");
        }
    }

    // --- Hidden and output neurons, biases, per-layer headers ----------------------------------
    for (int l = 0; l < net.layer_count(); ++l) {
        const pg::LayerLayout& L = net.layer(l);
        const bool is_output = l == net.layer_count() - 1;
        const float x = col_x(l + 1);
        // Header above hidden layers: +/- neurons and the activation menu.
        if (!is_output) {
            ImGui::PushID(1000 + l);
            const float header_y = top - layer_header;
            const float w = std::min(col_gap * 0.95f, fs * 6.0f);
            const float hx = std::min(x + node * 0.5f - w * 0.5f, origin.x + avail.x - w);
            ImGui::SetCursorScreenPos(ImVec2(std::max(hx, origin.x), header_y));
            ImGui::BeginGroup();
            if (arch_controls && l < int(s.network_shape.size())) {
                // 24 x 24: WCAG 2.2's target size, on a finger as with a mouse.
                const ImVec2 target(kMinTarget, kMinTarget);
                ImGui::PushStyleVar(ImGuiStyleVar_FramePadding, ImVec2(fs * 0.35f, 1));
                if (ImGui::Button("+", target) && s.network_shape[size_t(l)] < kMaxUnitsByButton) ++s.network_shape[size_t(l)];
                if (ctx.recording_controls())
                    ctx.control("layer." + std::to_string(l) + ".add", pg::Control::kNumHiddenLayers, ControlKind::kButton,
                                "Add a neuron to hidden layer " + std::to_string(l + 1), std::to_string(L.out));
                tooltip("Add a neuron to this layer (the network restarts).");
                ImGui::SameLine(0, 2);
                if (ImGui::Button("-", target) && s.network_shape[size_t(l)] > 1) --s.network_shape[size_t(l)];
                if (ctx.recording_controls())
                    ctx.control("layer." + std::to_string(l) + ".remove", pg::Control::kNumHiddenLayers, ControlKind::kButton,
                                "Remove a neuron from hidden layer " + std::to_string(l + 1), std::to_string(L.out));
                tooltip("Remove a neuron from this layer (the network restarts).");
                ImGui::PopStyleVar();
                ImGui::SameLine(0, 4);
            }
            ImGui::PushFont(small);
            ImGui::AlignTextToFramePadding();
            char count[24];
            std::snprintf(count, sizeof count, "%d neuron%s", L.out, L.out == 1 ? "" : "s");
            const float room = std::max(hx, origin.x) + col_gap * 0.95f - ImGui::GetCursorScreenPos().x;
            if (ImGui::CalcTextSize(count).x > room) std::snprintf(count, sizeof count, "%d", L.out);
            // Twelve wide layers leave no room even for the number: the shape
            // above the diagram ("2-256-256-...") says it.
            if (ImGui::CalcTextSize(count).x <= room) ImGui::TextUnformatted(count);
            else ImGui::NewLine();
            ImGui::PopFont();
            if (ctx.show(pg::Control::kActivation)) {
                pg::Activation a = pg::hidden_activation(s, l);
                ImGui::PushFont(small);
                ImGui::PushStyleVar(ImGuiStyleVar_FramePadding,
                                    ImVec2(fs * 0.3f, std::max(1.0f, (kMinTarget - ImGui::GetFontSize()) * 0.5f)));
                if (activation_combo("##layer_act", a, w, &ctx, "layer." + std::to_string(l) + ".activation",
                                     "Activation of hidden layer " + std::to_string(l + 1))) {
                    if (s.activations.size() < size_t(hidden)) {
                        const size_t old = s.activations.size();
                        s.activations.resize(size_t(hidden));
                        for (size_t k = old; k < s.activations.size(); ++k) s.activations[k] = s.activation;
                    }
                    s.activations[size_t(l)] = a;
                }
                ImGui::PopStyleVar();
                ImGui::PopFont();
                tooltip("Activation of this layer only; the weights are kept.");
            }
            ImGui::EndGroup();
            ImGui::PopID();
        } else {
            const float size = small->FontSize * ImGui::GetIO().FontGlobalScale;
            const float tw = small->CalcTextSizeA(size, 1e9f, 0, "OUTPUT").x;
            dl->AddText(small, size, ImVec2(std::min(x, x + node - tw), top - fs * 1.2f), palette().text_muted,
                        "OUTPUT");
        }
        const auto& col = pos[size_t(l + 1)];
        for (int o = 0; o < int(col.size()); ++o) {
            const ImVec2 p = col[size_t(o)], q(p.x + node, p.y + node);
            const int layer = heatmap_slot(net, l, o);
            HeatmapStyle style;
            if (is_output && L.activation == pg::Activation::Sigmoid) { style.offset = -0.5f; style.scale = 2.0f; }
            else if (is_output && net.spec().loss == pg::Loss::SoftmaxCrossEntropy) { style.offset = -0.5f; style.scale = 2.0f; }
            style.discretize = is_output && run.discretize;
            ctx.heatmaps.add(p, q, layer, style);
            dl->AddRect(p, q, palette().text, 0, 0, 1.0f);
            ImGui::SetCursorScreenPos(p);
            ImGui::PushID(2000 + L.first_neuron + o);
            if (ImGui::InvisibleButton("##neuron", ImVec2(node, node)) && lab && ctx.lab->picking)
                ctx.lab->picked = LabState::Pick{l, o, 0, false};  // an answer goal (make_lesson_panel.cpp)
            if (lab) ctx.lab->record("node." + std::to_string(l) + "." + std::to_string(o));
            const ImVec2 node_min = ImGui::GetItemRectMin(), node_max = ImGui::GetItemRectMax();
            if (ImGui::IsItemHovered()) {
                ctx.hovered_layer = layer;
                ctx.hovered_style = style;
                ctx.hovered_name = neuron_text(net, l, o);
                if (lab) formula_tooltip(ctx, node_formula(ctx, l, o));
                else
                    ImGui::SetTooltip("%s (%s): its output is shown in the big heatmap.",
                                      neuron_text(net, l, o).c_str(), std::string(pg::to_string(L.activation)).c_str());
            }
            ImGui::PopID();
            std::string drawn;
            if (lab) {
                example_dot(dl, p, node, ctx.lab->example.x1, ctx.lab->example.x2);
                const pg::LayerTrace& T = trace->layers[size_t(l)];
                std::vector<NodeNumber> numbers;
                if (ctx.lab->shows_delta(l, net.layer_count())) numbers.push_back({"\u03b4", T.delta[size_t(o)]});
                if (ctx.lab->shows_forward(l)) {
                    numbers.push_back({"z", T.z[size_t(o)]});
                    numbers.push_back({"a", T.a[size_t(o)]});
                }
                drawn = node_numbers(dl, p, node, numbers);
            }
            // A node: its label, and as value the numbers drawn on it ("δ −4.4e−7\nz 0.1\na 0.5").
            if (ctx.recording_controls())
                ctx.controls->add("node." + std::to_string(l) + "." + std::to_string(o), "", ControlKind::kNode,
                                  neuron_text(net, l, o), drawn, node_min, node_max);
            // Bias: a small square at the node's lower left.
            if (L.has_bias) {
                const float b = std::max(5.0f, node * 0.22f);
                const ImVec2 b0(p.x - b * 0.6f, p.y + node - b * 0.4f), b1(b0.x + b, b0.y + b);
                const float value = net.bias(l, o);
                dl->AddRectFilled(b0, b1, diverging_color(value));
                dl->AddRect(b0, b1, palette().text);
                // The square is small; its target is 24 x 24 around it (WCAG 2.2 target size).
                const float hit = std::max(b, kMinTarget);
                ImGui::SetCursorScreenPos(ImVec2((b0.x + b1.x - hit) * 0.5f, (b0.y + b1.y - hit) * 0.5f));
                ImGui::PushID(3000 + L.first_neuron + o);
                if (ImGui::InvisibleButton("##bias", ImVec2(hit, hit)) && can_edit)
                    g_edit = EditTarget{l, o, -1, value, "Bias of " + neuron_text(net, l, o), true};
                if (lab) ctx.lab->record("bias." + std::to_string(l) + "." + std::to_string(o));
                if (ctx.recording_controls())
                    ctx.control("bias." + std::to_string(l) + "." + std::to_string(o),
                                can_edit ? pg::control_name(pg::Control::kEditWeights) : "", ControlKind::kButton,
                                "Bias of " + neuron_text(net, l, o), fmt_full(value));
                if (ImGui::IsItemHovered()) {
                    if (lab) formula_tooltip(ctx, link_formula(ctx, l, o, -1) + click_note);
                    else ImGui::SetTooltip("Bias %.4f%s", value, click_note);
                }
                ImGui::PopID();
            }
        }
        if (L.out > int(col.size())) {
            char more[32];
            std::snprintf(more, sizeof more, "+%d more", L.out - int(col.size()));
            const float size = small->FontSize * ImGui::GetIO().FontGlobalScale;
            if (small->CalcTextSizeA(size, 1e9f, 0, more).x > col_gap * 0.95f)
                std::snprintf(more, sizeof more, "+%d", L.out - int(col.size()));
            dl->AddText(small, size, ImVec2(x, col.back().y + node + 2), palette().text_muted, more);
        }
    }
    dl->ChannelsSetCurrent(0);
    ctx.heatmaps.flush(dl);
    dl->ChannelsMerge();
    ImGui::SetCursorScreenPos(ImVec2(origin.x, origin.y + avail.y - 1));
    ImGui::Dummy(ImVec2(1, 1));

    // --- Edit a weight or bias -------------------------------------------------------------------
    if (g_edit.open_request) {
        ImGui::OpenPopup("edit_parameter");
        g_edit.open_request = false;
    }
    if (ImGui::BeginPopup("edit_parameter")) {
        ImGui::TextUnformatted(g_edit.what.c_str());
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        // The typed text is kept as the user writes it and read on Enter or Set
        // (both save it; a value that does not parse is refused with a word).
        if (ImGui::IsWindowAppearing()) std::snprintf(g_edit.text, sizeof g_edit.text, "%s", fmt_full_ascii(g_edit.value).c_str());
        ImGui::SetNextItemWidth(fs * 8);
        // No character filter: "nan" typed is refused with a word below.
        const bool enter = ImGui::InputText("##value", g_edit.text, sizeof g_edit.text,
                                            ImGuiInputTextFlags_EnterReturnsTrue | ImGuiInputTextFlags_AutoSelectAll);
        ctx.control("edit.value", pg::Control::kEditWeights, ControlKind::kTextField, g_edit.what, g_edit.text);
        tooltip("The new value takes effect at once, even while training runs.");
        const std::optional<float> typed = parse_typed_float(g_edit.text);
        if (typed) g_edit.value = *typed;
        ImGui::SameLine();
        if (!typed) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(palette().bad), "not a finite float (within \u00b13.4e38)");
        else {
            const bool set = ImGui::Button("Set");
            ctx.control("edit.set", pg::Control::kEditWeights, ControlKind::kButton, "Set");
            if (set || enter) {
                if (std::isfinite(g_edit.value)) {
                    if (g_edit.in < 0) net.set_bias(g_edit.layer, g_edit.out, g_edit.value);
                    else net.set_weight(g_edit.layer, g_edit.out, g_edit.in, g_edit.value);
                    ctx.weights_edited = true;
                }
                ImGui::CloseCurrentPopup();
            }
        }
        ImGui::SameLine();
        if (ImGui::Button("Cancel")) ImGui::CloseCurrentPopup();
        ctx.control("edit.cancel", pg::Control::kEditWeights, ControlKind::kButton, "Cancel");
        ImGui::EndPopup();
    }
}

}  // namespace pgapp
