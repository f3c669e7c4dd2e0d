#include "app.h"

#include <imgui.h>

#include <algorithm>

#include "fonts.h"
#include "pg/data.h"
#include "pg/rng.h"
#include "ui/plane_view.h"
#include "ui/theme.h"

namespace pgapp {

struct App::Impl {
    AppOptions options;
    pg::DataSpec data_spec;  // the reference's default: circle, 500 points, no noise
    pg::DataSplit data;
};

App::App(const AppOptions& options) : impl_(new Impl{options, {}, {}}) {
    apply_theme();
    pg::make_data_split(impl_->data_spec, pg::seed_from_string("0.59704"), 50, impl_->data);
}

App::~App() { delete impl_; }

void App::frame() {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("Playground", nullptr,
                 ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::PushFont(font(FontRole::Heading));
    ImGui::TextUnformatted("Neural Network Playground");
    ImGui::PopFont();
    ImGui::TextDisabled("Circle dataset: %d training points (white outline), %d test points (dark outline)",
                        int(impl_->data.train.size()), int(impl_->data.test.size()));
    ImGui::Separator();

    const ImVec2 avail = ImGui::GetContentRegionAvail();
    const float size = std::max(100.0f, std::min(avail.x, avail.y) - ImGui::GetFontSize() * 2.0f);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const PlaneView view = plane_begin(size, true);
    dl->AddRectFilled(view.min, ImVec2(view.min.x + view.size, view.min.y + view.size), IM_COL32_WHITE);
    plane_draw_axes(dl, view);
    const float radius = std::max(2.5f, size / 160.0f);
    plane_draw_points(dl, view, impl_->data.train, pg::Problem::kClassification, false, radius);
    plane_draw_points(dl, view, impl_->data.test, pg::Problem::kClassification, true, radius);
    ImGui::End();
}

}  // namespace pgapp
