// web/app.h — the playground application: owns the engine's training session
// and builds the whole UI each frame. Platform code (main.cpp) calls frame();
// the page's JavaScript API and --state reach it through the methods below.
#pragma once
#include <string>

namespace pgapp {

struct AppOptions {
    std::string state;         // initial state string (URL hash format)
    std::string glsl_version;  // "#version 300 es" (WebGL2) or "#version 330 core"
};

class App {
public:
    explicit App(const AppOptions& options);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Builds this frame's UI (ImGui calls, GL texture updates). Called between
    // ImGui::NewFrame() and ImGui::Render().
    void frame();

private:
    struct Impl;
    Impl* impl_;
};

}  // namespace pgapp
