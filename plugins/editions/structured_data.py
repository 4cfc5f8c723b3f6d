"""schema.org NewsArticle data for an article page (JSON-LD), as search engines read news."""

from __future__ import annotations

from markupsafe import Markup

from .authors import byline_json_ld


def news_article(article, site_url: str, site_name: str, edition_home: str) -> dict:
    """headline, dates with timezone, author, language, and the other language versions."""
    url = f"{site_url}/{article.url}"
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.title,
        "datePublished": article.date.isoformat(),
        "dateModified": (getattr(article, "modified", None) or article.date).isoformat(),
        "inLanguage": article.lang,
        # a Person per author (url: their page in this edition), or the newsroom as an Organization
        "author": byline_json_ld(getattr(article, "byline", None), site_url, edition_home),
        "publisher": {"@type": "Organization", "name": site_name, "url": f"{site_url}/"},
        "description": Markup(article.summary).striptags(),
    }
    if getattr(article, "photo", None):  # plugins/photos: 16:9, 4:3 and 1:1 crops, as news rich results ask
        data["image"] = [f"{site_url}/{crop.path}" for crop in article.photo.image.crops]
    if getattr(article, "category", None):
        data["articleSection"] = article.category.name
    if getattr(article, "tags", None):
        data["keywords"] = [tag.name for tag in article.tags]
    if article.translations:
        data["workTranslation"] = [
            {"@type": "NewsArticle", "@id": f"{site_url}/{t.url}", "inLanguage": t.lang} for t in article.translations
        ]
    return data
