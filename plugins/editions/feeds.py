"""Atom and RSS feeds of one edition, with the edition's language on the feed."""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import quote, urlparse

from feedgenerator import Atom1Feed, Rss201rev2Feed
from markupsafe import Markup
from pelican.utils import truncate_html_words

ANGLE_BRACKETS = re.compile(r"[<>]")
DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class AtomFeed(Atom1Feed):
    """Atom with an <author> (name, and the author page as uri) for each credited name of an entry."""

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, uri in item.get("authors") or ():
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            if uri:
                handler.addQuickElement("uri", uri)
            handler.endElement("author")


class RssFeed(Rss201rev2Feed):
    """RSS with a dc:creator for each credited name (RSS's own <author> is an e-mail address)."""

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _uri in item.get("authors") or ():
            handler.addQuickElement("dc:creator", name)


FEED_CLASSES = {"atom": AtomFeed, "rss": RssFeed}


def entry_id(article, site_url: str, key_field: str) -> str:
    """A tag: URI that survives edits of title, slug and text (RFC 4151)."""
    authority = urlparse(site_url).hostname or "localhost"
    stable_name = getattr(article, key_field, None) or article.slug
    # Keys are free text: percent-encoded, the id stays a valid URI whatever an editor typed.
    return f"tag:{authority},{article.date:%Y-%m-%d}:{article.lang}/{quote(str(stable_name), safe='')}"


def plain_text(value: str | None) -> str | None:
    """A title, tag or author name as text with no tags and no angle brackets at all.

    Feed readers differ on whether such fields are text or HTML, and some decode entities first:
    an escaped "&lt;script&gt;" would become markup there.
    """
    return None if value is None else ANGLE_BRACKETS.sub("", Markup(value).striptags())


def feed_authors(article, site_url: str) -> list[tuple[str, str | None]]:
    """(name, absolute author page URL or None) for each name of the story's byline (see authors.py)."""
    byline = getattr(article, "byline", None)
    return [(plain_text(c.name), f"{site_url}/{c.url}" if c.url else None) for c in (byline.credits if byline else ())]


def build_feed(kind: str, articles, *, title: str, site_url: str, home_url: str, feed_url: str,
               language: str, key_field: str, full_text: bool = False, excerpt_words: int = 60):
    """The feed object for `articles` (newest first), ready to be written.

    Every entry carries the summary cut to `excerpt_words`; the whole story only with `full_text`,
    so one very long story cannot make the feed huge.
    """
    feed = FEED_CLASSES[kind](
        title=title,
        link=f"{site_url}/{home_url}",
        feed_url=f"{site_url}/{feed_url}",
        description=title,
        language=language,
    )
    for article in articles:
        feed.add_item(
            title=plain_text(article.title),
            link=f"{site_url}/{article.url}",
            unique_id=entry_id(article, site_url, key_field),
            description=truncate_html_words(article.summary, excerpt_words),
            content=article.content if full_text and kind == "atom" else None,
            categories=[plain_text(tag.name) for tag in getattr(article, "tags", [])],
            authors=feed_authors(article, site_url),
            pubdate=article.date,
            updateddate=getattr(article, "modified", None) or article.date,
        )
    return feed


def write_feed(feed, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        feed.write(out, "utf-8")
