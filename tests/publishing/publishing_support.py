"""Helpers for the publishing tests: the `make html` command line, as root or as another user."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from pelican.settings import read_settings

from atomic_output.publication import PREFIX  # noqa: F401 - the work folders' name, for the tests
from support import ROOT, write_article

AS_ROOT = pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"),
                             reason="needs root (mount, setpriv): CI and the project machines run as root")
AS_NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
TEST_PLUGINS = Path(__file__).resolve().parent / "plugins"


def tiny_content(folder: Path) -> Path:
    """Two articles, one story in both languages: the smallest complete site."""
    content = folder / "content"
    write_article(content, "pt", "um", title="Um", key="k")
    write_article(content, "id", "satu", title="Satu", key="k")
    return content


def command(content: Path, output: Path, *extra: str, user: list[str] | None = None) -> list[str]:
    return [*(user or []), sys.executable, "-m", "pelican", str(content), "-o", str(output),
            "-s", "pelicanconf.py", *extra]


def pelican(content: Path, output: Path, *extra: str, user: list[str] | None = None,
            env: dict | None = None) -> subprocess.CompletedProcess:
    """Run the build exactly as `make html` does; wide columns so no message is wrapped."""
    return subprocess.run(command(content, output, *extra, user=user), cwd=ROOT, capture_output=True, text=True,
                          env=build_env(env), timeout=120)


def start_pelican(content: Path, output: Path, *extra: str, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen(command(content, output, *extra), cwd=ROOT, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, env=build_env(env))


def build_env(extra: dict | None) -> dict:
    # NEWSROOM_BUILD_CACHE: the incremental build state where conftest.py keeps it, out of the project
    kept = {name: os.environ[name] for name in ("NEWSROOM_BUILD_CACHE",) if name in os.environ}
    return {"COLUMNS": "1000", "PATH": "/usr/bin:/bin", "HOME": "/tmp", **kept, **(extra or {})}


def printed(result) -> str:
    return result.stdout + result.stderr


def error_lines(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith(("ERROR", "CRITICAL"))]


def snapshot(folder: Path) -> dict[str, bytes | str]:
    """Every file (content), symlink (target) and folder under `folder`, hidden ones included."""
    found: dict[str, bytes | str] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            found[name] = "-> " + os.readlink(path)
        elif path.is_dir():
            found[name] = "folder"
        else:
            found[name] = path.read_bytes()
    return found


def with_plugin(name: str) -> list[str]:
    """Command-line settings that add a test plugin after the project's own."""
    plugins = [*read_settings(str(ROOT / "pelicanconf.py"))["PLUGINS"], name]
    paths = [str(ROOT / "plugins"), str(TEST_PLUGINS)]
    return ["-e", "PLUGINS=" + json.dumps(plugins), "PLUGIN_PATHS=" + json.dumps(paths)]


def fake_site(output: Path) -> dict[str, bytes | str]:
    """A previous site with entries the new build also writes and one it does not."""
    output.mkdir(parents=True, exist_ok=True)
    (output / "index.html").write_text("previous home")
    (output / "404.html").write_text("previous 404")
    (output / "pt").mkdir()
    (output / "pt/index.html").write_text("previous pt")
    (output / "stale.html").write_text("a page the new site no longer has")
    return snapshot(output)


def assert_complete_site(output: Path) -> None:
    """The tiny site's pages are all there, and nothing of a previous site or of a build in progress."""
    names = sorted(p.name for p in output.iterdir())
    assert names == ["404.html", "_editors", "id", "index.html", "news-sitemap.xml", "pt", "robots.txt", "search", "sitemap.xml", "theme"], names
    assert "Um" in (output / "pt/2025/01/um/index.html").read_text()
    assert "Satu" in (output / "id/2025/01/satu/index.html").read_text()
