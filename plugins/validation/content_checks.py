"""Checks on the articles as read, before anything is written."""

from __future__ import annotations

import functools
import math
import os
import re
from collections import defaultdict
from urllib.parse import unquote

from pelican.contents import Article
from pelican.readers import Readers

from markup_policy.policy import XML_FORBIDDEN

from .problems import Problem


def relative(path: str, base: str) -> str:
    """A source path as shown in problems: from the content folder's parent (content/pt/x.md)."""
    if not path:
        return path
    parent, prefix = shown_from(base)
    # Pelican's source paths are absolute and normalised, under PATH: cutting the prefix is relpath's answer.
    if prefix and path.startswith(prefix) and os.path.normpath(path) == path:
        return path[len(prefix):]
    return os.path.relpath(path, parent)


@functools.lru_cache(maxsize=8)
def shown_from(base: str) -> tuple[str, str | None]:
    """The content folder's parent, and the prefix `relative` may cut (None when the parent is not an
    absolute normalised path); worked out once per build rather than once per article."""
    parent = os.path.dirname(base.rstrip(os.sep))
    usable = os.path.isabs(parent) and os.path.normpath(parent) == parent
    return parent, (parent + os.sep if usable else None)


def unreadable_sources(context: dict, settings: dict) -> list[Problem]:
    """Files Pelican found but could not turn into articles, with the field or line at fault."""
    problems = []
    readers = Readers(settings)
    for path, content in sorted(context.get("generated_content", {}).items()):
        if content is not None:
            continue
        shown = relative(os.path.join(settings["PATH"], path), settings["PATH"])
        try:
            article = readers.read_file(base_path=settings["PATH"], path=path, content_class=Article, context=context)
        except UnicodeDecodeError as error:
            problems.append(Problem(shown, "encoding", encoding_error(error)))
            continue
        except ValueError as error:
            field = "Date" if "valid date" in str(error) else "metadata"
            problems.append(Problem(shown, field, str(error)))
            continue
        except Exception as error:  # noqa: BLE001 - any reader failure is the editor's to see
            doubled = doubled_fields(readers, os.path.join(settings["PATH"], path))
            problems += doubled or [Problem(shown, "file", f"could not be read: {error}")]
            continue
        required = ("title",) if is_page_source(path, settings) else ("title", "date")  # pages have no Date
        missing = [name for name in required if not getattr(article, name, None)]
        status = getattr(article, "status", "published")
        if missing:
            problems += [Problem(shown, name.capitalize(), "missing") for name in missing]
        elif status not in STATUSES:
            problems.append(Problem(shown, "Status", f"{status!r} is not a status ({', '.join(STATUSES)}); "
                                                     "the story was not published"))
        else:
            problems.append(Problem(shown, "file", "could not be read (see the error above)"))
    return problems


STATUSES = ("published", "hidden", "draft")


def doubled_fields(readers: Readers, path: str) -> list[Problem]:
    """A field that holds one text given twice, when that is why Pelican could not make the story
    (a doubled Lang: Pelican looks the list up as a language)."""
    reader = readers.readers.get(os.path.splitext(path)[1][1:])
    if reader is None:
        return []
    try:
        _, metadata = reader.read(path)
    except Exception:  # noqa: BLE001 - the reading itself fails: the caller says so
        return []
    key_field = readers.settings.get("TRANSLATION_KEY_FIELD", "translation_key")
    return repeated_field_problems(metadata, relative(path, readers.settings["PATH"]), key_field)


def is_page_source(path: str, settings: dict) -> bool:
    """A file under PAGE_PATHS (content/pages/): a page, read without a Date."""
    return any(os.path.normpath(path).startswith(os.path.normpath(folder) + os.sep)
               for folder in settings.get("PAGE_PATHS") or [])


def encoding_error(error: UnicodeDecodeError) -> str:
    """Where a file stops being UTF-8, as an editor finds it: line and column (the reader decodes it whole)."""
    data, offset = error.object, error.start
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"not valid UTF-8 at line {line}, column {column} (byte 0x{data[offset]:02x}); save it as UTF-8"


def article_problems(articles: list, listing_pages: set[str], settings: dict) -> list[Problem]:
    """Missing or unknown languages, bad slugs and terms, oversized files, key conflicts, clashing URLs."""
    languages = settings.get("LANGUAGES") or {}
    key_field = settings.get("TRANSLATION_KEY_FIELD", "translation_key")
    base = settings["PATH"]
    problems = []
    by_key: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    by_url: dict[str, list] = defaultdict(list)
    for article in articles:
        shown = relative(article.source_path, base)
        as_read = getattr(article, FILE_PROBLEMS, None)
        problems += file_problems(article, settings) if as_read is None else as_read
        if not str(getattr(article, "title", "")).strip():
            problems.append(Problem(shown, "Title", "empty"))
        if "lang" not in article.metadata:
            problems.append(Problem(shown, "Lang", f"missing (one of {', '.join(languages)})"))
        elif languages and article.lang not in languages:
            problems.append(Problem(shown, "Lang", f"{article.lang!r} is not a site language ({', '.join(languages)})"))
        problems += slug_problems(article, shown)
        problems += term_problems(article, shown)
        problems += body_control_problems(article, shown)
        problems += [Problem(shown, "Correction", message) for message in getattr(article, "correction_problems", [])]
        key = str(getattr(article, key_field, "") or "").strip()
        if key:
            by_key[key][article.lang].append(shown)
        url = article.url  # a property Pelican works out from the settings on every read
        by_url[unquote(url)].append(shown)
        if url in listing_pages:
            problems.append(Problem(shown, "Slug", f"its page /{url} is also a listing page of the site"))
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


# The attribute that holds a story's file_problems, found when Pelican made it (note_file_problems).
FILE_PROBLEMS = "file_problems"


def note_file_problems(content) -> None:
    """content_object_init: the problems of the story's file as read, kept on the object it was made
    into. Plugins/incremental keeps that object for the next builds as long as the file's bytes
    and the settings are the same: the checks that depend on nothing else run once per file."""
    setattr(content, FILE_PROBLEMS, tuple(file_problems(content, content.settings)))


def file_problems(article, settings: dict) -> list[Problem]:
    """A field given twice, a control character in a field as read, a file over ARTICLE_MAX_BYTES."""
    shown = relative(article.source_path, settings["PATH"]) if settings.get("PATH") else article.source_path
    problems = repeated_field_problems(article.metadata, shown, settings.get("TRANSLATION_KEY_FIELD", "translation_key"))
    problems += metadata_control_problems(article.metadata, shown)
    max_bytes = settings.get("ARTICLE_MAX_BYTES") or 0
    try:
        size = os.path.getsize(article.source_path) if max_bytes and article.source_path else 0
    except OSError:  # an object made of no file (a plugin's, a test's): nothing to measure
        size = 0
    if size > max_bytes:
        problems.append(Problem(shown, "size", f"{size:,} bytes, over ARTICLE_MAX_BYTES ({max_bytes:,}): "
                                               "split the story or raise the limit"))
    return problems


# Fields that hold one text. Pelican's markdown reader makes a list of a field given twice (except
# the few it keeps the first of, with a warning), which every later step would take for text.
SINGLE_TEXT_FIELDS = ("title", "lang", "translation_of", "image_alt", "image_caption", "image_credit")


def repeated_field_problems(metadata: dict, shown: str, key_field: str) -> list[Problem]:
    return [Problem(shown, field_name(name), f"given {len(value)} times; keep one {field_name(name)} line")
            for name in (*SINGLE_TEXT_FIELDS, key_field) if isinstance(value := metadata.get(name), list)]


def metadata_control_problems(metadata: dict, shown: str) -> list[Problem]:
    """Metadata values holding a character XML forbids: feeds cannot be written with one."""
    # (metadata key, text); a key is spelled as editors write it only when reported
    values = [(name, " ".join(map(str, value)) if isinstance(value, list) else str(value))
              for name, value in metadata.items()]
    # Nearly every article holds none: one quick look at all its text ("\n" is allowed), each value only after a hit.
    if not may_hold_forbidden("\n".join(text for _, text in values)):
        return []
    return [control_problem(shown, field_name(name), value, found)
            for name, value in values if (found := XML_FORBIDDEN.search(value))]


def body_control_problems(article, shown: str) -> list[Problem]:
    """A body holding a character XML forbids, as the build has it (the photos plugin places figures
    in it after reading): what Pelican read, not the file read again."""
    body = article._content or ""
    if not may_hold_forbidden(body):
        return []
    found = XML_FORBIDDEN.search(body)
    return [control_problem(shown, "body", body, found)] if found else []


def control_problem(shown: str, field: str, value: str, found: re.Match) -> Problem:
    return Problem(shown, field, f"control character U+{ord(found.group()):04X} after "
                                 f"{text_before(value, found.start())!r}; remove it (pages and feeds cannot carry it)")


# Every byte below 0x20 but tab, newline and carriage return is a control character XML_FORBIDDEN names.
ALLOWED_BYTES = b"\t\n\r" + bytes(range(0x20, 0x100))


def may_hold_forbidden(text: str) -> bool:
    """False only when XML_FORBIDDEN finds nothing in `text`; about twice as fast as its search,
    over the ~20,000 bodies of an archive: deleting every allowed byte of the UTF-8 leaves the control
    characters, U+FFFE and U+FFFF keep their own bytes, and a lone surrogate cannot be encoded at all."""
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return bool(data.translate(None, ALLOWED_BYTES)) or b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data


def field_name(key: str) -> str:
    """A metadata key as editors write it: translation_key -> Translation_Key."""
    return "_".join(part.capitalize() for part in key.split("_"))


def text_before(html: str, position: int, length: int = 30) -> str:
    """The words just before `position`, as an editor sees them in the file (tags left out)."""
    return " ".join(re.sub(r"<[^>]*>", " ", html[:position]).split())[-length:]


# A slug is one folder name in the URL: no separators, no "." or ".." tricks, short enough for
# every file system (255 bytes per name) with room to spare.
SLUG_MAX_BYTES = 200
URL_SYNTAX = re.compile(r"[?#%]")


def slug_problems(article, shown: str) -> list[Problem]:
    """A slug that is empty, climbs or nests folders, starts hidden, holds URL syntax (?#%) or is too long."""
    slug = str(getattr(article, "slug", "") or "")
    field = "Slug" if "slug" in article.metadata else "Title"
    if field == "Title" and not str(getattr(article, "title", "")).strip():
        return []  # the empty title is reported; its slug follows from it
    made = "" if field == "Slug" else "the slug made from the Title "
    reason = None
    if not slug.strip(" ./\\"):
        reason = f"{made}{slug!r} gives no page name"
    elif "/" in slug or "\\" in slug:
        reason = f"{made}{slug!r} must be a single name, without '/'"
    elif slug.startswith("."):
        reason = f"{made}{slug!r} must not start with '.'"
    elif found := URL_SYNTAX.search(slug):
        # Written to disk as is, but a link would read it as a query, a fragment or an escape: no URL reaches the page.
        reason = f"{made}{slug!r} must not contain {found.group()!r}"
    elif len(slug.encode("utf-8")) > SLUG_MAX_BYTES:
        reason = f"{made}is {len(slug):,} characters long (at most {SLUG_MAX_BYTES} bytes): set a shorter Slug"
    return [Problem(shown, field, reason)] if reason else []


def term_problems(article, shown: str) -> list[Problem]:
    """Categories and tags whose name gives no URL (e.g. "..." or "/")."""
    terms = [("Category", article.category)] if getattr(article, "category", None) is not None else []
    terms += [("Tags", tag) for tag in getattr(article, "tags", None) or []]
    return [Problem(shown, field, f"{term.name!r} gives no page name (its slug is empty)")
            for field, term in terms if not term.slug.strip("-_")]


# The quoted value after an `=`: a regular expression that starts with a literal is searched for
# quickly, where one starting with (?:href|src) is tried at every h and s of the text.
QUOTED_VALUE = re.compile(r"""=["']([^"']+)["']""")
PLACEHOLDER = re.compile(r"\{(?:filename|static|attach|index|tag|category|author)\}|\|(?:filename|static)\|")


def listing_urls(articles: list, editions: list, per_page: int) -> set[str]:
    """Every page URL other than the articles' that the editions will write (without the leading /)."""
    urls = set()
    for edition in editions:
        own = [a for a in articles if a.lang == edition.code]
        urls |= {edition.archives_url(), edition.search_url(), edition.corrections_url(),
                 edition.feed_url("atom"), edition.feed_url("rss")}
        urls |= {edition.home_url(page) for page in range(1, max(1, math.ceil(len(own) / per_page)) + 1)}
        # each term's URL made once: thousands of stories share a few hundred categories, tags and authors
        categories, tags, authors = set(), set(), set()
        for article in own:
            if getattr(article, "category", None):
                categories.add(article.category.slug)
            tags.update(tag.slug for tag in getattr(article, "tags", []))
            authors.update(author.slug for author in getattr(article, "authors", []))
        urls |= {edition.category_url(slug) for slug in categories}
        urls |= {edition.tag_url(slug) for slug in tags}
        urls |= {edition.author_url(slug) for slug in authors}
    return urls


def link_values(html: str) -> list[str]:
    """The value of every href= and src= in the text (as (?:href|src)=["']([^"']+)["'] finds them)."""
    links, position = [], 0
    while (found := QUOTED_VALUE.search(html, position)) is not None:
        if html.endswith(("href", "src"), position, found.start()):
            links.append(found.group(1))
            position = found.end()
        else:  # another attribute: its value may hold the next one's "="
            position = found.start() + 1
    return links


def unknown_link_problems(articles: list, editions: list, listing_pages: set[str], settings: dict) -> list[Problem]:
    """Links in articles to a page of the site that will not exist, or left unresolved ({filename})."""
    site = settings.get("SITEURL", "")
    known = listing_pages | {a.url for a in articles}
    prefixes = tuple(f"/{edition.prefix}/" for edition in editions)
    problems = []
    for article in articles:
        for link in link_values(article.content):
            target = link[len(site):] if site and link.startswith(site) else link
            path = target.split("#", 1)[0].split("?", 1)[0]
            unresolved = PLACEHOLDER.search(link)
            if unresolved or (path.startswith(prefixes) and path.lstrip("/") not in known):
                why = "refers to a file that does not exist" if unresolved else "leads to no page of the site"
                problems.append(Problem(relative(article.source_path, settings["PATH"]), "link", f"{link} {why}"))
    return problems
