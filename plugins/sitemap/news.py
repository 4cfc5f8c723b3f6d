"""news-sitemap.xml: the stories of the last two days, for Google News.

One file for every edition: each <url> carries its own language in news:publication (Google reads
the language per URL, and the publication's name is the newsroom's in every edition), so crawlers
need one file and one robots.txt line, and a story and its translation sit side by side. Google's
rules: only articles published in the last 48 hours, at most 1,000 <url> per file, newest first
here; with no recent story the file is an empty <urlset>, which Google accepts.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from xml.sax.saxutils import escape

NEWS_NAMESPACE = "http://www.google.com/schemas/sitemap-news/0.9"
SITEMAP_NAMESPACE = "http://www.sitemaps.org/schemas/sitemap/0.9"
NEWS_WINDOW = timedelta(hours=48)
NEWS_MAX_URLS = 1000
NEWS_SITEMAP = "news-sitemap.xml"


def recent_articles(articles: list, now: datetime, window: timedelta = NEWS_WINDOW,
                    limit: int = NEWS_MAX_URLS) -> list:
    """The articles published in the `window` before `now` (none from after it), newest first, at most `limit`."""
    recent = [article for article in articles if timedelta(0) <= now - article.date <= window]
    recent.sort(key=lambda article: (-article.date.timestamp(), article.source_path))
    return recent[:limit]


def news_language(code: str) -> str:
    """The edition's code as Google News wants it: ISO 639 (pt, id), zh-cn and zh-tw kept whole."""
    code = code.lower().replace("_", "-")
    return code if code in ("zh-cn", "zh-tw") else code.split("-")[0]


def news_sitemap_xml(articles: list, site_url: str, publication: str) -> str:
    """The news sitemap of `articles` (already chosen and ordered), each in its own edition's language."""
    parts = [
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        f'<urlset xmlns="{SITEMAP_NAMESPACE}" xmlns:news="{NEWS_NAMESPACE}">\n'
    ]
    name = escape(publication)
    for article in articles:
        parts.append(
            "  <url>\n"
            f"    <loc>{escape(site_url + '/' + article.url)}</loc>\n"
            "    <news:news>\n"
            "      <news:publication>\n"
            f"        <news:name>{name}</news:name>\n"
            f"        <news:language>{escape(news_language(article.lang))}</news:language>\n"
            "      </news:publication>\n"
            f"      <news:publication_date>{article.date.isoformat(timespec='seconds')}</news:publication_date>\n"
            f"      <news:title>{escape(str(article.title))}</news:title>\n"
            "    </news:news>\n"
            "  </url>\n"
        )
    parts.append("</urlset>\n")
    return "".join(parts)
