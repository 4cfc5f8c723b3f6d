"""Test helpers: real Pelican builds of small sites in temporary folders."""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
import warnings
from dataclasses import dataclass
from pathlib import Path

from bs4 import BeautifulSoup, XMLParsedAsHTMLWarning
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


def files(folder: Path) -> dict[str, bytes]:
    """Every file under `folder`: relative path -> bytes (to compare two builds' output)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def realnews_folder() -> Path:
    """../shared/realnews (real pt/id news, read in place, never copied): REALNEWS_DIR if set, else
    beside the repository, else the workplace's shared folder (a clone made elsewhere, as CI's may be)."""
    candidates = [os.environ.get("REALNEWS_DIR"), ROOT.parent / "shared" / "realnews", "/work/shared/realnews"]
    found = [Path(c) for c in candidates if c and (Path(c) / "corpus.jsonl").is_file()]
    return found[0] if found else ROOT.parent / "shared" / "realnews"


REALNEWS = realnews_folder()


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
SAMPLES = Path(__file__).resolve().parent / "importing" / "samples"
SEEDS = SAMPLES / "seeds"  # copy of ../shared/seeds/*.txt, the newsroom's first story as raw text


URL_TRIMMED = "".join(map(chr, range(33)))  # C0 controls and space, trimmed from both ends of a URL
SCRIPT_SCHEMES = ("javascript:", "data:", "vbscript:")
# Folders of the project that tests and builds may change; nothing else may change under ROOT.
PROJECT_SKIP = {".git", ".venv", "node_modules", "__pycache__", ".pytest_cache", ".hypothesis", "output"}


def browser_url(value: str) -> str:
    """A URL as a browser reads it (WHATWG URL): tabs and newlines removed, controls and spaces trimmed."""
    return re.sub(r"[\t\n\r]", "", value).strip(URL_TRIMMED)


def is_site_script(tag) -> bool:
    """The theme's own modules and the JSON-LD block: the only scripts a built page may hold."""
    return tag.name == "script" and (tag.get("src", "").startswith("/theme/") or tag.get("type") == "application/ld+json")


def dangerous(html_text: str, site_scripts: bool = False) -> list[str]:
    """What a browser would run in HTML: script-like elements, event-handler attributes, script URLs.

    With `site_scripts`, the theme's own script elements (see is_site_script) are not counted.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # feeds: read the HTML inside as a browser would
        soup = BeautifulSoup(html_text, "html.parser")
    found = [str(tag)[:60] for tag in soup.find_all(["script", "iframe", "object", "embed", "svg"])
             if not (site_scripts and is_site_script(tag))]
    found += [f"{tag.name} {name}" for tag in soup.find_all(True) for name in tag.attrs if name.lower().startswith("on")]
    found += [f"{tag.name} {value}" for tag in soup.find_all(True) for value in (tag.get("href"), tag.get("src"))
              if value and browser_url(value).lower().startswith(SCRIPT_SCHEMES)]
    return found


def dangerous_markup(path: Path) -> list[str]:
    """`dangerous` for a written page or feed (feeds carry HTML escaped inside XML)."""
    text = path.read_text("utf-8")
    return dangerous(html.unescape(text) if path.suffix == ".xml" else text, site_scripts=True)


def file_times(root: Path, skip=frozenset()) -> dict[str, int]:
    """Every file under `root` with its modification time (folders named in `skip` left out)."""
    found = {}
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [s for s in subfolders if s not in skip]
        for name in files:
            path = os.path.join(folder, name)
            found[path] = os.lstat(path).st_mtime_ns
    return found


def changed_files(before: dict[str, int], after: dict[str, int]) -> list[str]:
    """New or changed files between two `file_times` readings."""
    return [path for path, stamp in after.items() if before.get(path) != stamp]


VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"


def nu_errors(folder: Path) -> list[str]:
    """The W3C Nu HTML checker's errors on every HTML file under `folder`, as "url:line: message"."""
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", "--format", "json", str(folder)],
        capture_output=True, text=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    return [f"{m['url']}:{m.get('lastLine')}: {m['message']}" for m in messages if m["type"] == "error"]


def axe_violations(page) -> list[str]:
    """axe-core's serious and critical WCAG 2.1 AA (and best-practice) violations on the loaded page
    (injected by the test: the page's context must bypass the site's CSP)."""
    page.add_script_tag(path=str(AXE))
    return page.evaluate("""async () => {
        const result = await axe.run(document, {runOnly: ["wcag2a", "wcag2aa", "wcag21aa", "best-practice"]});
        return result.violations.filter(v => ["serious", "critical"].includes(v.impact))
            .map(v => v.id + ": " + v.nodes.map(n => n.target.join(" ")).join(", "));
    }""")


def axe_session(browser, serve, folder: Path):
    """For a module fixture (`yield from`): (base URL, page) on `folder` served, in a context that
    bypasses the site's CSP (axe is injected by the test; the site allows no such script)."""
    base = serve(folder)
    context = browser.new_context(bypass_csp=True)
    yield base, context.new_page()
    context.close()
