"""sitemap.xml listing every page the editions wrote, with its hreflang alternates (xhtml:link) and
the photos it shows (image:image, from plugins/photos); news-sitemap.xml with the stories of the
last two days (news.py); and robots.txt pointing to both."""

from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import quoteattr, escape

from pelican import signals
from pelican.generators import Generator

from .news import NEWS_SITEMAP, news_sitemap_xml, recent_articles

HEADER = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
    'xmlns:xhtml="http://www.w3.org/1999/xhtml" '
    'xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">\n'
)


def attribute(value: str) -> str:
    """quoteattr(value), the common case first: a URL or a language code has no quote, tab or line
    break, and quoteattr's general path cost ~0.3 s of every build's 64,000 entries at 10,000 pairs."""
    if '"' in value or "\n" in value or "\r" in value or "\t" in value:
        return quoteattr(value)
    return f'"{escape(value)}"'


def page_images(articles: list) -> dict[str, list[str]]:
    """Article URL -> the photos its page shows (each once: the widest JPEG of the whole frame)."""
    return {
        article.url: list(dict.fromkeys(photo.image.largest.path for photo in article.photos))
        for article in articles
        if getattr(article, "photos", None)
    }


def sitemap_xml(pages: list[dict], site_url: str, images: dict[str, list[str]] | None = None) -> str:
    """The sitemap document; `pages` are the EDITION_PAGES entries (url, alternates, lastmod),
    `images` the photo paths shown on each page URL."""
    parts = [HEADER]
    images = images or {}
    for page in pages:
        parts.append(f"  <url>\n    <loc>{escape(site_url + '/' + page['url'])}</loc>\n")
        if page.get("lastmod"):
            parts.append(f"    <lastmod>{page['lastmod'].isoformat(timespec='seconds')}</lastmod>\n")
        for hreflang, href in page.get("alternates", []):
            parts.append(
                f'    <xhtml:link rel="alternate" hreflang={attribute(hreflang)} href={attribute(href)}/>\n'
            )
        for path in images.get(page["url"], []):
            parts.append(f"    <image:image><image:loc>{escape(site_url + '/' + path)}</image:loc></image:image>\n")
        parts.append("  </url>\n")
    parts.append("</urlset>\n")
    return "".join(parts)


class SitemapGenerator(Generator):
    """Runs after the editions generator, from the page list it leaves in the context."""

    def generate_context(self) -> None:
        pass

    def generate_output(self, writer) -> None:
        pages = sorted(self.context.get("EDITION_PAGES", []), key=lambda page: page["url"])
        site_url = self.settings.get("SITEURL", "")
        images = page_images(self.context.get("articles", []))
        Path(self.output_path, "sitemap.xml").write_text(sitemap_xml(pages, site_url, images), encoding="utf-8")
        # "now" is the build's (plugins/schedule puts BUILD_NOW there), else the clock; hidden
        # stories are not in `articles`, scheduled and expired ones are in no list at all
        now = self.context.get("BUILD_NOW")
        if not isinstance(now, datetime):
            now = datetime.now(timezone.utc)
        recent = recent_articles(self.context.get("articles", []), now)
        publication = self.settings.get("NEWSROOM_NAME") or self.settings.get("SITENAME", "")
        Path(self.output_path, NEWS_SITEMAP).write_text(news_sitemap_xml(recent, site_url, publication),
                                                        encoding="utf-8")
        # Crawlers find the sitemaps through robots.txt.
        robots = (f"User-agent: *\nAllow: /\n\nSitemap: {site_url}/{NEWS_SITEMAP}\n"
                  f"Sitemap: {site_url}/sitemap.xml\n")
        Path(self.output_path, "robots.txt").write_text(robots, encoding="utf-8")


def add_generator(pelican):
    return SitemapGenerator


def register() -> None:
    signals.get_generators.connect(add_generator)
