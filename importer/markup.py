"""Imported markdown kept within the news-markup allow-list (plugins/markup_policy), and plain-text metadata.

Each markdown block is rendered as the build renders it. A block whose HTML the allow-list
leaves as it is stays as written, so editors keep editable markdown; a block the allow-list
changes is replaced by its sanitised HTML, and a warning says what was removed. The whole body
is checked once more at the end, because markdown can join blocks (raw HTML opened in one block
and closed in another). nh3 decides what is safe; this module only reports what it took out.
"""

from __future__ import annotations

import html
import re

import markdown
import nh3
from bs4 import BeautifulSoup, Comment, Tag
from markup_policy.policy import (ALLOWED_ATTRIBUTES, ALLOWED_TAGS, ALLOWED_URL_SCHEMES, REMOVED_WITH_CONTENT,
                                  clean_html)

from .content_store import one_line
from .sources import escape_markdown, text_paragraphs

URL_ATTRIBUTES = {"href", "src", "cite"}
URL_SCHEME = re.compile(r"\s*([A-Za-z][A-Za-z0-9+.-]*):")
# Entity-escaped markup ("&amp;lt;b&amp;gt;") reveals one more level per round; real text needs one.
PLAIN_TEXT_ROUNDS = 4


def plain_text(value: str) -> str:
    """`value` as plain text on one line: tags and comments removed, script and style with their content."""
    text = one_line(value)
    for _ in range(PLAIN_TEXT_ROUNDS):
        if "<" not in text and "&" not in text:  # nearly every title and tag: no parsing needed
            return text
        stripped = one_line(html.unescape(nh3.clean(
            text, tags=set(), clean_content_tags=set(REMOVED_WITH_CONTENT), strip_comments=True)))
        if stripped == text:
            return text
        text = stripped
    return text.replace("<", "")  # still unstable: nothing that could open a tag is left


def same_html(a: str, b: str) -> bool:
    """True when two HTML fragments have the same elements, attributes and text (serialisation aside)."""
    return a == b or BeautifulSoup(a, "html.parser").decode() == BeautifulSoup(b, "html.parser").decode()


def is_clean(rendered: str) -> bool:
    """True when the allow-list leaves the HTML `rendered` as it is."""
    return same_html(rendered, clean_html(rendered))


def removed_markup(rendered: str) -> list[str]:
    """What the allow-list takes out of `rendered`, for warnings: tags, attributes, URL schemes, comments."""
    found = []
    for node in BeautifulSoup(rendered, "html.parser").descendants:
        if isinstance(node, Comment):
            found.append("an HTML comment")
        elif isinstance(node, Tag):
            found.extend(disallowed_in(node))
    return list(dict.fromkeys(found))


def disallowed_in(tag: Tag) -> list[str]:
    """The tag itself when it is not allowed, else its attributes and URLs that are not."""
    if tag.name not in ALLOWED_TAGS:
        return [f"<{tag.name}>"]
    allowed = ALLOWED_ATTRIBUTES.get("*", set()) | ALLOWED_ATTRIBUTES.get(tag.name, set())
    found = []
    for name, value in tag.attrs.items():
        if name not in allowed:
            found.append(f"{name}= on <{tag.name}>")
        elif name in URL_ATTRIBUTES and (scheme := URL_SCHEME.match(str(value))):
            if scheme.group(1).lower() not in ALLOWED_URL_SCHEMES:
                found.append(f"a {scheme.group(1).lower()}: URL")
    return found


def describe(removed: list[str]) -> str:
    return "removed " + ", ".join(removed) if removed else "rewrote markup the allow-list does not keep"


class MarkdownPolicy:
    """Markdown rendered as the build renders it (the site's MARKDOWN setting), checked against the allow-list."""

    def __init__(self, markdown_settings: dict):
        configs = {name: config for name, config in markdown_settings.get("extension_configs", {}).items()
                   if not is_meta(name)}
        extensions = [e for e in markdown_settings.get("extensions", []) if not is_meta(e)]
        extensions += [name for name in configs if name not in extensions]
        # Without `meta`: in a stored file the metadata is read before the body, never from it.
        self._md = markdown.Markdown(extensions=extensions, extension_configs=configs,
                                     output_format=markdown_settings.get("output_format", "html5"))

    def render(self, text: str, references: dict | None = None) -> str:
        self._md.reset()
        self._md.references.update(references or {})
        return self._md.convert(text)

    def references(self, text: str) -> dict:
        """The link reference definitions of a whole document ("[id]: url"), for rendering its blocks alone."""
        self.render(text)
        return dict(self._md.references)

    def sanitize_blocks(self, blocks: list[str]) -> tuple[list[str], list[str]]:
        """(blocks, warnings): blocks the allow-list keeps stay as written, the others become sanitised HTML."""
        references = self.references("\n\n".join(blocks))
        kept, warnings = [], []
        for number, block in enumerate(blocks, 1):
            rendered = self.render(block, references)
            cleaned = clean_html(rendered)
            if same_html(rendered, cleaned):
                kept.append(block)
                continue
            warnings.append(f"paragraph {number}: {describe(removed_markup(rendered))}; kept as sanitised HTML")
            if cleaned.strip():
                kept.append(self.html_block(cleaned))
        if is_clean(self.render("\n\n".join(kept))):
            return kept, warnings
        # Markup that only exists across blocks (an HTML tag opened in one and closed in another):
        # the body as a whole becomes sanitised HTML.
        rendered = self.render("\n\n".join(blocks))
        warnings.append(f"markup across paragraphs: {describe(removed_markup(rendered))}; "
                        "the whole body is kept as sanitised HTML")
        whole = self.html_block(clean_html(rendered))
        return ([whole] if whole else []), warnings

    def html_block(self, cleaned: str) -> str:
        """Sanitised HTML written so that markdown renders it unchanged (as a raw HTML block)."""
        for candidate in (cleaned.strip(), f"<div>\n{cleaned.strip()}\n</div>"):
            if same_html(self.render(candidate), candidate):
                return candidate
        text = BeautifulSoup(cleaned, "html.parser").get_text()  # last resort: the text alone
        return "\n\n".join(escape_markdown(p) for p in text_paragraphs(text))

    def summary(self, text: str) -> tuple[str, list[str]]:
        """(summary, removed): a markdown snippet as plain text on one line, escaped so markdown shows it as is."""
        rendered = self.render(text)
        cleaned = clean_html(rendered)
        removed = [] if same_html(rendered, cleaned) else removed_markup(rendered) or ["markup"]
        words = plain_text(BeautifulSoup(cleaned, "html.parser").get_text())
        return escape_markdown(words), removed


def is_meta(extension) -> bool:
    return isinstance(extension, str) and extension.rsplit(".", 1)[-1] == "meta"
