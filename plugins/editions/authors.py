"""Authors: bylines, one page and two feeds per author in each edition, and the authors files.

An author is one person across editions, known by a slug: the slug of the name (or key) an
article's `Authors:` field gives, as Pelican makes it (`Author.slug`). The same slug keys the
author's table in each language's authors file (`content/authors/<lang>.toml`: name, short bio,
optional photo, same-as URLs), so "Ana Lima" in both editions is one author whose page in one
edition is the other's translation. A story without `Authors:` credits the newsroom
(`NEWSROOM_NAME`), unlinked.

Names and bios are untrusted text: they reach pages only through autoescaped templates and
JSON-LD through `tojson`; a slug is one safe URL segment or the author is refused.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

from babel.lists import format_list
from pelican.urlwrappers import Author

from .feeds import build_feed, plain_text, write_feed
from .languages import Edition

AUTHOR_TYPES = ("Person", "Organization")  # schema.org types an authors file may give (Person by default)
BIO_MAX_CHARACTERS = 500  # a short bio, shown under the name
AUTHORS_FILE_MAX_BYTES = 1_000_000  # real files are a few KB; a huge one is a mistake, not a newsroom
SLUG_MAX_BYTES = 200  # as for article slugs: one folder name on every file system
SAFE_SLUG = re.compile(r"\w[\w-]*")  # one URL segment: no dots, separators or URL syntax
MARKUP = re.compile(r"<\s*[A-Za-z/!?]")  # what a browser would read as a tag, comment or declaration
XML_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
LIST_SLOT = re.compile("\ue000(\\d+)\ue001")  # placeholders for names inside a CLDR list pattern


@dataclass(frozen=True, order=True)
class AuthorProblem:
    """What is wrong, where: reported as plugins/validation reports a problem (error or warning)."""

    source: str  # the file, relative to the content folder's parent ("content/authors/pt.toml")
    field: str  # "ana-lima.bio", "Authors", "file"
    message: str
    error: bool = True

    def __str__(self) -> str:
        return f"{self.source}: {self.field}: {self.message}"


@dataclass(frozen=True)
class AuthorProfile:
    """One author's table in one language's authors file."""

    slug: str
    name: str
    bio: str = ""
    photo: str | None = None  # relative to content/; checked here, processed by plugins/photos (author_portraits)
    same_as: tuple[str, ...] = ()
    type: str = "Person"


@dataclass(frozen=True)
class Credit:
    """One name in a byline, as the page of one edition shows it."""

    name: str
    type: str = "Person"  # schema.org type for JSON-LD
    url: str | None = None  # the author's page in this edition (site-relative); None: shown unlinked
    same_as: tuple[str, ...] = ()
    newsroom: bool = False  # the story names no author: the newsroom is credited

    def json_ld(self, site_url: str, newsroom_url: str) -> dict:
        """schema.org Person (or Organization) with the absolute URL of the author page."""
        data = {"@type": self.type, "name": self.name}
        if self.url:
            data["url"] = f"{site_url}/{self.url}"
        elif self.newsroom:
            data["url"] = newsroom_url
        if self.same_as:
            data["sameAs"] = list(self.same_as)
        return data


@dataclass(frozen=True)
class Byline:
    """An article's credits, and the same joined the way its edition's language lists names."""

    credits: tuple[Credit, ...]
    parts: tuple  # Credit and joining words in reading order: (Ana, " e ", Budi)


@dataclass
class AuthorPage:
    """An author's listing in one edition: the stories, the profile, the page in other editions."""

    slug: str
    name: str
    edition: Edition
    profile: AuthorProfile | None
    # listed stories of this edition, newest first; its pages show theirs (`articles` of each page),
    # never the whole list, so a page's key (plugins/incremental) leaves it out
    articles: list = field(default_factory=list, metadata={"page_key": False})
    versions: dict[str, str] = field(default_factory=dict)  # edition code -> this author's page there
    portrait: object | None = None  # plugins/photos' Photo of the profile's `photo`, alt text the name

    @property
    def bio(self) -> str:
        return self.profile.bio if self.profile else ""

    @property
    def photo(self) -> str | None:
        return self.profile.photo if self.profile else None

    @property
    def type(self) -> str:
        return self.profile.type if self.profile else "Person"

    @property
    def url(self) -> str:
        return self.edition.author_url(self.slug)

    @property
    def feeds(self) -> dict[str, str]:
        return {kind: self.edition.author_feed_url(self.slug, kind) for kind in ("atom", "rss")}

    def profile_json_ld(self, site_url: str) -> dict:
        """schema.org ProfilePage: the page is about this person (name, bio, same-as links)."""
        person = {"@type": self.type, "name": self.name, "url": f"{site_url}/{self.url}"}
        if self.bio:
            person["description"] = self.bio
        if self.profile and self.profile.same_as:
            person["sameAs"] = list(self.profile.same_as)
        if self.portrait:
            person["image"] = f"{site_url}/{self.portrait.image.largest.path}"
        return {"@context": "https://schema.org", "@type": "ProfilePage", "inLanguage": self.edition.code,
                "url": f"{site_url}/{self.url}", "mainEntity": person}


# ---- the authors files ---------------------------------------------------------------------


def shown_path(path: Path, content: Path) -> str:
    """A path as validation names files: from the content folder's parent (content/authors/pt.toml)."""
    return os.path.relpath(path, content.parent)


def author_slug(name: str, settings: Mapping) -> str:
    """The slug Pelican gives an author of this name (AUTHOR_REGEX_SUBSTITUTIONS, slugify settings)."""
    return Author(name, settings).slug or ""


def slug_problem(slug: str) -> str | None:
    """Why a slug cannot be one author page's folder name, or None when it can."""
    if not slug:
        return "gives no page name (its slug is empty)"
    if not SAFE_SLUG.fullmatch(slug):
        return f"gives the slug {slug!r}, which is not one plain URL segment"
    if len(slug.encode("utf-8")) > SLUG_MAX_BYTES:
        return f"gives a slug over {SLUG_MAX_BYTES} bytes"
    return None


def plain_text_problem(value: str, what: str) -> str | None:
    """Why a name or bio from an authors file is not plain text on pages and in feeds, or None."""
    if found := XML_FORBIDDEN.search(value):
        return f"control character U+{ord(found.group()):04X}; remove it (pages and feeds cannot carry it)"
    if found := MARKUP.search(value):
        return f"contains markup ({value[found.start():found.start() + 20]!r}); write the {what} as plain text"
    return None


Profiles = dict[str, AuthorProfile]  # slug -> profile, for one language


def read_authors_file(path: Path, content: Path, settings: Mapping) -> tuple[Profiles, list[AuthorProblem]]:
    """One language's authors: slug -> profile, and every problem found (each naming its field)."""
    shown = shown_path(path, content)

    def problem(where: str, message: str) -> tuple[dict, list[AuthorProblem]]:
        return {}, [AuthorProblem(shown, where, message)]

    real_content = os.path.realpath(content)
    if not os.path.realpath(path).startswith(real_content + os.sep):
        return problem("file", f"leads out of the content folder, to {os.path.realpath(path)}; "
                               "copy the file in instead")
    try:
        if not path.is_file():
            return problem("file", "not a regular file")
        size = path.stat().st_size
        if size > AUTHORS_FILE_MAX_BYTES:
            return problem("file", f"{size:,} bytes, over {AUTHORS_FILE_MAX_BYTES:,}: "
                                   "an authors file holds short profiles")
        raw = path.read_bytes()
    except OSError as error:
        return problem("file", f"cannot be read: {error.strerror}")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        return problem("file", f"not valid UTF-8 at line {line} (byte 0x{raw[error.start]:02x}); save it as UTF-8")
    try:
        document = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        return problem("TOML", f"{error}; see the format in README.md, 'Credit an author'")

    profiles: Profiles = {}
    problems: list[AuthorProblem] = []
    for key, table in document.items():
        where = key if SAFE_SLUG.fullmatch(key) else repr(key)
        if not isinstance(table, dict):
            problems.append(AuthorProblem(shown, where, f"expected a table ([{where}] with name = \"…\"), "
                                                        f"found {toml_type(table)}"))
            continue
        slug = author_slug(key, settings)
        if (why := slug_problem(slug)) or slug != key:
            why = why or f"is not an author slug: write the key as it appears in URLs, [{slug}]"
            problems.append(AuthorProblem(shown, where, f"the key {why}"))
            continue
        profile, found = read_profile(key, table, shown, content)
        problems += found
        if profile is not None:
            profiles[key] = profile
    return profiles, problems


FIELDS = {"name": str, "bio": str, "photo": str, "same_as": list, "type": str}


def toml_type(value) -> str:
    """What a TOML value is, as an editor reads the file: "an integer", "a table"."""
    names = {str: "a string", bool: "a boolean", int: "an integer", float: "a float", list: "an array", dict: "a table"}
    return names.get(type(value), "a date or time")


def read_profile(key: str, table: dict, shown: str, content: Path) -> tuple[AuthorProfile | None, list[AuthorProblem]]:
    """One author's table: every field checked, every problem reported (not only the first)."""
    problems = []

    def report(name: str, message: str) -> None:
        problems.append(AuthorProblem(shown, f"{key}.{name}", message))

    for name in sorted(set(table) - set(FIELDS)):
        report(name, f"unknown field (an author has {', '.join(FIELDS)})")
    wrong = {name for name, kind in FIELDS.items() if name in table and not isinstance(table[name], kind)}
    for name in sorted(wrong):
        kind = "an array of strings" if FIELDS[name] is list else "a string"
        report(name, f"expected {kind}, found {toml_type(table[name])}")
    value = {name: table[name] for name in FIELDS if name in table and name not in wrong}
    name = " ".join(value.get("name", "").split())
    bio = " ".join(value.get("bio", "").split())
    if not name and "name" not in wrong:
        report("name", "missing: every author has a name, as bylines show it")
    elif why := plain_text_problem(name, "name"):
        report("name", why)
    if why := plain_text_problem(bio, "bio"):
        report("bio", why)
    elif len(bio) > BIO_MAX_CHARACTERS:
        report("bio", f"{len(bio):,} characters long; keep a bio to {BIO_MAX_CHARACTERS} (a short line under the name)")
    kind = value.get("type", "Person")
    if kind not in AUTHOR_TYPES:
        report("type", f"{kind!r} is not one of {', '.join(AUTHOR_TYPES)}")
    photo = value.get("photo")
    if photo is not None and (why := photo_problem(photo, content)):
        report("photo", why)
    same_as = value.get("same_as", [])
    for position, url in enumerate(same_as, start=1):
        if why := same_as_problem(url):
            report("same_as", f"item {position}: {why}")
    if problems:
        return None, problems
    return AuthorProfile(slug=key, name=name, bio=bio, photo=photo, same_as=tuple(same_as), type=kind), []


def photo_problem(photo: str, content: Path) -> str | None:
    """A photo is a file inside content/, named by a relative path ("images/authors/ana.jpg")."""
    if not photo.strip():
        return "empty; leave the field out when there is no photo"
    if XML_FORBIDDEN.search(photo) or "\\" in photo or urlsplit(photo).scheme or photo.startswith("/"):
        return f"{photo!r} is not a relative path inside the content folder (e.g. \"images/authors/ana.jpg\")"
    target = os.path.realpath(content / photo)
    if not target.startswith(os.path.realpath(content) + os.sep):
        return f"{photo!r} leads out of the content folder"
    if not os.path.isfile(target):
        return f"{photo!r}: no such file in the content folder"
    return None


def same_as_problem(url) -> str | None:
    """A same-as link is an absolute http(s) URL of the author's profile elsewhere."""
    if not isinstance(url, str):
        return f"expected a string, found {toml_type(url)}"
    parts = urlsplit(url)
    if (parts.scheme not in ("http", "https") or not parts.netloc
            or re.search(r"[\s<>\"]", url) or XML_FORBIDDEN.search(url)):
        return f"{url!r} is not an absolute http(s) URL"
    return None


def read_authors_files(settings: Mapping, editions: list[Edition]) -> tuple[dict[str, Profiles], list[AuthorProblem]]:
    """Every edition's authors (code -> slug -> profile) from AUTHORS_PATH/<code>.toml; none is required."""
    content = Path(settings["PATH"])
    folder = content / (settings.get("AUTHORS_PATH") or "authors")
    profiles: dict[str, Profiles] = {e.code: {} for e in editions}
    problems: list[AuthorProblem] = []
    if not folder.is_dir():
        return profiles, problems
    for path in sorted(folder.glob("*.toml")):
        if path.stem not in profiles:
            problems.append(AuthorProblem(shown_path(path, content), "file",
                                          f"{path.stem!r} is not a site language ({', '.join(profiles)}); not read",
                                          error=False))
            continue
        profiles[path.stem], found = read_authors_file(path, content, settings)
        problems += found
    return profiles, problems


# ---- credits and author pages --------------------------------------------------------------


def named_authors(article) -> list:
    """The authors the story itself names (`Authors:`, or Pelican's single `Author:`), not the AUTHOR setting."""
    metadata = getattr(article, "metadata", {})
    if metadata.get("authors"):
        return list(metadata["authors"])
    return [metadata["author"]] if metadata.get("author") else []


def joined(credits: list[Credit], locale: str) -> tuple:
    """Credits with the words that join them in this language ("A, B e C"; "A, B, dan C"), from CLDR."""
    pattern = format_list([f"\ue000{i}\ue001" for i in range(len(credits))], style="standard", locale=locale)
    parts = []
    # split() alternates text and the captured slot numbers: text, 0, text, 1, text
    for position, piece in enumerate(LIST_SLOT.split(pattern)):
        if position % 2:
            parts.append(credits[int(piece)])
        elif piece:
            parts.append(piece)
    return tuple(parts)


@dataclass
class AuthorDirectory:
    """Every edition's author pages (code -> slug -> page, by slug) and the authors files they draw on."""

    editions: list[Edition]
    profiles: dict[str, dict[str, AuthorProfile]]
    pages: dict[str, dict[str, AuthorPage]]

    def pages_of(self, edition: Edition) -> list[AuthorPage]:
        """The edition's author pages to write, by slug."""
        return list(self.pages[edition.code].values())

    def profile(self, code: str, slug: str) -> AuthorProfile | None:
        """The author's profile in this language, else in the first other language that has one."""
        for candidate in [code] + [e.code for e in self.editions]:
            if slug in self.profiles.get(candidate, {}):
                return self.profiles[candidate][slug]
        return None


def credited_slugs(article, settings: Mapping) -> tuple[list[tuple[str, str]], list[AuthorProblem]]:
    """(slug, name as spelled) of each author the story names, each once; a name giving no safe slug is refused."""
    found, problems, seen = [], [], set()
    for author in named_authors(article):
        slug = author_slug(author.name, settings)
        if why := slug_problem(slug):
            shown = os.path.relpath(article.source_path, os.path.dirname(settings["PATH"].rstrip(os.sep)))
            problems.append(AuthorProblem(shown, "Authors", f"{author.name!r} {why}"))
        elif slug not in seen:
            seen.add(slug)
            found.append((slug, author.name))
    return found, problems


def credit_authors(editions: list[Edition], listed: Mapping[str, list], hidden: Mapping[str, list],
                   settings: Mapping) -> AuthorDirectory:
    """Read the authors files, give every story its `byline` and gather each edition's author pages.

    Problems (a malformed authors file, a name with no safe slug) are listed, each naming its file
    and field, and any error stops the build before a page is written (see report_problems).
    """
    profiles, problems = read_authors_files(settings, editions)
    portraits, found = author_portraits(profiles, settings)
    problems += found
    directory = AuthorDirectory(editions, profiles, {})
    credited = {}  # id(article) -> [(slug, name as spelled)]
    for edition in editions:
        stories = listed.get(edition.code, [])
        for article in stories + hidden.get(edition.code, []):
            credited[id(article)], found = credited_slugs(article, settings)
            problems += found
        pages: dict[str, AuthorPage] = {}
        # Oldest story first, so that the first spelling of a name no authors file gives is kept;
        # each page's stories end up newest first, as the edition lists them.
        for article in reversed(stories):
            for slug, spelled in credited[id(article)]:
                if slug not in pages:
                    profile = directory.profile(edition.code, slug)
                    pages[slug] = AuthorPage(slug, profile.name if profile else spelled, edition,
                                             profiles[edition.code].get(slug))
                    pages[slug].portrait = portrait_of(portraits, directory, edition.code, slug, pages[slug].name)
                pages[slug].articles.insert(0, article)
        directory.pages[edition.code] = dict(sorted(pages.items()))
    for pages in directory.pages.values():
        for slug, page in pages.items():
            # one person, one author: the switcher and hreflang lead to their page in every edition they write in
            page.versions = {e.code: e.author_url(slug) for e in editions if slug in directory.pages[e.code]}
    newsroom = settings.get("NEWSROOM_NAME") or settings.get("SITENAME", "")
    bylines: dict[tuple, Byline] = {}  # a Byline is frozen: stories with the same credits share one
    for edition in editions:
        for article in listed.get(edition.code, []) + hidden.get(edition.code, []):
            credits = (edition.code, tuple(credited[id(article)]))
            if credits not in bylines:  # (and plugins/incremental's page keys reduce it once, not per story)
                bylines[credits] = byline_of(directory, edition, credited[id(article)], newsroom)
            article.byline = bylines[credits]
    report_problems(problems)
    return directory


def author_portraits(profiles: dict[str, Profiles], settings: Mapping) -> tuple[dict, list[AuthorProblem]]:
    """The processed image of every profile's `photo` (its path -> image), and what went wrong, by file and field."""
    # Photos are the photos plugin's job (resizing, encoding, cache, publishing): this module only
    # says which files its profiles name, through one function (imported at call time, as
    # plugins/validation is: plugins are loaded by name, after this package).
    from photos.profile_photos import NamedPhoto, publish_profile_photos

    content = Path(settings["PATH"])
    folder = content / (settings.get("AUTHORS_PATH") or "authors")
    named = [NamedPhoto(profile.photo, shown_path(folder / f"{code}.toml", content), f"{slug}.photo")
             for code, by_slug in profiles.items() for slug, profile in by_slug.items() if profile.photo]
    images, found = publish_profile_photos(settings, named)
    return images, [AuthorProblem(p.source, p.field, p.message, p.error) for p in found]


def portrait_of(images: dict, directory: AuthorDirectory, code: str, slug: str, name: str):
    """The author's photo on their page in this edition (the page's own file's, else another
    language's: a photo, like a name, does not change between languages), the name as alt text."""
    from photos.photo import Photo

    for candidate in [code] + [e.code for e in directory.editions]:
        profile = directory.profiles.get(candidate, {}).get(slug)
        if profile and profile.photo in images:
            return Photo(images[profile.photo], alt=name, field="photo")
    return None


def report_problems(problems: list[AuthorProblem]) -> None:
    """List every problem as plugins/validation does; with an error, end the build (exit code 1).

    Not logged for validation to collect: it would name them "build: error: …", not by file and
    field. The build stops here, before validation's own checks, so their problems and these
    show one after the other, not together.
    """
    from validation import report  # at call time: validation imports this package
    from validation.problems import Problem

    report([Problem(p.source, p.field, p.message, p.error) for p in problems])


def byline_of(directory: AuthorDirectory, edition: Edition, slugs: list[tuple[str, str]], newsroom: str) -> Byline:
    """A story's credits in its edition: each author linked to their page there, or the newsroom."""
    credits = []
    for slug, spelled in slugs:
        page = directory.pages[edition.code].get(slug)
        profile = directory.profile(edition.code, slug)
        credits.append(Credit(
            name=profile.name if profile else page.name if page else spelled,
            type=profile.type if profile else "Person",
            # a hidden story's author with no listed story in the edition has no page there: unlinked
            url=page.url if page else None,
            same_as=profile.same_as if profile else (),
        ))
    if not credits:
        credits = [Credit(name=newsroom, type="Organization", newsroom=True)]
    return Byline(tuple(credits), joined(credits, edition.locale))


def byline_json_ld(byline: Byline | None, site_url: str, edition_home: str) -> list[dict]:
    """NewsArticle `author`: a Person (url: the author page) per author, or the newsroom Organization."""
    return [credit.json_ld(site_url, f"{site_url}/{edition_home}") for credit in (byline.credits if byline else ())]


def write_author_feeds(page: AuthorPage, settings: Mapping, output_path: str) -> None:
    """The author's Atom and RSS feeds in this edition: their newest stories, FEED_MAX_ITEMS of them."""
    edition = page.edition
    limit = settings.get("FEED_MAX_ITEMS") or 20
    for kind, feed_url in page.feeds.items():
        feed = build_feed(
            kind,
            page.articles[:limit],
            title=f"{plain_text(page.name)} — {settings['SITENAME']} ({edition.name})",
            site_url=settings.get("SITEURL", ""),
            home_url=page.url,
            feed_url=feed_url,
            language=edition.code,
            key_field=settings.get("TRANSLATION_KEY_FIELD", "translation_key"),
            full_text=settings.get("FEED_FULL_TEXT", False),
            excerpt_words=settings.get("FEED_EXCERPT_WORDS") or 60,
        )
        write_feed(feed, Path(output_path) / feed_url)
