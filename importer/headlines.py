"""Headline, lede and slug of an imported article."""

from __future__ import annotations

import re

from pelican.utils import slugify

HEADLINE_MAX_CHARS = 140
HEADLINE_MAX_WORDS = 22
DERIVED_MAX_CHARS = 110
SLUG_MAX_CHARS = 60
DECLARED_SLUG_MAX_CHARS = 200  # <slug>.md and its temporary name must stay under the 255-byte file name limit
SENTENCE_END = re.compile(r"(?<=[.!?…])\s+(?=[\"“'«(]?[A-ZÀ-Ý0-9])")


def looks_like_headline(line: str) -> bool:
    """A short single line that does not end like a sentence of running text."""
    words = line.split()
    return (
        "\n" not in line
        and 2 <= len(words) <= HEADLINE_MAX_WORDS
        and len(line) <= HEADLINE_MAX_CHARS
        and line.rstrip()[-1] not in ".,;:"
    )


def derive_headline(lede: str) -> str:
    """A headline cut from the lede's first sentence, at a clause or word boundary."""
    first = SENTENCE_END.split(" ".join(lede.split()), maxsplit=1)[0].rstrip(".")
    if len(first) <= DERIVED_MAX_CHARS:
        return first
    clauses = [m.start() for m in re.finditer(r",\s", first) if 40 <= m.start() <= DERIVED_MAX_CHARS]
    if clauses:
        return first[: clauses[-1]]
    return first[: DERIVED_MAX_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"


def unescape_markdown(text: str) -> str:
    """The plain text of a paragraph written by sources.escape_markdown (for titles and summaries)."""
    text = re.sub(r"\\([\\`*_\[\]{#>+\-=.)])", r"\1", text)
    return text.replace("&lt;", "<").replace("&amp;", "&")


def slug_of(text: str, substitutions: list) -> str:
    """Pelican's own slugify (ASCII letters, digits, '-' and '_': no '/' or '.'), shortened at a word."""
    slug = slugify(text, regex_subs=substitutions).strip("-_")  # "±" transliterates to "+-"
    if len(slug) > SLUG_MAX_CHARS:
        slug = slug[:SLUG_MAX_CHARS].rsplit("-", 1)[0].strip("-_")
    return slug


def safe_slug(declared: str, substitutions: list) -> str:
    """A slug given in a file, as a safe URL and file name: kept when slugify would keep it, else
    slugified ('' when nothing is left, as from '../..')."""
    if len(declared) <= DECLARED_SLUG_MAX_CHARS and slugify(declared, regex_subs=substitutions) == declared \
            and declared.strip("-_") == declared:
        return declared
    return slug_of(declared, substitutions)


def make_slug(title: str, substitutions: list, taken: set[str]) -> str:
    """Pelican's own slugify (ASCII, URL-safe), shortened at a word, made unique within `taken`."""
    slug = slug_of(title, substitutions) or "article"
    candidate, number = slug, 2
    while candidate in taken:
        candidate, number = f"{slug}-{number}", number + 1
    return candidate
