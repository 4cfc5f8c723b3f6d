"""The markdown files of content/: read their metadata, write new ones atomically, spot editor edits.

Every file the importer writes records `Import_Sha256`, the hash of the file without that line.
When the hash no longer matches, an editor has changed the file, and it is not overwritten
without --force.
"""

from __future__ import annotations

import hashlib
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

HASH_FIELD = "Import_Sha256"
HASH_LINE = re.compile(rf"^{HASH_FIELD}:.*\n", re.MULTILINE)
METADATA_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):\s*(.*)")


@dataclass
class StoredArticle:
    path: Path
    text: str
    metadata: dict[str, str]  # lower-case field -> value
    body: str

    @property
    def edited(self) -> bool:
        """True when the file changed since the importer wrote it (or was not written by it)."""
        recorded = self.metadata.get(HASH_FIELD.lower())
        return recorded != content_hash(self.text)


def content_hash(text: str) -> str:
    return hashlib.sha256(HASH_LINE.sub("", text).encode("utf-8")).hexdigest()


def parse_article(path: Path, text: str) -> StoredArticle:
    header, _, body = text.partition("\n\n")
    metadata = {}
    for line in header.split("\n"):
        match = METADATA_LINE.fullmatch(line.strip())
        if match:
            metadata[match.group(1).lower()] = match.group(2).strip()
    return StoredArticle(path, text, metadata, body)


def scan_content(content: Path) -> list[StoredArticle]:
    """Every markdown article under `content`, in path order."""
    return [
        parse_article(path, path.read_text(encoding="utf-8"))
        for path in sorted(content.rglob("*.md"))
        if not any(part.startswith(".") for part in path.relative_to(content).parts)
    ]


def render_article(fields: list[tuple[str, str]], paragraphs: list[str]) -> str:
    """Pelican markdown: metadata lines, a blank line, paragraphs separated by blank lines."""
    header = "\n".join(f"{name}: {value}" for name, value in fields if value not in (None, ""))
    text = f"{header}\n\n" + "\n\n".join(paragraphs) + "\n"
    return with_hash(text)


def with_hash(text: str) -> str:
    """`text` with its Import_Sha256 line (re)computed, as the last metadata line."""
    text = HASH_LINE.sub("", text)
    header, _, body = text.partition("\n\n")
    return f"{header}\n{HASH_FIELD}: {content_hash(text)}\n\n{body}"


def add_field(article: StoredArticle, name: str, value: str, after: str = "Slug") -> str:
    """The article's text with one more metadata line, placed after `after` as the importer writes
    it (so a later re-import renders the same bytes); an unedited file keeps a valid hash."""
    header, _, body = article.text.partition("\n\n")
    lines = [line for line in header.split("\n") if not HASH_LINE.match(line + "\n")]
    anchor = next((i for i, line in enumerate(lines) if line.lower().startswith(f"{after.lower()}:")), len(lines) - 1)
    lines.insert(anchor + 1, f"{name}: {value}")
    text = "\n".join(lines) + "\n\n" + body
    if article.edited:
        recorded = article.metadata.get(HASH_FIELD.lower())
        return text if recorded is None else text.replace("\n\n", f"\n{HASH_FIELD}: {recorded}\n\n", 1)
    return with_hash(text)


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
