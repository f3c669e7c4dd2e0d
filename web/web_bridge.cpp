#include "web_bridge.h"

#include "accessible_layer.h"

#include <string>

#include <nlohmann/json.hpp>

#include "app.h"
#include "course.h"
#include "pg/course_package.h"
#include "pg/lesson.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

// Calls into site/playground-api.js, which owns window.playground.
EM_JS(void, pg_js_ready, (), {
    if (Module.pgOnReady) Module.pgOnReady();
});
EM_JS(void, pg_js_state_changed, (const char* state), {
    if (Module.pgOnStateChanged) Module.pgOnStateChanged(UTF8ToString(state));
});
EM_JS(void, pg_js_epoch, (int epoch), {
    if (Module.pgOnEpoch) Module.pgOnEpoch(epoch);
});
EM_JS(void, pg_js_steps_done, (int id, int epoch), {
    if (Module.pgOnStepsDone) Module.pgOnStepsDone(id, epoch);
});
EM_JS(void, pg_js_pick_file, (const char* kind), {
    if (Module.pgPickFile) Module.pgPickFile(UTF8ToString(kind));
});
// A lesson's event (web/course.h): 'goal', 'lesson', 'progress', 'open'.
EM_JS(void, pg_js_lesson_event, (const char* event, const char* data), {
    if (Module.pgOnLesson) Module.pgOnLesson(UTF8ToString(event), UTF8ToString(data));
});
// "Make a lesson"'s link, snippet and package (kind: "try", "link", "embed", "scorm-1.2", "scorm-2004").
EM_JS(void, pg_js_lesson_action, (const char* kind, const char* json), {
    if (Module.pgLessonAction) Module.pgLessonAction(UTF8ToString(kind), UTF8ToString(json));
});
EM_JS(void, pg_js_save_file, (const char* name, const char* text), {
    if (Module.pgSaveFile) Module.pgSaveFile(UTF8ToString(name), UTF8ToString(text));
});
// 1 if the page started (or is stopping) a recording of the canvas, else 0.
EM_JS(int, pg_js_record, (int on), {
    return Module.pgRecord ? Module.pgRecord(!!on) : 0;
});
#endif

namespace pgapp {
namespace {

App* g_app = nullptr;

// Returned strings live here until the next call (JavaScript copies them at once).
std::string g_result;

}  // namespace

void bridge_attach(App* app) {
    g_app = app;
#ifdef __EMSCRIPTEN__
    if (app) {
        app->on_state_changed = [](const std::string& s) { pg_js_state_changed(s.c_str()); };
        app->on_epoch = [](int epoch) { pg_js_epoch(epoch); };
        app->on_steps_done = [](int id, int epoch) { pg_js_steps_done(id, epoch); };
        app->on_pick_file = [](const std::string& kind) { pg_js_pick_file(kind.c_str()); };
        app->course().on_event = [](const std::string& event, const std::string& data) {
            pg_js_lesson_event(event.c_str(), data.c_str());
        };
        app->on_lesson_action = [](const std::string& kind, const std::string& json) {
            pg_js_lesson_action(kind.c_str(), json.c_str());
        };
        app->on_save_file = [](const std::string& name, const std::string& text) {
            pg_js_save_file(name.c_str(), text.c_str());
            return std::string();  // the browser downloads it
        };
        app->on_record = [](bool start, std::string& message) {
            if (pg_js_record(start ? 1 : 0)) return true;  // the page says when the file is saved
            message = "This browser cannot record the canvas (it has no MediaRecorder for WebM).";
            return false;
        };
    }
#endif
}

void bridge_notify_ready() {
#ifdef __EMSCRIPTEN__
    pg_js_ready();
#endif
}

}  // namespace pgapp

#ifdef __EMSCRIPTEN__
// Exported to JavaScript (ccall in site/playground-api.js).
extern "C" {

EMSCRIPTEN_KEEPALIVE const char* pg_version() { return PG_VERSION; }

EMSCRIPTEN_KEEPALIVE const char* pg_get_state() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->state_string() : "";
    return pgapp::g_result.c_str();
}

// Returns the notices as a JSON array of strings.
EMSCRIPTEN_KEEPALIVE const char* pg_set_state(const char* text, int replace) {
    pgapp::g_result =
        pgapp::g_app ? nlohmann::ordered_json(pgapp::g_app->set_state(text ? text : "", replace != 0)).dump() : "[]";
    return pgapp::g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* pg_lock(const char* keys_or_state) {
    pgapp::g_result = pgapp::g_app ? nlohmann::ordered_json(pgapp::g_app->lock(keys_or_state ? keys_or_state : "")).dump() : "[]";
    return pgapp::g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* pg_locked() {
    pgapp::g_result = pgapp::g_app ? nlohmann::ordered_json(pgapp::g_app->locked_keys()).dump() : "[]";
    return pgapp::g_result.c_str();
}

// A notice from the page's own script (a file too large to read).
EMSCRIPTEN_KEEPALIVE void pg_notice(const char* text) {
    if (pgapp::g_app && text) pgapp::g_app->notice(text);
}

EMSCRIPTEN_KEEPALIVE void pg_play() { if (pgapp::g_app) pgapp::g_app->play(); }
EMSCRIPTEN_KEEPALIVE void pg_pause() { if (pgapp::g_app) pgapp::g_app->pause(); }
// step(n) from a script: trained in slices between frames; pg_js_steps_done(id, epoch) answers.
EMSCRIPTEN_KEEPALIVE void pg_step_request(int id, int epochs) {
    if (pgapp::g_app) pgapp::g_app->request_steps(id, epochs);
}
EMSCRIPTEN_KEEPALIVE void pg_reset() { if (pgapp::g_app) pgapp::g_app->reset(); }

EMSCRIPTEN_KEEPALIVE const char* pg_metrics() {
    if (!pgapp::g_app) return "{}";
    const pgapp::Metrics m = pgapp::g_app->metrics();
    // nlohmann writes a non-finite number (a diverged loss) as null.
    const nlohmann::ordered_json j = {
        {"epoch", m.epoch},         {"trainLoss", m.train_loss},         {"testLoss", m.test_loss},
        {"accuracy", m.accuracy},   {"epochsPerSecond", m.epochs_per_second}, {"frameMs", m.frame_ms},
        {"trainMs", m.train_ms},    {"heatmapMs", m.heatmap_ms},         {"uiMs", m.ui_ms},
        {"uiRecordedMs", m.ui_recorded_ms}, {"uiPlainMs", m.ui_plain_ms},
        {"a11yPublishMs", pgapp::accessible_layer_publish_ms()},
        {"a11ySamples", pgapp::accessible_layer_samples()}, {"a11yPublishes", pgapp::accessible_layer_publishes()},
        {"playing", m.playing},     {"trainingIn", m.training_in},
        {"divergence", m.divergence.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(m.divergence)}};
    pgapp::g_result = j.dump();
    return pgapp::g_result.c_str();
}

// Returns "" or the error naming the line.
EMSCRIPTEN_KEEPALIVE const char* pg_load_csv(const char* text) {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->load_csv(text ? text : "") : "not running";
    return pgapp::g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* pg_data_csv() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->data_csv() : "";
    return pgapp::g_result.c_str();
}

// ---- The backprop lab ----
EMSCRIPTEN_KEEPALIVE const char* pg_inspect(double x1, double x2, double label) {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->inspect_json(x1, x2, label) : "null";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_model() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->model_json() : "";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_load_model(const char* text) {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->load_model(text ? text : "") : "not running";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_gradient_check() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->gradient_check_json() : "null";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_select(double x1, double x2, double label) {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->select(x1, x2, label) : "not running";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_selected() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->selected_json() : "null";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_lessons() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->lessons_json() : "[]";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_load_lesson(const char* id) {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->load_lesson(id ? id : "") : "not running";
    return pgapp::g_result.c_str();
}
// The open lesson (web/course.h).
EMSCRIPTEN_KEEPALIVE const char* pg_lesson_status() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->course().status_json() : "null";
    return pgapp::g_result.c_str();
}
// "right", "wrong" or an error.
EMSCRIPTEN_KEEPALIVE const char* pg_lesson_answer(const char* goal, double value) {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->course().answer(goal ? goal : "", value) : "not running";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_lesson_start_over() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->start_over_lesson() : "not running";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_lesson_progress() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->course().progress_json() : "null";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_lesson_restore(const char* progress) {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->course().restore(progress ? progress : "") : "not running";
    return pgapp::g_result.c_str();
}
// "Make a lesson": the draft as a lesson file (text starting with '{'), or the error.
EMSCRIPTEN_KEEPALIVE const char* pg_make_lesson() {
    std::string error;
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->make_lesson_json(error) : std::string();
    if (pgapp::g_result.empty()) pgapp::g_result = pgapp::g_app ? error : "not running";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE void pg_show_lesson_maker(int open) {
    if (pgapp::g_app) pgapp::g_app->show_lesson_maker(open != 0);
}
// A package's two files (pg/course_package.h, as playground-cli package writes
// them): the one-file page `html` with the lesson inside, and imsmanifest.xml
// for SCORM 1.2 (version 12) or 2004. "" on error (then pg_package_error says why).
namespace {
std::string g_package_error;
bool package_lesson(const char* json, pg::Lesson& lesson) {
    g_package_error.clear();
    return pg::parse_lesson(json ? json : "", lesson, g_package_error);
}
}  // namespace
EMSCRIPTEN_KEEPALIVE const char* pg_lesson_page(const char* json, const char* html) {
    pg::Lesson lesson;
    pgapp::g_result.clear();
    if (package_lesson(json, lesson))
        pgapp::g_result = pg::lesson_page(html ? html : "", lesson, pg::lesson_to_json(lesson), g_package_error);
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_scorm_manifest(const char* json, int version) {
    pg::Lesson lesson;
    pgapp::g_result.clear();
    if (package_lesson(json, lesson)) pgapp::g_result = pg::scorm_manifest(lesson, version == 12 ? "1.2" : "2004");
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_package_error() { return g_package_error.c_str(); }
EMSCRIPTEN_KEEPALIVE const char* pg_lab_update() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->lab_update() : "not running";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* pg_timeline() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->timeline_json() : "{}";
    return pgapp::g_result.c_str();
}
EMSCRIPTEN_KEEPALIVE int pg_view_epoch(int epoch) { return pgapp::g_app ? pgapp::g_app->view_epoch(epoch) : 0; }
EMSCRIPTEN_KEEPALIVE void pg_back_to_present() { if (pgapp::g_app) pgapp::g_app->back_to_present(); }
EMSCRIPTEN_KEEPALIVE void pg_continue_from_here() { if (pgapp::g_app) pgapp::g_app->continue_from_here(); }
EMSCRIPTEN_KEEPALIVE int pg_record(int on) {
    if (!pgapp::g_app) return 0;
    pgapp::g_app->record(on != 0);
    return pgapp::g_app->recording() ? 1 : 0;
}
// The page's recorder stopped by itself (an error), or saved the file: its words.
EMSCRIPTEN_KEEPALIVE void pg_recording_ended(const char* message) {
    if (pgapp::g_app) pgapp::g_app->recording_ended(message ? message : "");
}
EMSCRIPTEN_KEEPALIVE const char* pg_probe() {
    pgapp::g_result = pgapp::g_app ? pgapp::g_app->probe_json() : "{}";
    return pgapp::g_result.c_str();
}

EMSCRIPTEN_KEEPALIVE const char* pg_visible_controls() {
    pgapp::g_result = pgapp::g_app ? nlohmann::ordered_json(pgapp::g_app->visible_controls()).dump() : "[]";
    return pgapp::g_result.c_str();
}

}  // extern "C"
#endif
