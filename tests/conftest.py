"""Shared fixtures: real Pelican builds in temporary folders, a local HTTP server, real Chromium."""

from __future__ import annotations

import atexit
import functools
import http.server
import os
import shutil
import tempfile
import threading
from pathlib import Path

import pytest

from support import CHROMIUM_ARGS, ROOT, Site, build

# Builds keep their incremental state (plugins/incremental) here, not in the project's .cache/:
# set before any build, so the `pelican` and `make` processes tests start find it too.
if "NEWSROOM_BUILD_CACHE" not in os.environ:  # pytest-xdist's workers inherit the first process's
    os.environ["NEWSROOM_BUILD_CACHE"] = tempfile.mkdtemp(prefix="newsroom-build-state-")
    atexit.register(shutil.rmtree, os.environ["NEWSROOM_BUILD_CACHE"], True)


def pytest_sessionstart(session):
    """The sample stories' photos are drawn, never committed: draw them before anything builds content/."""
    import runpy

    runpy.run_path(str(ROOT / "tools" / "draw_sample_photos.py"))["draw_sample_photos"]()


@pytest.fixture(scope="session")
def sample_site(tmp_path_factory) -> Site:
    """The project's own content/ built with the project's settings."""
    return build(ROOT / "content", tmp_path_factory.mktemp("sample-output"))


@pytest.fixture
def content_dir(tmp_path) -> Path:
    path = tmp_path / "content"
    path.mkdir()
    return path


@pytest.fixture
def build_site(tmp_path):
    """Build a site from a content folder (and setting overrides) into a fresh folder."""
    counter = iter(range(1000))

    def _build(content: Path, **overrides) -> Site:
        return build(content, tmp_path / f"output-{next(counter)}", **overrides)

    return _build


# What a strict static host would send: any inline script or style, or a third-party request, breaks.
CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'"


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    send_csp = True

    def end_headers(self):
        if self.send_csp:
            self.send_header("Content-Security-Policy", CSP)
        super().end_headers()

    def log_message(self, *args):
        pass


class _HeaderlessHandler(_QuietHandler):
    """A host that sends no headers of its own, as GitHub Pages: only the pages' <meta> policy applies."""

    send_csp = False


@pytest.fixture(scope="session")
def serve():
    """Serve a folder over HTTP on a free loopback port (with the CSP header unless csp=False); returns its base URL."""
    servers = []

    def _serve(folder: Path, csp: bool = True) -> str:
        handler = functools.partial(_QuietHandler if csp else _HeaderlessHandler, directory=str(folder))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_port}"

    yield _serve
    for server in servers:
        server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright (Playwright's own browser download is not used)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def site_settings(tmp_path):
    """The project's settings (languages, thresholds) with an empty content folder of the test's own."""
    from importer.site_settings import load_site_settings

    return load_site_settings(ROOT / "pelicanconf.py", tmp_path / "content")
