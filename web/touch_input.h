// web/touch_input.h — touch as a student's finger means it, for ImGui 1.86
// (which knows only a mouse). SDL turns each touch into finger events (and
// mouse events it marks SDL_TOUCH_MOUSEID, which main.cpp drops); this class
// reads the finger events and, while touch is the pointer in use, decides
// what ImGui sees as the mouse:
//   a tap                a click where the finger went down (press one frame,
//                        release the next); after it, the pointer is parked
//                        off the window unless the tap opened the diagram's
//                        or the lab's own tooltip, so a button's tooltip does
//                        not stay over the lab; the next tap elsewhere moves it
//   a long press         (500 ms still) a right click: removes a drawn point
//   a vertical swipe     scrolls what is under the finger (the page's column,
//                        a list): never a value change
//   a horizontal drag    a mouse drag from where it started (sliders)
//   two fingers          nothing (a pinch must not change anything; the page's
//                        CSS keeps the browser from zooming the canvas)
// A mouse event of a real mouse hands the pointer back to the mouse.
#pragma once

#include <SDL.h>
#include <imgui.h>

namespace pgapp {

class TouchInput {
public:
    // Every SDL event goes through here first; returns true if it is a
    // touch event (finger, or a mouse event SDL made from a touch) that must
    // not reach ImGui's backend.
    bool on_event(const SDL_Event& e, int window_w, int window_h);
    // After the backend's NewFrame, before ImGui::NewFrame: sets io's mouse
    // while touch is in use. keep_hover: the last frame showed a tooltip that
    // a tap opens on purpose (a node or a link of the diagram).
    void apply(ImGuiIO& io, bool keep_hover);
    // Touch is the pointer in use (the last pointer event was a finger).
    bool active() const { return active_; }
    // The device's main pointer is a finger (CSS `pointer: coarse`: a phone,
    // a tablet), known before the first touch; false on the desktop.
    static bool coarse_pointer();

private:
    enum class Phase { kIdle, kPending, kDrag, kScroll, kDone };
    Phase phase_ = Phase::kIdle;
    bool active_ = false;
    SDL_FingerID finger_ = 0;
    int fingers_ = 0;
    ImVec2 start_, pos_, last_;
    Uint32 t0_ = 0;
    int tap_frames_ = 0;    // 2: press this frame, 1: release, 0: none
    int right_frames_ = 0;  // the same for a long press's right click
    bool park_ = false;     // move the pointer off the window at the next frame
    float scroll_px_ = 0;   // finger travel not yet turned into wheel steps
};

}  // namespace pgapp
