"""Checks on the written site: every article is where readers and machines will look for it."""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from .content_checks import relative
from .problems import Problem

ATOM = "{http://www.w3.org/2005/Atom}"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
SITEMAP_IMAGE = "{http://www.google.com/schemas/sitemap-image/1.1}"
NEXT_PAGE = re.compile(r'<a rel="next" href="([^"]+)"')
HREF = re.compile(r'\bhref="([^"]+)"')
ARTICLE_LINK = re.compile(r"""<(?:a|img|source|audio|video)\b[^>]*?\b(?:href|src)=["']([^"']+)["']""")


class LinkParser(HTMLParser):
    """Collects href/src targets and element ids of one HTML page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []
        self.ids: set[str] = set()

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.links.append(value)
            elif name == "srcset" and value:  # responsive images (plugins/photos): every candidate's URL
                self.links.extend(candidate.split()[0] for candidate in value.split(",") if candidate.strip())
            elif name in ("id", "name") and value and tag != "meta":
                self.ids.add(value)


def parse_page(path: Path) -> LinkParser:
    parser = LinkParser()
    parser.feed(path.read_text(encoding="utf-8"))
    return parser


class SiteFiles:
    """The files the new site will serve: those this build wrote into `output`, and, with
    plugins/atomic_output, the live files it keeps as they are (an incremental build's unchanged pages)."""

    def __init__(self, output: Path, publication=None):
        self.output, self.publication = output, publication

    def file(self, name: str) -> Path | None:
        """The file at a path relative to the site's root, if the new site has it."""
        if self.publication is not None:
            return self.publication.locate(name)
        target = self.output / name
        return target if target.is_file() else None


def output_file(site: SiteFiles, path: str) -> Path | None:
    """The file a root-relative URL path is served from, if it exists."""
    name = unquote(path).strip("/")
    return site.file(name) or site.file(f"{name}/index.html" if name else "index.html")


def internal_path(link: str, site_url: str) -> str | None:
    """The root-relative path of a link to this site, or None for external links."""
    if site_url and link.startswith(site_url):
        link = link[len(site_url):] or "/"
    parts = urlsplit(link)
    if parts.scheme or parts.netloc or link.startswith(("mailto:", "tel:", "data:", "#")):
        return None
    return parts.path if parts.path.startswith("/") else None


def page_path(root: Path, page: Path) -> str:
    """The URL path a file under the site's root folder is served at (folders end with /)."""
    relative_path = page.relative_to(root).as_posix()
    return "/" + (relative_path[: -len("index.html")] if relative_path.endswith("index.html") else relative_path)


class LinkChecker:
    """Tells whether a link on a page of the written site leads to a file (and #anchor) in it."""

    def __init__(self, site: SiteFiles, site_url: str):
        self.site, self.site_url = site, site_url
        self.ids: dict[Path, set[str]] = {}

    def leads_nowhere(self, page_url: str, link: str) -> bool:
        path = internal_path(urljoin(page_url, link), self.site_url)
        if path is None:
            return False  # another site
        target = output_file(self.site, path)
        if target is None:
            return True
        fragment = urlsplit(link).fragment
        if not fragment or target.suffix != ".html":
            return False
        if target not in self.ids:
            self.ids[target] = parse_page(target).ids
        return fragment not in self.ids[target]


def broken_links(output: Path, pages: list[Path], site_url: str) -> list[tuple[Path, str]]:
    """(page, link) for every internal link or #anchor of pages of a published site that leads nowhere."""
    checker = LinkChecker(SiteFiles(output), site_url)
    return [
        (source, link)
        for source in pages
        for link in parse_page(source).links
        if checker.leads_nowhere(page_path(output, source), link)
    ]


def listed_urls(site: SiteFiles, first_page: str, site_url: str) -> set[str]:
    """Article links on every page of a listing (following rel=next)."""
    found, path = set(), first_page
    while path:
        text = output_file(site, path).read_text("utf-8")
        found.update(unquote(html.unescape(link)) for link in HREF.findall(text))
        following = NEXT_PAGE.findall(text)
        path = internal_path(html.unescape(following[0]), site_url) if following else None
    return found


def missing_everywhere(files: SiteFiles, articles: list, hidden: list, editions: list, settings: dict) -> list[Problem]:
    """Every published article: its page, its edition's listings, feed (when recent), search index, sitemap."""
    site = settings.get("SITEURL", "")
    base = settings["PATH"]
    problems = []
    # URLs are compared decoded: a feed or sitemap holds /notícia/ as /not%C3%ADcia/.
    sitemap_root = ET.parse(files.file("sitemap.xml")).getroot()
    sitemap = {unquote(loc.text) for loc in sitemap_root.iter(f"{SITEMAP}loc")}
    sitemap_images = {unquote(entry.findtext(f"{SITEMAP}loc")): {unquote(loc.text) for loc in entry.iter(f"{SITEMAP_IMAGE}loc")}
                      for entry in sitemap_root.iter(f"{SITEMAP}url")}
    photo_files: dict[str, bool] = {}  # a photo's files are shared by the versions of a story: looked up once
    feed_size = settings.get("FEED_MAX_ITEMS") or 20
    by_lang = defaultdict(list)
    for article in articles:
        by_lang[article.lang].append(article)
    for edition in editions:
        listed = listed_urls(files, "/" + edition.home_url(), site)
        feed = ET.parse(files.file(edition.feed_url("atom"))).getroot()
        in_feed = {unquote(link.get("href")) for link in feed.iter(f"{ATOM}link") if link.get("rel") == "alternate"}
        newest = {a.url for a in sorted(by_lang[edition.code], key=lambda a: a.date, reverse=True)[:feed_size]}
        searchable = set()
        meta_path = files.file(f"search/{edition.code}/meta.json")
        if meta_path:  # every story of the index has a row in a display fragment (format: plugins/search/partitions.py)
            display = json.loads(meta_path.read_text("utf-8"))["display"]
            for number in range(len(display["hashes"]) * display["block"]):
                name = f"{number}.{display['hashes'][number // display['block']]}.json"
                fragment = files.file(f"search/{edition.code}/display/{name}")
                if fragment:
                    searchable.update(unquote(row[1]) for row in json.loads(fragment.read_text("utf-8")))
        for article in by_lang[edition.code]:
            shown = relative(article.source_path, base)
            url = unquote(f"{site}/{article.url}")
            if output_file(files, "/" + article.url) is None:
                problems.append(Problem(shown, "page", f"/{article.url} was not written"))
            if url not in listed:
                problems.append(Problem(shown, "listing", f"not listed on {edition.name}'s home pages"))
            if article.url in newest and url not in in_feed:
                problems.append(Problem(shown, "feed", f"missing from {edition.feed_url('atom')}"))
            if meta_path and unquote(article.url) not in searchable:
                problems.append(Problem(shown, "search", f"not in the {edition.code} search index"))
            if url not in sitemap:
                problems.append(Problem(shown, "sitemap", "not in sitemap.xml"))
            problems += photo_problems(files, article, shown, site, sitemap_images.get(url, set()), photo_files)
    for article in hidden:
        shown = relative(article.source_path, base)
        if output_file(files, "/" + article.url) is None:
            problems.append(Problem(shown, "page", f"/{article.url} was not written"))
        if unquote(f"{site}/{article.url}") in sitemap:
            problems.append(Problem(shown, "sitemap", "a hidden story is listed in sitemap.xml"))
    return problems


def photo_problems(files: SiteFiles, article, shown: str, site: str, in_sitemap: set[str],
                   written: dict[str, bool]) -> list[Problem]:
    """Every file of every photo the article's page shows (plugins/photos), and its sitemap entry."""
    problems = []
    for photo in getattr(article, "photos", []):
        for path in photo.image.paths:
            if path not in written:
                written[path] = files.file(path) is not None
            if not written[path]:
                problems.append(Problem(shown, photo.field, f"/{path} was not written"))
        if unquote(f"{site}/{photo.image.largest.path}") not in in_sitemap:
            problems.append(Problem(shown, "sitemap", f"photo /{photo.image.largest.path} not listed under the page"))
    return problems


def article_link_problems(files: SiteFiles, articles: list, settings: dict) -> list[Problem]:
    """Links written inside articles that lead to no page or anchor of the site."""
    checker = LinkChecker(files, settings.get("SITEURL", ""))
    return [
        Problem(relative(article.source_path, settings["PATH"]), "link", f"{link} leads nowhere")
        for article in articles
        for link in map(html.unescape, ARTICLE_LINK.findall(article.content))
        if checker.leads_nowhere("/" + article.url, link)
    ]
