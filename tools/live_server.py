"""The development server of `make serve`: serves the built site, rebuilds it on every change and
reloads the open pages.

    python tools/live_server.py [--bind 127.0.0.1] [--port 8000] [-o output] [-s pelicanconf.py]
                                [-e KEY=JSON ...] [--watch PATH ...] [content]

- Serves the output folder with Python's http.server on 127.0.0.1 (never cached: a reload always
  gets the newest build).
- Watches the content folder, theme/, plugins/ and the settings files beside `-s` (or each
  `--watch` path instead) with watchfiles, which comes with Pelican (its own --autoreload uses it),
  and rebuilds once nothing has changed for QUIET_MS.
- Every build is Pelican in a subprocess, with LIVE_RELOAD on; its output (the validation errors
  included) is printed as it comes. The next build's process is started as soon as one ends, with
  the libraries already imported, so a rebuild does not wait for Python's imports; the project's
  own code (settings, plugins, theme) is read by the build itself, fresh every time.
- `/_live-reload` is a Server-Sent Events stream: a `build` event names the site being served, on
  connecting and after every build that passed; theme/static/js/live-reload.js reloads the page
  when the name changes. A failed build publishes nothing (plugins/atomic_output leaves the last
  good site in place) and sends nothing, so the open pages stay as they are.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import importlib
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

EVENTS_PATH = "/_live-reload"
# A save is built once nothing more has changed for this long (an editor writes a file in a few steps).
QUIET_MS = 100
KEEP_ALIVE_SECONDS = 15
# Third-party libraries a build imports, loaded ahead by the waiting build process (missing ones are skipped).
# The project's own modules are never among them: a build must see the plugins as they are now.
WARM_IMPORTS = (
    "pelican", "pelican.generators", "pelican.readers", "pelican.writers", "markdown",
    "markdown.extensions.extra", "markdown.extensions.codehilite", "markdown.extensions.meta", "jinja2",
    "jinja2.ext", "babel.dates", "babel.numbers", "babel.lists", "babel.support", "babel.messages.pofile",
    "PIL.Image", "PIL.ImageOps", "PIL.features", "bs4", "nh3", "numpy", "lunr", "snowballstemmer", "Stemmer",
    "stop_words", "unidecode", "feedgenerator", "rich.status", "rich.table", "concurrent.futures", "multiprocessing",
)
WAITING_BUILD_FLAG = "--build-when-told"


def say(message: str) -> None:
    """One line of the server's own, told apart from the build's output."""
    print(f"[live-reload] {message}", flush=True)


def shown(path: Path) -> str:
    """A path as the terminal shows it: relative to the working folder when inside it."""
    return os.path.relpath(path) if path.resolve().is_relative_to(Path.cwd()) else str(path)


class SiteVersion:
    """The name of the site being served; every successful build gives it a new one."""

    def __init__(self) -> None:
        self.name = f"started-{time.time_ns()}"
        self._changed = threading.Condition()

    def renew(self) -> None:
        with self._changed:
            self.name = f"built-{time.time_ns()}"
            self._changed.notify_all()

    def wait_for_change(self, seen: str | None, timeout: float) -> str:
        """The current name, as soon as it differs from `seen` or after `timeout` seconds."""
        with self._changed:
            self._changed.wait_for(lambda: self.name != seen, timeout)
            return self.name


class LiveReloadHandler(http.server.SimpleHTTPRequestHandler):
    """The output folder as a static host serves it, plus the reload events at EVENTS_PATH."""

    def __init__(self, *args, version: SiteVersion, **kwargs) -> None:
        self.version = version
        super().__init__(*args, **kwargs)

    def do_GET(self) -> None:
        if self.path.split("?")[0] == EVENTS_PATH:
            self.send_events()
            return
        # Whole answers only: a rebuild in the same second as the last one would otherwise be "not modified".
        del self.headers["If-Modified-Since"]
        super().do_GET()

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def send_events(self) -> None:
        """Name the site now and after every successful build, until the page goes away."""
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        seen = None
        try:
            self.wfile.write(b"retry: 500\n\n")  # after a server restart, reconnect (and reload) at once
            while True:
                name = self.version.wait_for_change(seen, KEEP_ALIVE_SECONDS)
                self.wfile.write(f"event: build\ndata: {name}\n\n".encode() if name != seen else b": waiting\n\n")
                self.wfile.flush()
                seen = name
        except ConnectionError:
            pass  # the page was closed or reloaded
        self.close_connection = True

    def log_message(self, format: str, *args) -> None:
        pass  # the terminal is for the builds' output


class Builder:
    """One build at a time, in a Pelican process started ahead; a successful build renews the site's name."""

    def __init__(self, pelican_args: list[str], version: SiteVersion) -> None:
        self.command = [sys.executable, "-u", os.path.abspath(__file__), WAITING_BUILD_FLAG, *pelican_args]
        self.version = version
        self.wanted = threading.Event()
        self.waiting = self.start_process()

    def start_process(self) -> subprocess.Popen:
        return subprocess.Popen(self.command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)

    def request(self) -> None:
        self.wanted.set()

    def run_until(self, stop: threading.Event) -> None:
        while not stop.is_set():
            if self.wanted.wait(0.2):
                self.wanted.clear()
                self.build()

    def build(self) -> bool:
        """Run one build, printing its output; True when it passed (and was published)."""
        process, started = self.waiting, time.monotonic()
        say("building…")
        process.stdin.write(b"build\n")
        process.stdin.close()
        for line in process.stdout:
            sys.stdout.buffer.write(line)
            sys.stdout.flush()
        code = process.wait()
        self.waiting = self.start_process()
        seconds = time.monotonic() - started
        if code == 0:
            self.version.renew()
            say(f"built in {seconds:.2f} s; open pages reload")
            return True
        say(f"build failed (exit code {code}) after {seconds:.2f} s; still serving the last good site")
        return False

    def close(self) -> None:
        self.waiting.kill()
        self.waiting.wait()


def watch_changes(paths: list[Path], builder: Builder, stop: threading.Event) -> None:
    """Ask for a build whenever something under the folders, or one of the files, changes."""
    import watchfiles

    folders = [path for path in paths if path.is_dir()]
    files = {path.resolve() for path in paths if path.is_file()}
    watchers = [(folders, watchfiles.DefaultFilter(), True)] if folders else []
    # A single file is watched through its folder: editors often save by replacing the file.
    for parent in {path.parent for path in files}:
        watchers.append(([parent], lambda change, name: Path(name) in files, False))
    for targets, accepted, recursive in watchers:
        threading.Thread(target=follow, args=(targets, accepted, recursive, builder, stop), daemon=True).start()


def follow(targets: list[Path], accepted, recursive: bool, builder: Builder, stop: threading.Event) -> None:
    import watchfiles

    for changes in watchfiles.watch(*targets, watch_filter=accepted, step=QUIET_MS, stop_event=stop,
                                    recursive=recursive, raise_interrupt=False):
        names = sorted({shown(Path(name)) for _, name in changes})
        say(f"changed: {', '.join(names[:5])}{' …' if len(names) > 5 else ''}")
        builder.request()


def parse_arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content", nargs="?", default="content", help="the content folder (default: content)")
    parser.add_argument("-o", "--output", default="output", help="the output folder, served (default: output)")
    parser.add_argument("-s", "--settings", default="pelicanconf.py", help="Pelican settings (default: pelicanconf.py)")
    parser.add_argument("-e", "--extra-settings", action="append", default=[], metavar="KEY=JSON",
                        help="passed on to Pelican, as its own -e")
    parser.add_argument("--bind", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--watch", action="append", type=Path, metavar="PATH",
                        help="watch this folder or file instead of the defaults (repeatable)")
    return parser.parse_args(argv)


def default_watched(content: Path, settings: Path) -> list[Path]:
    """The content folder, and the theme, plugins and settings files of the project the settings sit in."""
    project = settings.resolve().parent
    return [content, project / "theme", project / "plugins", *sorted(project.glob("*conf.py"))]


def main(argv: list[str] | None = None) -> int:
    args = parse_arguments(argv)
    watched = [path for path in (args.watch or default_watched(Path(args.content), Path(args.settings))) if path.exists()]
    extra = [value for setting in args.extra_settings for value in ("-e", setting)]
    pelican_args = [args.content, "-o", args.output, "-s", args.settings, "-e", "LIVE_RELOAD=true", *extra]
    Path(args.output).mkdir(parents=True, exist_ok=True)  # serve what is there (maybe nothing yet) until the first build

    version = SiteVersion()
    handler = functools.partial(LiveReloadHandler, directory=args.output, version=version)
    try:
        server = http.server.ThreadingHTTPServer((args.bind, args.port), handler)
    except OSError as error:
        say(f"cannot serve at {args.bind}:{args.port}: {error.strerror}")
        return 1
    builder = Builder(pelican_args, version)
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    threading.Thread(target=server.serve_forever, daemon=True).start()
    say(f"serving {args.output}/ at http://{args.bind}:{server.server_port}/ (Ctrl-C stops)")
    say(f"watching {', '.join(map(shown, watched))}")
    watch_changes(watched, builder, stop)
    builder.request()  # the first build, with LIVE_RELOAD
    try:
        builder.run_until(stop)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        builder.close()
    return 0


def build_when_told(pelican_args: list[str]) -> int:
    """The build process: import the libraries, wait for the word to build on stdin, then run Pelican
    once (plugins/incremental keeps the compiled templates from one build to the next)."""
    sys.path[0] = os.getcwd()  # as `python -m pelican` has it
    for name in WARM_IMPORTS:
        try:
            importlib.import_module(name)
        except ImportError:
            pass
    if not sys.stdin.readline().strip():
        return 0  # the server stopped before this build was needed
    import pelican

    try:
        pelican.main(pelican_args)
    except SystemExit as exit:
        return 0 if exit.code is None else exit.code if isinstance(exit.code, int) else 1
    return 0


if __name__ == "__main__":
    if sys.argv[1:2] == [WAITING_BUILD_FLAG]:
        sys.exit(build_when_told(sys.argv[2:]))
    sys.exit(main())
