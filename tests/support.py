"""Test helpers: real Pelican builds of small sites in temporary folders."""

from __future__ import annotations

import html
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


SAMPLES = Path(__file__).resolve().parent / "importing" / "samples"
SEEDS = SAMPLES / "seeds"  # copy of ../shared/seeds/*.txt, the newsroom's first story as raw text


def dangerous_markup(path) -> list[str]:
    """Scripts other than the site's own modules and JSON-LD, event handlers, script URLs, frames."""
    text = path.read_text("utf-8")
    if path.suffix == ".xml":  # feeds carry HTML escaped inside XML
        text = html.unescape(text)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", XMLParsedAsHTMLWarning)  # read as a browser would read the HTML inside
        soup = BeautifulSoup(text, "html.parser")
    found = [str(s)[:60] for s in soup.find_all("script")
             if not (s.get("src", "").startswith("/theme/") or s.get("type") == "application/ld+json")]
    found += [f"{tag.name} {name}" for tag in soup.find_all(True) for name in tag.attrs if name.lower().startswith("on")]
    found += [f"{tag.name} {value}" for tag in soup.find_all(True) for value in (tag.get("href"), tag.get("src"))
              if value and value.strip().lower().startswith(("javascript:", "data:"))]
    found += [tag.name for tag in soup.find_all(["iframe", "object", "embed"])]
    return found
