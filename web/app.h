// web/app.h — the playground application: owns the training run and builds
// the whole UI each frame. Platform code (main.cpp) calls frame(); the page's
// JavaScript API (web_bridge.cpp) and --state reach it through the methods below.
#pragma once
#include <functional>
#include <string>
#include <vector>

namespace pgapp {

class ControlList;
struct SystemSettings;  // ui/theme.h
class Course;

struct AppOptions {
    std::string state;         // initial state string (URL hash format)
    std::string glsl_version;  // "#version 300 es" (WebGL2) or "#version 330 core"
};

// What scripts read through playground.metrics().
struct Metrics {
    int epoch = 0;
    double train_loss = 0, test_loss = 0;
    double accuracy = 0;  // test-set accuracy (0..1); 0 for regression
    double epochs_per_second = 0;
    double frame_ms = 0;  // smoothed time between frames
    double train_ms = 0, heatmap_ms = 0, ui_ms = 0;  // smoothed CPU time per frame: training (in the
                                                     // frame, or applying a worker's progress),
                                                     // grid evaluation + texture upload, building the UI
    // The UI time of the frames that recorded the control list (probe(), the
    // accessible layer's samples) and of the others, smoothed each on its own:
    // what recording costs, measured in the same run.
    double ui_recorded_ms = 0, ui_plain_ms = 0;
    bool playing = false;
    // Where live training runs: "worker" (a Web Worker in the page, a thread
    // on the desktop) or "frame" (inside the frame: while the worker loads,
    // at a fixed speed, or where no worker can run).
    std::string training_in = "frame";
    std::string divergence;  // non-empty once training diverged
};

class App {
public:
    explicit App(const AppOptions& options);
    ~App();
    App(const App&) = delete;
    App& operator=(const App&) = delete;

    // Builds this frame's UI (ImGui calls, GL texture updates) and trains
    // while playing. Called between ImGui::NewFrame() and ImGui::Render().
    void frame();

    // ---- Scripting (JavaScript API, desktop options) ----------------------------------
    std::string state_string() const;  // the URL hash text without '#'
    // Applies a state string; returns the notices (unknown keys, clamped or bad
    // values, locked keys), which are also shown in the UI. Never fails.
    // Merges by default: only the given keys change (replace = true: keys not
    // given go back to their defaults, as a new link would).
    std::vector<std::string> set_state(const std::string& text, bool replace = false);
    // Locks keys so that nothing inside the page changes them (hash edits, the
    // UI, setState, lessons): either "key=value&..." (set, then locked) or key
    // names "learningRate,dataset" (locked at their current values; "hides"
    // locks every `*_hide` key and hideText). Locks only add up.
    std::vector<std::string> lock(const std::string& keys_or_state);
    std::vector<std::string> locked_keys() const;
    // Touch is the pointer in use (main.cpp, touch_input.h): larger main
    // buttons, tooltips on a tap.
    void set_touch(bool touch);
    // What the system asks for (main.cpp reads it each frame): with `theme=auto`
    // dark mode or more contrast choose the theme; reduced motion stops the
    // text cursor's blinking (nothing else in the UI moves by itself).
    void set_system_settings(const SystemSettings& system);
    // The last frame showed a tooltip that is what a tap is for (a node or a
    // link of the diagram, the lab's formulas): touch keeps the pointer there.
    bool hover_is_content() const;
    // Shows a notice (bounded; dismissable with the button or Escape).
    void notice(const std::string& text);
    void play();
    void pause();
    int step(int epochs);  // trains now; returns the epoch reached (the UI's Step: one epoch)
    // A script's step(n): pauses, then trains n epochs in slices of the
    // frame's training budget (the page stays live however large n is);
    // on_steps_done(id, epoch) fires when they ran, or when pause(), reset()
    // or a divergence ended them (a short request ends inside this call).
    void request_steps(int id, int epochs);
    void reset();
    Metrics metrics() const;
    // URL names of the controls drawn in the last frame (hidden ones are absent).
    const std::vector<std::string>& visible_controls() const;

    // The user's own data as CSV text (x1,x2,label); returns "" or an error
    // naming the line (also shown in the UI).
    std::string load_csv(const std::string& text);
    // The current points as CSV text.
    std::string data_csv() const;

    // ---- The backprop lab ------------------------------------------------------------------
    // One example's numbers as JSON (the object `playground-cli inspect` prints);
    // "null" if the label does not fit the problem.
    std::string inspect_json(double x1, double x2, double label) const;
    // The network as model-file JSON; a model file replacing it ("" or the error,
    // also shown in the UI; on error the running network is kept).
    std::string model_json() const;
    std::string load_model(const std::string& text);
    // Gradient check at the chosen example: {maxRelError, worst: {layer, out, in, ...}, kinks, ...}.
    std::string gradient_check_json();
    // Choose the inspected example (typed), and read it back as JSON.
    // Returns "" or why the example does not fit the problem.
    std::string select(double x1, double x2, double label);
    std::string selected_json() const;
    // The built-in lessons (JSON list: id, title, summary, state, model, csv) and
    // loading one by id or a lesson file's text (pg/lesson.h; "" or the error).
    std::string lessons_json() const;
    std::string load_lesson(const std::string& id_or_json);
    // The open lesson: status, answers, progress and its events (course.h).
    Course& course();
    // The "Make a lesson" draft as a lesson file ("" and the error in `error`).
    std::string make_lesson_json(std::string& error) const;
    // Opens the "Make a lesson" panel (or closes it).
    void show_lesson_maker(bool open);
    // The Task panel's Start over: the lesson's start, progress forgotten ("" or the error).
    std::string start_over_lesson();
    // The lab's Update: one step with the chosen example alone; "" or the divergence.
    std::string lab_update();
    // What the lab drew in the last frame (for scripts and tests): the formula
    // tooltip, named widget rectangles {name: [x, y, w, h]} in CSS pixels, the step-through state.
    std::string probe_json() const;
    // Every control of the last recorded frame (ui/controls.h), for the
    // accessible layer (accessible_layer.h); and the notices shown.
    ControlList& controls();
    const std::vector<std::string>& notices() const;

    // Hooks for the page: the state changed (write the URL), epochs advanced,
    // the user asked to pick a file or to save one. Unset hooks hide the
    // buttons that need them.
    std::function<void(const std::string& state)> on_state_changed;
    std::function<void(int epoch)> on_epoch;
    std::function<void(int id, int epoch)> on_steps_done;
    // kind: "csv" (points) or "model" (a model file): the page opens a file
    // chooser and calls load_csv / load_model with the text.
    std::function<void(const std::string& kind)> on_pick_file;
    // Saves text as a file; returns where it went ("" when the browser downloads it).
    std::function<std::string(const std::string& filename, const std::string& text)> on_save_file;
    // Starts (true) or stops (false) recording what the window shows: the
    // page a WebM video (MediaRecorder), the desktop PNG frames. Returns
    // whether it did; `message` says what happened, in words (a notice).
    // Unset: no Record button.
    std::function<bool(bool start, std::string& message)> on_record;
    // Record on or off (the button, a script); the platform may end it itself
    // (recording_ended: the page's recorder failed or the tab closed it).
    void record(bool on);
    bool recording() const;
    void recording_ended(const std::string& message);

    // ---- Training's history (pg/history.h) -------------------------------------------------
    // {epochs: [...], shown, present, viewing, bytes, budget} as JSON.
    std::string timeline_json() const;
    // Shows the snapshot nearest to `epoch` (pauses; the present's epoch or later: the present).
    // Returns the epoch shown.
    int view_epoch(int epoch);
    void back_to_present();
    void continue_from_here();
    // "Make a lesson"'s link, iframe snippet and SCORM package ("link", "embed",
    // "scorm-1.2", "scorm-2004") with the lesson file's text: the page's side
    // (playground-api.js). Unset on the desktop, which says where to turn.
    std::function<void(const std::string& kind, const std::string& lesson_json)> on_lesson_action;

    // A file dropped on the window (the desktop): a .json is read as a model
    // file, anything else as CSV points. Returns what happened, in words (also
    // shown in the UI); the running network and data are kept on an error.
    std::string drop_file(const std::string& path);

private:
    struct Impl;
    Impl* impl_;
};

}  // namespace pgapp
