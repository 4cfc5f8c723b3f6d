"""Read one source file — plain text, markdown or HTML — into paragraphs and any metadata it carries.

Every refusal is a SourceError whose message says what is wrong with the file.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

from bs4 import BeautifulSoup
from markup_policy.policy import XML_FORBIDDEN

from .content_store import one_line, utf8_error

FORMATS = {".txt": "text", ".text": "text", ".md": "markdown", ".markdown": "markdown",
           ".html": "html", ".htm": "html"}
# Pelican metadata the importer understands at the top of a markdown file.
MARKDOWN_FIELDS = {"title", "date", "modified", "lang", "slug", "category", "tags", "summary", "author",
                   "authors", "status", "translation_key"}
METADATA_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):\s*(.*)")
DROPPED_HTML = ["script", "style", "noscript", "nav", "footer", "aside", "form", "iframe", "svg", "template",
                "button", "figure"]


class SourceError(ValueError):
    """The file cannot be imported; the message is the reason."""


@dataclass
class Source:
    path: Path
    sha256: str
    format: str
    paragraphs: list[str]  # body paragraphs, ready to be written as markdown
    title: str | None = None  # an explicit title (metadata, "# heading", <h1>)
    metadata: dict[str, str] = field(default_factory=dict)  # lower-case field -> value

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


def decode(path: Path, data: bytes, max_bytes: int) -> str:
    """The file's text, or a SourceError saying why it is not importable text."""
    if len(data) > max_bytes:
        raise SourceError(f"too large: {len(data) / 1e6:.1f} MB (limit {max_bytes / 1e6:.1f} MB)")
    if b"\x00" in data[:65536]:
        raise SourceError("binary data (NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise SourceError(f"{utf8_error(data, error)}; save it as UTF-8") from None
    controls = len(XML_FORBIDDEN.findall(text))
    if controls > max(8, len(text) // 100):
        raise SourceError(f"binary data ({controls} control characters), not text")
    # A few stray characters that pages and feeds cannot carry are noise from the exporting system, no
    # text: dropped (a form feed was a page break).
    text = XML_FORBIDDEN.sub("", text.replace("\x0c", "\n"))
    if not text.strip():
        raise SourceError("empty file")
    return text


def escape_markdown(paragraph: str) -> str:
    """Plain text as markdown that renders to the same text (no lists, headings, raw HTML or attributes)."""
    text = paragraph.replace("\\", "\\\\")
    # "{" would let a line such as `{: onclick="…" }` give the paragraph attributes (attr_list).
    text = re.sub(r"([`*_\[\]{])", r"\\\1", text)
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text).replace("<", "&lt;")
    lines = []
    for line in text.split("\n"):
        line = line.strip()
        line = re.sub(r"^(#|>|[-+](?=\s)|=+$|-+$)", r"\\\1", line)
        line = re.sub(r"^(\d+)([.)])(?=\s)", r"\1\\\2", line)
        lines.append(line)
    return "\n".join(lines)


def text_paragraphs(text: str) -> list[str]:
    """Blank lines separate paragraphs; without any, each line is one (as newsroom exports do)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\n")
    if re.search(r"\n[ \t]*\n", text):
        blocks = re.split(r"\n[ \t]*\n", text)
    else:
        blocks = text.split("\n")
    return [block.strip() for block in blocks if block.strip()]


def parse_text(path: Path, text: str, sha: str) -> Source:
    return Source(path, sha, "text", [escape_markdown(p) for p in text_paragraphs(text)])


def parse_markdown(path: Path, text: str, sha: str) -> Source:
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    metadata: dict[str, str] = {}
    index = 0
    while index < len(lines):
        match = METADATA_LINE.fullmatch(lines[index].strip())
        if not match or match.group(1).lower() not in MARKDOWN_FIELDS:
            break
        metadata[match.group(1).lower()] = one_line(match.group(2))
        index += 1
    body = "\n".join(lines[index:]).strip()
    # In markdown only blank lines separate paragraphs; each block is kept as written.
    paragraphs = [block.strip() for block in re.split(r"\n[ \t]*\n", body) if block.strip()]
    title = metadata.pop("title", None)
    if title is None and paragraphs and re.fullmatch(r"#\s+[^\n]+", paragraphs[0]):
        title = one_line(paragraphs.pop(0).lstrip("#"))
    return Source(path, sha, "markdown", paragraphs, title or None, metadata)


def parse_html(path: Path, text: str, sha: str) -> Source:
    soup = BeautifulSoup(text, "html.parser")
    metadata = {}
    published = soup.find("meta", attrs={"property": "article:published_time"})
    og_title = soup.find("meta", attrs={"property": "og:title"})
    page_title = one_line(soup.title.get_text(" ")) if soup.title else None
    for tag in soup.find_all(DROPPED_HTML):
        tag.decompose()
    root = soup.find("article") or soup.find("main") or soup.body or soup
    heading = root.find("h1")
    # Text nodes keep their line breaks: every value is collapsed to one line here.
    title = (one_line(heading.get_text(" ")) if heading else None) or (
        one_line(og_title.get("content", "")) if og_title else None) or page_title
    time_tag = root.find("time", attrs={"datetime": True})
    if published and published.get("content"):
        metadata["date"] = one_line(published["content"])
    elif time_tag:
        metadata["date"] = one_line(time_tag["datetime"])
    paragraphs = [" ".join(p.get_text(" ", strip=True).split()) for p in root.find_all("p")]
    paragraphs = [escape_markdown(p) for p in paragraphs if p]
    if not paragraphs:
        raise SourceError("HTML without article paragraphs (<p>) to import")
    return Source(path, sha, "html", paragraphs, title or None, metadata)


PARSERS = {"text": parse_text, "markdown": parse_markdown, "html": parse_html}


def read_source(path: Path, max_bytes: int) -> Source:
    """Read and parse a source file; raises SourceError with the reason when it can't be imported."""
    kind = FORMATS.get(path.suffix.lower())
    if kind is None:
        raise SourceError(f"unsupported file type {path.suffix or '(none)'!r} (expected .txt, .md or .html)")
    size = path.stat().st_size
    if size > max_bytes:
        raise SourceError(f"too large: {size / 1e6:.1f} MB (limit {max_bytes / 1e6:.1f} MB)")
    data = path.read_bytes()
    text = decode(path, data, max_bytes)
    source = PARSERS[kind](path, text, hashlib.sha256(data).hexdigest())
    if not source.paragraphs:
        raise SourceError("no article text after the title")
    return source
