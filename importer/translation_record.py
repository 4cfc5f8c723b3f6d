"""What a translation records about its original: `Translation_Of: pt@1a2b3c4d5e6f`.

The value names the original's language and the start of the SHA-256 of the original's text at
the moment the translation was made (or marked done with `newsroom translated`). When the
original's text hashes differently today, the translation is stale.
"""

from __future__ import annotations

import hashlib
import re

from .content_store import StoredArticle, single_line

TRANSLATION_OF_FIELD = "Translation_Of"
RECORDED_DIGITS = 12  # 48 bits: enough to notice a change, short enough to read in a file
RECORD = re.compile(r"([A-Za-z][A-Za-z0-9_-]*)@([0-9a-f]{8,64})")
LINE_END = re.compile(r"\r\n|\n|\r")


class RecordError(ValueError):
    """A Translation_Of value that cannot be read, or a file it cannot be written into; says why."""


def text_hash(title: str | None, summary: str | None, body: str) -> str:
    """SHA-256 (hex) of the text a translator translates: the title, the summary and the body.

    Only what readers read in the story's own words counts. Bookkeeping fields (Date, Modified,
    Import_Sha256, Source…) change without the text changing — a re-import, a date fix — and
    Slug, Category, Tags or the key are set per language, so none of them can make a translation
    stale. Whitespace at line ends and blank lines around the body do not count either: an
    editor's save that only touches them changes nothing a reader sees.
    """
    lines = [line.rstrip() for line in LINE_END.split(body)]
    normalized_body = "\n".join(lines).strip("\n")
    text = f"{single_line(title or '')}\n{single_line(summary or '')}\n\n{normalized_body}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def article_text_hash(article: StoredArticle) -> str:
    return text_hash(article.metadata.get("title"), article.metadata.get("summary"), article.body)


def record_value(lang: str, digest: str) -> str:
    """The Translation_Of value for a translation of the `lang` version whose text hashes to `digest`."""
    return f"{lang}@{digest[:RECORDED_DIGITS]}"


def parse_record(value: str) -> tuple[str, str]:
    """(language, recorded hash prefix) of a Translation_Of value; RecordError says what is wrong."""
    match = RECORD.fullmatch(value.strip())
    if not match:
        raise RecordError(f"{value.strip()!r} is not LANG@HASH (e.g. pt@1a2b3c4d5e6f); "
                          "run `newsroom translated` on this file to record it again")
    return match.group(1), match.group(2)


def records_match(recorded: str, digest: str) -> bool:
    """True when the recorded hash prefix is the start of the original's current hash."""
    return digest.startswith(recorded)


def header_lines(text: str) -> list[tuple[int, int, str]]:
    """(start, end, line without its ending) of each metadata line: up to the first blank line."""
    lines, position = [], 0
    while position < len(text):
        match = LINE_END.search(text, position)
        end = match.start() if match else len(text)
        line = text[position:end]
        if not line.strip():
            break
        lines.append((position, end, line))
        position = match.end() if match else len(text)
    return lines


def field_name(line: str) -> str | None:
    """The lower-case field name of a metadata line, as the importer and Pelican read it."""
    match = re.match(r"\s*([A-Za-z][A-Za-z0-9_-]*)\s*:", line.lstrip("\ufeff"))
    return match.group(1).lower() if match else None


def with_record(text: str, value: str, key_field: str) -> str:
    """`text` (a file's own characters: BOM and line endings as they are) with its Translation_Of
    set to `value`: an existing line gets the new value, else a line is added after the key's line.
    Every other character stays as it was."""
    lines = header_lines(text)
    wanted = TRANSLATION_OF_FIELD.lower()
    found = [(start, end, line) for start, end, line in lines if field_name(line) == wanted]
    if len(found) > 1:
        raise RecordError(f"{TRANSLATION_OF_FIELD} appears {len(found)} times; keep one line")
    if found:
        start, end, line = found[0]
        colon = line.index(":")
        return f"{text[:start]}{line[:colon + 1]} {value}{text[end:]}"
    key_lines = [(start, end) for start, end, line in lines if field_name(line) == key_field.lower()]
    if not key_lines:
        raise RecordError(f"no {key_field} line to add {TRANSLATION_OF_FIELD} after")
    _, end = key_lines[-1]
    ending = LINE_END.search(text, end)
    newline = ending.group() if ending and ending.start() == end else "\n"
    return f"{text[:end]}{newline}{TRANSLATION_OF_FIELD}: {value}{text[end:]}"
