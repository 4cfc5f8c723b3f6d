"""Checks on the written site: every article is where readers and machines will look for it."""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import xml.etree.ElementTree as ET
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit
from xml.parsers import expat

from atomic_output.seen_before import SeenBefore

from .content_checks import relative
from .problems import Problem

ATOM = "{http://www.w3.org/2005/Atom}"
NEXT_PAGE = re.compile(r'<a rel="next" href="([^"]+)"')
# `href="` found by its literal text (a leading \b would make the engine try every position);
# listed_urls then drops the ones inside a longer name, as \bhref would.
HREF = re.compile(r'href="([^"]+)"')
# The sitemap as plugins/sitemap writes it: <url> entries, each with its <loc> and its photos' <image:loc>.
SITEMAP_TAG = re.compile(r"<(url|loc|image:loc)>([^<]*)")
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
        self.publication = publication
        self.written = str(output)

    def location(self, name: str) -> str | None:
        """The path of the file at `name` (relative to the site's root), if the new site has it."""
        if self.publication is not None:
            return self.publication.locate(name)
        path = os.path.join(self.written, name)
        return path if os.path.isfile(path) else None

    def file(self, name: str) -> Path | None:
        """The file at a path relative to the site's root, if the new site has it."""
        found = self.location(name)
        return Path(found) if found is not None else None

    def data(self, name: str) -> bytes | None:
        """The bytes of the file at `name`, if the new site has it."""
        found = self.location(name)
        if found is None:
            return None
        with open(found, "rb") as file:  # bytes: a text file's decoding layer costs more than the read
            return file.read()

    def text(self, name: str) -> str | None:
        """The text of the file at `name`, if the new site has it."""
        data = self.data(name)
        return data.decode("utf-8") if data is not None else None

    def kept(self, name: str) -> bool:
        """The new site serves the live file at `name` as it is (an incremental build's unchanged file)."""
        return self.publication is not None and name in self.publication.kept


class ReadBefore:
    """What the checks found in the live files a rebuild keeps as they are, found again without
    reading them while each is unchanged (atomic_output's seen_before.py, kept at `path`): at
    10,000 story pairs the search index's display fragments are 20,000 files, and reading them
    all was half of the checks' time."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.seen = SeenBefore(path)

    def found(self, files: SiteFiles, name: str, parse):
        """parse(the bytes of the file at `name`), None when the new site has no such file."""
        location = files.location(name)
        if location is None:
            return None

        def read():
            with open(location, "rb") as file:
                return parse(file.read())

        if self.path is None or not files.kept(name):
            return read()
        return self.seen.found(name, location, read)

    def parsed(self, name: str, data: bytes, parse):
        """parse(data), the bytes of the file at `name`, or what it gave for the same bytes last
        time: a rebuild writes the sitemap again, most often byte for byte the same (a correction),
        and parsing its tens of thousands of entries was a quarter of the checks' time."""
        if self.path is None:
            return parse(data)
        key, digest = ("by its bytes", name), hashlib.sha256(data).digest()  # (no file is named by a tuple)
        earlier = self.seen.earlier.get(key)
        if earlier is not None and earlier[0] == digest:
            self.seen.now[key] = earlier
            return earlier[1]
        value = parse(data)
        self.seen.now[key] = (digest, value)
        return value

    def save(self) -> None:
        if self.path is not None:
            try:
                self.seen.save(self.path)
            except OSError:  # the state folder's owner warns of it: the next check reads every file again
                pass


def output_file(site: SiteFiles, path: str) -> Path | None:
    """The file a root-relative URL path is served from, if it exists."""
    name = unquote(path).strip("/")
    return site.file(name) or site.file(f"{name}/index.html" if name else "index.html")


def page_written(site: SiteFiles, url: str) -> bool:
    """Whether the page at a site-relative URL (pt/2025/01/x/) is in the new site, as output_file finds it."""
    name = unquote(url).strip("/")
    index = f"{name}/index.html" if name else "index.html"
    # the index.html a folder URL is served from is looked for first: for a kept page, one set lookup
    return site.location(index) is not None or (bool(name) and site.location(name) is not None)


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


def listed_urls(site: SiteFiles, first_page: str, site_url: str, read_before: ReadBefore | None = None) -> set[str]:
    """Article links on every page of a listing (following rel=next)."""
    read_before = read_before or ReadBefore()
    links, path = set(), first_page
    while path and (name := output_file_name(site, path)):  # a missing page lists nothing: its articles are reported
        # (a page a rebuild keeps is not read again: after a correction, nearly all of them)
        found, following = read_before.found(site, name, listing_links)
        links.update(found)
        path = internal_path(following, site_url) if following else None
    # decoded once per distinct link: every page repeats the menus
    return {unquote(html.unescape(link)) for link in links}


def listing_links(data: bytes) -> tuple[frozenset[str], str | None]:
    """A listing page's links as written, and where its rel=next link leads (unescaped)."""
    text = data.decode("utf-8")
    following = NEXT_PAGE.findall(text)
    return (frozenset(match.group(1) for match in HREF.finditer(text) if not follows_word(text, match.start())),
            html.unescape(following[0]) if following else None)


def follows_word(text: str, position: int) -> bool:
    """Whether a word character comes just before `position` (where \\b would not match)."""
    return position > 0 and (text[position - 1].isalnum() or text[position - 1] == "_")


def output_file_name(site: SiteFiles, path: str) -> str | None:
    """The name (relative to the site's root) of the file a root-relative URL path is served from."""
    name = unquote(path).strip("/")
    for candidate in (name, f"{name}/index.html" if name else "index.html"):
        if site.location(candidate) is not None:
            return candidate
    return None


def sitemap_entries(data: bytes) -> dict[str, set[str]]:
    """Page URL -> the photo URLs listed under it, from a sitemap.xml (decoded: /not%C3%ADcia/ is /notícia/).

    expat checks that the document is well-formed XML (an unescaped & or an undeclared prefix is
    an error, as it is to a crawler); the entries are then read from the text plugins/sitemap
    writes, rather than from a tree of elements: at archive size the sitemap holds tens of
    thousands of entries, and building the tree was most of the output check's time.
    """
    expat.ParserCreate(namespace_separator=" ").Parse(data, True)
    entries: dict[str, set[str]] = {}
    page = None
    for tag, text in SITEMAP_TAG.findall(data.decode("utf-8")):
        if tag == "url":
            page = None
        elif tag == "loc":
            page = unquote(html.unescape(text))
            entries.setdefault(page, set())
        elif page is not None:
            entries[page].add(unquote(html.unescape(text)))
    return entries


def read_sitemap(files: SiteFiles, read_before: ReadBefore) -> tuple[dict[str, set[str]] | None, list[Problem]]:
    """The sitemap's entries (sitemap_entries), or None and the reason it has none to give."""
    data = files.data("sitemap.xml")
    if data is None:
        return None, [Problem("sitemap.xml", "file", "was not written")]
    try:
        return read_before.parsed("sitemap.xml", data, sitemap_entries), []
    except expat.ExpatError as error:
        return None, [Problem("sitemap.xml", "XML", f"not well-formed ({error}): crawlers cannot read it")]


def missing_everywhere(files: SiteFiles, articles: list, hidden: list, editions: list, settings: dict,
                       read_before: ReadBefore | None = None) -> list[Problem]:
    """Every published article: its page, its edition's listings, feed (when recent), search index, sitemap."""
    read_before = read_before or ReadBefore()
    site = settings.get("SITEURL", "")
    base = settings["PATH"]
    # URLs are compared decoded: a feed or sitemap holds /notícia/ as /not%C3%ADcia/.
    sitemap_images, problems = read_sitemap(files, read_before)
    sitemap = sitemap_images.keys() if sitemap_images is not None else None
    photo_files: dict[str, bool] = {}  # a photo's files are shared by the versions of a story: looked up once
    feed_size = settings.get("FEED_MAX_ITEMS") or 20
    by_lang = defaultdict(list)
    for article in articles:
        by_lang[article.lang].append(article)
    for edition in editions:
        listed = listed_urls(files, "/" + edition.home_url(), site, read_before)
        feed = ET.parse(files.file(edition.feed_url("atom"))).getroot()
        in_feed = {unquote(link.get("href")) for link in feed.iter(f"{ATOM}link") if link.get("rel") == "alternate"}
        newest = {a.url for a in sorted(by_lang[edition.code], key=lambda a: a.date, reverse=True)[:feed_size]}
        meta = files.text(f"search/{edition.code}/meta.json")
        searchable = search_index_urls(files, edition.code, json.loads(meta)["display"], read_before) if meta else set()
        for article in by_lang[edition.code]:
            shown = relative(article.source_path, base)
            page = article.url
            url = unquote(f"{site}/{page}")
            if not page_written(files, page):
                problems.append(Problem(shown, "page", f"/{page} was not written"))
            if url not in listed:
                problems.append(Problem(shown, "listing", f"not listed on {edition.name}'s home pages"))
            if page in newest and url not in in_feed:
                problems.append(Problem(shown, "feed", f"missing from {edition.feed_url('atom')}"))
            if meta and unquote(page) not in searchable:
                problems.append(Problem(shown, "search", f"not in the {edition.code} search index"))
            if sitemap is not None and url not in sitemap:
                problems.append(Problem(shown, "sitemap", "not in sitemap.xml"))
            in_sitemap = sitemap_images.get(url, set()) if sitemap_images is not None else None
            problems += photo_problems(files, article, shown, site, in_sitemap, photo_files)
    for article in hidden:
        shown = relative(article.source_path, base)
        if not page_written(files, article.url):
            problems.append(Problem(shown, "page", f"/{article.url} was not written"))
        if sitemap is not None and unquote(f"{site}/{article.url}") in sitemap:
            problems.append(Problem(shown, "sitemap", "a hidden story is listed in sitemap.xml"))
    return problems


def search_index_urls(files: SiteFiles, lang: str, display: dict, read_before: ReadBefore) -> set[str]:
    """The page URL of every row of the display fragments of a language's search index
    (format: plugins/search/partitions.py), decoded."""
    urls = set()
    for number in range(len(display["hashes"]) * display["block"]):
        name = f"search/{lang}/display/{number}.{display['hashes'][number // display['block']]}.json"
        found = read_before.found(files, name, row_urls)
        if found is not None:
            urls.update(found)
    return urls


def row_urls(data: bytes) -> list[str]:
    """The page URLs of a display fragment's rows, decoded."""
    return [unquote(row[1]) for row in json.loads(data)]


def photo_problems(files: SiteFiles, article, shown: str, site: str, in_sitemap: set[str] | None,
                   written: dict[str, bool]) -> list[Problem]:
    """Every file of every photo the article's page shows (plugins/photos), and its sitemap entry
    (unless the sitemap could not be read: `in_sitemap` None)."""
    problems = []
    for photo in getattr(article, "photos", []):
        for path in photo.image.paths:
            if path not in written:
                written[path] = files.location(path) is not None
            if not written[path]:
                problems.append(Problem(shown, photo.field, f"/{path} was not written"))
        if in_sitemap is not None and unquote(f"{site}/{photo.image.largest.path}") not in in_sitemap:
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
