// Development only: pages carry this module when built with LIVE_RELOAD (`make serve`).
// The dev server (tools/live_server.py) names the site it is serving in a "build" event, on
// connecting and after every build that passed its checks; when the name changes, the page reloads.
// A failed build sends nothing, so the page keeps showing the last good site.

const events = new EventSource("/_live-reload");
let shown = null;

events.addEventListener("build", (event) => {
  if (shown === null) {
    shown = event.data;
    document.documentElement.dataset.liveReload = "watching"; // for tests: the page will follow the next build
  } else if (event.data !== shown) {
    events.close();
    location.reload();
  }
});
