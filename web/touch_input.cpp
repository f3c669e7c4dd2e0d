#include "touch_input.h"

#include <cfloat>
#include <cmath>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
EM_JS(int, pg_js_coarse_pointer, (), {
    return typeof matchMedia === 'function' && matchMedia('(pointer: coarse)').matches ? 1 : 0;
});
#endif

namespace pgapp {

bool TouchInput::coarse_pointer() {
#ifdef __EMSCRIPTEN__
    return pg_js_coarse_pointer() != 0;
#else
    return false;
#endif
}

namespace {
constexpr float kSlop = 10.0f;          // CSS px a finger may wander and still tap
constexpr Uint32 kLongPressMs = 500;    // a still finger this long is a right click
}  // namespace

bool TouchInput::on_event(const SDL_Event& e, int window_w, int window_h) {
    switch (e.type) {
        case SDL_MOUSEMOTION:
            if (e.motion.which == SDL_TOUCH_MOUSEID) return true;
            active_ = false;  // a real mouse moved: it is the pointer again
            return false;
        case SDL_MOUSEBUTTONDOWN:
        case SDL_MOUSEBUTTONUP:
            if (e.button.which == SDL_TOUCH_MOUSEID) return true;
            active_ = false;
            return false;
        case SDL_MOUSEWHEEL:
            return e.wheel.which == SDL_TOUCH_MOUSEID;
        case SDL_FINGERDOWN:
        case SDL_FINGERMOTION:
        case SDL_FINGERUP:
            break;
        default:
            return false;
    }
    const ImVec2 p(e.tfinger.x * float(window_w), e.tfinger.y * float(window_h));
    if (e.type == SDL_FINGERDOWN) {
        active_ = true;
        ++fingers_;
        if (fingers_ == 1) {
            phase_ = Phase::kPending;
            finger_ = e.tfinger.fingerId;
            start_ = pos_ = last_ = p;
            t0_ = e.tfinger.timestamp;
            scroll_px_ = 0;
            park_ = false;
        } else {
            phase_ = Phase::kDone;  // a second finger: a pinch or a slip, nothing happens
        }
        return true;
    }
    if (e.tfinger.fingerId != finger_) {
        if (e.type == SDL_FINGERUP && fingers_ > 0) --fingers_;
        return true;
    }
    if (e.type == SDL_FINGERMOTION) {
        pos_ = p;
        if (phase_ == Phase::kPending) {
            const float dx = p.x - start_.x, dy = p.y - start_.y;
            if (std::fabs(dx) > kSlop || std::fabs(dy) > kSlop) {
                phase_ = std::fabs(dx) > std::fabs(dy) ? Phase::kDrag : Phase::kScroll;
                last_ = start_;
            }
        }
        if (phase_ == Phase::kScroll) {
            scroll_px_ += p.y - last_.y;
            last_ = p;
        }
        return true;
    }
    // SDL_FINGERUP
    if (fingers_ > 0) --fingers_;
    pos_ = p;
    if (phase_ == Phase::kPending) tap_frames_ = 2;
    else park_ = true;  // after a swipe or a drag no tooltip stays under the finger's start
    phase_ = fingers_ > 0 ? Phase::kDone : Phase::kIdle;
    return true;
}

void TouchInput::apply(ImGuiIO& io, bool keep_hover) {
    if (!active_) return;
    const Uint32 now = SDL_GetTicks();
    if (phase_ == Phase::kPending && now - t0_ >= kLongPressMs) {
        phase_ = Phase::kDone;
        right_frames_ = 2;
    }
    io.MouseDown[0] = io.MouseDown[1] = io.MouseDown[2] = false;
    switch (phase_) {
        case Phase::kPending:
        case Phase::kScroll:
            io.MousePos = start_;
            break;
        case Phase::kDrag:
            io.MousePos = pos_;
            io.MouseDown[0] = true;
            break;
        case Phase::kDone:
        case Phase::kIdle:
            io.MousePos = tap_frames_ > 0 || right_frames_ > 0 ? start_ : pos_;
            break;
    }
    // A swipe's travel not yet scrolled, also when the finger is already up: on a
    // busy machine (or a quick flick) the whole swipe, down to up, can arrive
    // between two frames, and it must scroll all the same, where it started.
    const bool scrolled = scroll_px_ != 0.0f;
    if (scrolled) {
        io.MousePos = start_;
        // ImGui scrolls a window 5 lines per wheel step (1.86, UpdateMouseWheel).
        const float step = 5.0f * ImGui::GetFontSize();
        if (step > 0) io.MouseWheel += scroll_px_ / step;
        scroll_px_ = 0;
    }
    // After a tap, the pointer stays only where a tooltip is the point of the
    // tap; decided the frame after the release (which must land on the control).
    if (park_ && phase_ == Phase::kIdle && !scrolled) {
        park_ = false;
        if (!keep_hover) pos_ = ImVec2(-FLT_MAX, -FLT_MAX);
        io.MousePos = pos_;
    }
    if (tap_frames_ > 0) {
        io.MouseDown[0] = tap_frames_ == 2;
        if (--tap_frames_ == 0) park_ = true;
    }
    if (right_frames_ > 0) {
        io.MouseDown[1] = right_frames_ == 2;
        if (--right_frames_ == 0) park_ = true;
    }
}

}  // namespace pgapp
