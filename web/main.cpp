// web/main.cpp — the platform layer: SDL2 window, OpenGL 3.3 core (desktop) or
// WebGL2 (browser) context, Dear ImGui backends, fonts at the device pixel
// ratio, and the frame loop. Everything the user sees is built by App.
//
// Desktop options:
//   --state S         start from a state string (TensorFlow Playground URL hash)
//   --size WxH        window size in logical pixels (default 1280x800)
//   --exact           compute bit for bit what the browser computes (Backend::Exact)
//   --play            start training at once (with --screenshot: print the
//                     epoch reached, the speed and where training ran)
//   --screenshot F    after --frames frames (default 30) save F as PNG, print the
//                     frame's pixel variance and exit: 0 if the frame shows
//                     something, 1 if it is blank (the desktop smoke test)
//   --record DIR      record from the first frame: every frame as DIR/frame-000001.png, ...
//                     (the Record button does the same into a new folder
//                     playground-recording-<date>-<time> of the working folder)
//
// The system's settings (what `theme=auto` follows, and reduced motion): in the
// page the media queries prefers-color-scheme, prefers-contrast,
// forced-colors and prefers-reduced-motion (read once, then followed through
// their change events); on the desktop the environment variables
// PG_SYSTEM_THEME=light|dark|contrast and PG_REDUCED_MOTION=1.
#include <SDL.h>
#include <imgui.h>
#include <imgui_impl_opengl3.h>
#include <imgui_impl_sdl.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <deque>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <string>
#include <vector>

#ifndef __EMSCRIPTEN__
#include <filesystem>
#include <unistd.h>
#endif

#include "app.h"
#include "pg/kernels.h"
#include "fonts.h"
#include "gl.h"
#include "accessible_layer.h"
#include "png_writer.h"
#include "text_field.h"
#include "touch_input.h"
#include "ui/theme.h"
#include "web_bridge.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#include <emscripten/html5.h>
#endif

namespace {

struct Options {
    std::string state;
    std::string lock;  // --lock: keys locked at start (App::lock)
    std::vector<std::string> drops;  // --drop: files handed over as SDL drop events
    int width = 1280, height = 800;
    int frames = 30;
    bool play = false;
    std::string screenshot;
    std::string record;  // --record DIR
};

struct Runtime {
    Options options;
    SDL_Window* window = nullptr;
    SDL_GLContext gl = nullptr;
    pgapp::App* app = nullptr;
    float dpr = 1.0f;
    float ui_scale = 1.0f;
    int frame_count = 0;
    std::deque<SDL_Event> pending;  // input events left for the next frame (see frame())
    pgapp::TouchInput touch;        // a finger as ImGui should see it (touch_input.h)
    bool quit = false;
    int exit_code = 0;
    // Record on the desktop: every frame as a PNG in record_dir (App::on_record).
    std::string record_dir;
    int recorded = 0;
    bool recording = false;
};

const char* kUsage =
    "usage: playground [--state STATE] [--size WxH] [--exact] [--play] [--screenshot FILE.png [--frames N]]\n"
    "  --state S        start from a state string, e.g. 'dataset=xor&networkShape=4,2'\n"
    "  --lock KEYS      keys nobody can change in the app, e.g. 'learningRate,hides' (or 'key=value&...')\n"
    "  --drop FILE      as if FILE were dropped on the window (a CSV, or a .json model file); repeatable\n"
    "  --size WxH       window size in logical pixels (default 1280x800)\n"
    "  --exact          compute bit for bit what the browser computes (slower)\n"
    "  --play           start training at once\n"
    "  --screenshot F   render N frames (default 30), save the last as PNG, exit 0 if\n"
    "                   it is not blank, 1 if it is\n"
    "  --record DIR     save every frame as DIR/frame-000001.png, ... (Record does it into a new folder)\n";

bool parse_options(int argc, char** argv, Options& o, std::string& error) {
    for (int i = 1; i < argc; ++i) {
        const std::string arg = argv[i];
        auto value = [&](const char* name) -> const char* {
            if (i + 1 >= argc) { error = std::string(name) + " needs a value"; return nullptr; }
            return argv[++i];
        };
        if (arg == "--help" || arg == "-h") { std::fputs(kUsage, stdout); std::exit(0); }
        else if (arg == "--version") { std::printf("playground %s\n", PG_VERSION); std::exit(0); }
        else if (arg == "--state") { const char* v = value("--state"); if (!v) return false; o.state = v; }
        else if (arg == "--lock") { const char* v = value("--lock"); if (!v) return false; o.lock = v; }
        else if (arg == "--drop") { const char* v = value("--drop"); if (!v) return false; o.drops.push_back(v); }
        else if (arg == "--exact") {  // before any network exists: every one takes it as its backend
            if (!pg::exact_kernels_supported()) { error = "--exact needs an x86-64 CPU with SSE4.2"; return false; }
            pg::set_default_backend(pg::Backend::Exact);
        }
        else if (arg == "--play") o.play = true;
        else if (arg == "--screenshot") { const char* v = value("--screenshot"); if (!v) return false; o.screenshot = v; }
        else if (arg == "--record") { const char* v = value("--record"); if (!v) return false; o.record = v; }
        else if (arg == "--frames") {
            const char* v = value("--frames"); if (!v) return false;
            char* end = nullptr; long n = std::strtol(v, &end, 10);
            if (*end || n < 1 || n > 100000) { error = "--frames wants a whole number from 1 to 100000, got '" + std::string(v) + "'"; return false; }
            o.frames = int(n);
        } else if (arg == "--size") {
            const char* v = value("--size"); if (!v) return false;
            int w = 0, h = 0; char x = 0, extra = 0;
            if (std::sscanf(v, "%d%c%d%c", &w, &x, &h, &extra) != 3 || x != 'x' || w < 320 || h < 240 || w > 8192 || h > 8192) {
                error = "--size wants WxH between 320x240 and 8192x8192, got '" + std::string(v) + "'"; return false;
            }
            o.width = w; o.height = h;
        } else { error = "unknown option '" + arg + "'"; return false; }
    }
    return true;
}

// Device pixel ratio: drawable pixels per logical pixel.
float current_dpr(SDL_Window* window) {
#ifdef __EMSCRIPTEN__
    (void)window;
    return float(emscripten_get_device_pixel_ratio());
#else
    int w = 0, h = 0, dw = 0, dh = 0;
    SDL_GetWindowSize(window, &w, &h);
    SDL_GL_GetDrawableSize(window, &dw, &dh);
    return w > 0 ? float(dw) / float(w) : 1.0f;
#endif
}

#ifdef __EMSCRIPTEN__
// Bits: 1 dark, 2 more contrast (or forced colours), 4 reduced motion. The
// media queries are made once and kept up to date by their change events, so
// that a frame reads one number.
EM_JS(int, pg_js_system_settings, (), {
    if (!Module.pgSystem) {
        const mq = (q) => (typeof matchMedia === 'function' ? matchMedia(q) : null);
        const q = [mq('(prefers-color-scheme: dark)'), mq('(prefers-contrast: more)'), mq('(forced-colors: active)'),
                   mq('(prefers-reduced-motion: reduce)')];
        const on = (m) => !!(m && m.matches);
        const read = () => {
            Module.pgSystem.flags = (on(q[0]) ? 1 : 0) | (on(q[1]) || on(q[2]) ? 2 : 0) | (on(q[3]) ? 4 : 0);
        };
        Module.pgSystem = {flags: 0};
        for (const m of q) if (m && m.addEventListener) m.addEventListener('change', read);
        read();
    }
    return Module.pgSystem.flags;
});
#endif

pgapp::SystemSettings system_settings() {
#ifdef __EMSCRIPTEN__
    const int f = pg_js_system_settings();
    return pgapp::SystemSettings{(f & 1) != 0, (f & 2) != 0, (f & 4) != 0};
#else
    static const pgapp::SystemSettings desktop = [] {
        const char* theme = std::getenv("PG_SYSTEM_THEME");
        const char* motion = std::getenv("PG_REDUCED_MOTION");
        pgapp::SystemSettings s;
        s.dark = theme && std::strcmp(theme, "dark") == 0;
        s.more_contrast = theme && std::strcmp(theme, "contrast") == 0;
        s.reduced_motion = motion && *motion && std::strcmp(motion, "0") != 0;
        return s;
    }();
    return desktop;
#endif
}

#ifdef __EMSCRIPTEN__
// The page's #app element fills the window or iframe; the canvas follows its
// CSS size, with a backing store of CSS size × devicePixelRatio (SDL applies
// the ratio because the window has SDL_WINDOW_ALLOW_HIGHDPI).
void sync_canvas_size(Runtime& rt) {
    double css_w = 0, css_h = 0;
    emscripten_get_element_css_size("#app", &css_w, &css_h);
    const int w = css_w < 1 ? 1 : int(css_w), h = css_h < 1 ? 1 : int(css_h);
    int cur_w = 0, cur_h = 0;
    SDL_GetWindowSize(rt.window, &cur_w, &cur_h);
    const float dpr = current_dpr(rt.window);
    if (w != cur_w || h != cur_h || dpr != rt.dpr) SDL_SetWindowSize(rt.window, w, h);
}
#endif

// The back buffer as RGBA rows from the top.
std::vector<uint8_t> read_frame(Runtime& rt, int& w, int& h) {
    SDL_GL_GetDrawableSize(rt.window, &w, &h);
    std::vector<uint8_t> pixels(size_t(w) * size_t(h) * 4);
    glPixelStorei(GL_PACK_ALIGNMENT, 1);
    glReadPixels(0, 0, w, h, GL_RGBA, GL_UNSIGNED_BYTE, pixels.data());
    std::vector<uint8_t> flipped(pixels.size());  // GL rows are bottom-up
    const size_t row = size_t(w) * 4;
    for (int y = 0; y < h; ++y) std::memcpy(&flipped[size_t(y) * row], &pixels[size_t(h - 1 - y) * row], row);
    return flipped;
}

#ifndef __EMSCRIPTEN__
// Record on the desktop: starts into `dir` (a new folder of the working folder
// if empty) or stops; says what happened in `message`.
bool desktop_record(Runtime& rt, bool start, std::string dir, std::string& message) {
    if (!start) {
        rt.recording = false;
        message = "Recorded " + std::to_string(rt.recorded) + " frames as PNG into " + rt.record_dir +
                  " (a video: ffmpeg -framerate 30 -i frame-%06d.png out.webm)";
        return true;
    }
    if (dir.empty()) {
        char stamp[32];
        const std::time_t now = std::time(nullptr);
        std::strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", std::localtime(&now));
        dir = std::string("playground-recording-") + stamp;
    }
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) {
        message = "Cannot record into " + dir + ": " + ec.message();
        return false;
    }
    rt.record_dir = std::filesystem::absolute(dir, ec).string();
    rt.recorded = 0;
    rt.recording = true;
    message = "Recording every frame as PNG into " + rt.record_dir + " (press Stop to end)";
    return true;
}

// The frame just drawn as the next PNG of the recording.
void record_frame(Runtime& rt) {
    int w = 0, h = 0;
    const std::vector<uint8_t> rgba = read_frame(rt, w, h);
    char name[32];
    std::snprintf(name, sizeof name, "/frame-%06d.png", rt.recorded + 1);
    std::string error;
    if (!pgapp::write_png(rt.record_dir + name, rgba.data(), w, h, &error)) {
        rt.recording = false;
        rt.app->recording_ended("Recording stopped: " + error);
        return;
    }
    ++rt.recorded;
}
#endif

// Reads the back buffer, writes a PNG and judges whether anything was drawn.
int take_screenshot(Runtime& rt) {
    int w = 0, h = 0;
    const std::vector<uint8_t> flipped = read_frame(rt, w, h);
    double sum = 0, sum2 = 0;
    const size_t n = size_t(w) * size_t(h);
    for (size_t i = 0; i < n; ++i) {
        const double lum = 0.299 * flipped[i * 4] + 0.587 * flipped[i * 4 + 1] + 0.114 * flipped[i * 4 + 2];
        sum += lum; sum2 += lum * lum;
    }
    const double mean = n ? sum / double(n) : 0, variance = n ? sum2 / double(n) - mean * mean : 0;
    std::string error;
    if (!pgapp::write_png(rt.options.screenshot, flipped.data(), w, h, &error)) {
        std::fprintf(stderr, "playground: %s\n", error.c_str());
        return 1;
    }
    std::printf("screenshot: %s (%dx%d), pixel variance %.1f, mean luminance %.0f\n", rt.options.screenshot.c_str(), w, h,
                variance, mean);
    if (variance < 25.0) { std::fprintf(stderr, "playground: the rendered frame is blank\n"); return 1; }
    return 0;
}

void frame(void* arg) {
    Runtime& rt = *static_cast<Runtime*>(arg);
#ifdef __EMSCRIPTEN__
    sync_canvas_size(rt);
#endif
    // Input trickling: Dear ImGui 1.86 reads key and button state once per frame,
    // so a press whose release arrives in the same (slow) frame would be lost.
    // A release (or a second press) of a key or button already pressed or
    // released this frame waits, with every event after it, for the next frame
    // (Dear ImGui 1.87 does the same with its input queue).
    SDL_Event event;
    while (SDL_PollEvent(&event)) rt.pending.push_back(event);
    std::vector<int> changed;  // keys (scancodes) and mouse buttons (−button) changed this frame
    int win_w = 0, win_h = 0;
    SDL_GetWindowSize(rt.window, &win_w, &win_h);
    while (!rt.pending.empty()) {
        const SDL_Event& e = rt.pending.front();
        if (rt.touch.on_event(e, win_w, win_h)) {  // fingers: touch_input.h decides what the mouse does
            rt.pending.pop_front();
            continue;
        }
        int id = 0;
        if (e.type == SDL_KEYDOWN || e.type == SDL_KEYUP) id = int(e.key.keysym.scancode) + 1;
        if (e.type == SDL_MOUSEBUTTONDOWN || e.type == SDL_MOUSEBUTTONUP) id = -int(e.button.button) - 1;
        if (id != 0) {
            if (std::find(changed.begin(), changed.end(), id) != changed.end()) break;  // next frame
            if (!(e.type == SDL_KEYDOWN && e.key.repeat)) changed.push_back(id);
        }
        ImGui_ImplSDL2_ProcessEvent(&e);
        if (e.type == SDL_DROPFILE && e.drop.file) {
            // A CSV or model file dropped on the window (the desktop's "Upload").
            std::printf("drop: %s\n", rt.app->drop_file(e.drop.file).c_str());
            std::fflush(stdout);
            SDL_free(e.drop.file);
        }
        if (e.type == SDL_QUIT) rt.quit = true;
        if (e.type == SDL_WINDOWEVENT && e.window.event == SDL_WINDOWEVENT_CLOSE) rt.quit = true;
        rt.pending.pop_front();
    }
    // The UI grows with the window as TensorFlow Playground's page does: 1× up
    // to 1280 × 800, up to 2× (at 2560 × 1600), in steps of 1/8.
    const float scale = std::round(std::clamp(std::min(float(win_w) / 1280.0f, float(win_h) / 800.0f), 1.0f, 2.0f) * 8.0f) / 8.0f;
    const float dpr = current_dpr(rt.window);
    if (dpr != rt.dpr || scale != rt.ui_scale) {
        rt.dpr = dpr;
        rt.ui_scale = scale;
        pgapp::load_fonts(dpr, scale);
        pgapp::apply_theme(scale);
    }

    ImGui_ImplOpenGL3_NewFrame();
    ImGui_ImplSDL2_NewFrame();
    rt.touch.apply(ImGui::GetIO(), rt.app->hover_is_content());
    pgapp::text_field_pre_frame(ImGui::GetIO());
    pgapp::accessible_layer_pre_frame(ImGui::GetIO(), rt.app->controls());
    static const bool coarse = pgapp::TouchInput::coarse_pointer();
    rt.app->set_touch(coarse || rt.touch.active());
    rt.app->set_system_settings(system_settings());
    ImGui::NewFrame();
    pgapp::accessible_layer_after_new_frame();
    rt.app->frame();
    pgapp::text_field_sync(rt.touch.active());
    pgapp::accessible_layer_publish(rt.app->controls(), rt.app->notices());
    ImGui::Render();

    int fb_w = 0, fb_h = 0;
    SDL_GL_GetDrawableSize(rt.window, &fb_w, &fb_h);
    glViewport(0, 0, fb_w, fb_h);
    // The theme's window colour (the main window draws no background of its own).
    const ImVec4 bg = ImGui::ColorConvertU32ToFloat4(pgapp::palette().bg);
    glClearColor(bg.x, bg.y, bg.z, 1.0f);
    glClear(GL_COLOR_BUFFER_BIT);
    ImGui_ImplOpenGL3_RenderDrawData(ImGui::GetDrawData());

    ++rt.frame_count;
#ifndef __EMSCRIPTEN__
    if (rt.recording) record_frame(rt);
#endif
    if (!rt.options.screenshot.empty() && rt.frame_count >= rt.options.frames) {
        if (!rt.record_dir.empty()) std::printf("record: %d frames as PNG in %s\n", rt.recorded, rt.record_dir.c_str());
        if (rt.options.play) {
            const pgapp::Metrics m = rt.app->metrics();
            std::printf("training: epoch %d after %d frames, %.0f epochs/s at %.0f fps, training in %s, test loss %.4f\n",
                        m.epoch, rt.frame_count, m.epochs_per_second, m.frame_ms > 0 ? 1000.0 / m.frame_ms : 0.0,
                        m.training_in.c_str(), m.test_loss);
        }
        rt.exit_code = take_screenshot(rt);
        rt.quit = true;
    }
    SDL_GL_SwapWindow(rt.window);
    if (rt.frame_count == 1) pgapp::bridge_notify_ready();
}

}  // namespace

int main(int argc, char** argv) {
    static Runtime rt;  // static: the browser's main loop outlives main()
    std::string error;
    if (!parse_options(argc, argv, rt.options, error)) {
        std::fprintf(stderr, "playground: %s\n%s", error.c_str(), kUsage);
        return 2;
    }
#ifdef __EMSCRIPTEN__
    // Keys go to the canvas only, so the rest of a course page keeps its keyboard.
    SDL_SetHint(SDL_HINT_EMSCRIPTEN_KEYBOARD_ELEMENT, "#canvas");
#endif
    if (SDL_Init(SDL_INIT_VIDEO | SDL_INIT_TIMER) != 0) {
        std::fprintf(stderr, "playground: SDL_Init failed: %s\n", SDL_GetError());
        return 1;
    }
#ifdef __EMSCRIPTEN__
    const char* glsl_version = "#version 300 es";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
#else
    const char* glsl_version = "#version 330 core";
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_CORE);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 3);
#endif
    SDL_GL_SetAttribute(SDL_GL_DOUBLEBUFFER, 1);
    rt.window = SDL_CreateWindow("Neural Network Playground", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED,
                                 rt.options.width, rt.options.height,
                                 SDL_WINDOW_OPENGL | SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    if (!rt.window) { std::fprintf(stderr, "playground: cannot open a window: %s\n", SDL_GetError()); return 1; }
    rt.gl = SDL_GL_CreateContext(rt.window);
    if (!rt.gl) { std::fprintf(stderr, "playground: cannot create an OpenGL context: %s\n", SDL_GetError()); return 1; }
    SDL_GL_MakeCurrent(rt.window, rt.gl);
    SDL_GL_SetSwapInterval(1);

    IMGUI_CHECKVERSION();
    ImGui::CreateContext();
    ImGuiIO& io = ImGui::GetIO();
    io.IniFilename = nullptr;  // the layout is the app's, not a file's
    ImGui_ImplSDL2_InitForOpenGL(rt.window, rt.gl);
    ImGui_ImplOpenGL3_Init(glsl_version);
    rt.dpr = current_dpr(rt.window);
    pgapp::load_fonts(rt.dpr);

    pgapp::AppOptions app_options;
    app_options.state = rt.options.state;
    app_options.glsl_version = glsl_version;
    rt.app = new pgapp::App(app_options);
    if (!rt.options.lock.empty()) rt.app->lock(rt.options.lock);
    if (rt.options.play) rt.app->play();
#ifndef __EMSCRIPTEN__
    // Saving writes into the working folder (the notice names the path).
    rt.app->on_save_file = [](const std::string& name, const std::string& text) {
        std::FILE* f = std::fopen(name.c_str(), "wb");
        if (!f || std::fwrite(text.data(), 1, text.size(), f) != text.size()) {
            if (f) std::fclose(f);
            return "nowhere: " + name + " could not be written";
        }
        std::fclose(f);
        char cwd[4096];
        return (getcwd(cwd, sizeof cwd) ? std::string(cwd) + "/" : std::string()) + name;
    };
    // Record: PNG frames (--record DIR names the first recording's folder).
    rt.app->on_record = [](bool start, std::string& message) {
        std::string dir;
        if (start) dir.swap(rt.options.record);
        return desktop_record(rt, start, dir, message);
    };
    if (!rt.options.record.empty()) {
        rt.app->record(true);
        if (!rt.app->recording()) {
            std::fprintf(stderr, "playground: cannot record (see the notice)\n");
            return 1;
        }
    }
    // --drop: the same path as a real drop, through SDL's event queue.
    for (const std::string& path : rt.options.drops) {
        SDL_Event drop{};
        drop.type = SDL_DROPFILE;
        drop.drop.file = SDL_strdup(path.c_str());
        drop.drop.windowID = SDL_GetWindowID(rt.window);
        SDL_PushEvent(&drop);
    }
#endif
    pgapp::bridge_attach(rt.app);

#ifdef __EMSCRIPTEN__
    emscripten_set_main_loop_arg(frame, &rt, 0, 1);
#else
    while (!rt.quit) frame(&rt);
    pgapp::bridge_attach(nullptr);
    delete rt.app;
    ImGui_ImplOpenGL3_Shutdown();
    ImGui_ImplSDL2_Shutdown();
    ImGui::DestroyContext();
    SDL_GL_DeleteContext(rt.gl);
    SDL_DestroyWindow(rt.window);
    SDL_Quit();
#endif
    return rt.exit_code;
}
