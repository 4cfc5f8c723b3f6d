"""Shared fixtures: real Pelican builds of small sites in temporary folders, and real Chromium."""

from __future__ import annotations

import functools
import http.server
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from pelican import Pelican
from pelican.settings import read_settings

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "plugins"))  # as Pelican's PLUGIN_PATHS does, for unit tests

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@dataclass
class Site:
    """A built site: its output folder and helpers to read what was written."""

    output: Path

    def html(self, url: str) -> BeautifulSoup:
        path = self.output / url.lstrip("/")
        if url.endswith("/") or url == "":
            path = path / "index.html"
        return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")

    def exists(self, url: str) -> bool:
        path = self.output / url.lstrip("/")
        return (path / "index.html").is_file() if url.endswith("/") else path.is_file()


def write_article(content: Path, lang: str, slug: str, *, title: str, date: str = "2025-01-03 09:00",
                  key: str | None = None, category: str | None = None, tags: str | None = None,
                  summary: str | None = None, body: str = "Body paragraph.", extra: str = "") -> Path:
    """Write one markdown article with Pelican metadata under content/<lang>/."""
    lines = [f"Title: {title}", f"Date: {date}", f"Lang: {lang}", f"Slug: {slug}"]
    if key:
        lines.append(f"Translation_Key: {key}")
    if category:
        lines.append(f"Category: {category}")
    if tags:
        lines.append(f"Tags: {tags}")
    if summary:
        lines.append(f"Summary: {summary}")
    path = content / lang / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + extra + "\n\n" + body + "\n", encoding="utf-8")
    return path


def build(content: Path, output: Path, **overrides) -> Site:
    """Build `content` with the project's pelicanconf.py (plus overrides) into `output`."""
    settings = read_settings(
        str(ROOT / "pelicanconf.py"),
        override={"PATH": str(content), "OUTPUT_PATH": str(output), **overrides},
    )
    Pelican(settings).run()
    return Site(output)


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


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def serve():
    """Serve a folder over HTTP on a free loopback port; returns its base URL."""
    servers = []

    def _serve(folder: Path) -> str:
        handler = functools.partial(_QuietHandler, directory=str(folder))
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
