// web/web_bridge.h — the link between App and the page's JavaScript API
// (window.playground, see site/playground-api.js). In the browser the App's
// scripting methods are exported as C functions (pg_get_state, pg_set_state,
// pg_play, pg_pause, pg_step, pg_reset, pg_metrics, pg_visible_controls,
// pg_load_csv, pg_data_csv) and
// the App's hooks call back into the page (URL update, 'epoch' events). On
// the desktop these are no-ops.
#pragma once

namespace pgapp {

class App;

// The App the exported functions act on (nullptr detaches).
void bridge_attach(App* app);
// Called once after the first frame: resolves window.playground.ready.
void bridge_notify_ready();

}  // namespace pgapp
