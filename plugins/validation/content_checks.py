"""Checks on the articles as read, before anything is written."""

from __future__ import annotations

import math
import os
import re
from collections import defaultdict

from pelican.contents import Article
from pelican.readers import Readers

from .problems import Problem


def relative(path: str, base: str) -> str:
    return os.path.relpath(path, os.path.dirname(base.rstrip(os.sep))) if path else path


def unreadable_sources(context: dict, settings: dict) -> list[Problem]:
    """Files Pelican found but could not turn into articles, with the reason."""
    problems = []
    readers = Readers(settings)
    for path, content in sorted(context.get("generated_content", {}).items()):
        if content is not None:
            continue
        shown = relative(os.path.join(settings["PATH"], path), settings["PATH"])
        try:
            article = readers.read_file(base_path=settings["PATH"], path=path, content_class=Article, context=context)
        except ValueError as error:
            field = "Date" if "valid date" in str(error) else "metadata"
            problems.append(Problem(shown, field, str(error)))
            continue
        except Exception as error:  # noqa: BLE001 - any reader failure is the editor's to see
            problems.append(Problem(shown, "file", f"could not be read: {error}"))
            continue
        if not getattr(article, "title", None):
            problems.append(Problem(shown, "Title", "missing"))
        else:
            problems.append(Problem(shown, "file", "could not be read (see the error above)"))
    return problems


def article_problems(articles: list, settings: dict) -> list[Problem]:
    """Empty titles, unknown languages, key conflicts, one-language keys, clashing URLs."""
    languages = settings.get("LANGUAGES") or {}
    key_field = settings.get("TRANSLATION_KEY_FIELD", "translation_key")
    base = settings["PATH"]
    problems = []
    by_key: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    by_url: dict[str, list] = defaultdict(list)
    for article in articles:
        shown = relative(article.source_path, base)
        if not str(getattr(article, "title", "")).strip():
            problems.append(Problem(shown, "Title", "empty"))
        if languages and article.lang not in languages:
            problems.append(Problem(shown, "Lang", f"{article.lang!r} is not a site language ({', '.join(languages)})"))
        key = str(getattr(article, key_field, "") or "").strip()
        if key:
            by_key[key][article.lang].append(shown)
        by_url[article.url].append(shown)
    for key, versions in by_key.items():
        for lang, files in versions.items():
            if len(files) > 1:
                for shown in files:
                    others = ", ".join(f for f in files if f != shown)
                    problems.append(Problem(shown, "Translation_Key", f"{key!r} is also used in {lang!r} by {others}"))
        if len(versions) == 1 and len(languages) > 1:
            (files,) = versions.values()
            problems.append(Problem(files[0], "Translation_Key", f"{key!r} has no translation yet", error=False))
    for url, files in by_url.items():
        if len(files) > 1:
            for shown in files:
                others = ", ".join(f for f in files if f != shown)
                problems.append(Problem(shown, "Slug", f"its page /{url} is also the page of {others}"))
    return problems


LINK = re.compile(r"""(?:href|src)=["']([^"']+)["']""")
PLACEHOLDER = re.compile(r"\{(?:filename|static|attach|index|tag|category|author)\}|\|(?:filename|static)\|")


def planned_urls(articles: list, editions: list, per_page: int) -> set[str]:
    """Every page URL the editions will write for these articles (without the leading /)."""
    urls = {a.url for a in articles}
    for edition in editions:
        own = [a for a in articles if a.lang == edition.code]
        urls |= {edition.archives_url(), edition.search_url(), edition.feed_url("atom"), edition.feed_url("rss")}
        urls |= {edition.home_url(page) for page in range(1, max(1, math.ceil(len(own) / per_page)) + 1)}
        for article in own:
            if getattr(article, "category", None):
                urls.add(edition.category_url(article.category.slug))
            urls |= {edition.tag_url(tag.slug) for tag in getattr(article, "tags", [])}
    return urls


def unknown_link_problems(articles: list, editions: list, settings: dict) -> list[Problem]:
    """Links in articles to a page of the site that will not exist, or left unresolved ({filename})."""
    site = settings.get("SITEURL", "")
    known = planned_urls(articles, editions, settings.get("DEFAULT_PAGINATION") or 10)
    prefixes = tuple(f"/{edition.prefix}/" for edition in editions)
    problems = []
    for article in articles:
        for link in LINK.findall(article.content):
            target = link[len(site):] if site and link.startswith(site) else link
            path = target.split("#", 1)[0].split("?", 1)[0]
            unresolved = PLACEHOLDER.search(link)
            if unresolved or (path.startswith(prefixes) and path.lstrip("/") not in known):
                why = "refers to a file that does not exist" if unresolved else "leads to no page of the site"
                problems.append(Problem(relative(article.source_path, settings["PATH"]), "link", f"{link} {why}"))
    return problems
