"""The markdown files of content/: read their metadata, write new ones atomically, spot editor edits.

Every file the importer writes records `Import_Sha256`, the hash of the file without that line.
When the hash no longer matches, an editor has changed the file, and it is not overwritten
without --force. Every metadata value is written on one line, and every write is checked to stay
inside the folder it belongs to (symlinks followed) right before it happens.
"""

from __future__ import annotations

import hashlib
import os
import re
import stat
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

HASH_FIELD = "Import_Sha256"
HASH_LINE = re.compile(rf"^{HASH_FIELD}:.*\n", re.MULTILINE)
METADATA_LINE = re.compile(r"([A-Za-z][A-Za-z0-9_-]*):\s*(.*)")
FIELD_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*")
# Unicode category Cc (C0, DEL, C1), and what XML 1.0 forbids besides: never part of one line of text.
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")


class UnsafeTarget(ValueError):
    """A write would land outside the folder it belongs to; the message names the file."""


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


@dataclass
class Unreadable:
    """A file in content/ that could not be read, and why."""

    path: Path
    reason: str


@dataclass
class ContentScan:
    articles: list[StoredArticle] = field(default_factory=list)
    unreadable: list[Unreadable] = field(default_factory=list)


def content_hash(text: str) -> str:
    return hashlib.sha256(HASH_LINE.sub("", text).encode("utf-8")).hexdigest()


def single_line(value: str) -> str:
    """`value` with every run of whitespace (line breaks of any kind included) made one space."""
    # str.split() also splits on \r, \v, \f, \x1c-\x1f, \x85, \u2028 and \u2029, which some readers
    # take as line ends, not only on \n.
    return " ".join(str(value).split())


def one_line(value: str) -> str:
    """`value` as one line of plain text: single_line, and the remaining control characters dropped."""
    return CONTROL_CHARACTERS.sub("", single_line(value))


def parse_article(path: Path, text: str) -> StoredArticle:
    header, _, body = text.partition("\n\n")
    metadata = {}
    for line in header.split("\n"):
        match = METADATA_LINE.fullmatch(line.strip())
        if match:
            metadata[match.group(1).lower()] = match.group(2).strip()
    return StoredArticle(path, text, metadata, body)


def decode_article(data: bytes) -> str:
    """The text of a content file, as Pelican reads it (UTF-8, BOM dropped, universal newlines)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ValueError(utf8_error(data, error)) from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def utf8_error(data: bytes, error: UnicodeDecodeError) -> str:
    """Where `data` stops being UTF-8, as an editor finds it in the file."""
    line = data.count(b"\n", 0, error.start) + 1
    return f"not valid UTF-8 at line {line} (byte 0x{data[error.start]:02x})"


def read_article(path: Path, content: Path) -> StoredArticle:
    """One article of content/; ValueError with the reason when it cannot be read."""
    return parse_article(path, decode_article(read_article_bytes(path, content)))


def read_article_bytes(path: Path, content: Path) -> bytes:
    """The bytes of one article of content/; ValueError with the reason when it cannot be read."""
    try:
        regular = stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        regular = False
    if not regular:  # one lstat settles the common case; links and the rest are looked at closely
        if path.is_symlink() and not is_inside(path, content.resolve()):
            raise ValueError(f"is a link to {path.resolve()}, outside the content folder; not read")
        if path.is_dir():
            raise ValueError("is a folder, not a markdown file")
        if not path.is_file():  # a broken link, a FIFO, a device: reading could fail or block
            raise ValueError("no such file (a broken link?)" if not path.exists() else "not a regular file")
    try:
        return path.read_bytes()
    except PermissionError:
        raise ValueError("permission denied") from None
    except OSError as error:
        raise ValueError((error.strerror or str(error)).lower()) from None


def markdown_entries(content: Path) -> list[tuple[str, os.DirEntry]]:
    """(path inside `content` with / separators, its directory entry) of every markdown file under
    `content`, in path order: what Path.rglob("*.md") finds (folders named *.md too; links to folders
    are not followed), hidden folders and files left out."""
    found = []

    def walk(folder: str, parts: tuple[str, ...]) -> None:
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError:  # unreadable, or gone meanwhile: as rglob, nothing from it
            return
        for entry in entries:
            if entry.name.startswith("."):
                continue
            inside = (*parts, entry.name)
            if entry.name.endswith(".md"):
                found.append((inside, entry))
            try:
                folder_here = entry.is_dir(follow_symlinks=False)
            except OSError:
                folder_here = False
            if folder_here:
                walk(entry.path, inside)

    if content.is_dir():
        walk(str(content), ())
    found.sort(key=lambda item: item[0])  # as Paths sort: part by part
    return [("/".join(parts), entry) for parts, entry in found]


def content_files(content: Path) -> list[Path]:
    """The markdown files under `content` (hidden folders and files left out), in path order."""
    return [Path(entry.path) for _, entry in markdown_entries(content)]


def read_content(content: Path) -> ContentScan:
    """Every markdown article under `content`, in path order, and the files that could not be read."""
    scan = ContentScan()
    for path in content_files(content):
        try:
            scan.articles.append(read_article(path, content))
        except ValueError as error:
            scan.unreadable.append(Unreadable(path, f"cannot read: {error}"))
    return scan


def scan_content(content: Path) -> list[StoredArticle]:
    """Every readable markdown article under `content`, in path order (see read_content for the rest)."""
    return read_content(content).articles


def metadata_line(name: str, value: str) -> str:
    """`Name: value` on one line, whatever `value` holds: a value can never start another field."""
    if not FIELD_NAME.fullmatch(name):
        raise ValueError(f"not a metadata field name: {name!r}")
    return f"{name}: {single_line(value)}"


def render_article(fields: list[tuple[str, str]], paragraphs: list[str]) -> str:
    """Pelican markdown: metadata lines, a blank line, paragraphs separated by blank lines."""
    header = "\n".join(metadata_line(name, value) for name, value in fields if value is not None and str(value).strip())
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
    lines.insert(anchor + 1, metadata_line(name, value))
    text = "\n".join(lines) + "\n\n" + body
    if article.edited:
        recorded = article.metadata.get(HASH_FIELD.lower())
        return text if recorded is None else text.replace("\n\n", f"\n{HASH_FIELD}: {recorded}\n\n", 1)
    return with_hash(text)


def is_inside(path: Path, folder: Path) -> bool:
    """True when `path` and its parent folder, every symlink followed, are inside `folder` (resolved)."""
    return path.resolve().is_relative_to(folder) and path.parent.resolve().is_relative_to(folder)


def language_folder(content: Path, lang: str) -> Path:
    """content/<lang>/ as new articles must land in it: the content folder resolved, <lang> not
    (a content/<lang> that is a symlink leads elsewhere, and writes through it are refused)."""
    return content.resolve() / lang


def check_inside(path: Path, folder: Path) -> None:
    """Raise UnsafeTarget unless `path` stays inside `folder` (see is_inside)."""
    if not is_inside(path, folder):
        raise UnsafeTarget(f"{path} resolves to {path.resolve()}, outside {folder}{os.sep}; not written")


def write_inside(folder: Path, path: Path, text: str) -> None:
    """write_atomic, after proving that the target stays inside `folder`, symlinks included."""
    check_inside(path, folder)
    write_atomic(path, text)


def current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_atomic(path: Path, text: str) -> None:
    """Write through a temporary file in the same folder, so readers never see half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as out:
            out.write(text)
        # mkstemp makes the file private (0600); an article is as readable as any file the editor saves.
        os.chmod(temporary, 0o666 & ~current_umask())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
