// web/web_bridge.h — the link between App and the page's JavaScript API
// (window.playground, see site/playground-api.js). On the desktop these are
// no-ops; in the browser they are exported C functions and calls into JS.
#pragma once

namespace pgapp {

class App;

// The App the exported functions act on (nullptr detaches).
void bridge_attach(App* app);
// Called once after the first frame: resolves window.playground.ready.
void bridge_notify_ready();

}  // namespace pgapp
