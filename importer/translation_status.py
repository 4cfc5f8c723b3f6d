"""The state of the translations: which editions have each story, and what an editor should look at.

Shared by `newsroom status` / `newsroom translated` (importer/cli.py) and the editors' page of
development builds (plugins/translation_status). Flags:

- missing: a story lacks a site language, and its first version is older than
  TRANSLATION_MISSING_AFTER (stories that are only drafts are not flagged);
- stale: a translation's `Translation_Of` hash is not the hash of its original's text today;
- orphan: a translation's `Translation_Of` names a language with no version under its key (or
  the translation has no key to find its original by);
- conflict: two versions with the same key and language.
"""

from __future__ import annotations

import functools
import hashlib
import os
import posixpath
import stat
import time
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone, tzinfo
from pathlib import Path
from typing import NamedTuple
from zoneinfo import ZoneInfo

from pelican.utils import get_date

from .content_store import (StoredArticle, decode_article, is_inside, markdown_entries, one_line, parse_article,
                            read_article, read_article_bytes)
from .translation_record import (TRANSLATION_OF_FIELD, RecordError, article_text_hash, parse_record, record_value,
                                 records_match, with_record)

FLAGS = ("missing", "stale", "orphan", "conflict")
DEFAULT_MISSING_AFTER = timedelta(hours=24)
EARLIEST = datetime.min.replace(tzinfo=timezone.utc)


class SettingError(ValueError):
    """A status setting that cannot be used; the message names the setting."""


class MarkRefused(ValueError):
    """`newsroom translated` will not write the file; the message names the field and says why."""

    def __init__(self, field: str | None, message: str):
        super().__init__(message)
        self.field = field


@dataclass(frozen=True)
class StatusSettings:
    content: Path
    languages: tuple[str, ...]  # default language first
    timezones: Mapping[str, tzinfo]  # the zone of a Date without an offset, per language
    key_field: str
    article_paths: tuple[str, ...]
    article_excludes: tuple[str, ...]
    missing_after: timedelta


def missing_after_setting(value) -> timedelta:
    """TRANSLATION_MISSING_AFTER: a timedelta, or a number of hours."""
    if isinstance(value, timedelta):
        delay = value
    elif isinstance(value, (int, float)) and not isinstance(value, bool):
        delay = timedelta(hours=value)
    else:
        raise SettingError(f"TRANSLATION_MISSING_AFTER: {value!r} is not a timedelta (e.g. timedelta(hours=24)) "
                           "or a number of hours")
    if delay < timedelta(0):
        raise SettingError(f"TRANSLATION_MISSING_AFTER: {value!r} is negative")
    return delay


def zone(name: str | None) -> tzinfo:
    """The named IANA zone; UTC for a name that is not one (the build reports that setting itself)."""
    try:
        return ZoneInfo(name) if name else timezone.utc
    except (ValueError, OSError, KeyError):
        return timezone.utc


def status_settings(settings: Mapping, content: Path | None = None) -> StatusSettings:
    """From Pelican settings (a build's, or pelicanconf.py read by the CLI); `content` overrides PATH."""
    default = settings.get("DEFAULT_LANG", "en")
    languages = dict(settings.get("LANGUAGES") or {default: {}})
    codes = ([default] if default in languages else []) + [code for code in languages if code != default]
    return StatusSettings(
        content=Path(content or settings["PATH"]),
        languages=tuple(codes),
        timezones={code: zone((languages[code] or {}).get("timezone") or settings.get("TIMEZONE")) for code in codes},
        key_field=settings.get("TRANSLATION_KEY_FIELD", "translation_key").lower(),
        article_paths=tuple(settings.get("ARTICLE_PATHS") or [""]),
        article_excludes=tuple(settings.get("ARTICLE_EXCLUDES") or []),
        missing_after=missing_after_setting(settings.get("TRANSLATION_MISSING_AFTER", DEFAULT_MISSING_AFTER)),
    )


def load_status_settings(settings_file: Path, content: Path | None = None) -> StatusSettings:
    """pelicanconf.py read as the importer reads it (its content folder, unless `content` is given)."""
    from pelican.settings import read_settings

    from .site_settings import load_site_settings

    site = load_site_settings(settings_file, content)
    base = Path(settings_file).resolve().parent
    return status_settings(read_settings(str(settings_file), override={"PATH": str(base)}), site.content)


@dataclass(frozen=True)
class Problem:
    """A file, or a field of one, that the status could not read."""

    path: Path
    field: str | None
    message: str


@dataclass
class Version:
    """One language version of a story: one file of content/."""

    content: Path  # the content folder
    name: str  # path inside the content folder, with / separators
    key: str | None  # its translation key; None without one
    lang: str
    title: str
    date: datetime | None  # aware; None when the Date is missing or not a date
    status: str  # published, hidden or draft
    digest: str  # SHA-256 of its own text (see translation_record.text_hash)
    record: tuple[str, str] | None  # its Translation_Of: (original language, recorded hash prefix)
    # what it is to its story: "original" (a translation names it), "translation" (it has a record),
    # "unrecorded" (a translated story's version with no record either way), "only" (its only version)
    role: str = "only"
    flags: list[str] = field(default_factory=list)
    original: Version | None = None  # the version its record names, when there is one

    @functools.cached_property
    def path(self) -> Path:
        """The file (made when asked for: most versions never are, and a rebuild has 20,000 of them)."""
        return self.content / self.name

    @property
    def published(self) -> bool:
        return self.status != "draft"


@dataclass(frozen=True)
class Note:
    """One flag of a story explained for people: the file it is about, and what is wrong."""

    flag: str
    path: Path
    message: str


@dataclass
class Story:
    key: str | None  # None: a file without a translation key, a story of its own
    versions: list[Version]  # in language order, then by path
    missing: list[str] = field(default_factory=list)  # site languages it lacks, once that is a flag
    conflict: list[str] = field(default_factory=list)  # languages with more than one version
    flags: list[str] = field(default_factory=list)  # in FLAGS order
    notes: list[Note] = field(default_factory=list)

    @property
    def ident(self) -> str:
        return self.key if self.key is not None else self.versions[0].name

    @property
    def first_date(self) -> datetime | None:
        dates = [v.date for v in self.versions if v.date is not None]
        return min(dates) if dates else None

    def versions_in(self, lang: str) -> list[Version]:
        return [v for v in self.versions if v.lang == lang]


@dataclass
class StatusReport:
    settings: StatusSettings
    now: datetime
    stories: list[Story]
    problems: list[Problem]

    def count(self, flag: str) -> int:
        return sum(1 for story in self.stories if flag in story.flags)

    def present(self, flags: list[str]) -> list[str]:
        """The flags among `flags` that some story has."""
        return [flag for flag in flags if self.count(flag)]

    @property
    def unrecorded(self) -> int:
        """Translated stories with a version that records no original and is named by none."""
        return sum(1 for story in self.stories if any(v.role == "unrecorded" for v in story.versions))


def earliest_version(story: Story) -> Version | None:
    """The version with the oldest Date: the one a missing translation is counted from."""
    dated = [v for v in story.versions if v.date is not None]
    return min(dated, key=lambda v: v.date) if dated else None


def age_text(delta: timedelta) -> str:
    hours = int(delta.total_seconds() // 3600)
    return f"{hours // 24} days" if hours >= 48 else f"{hours} hours"


def is_story(name: str, settings: StatusSettings) -> bool:
    """True for a file (`name`: its path inside the content folder) that Pelican reads as an article:
    under ARTICLE_PATHS, not under ARTICLE_EXCLUDES."""
    paths, excludes = story_folders(settings.article_paths, settings.article_excludes)
    return name.startswith(paths) and not (excludes and name.startswith(excludes))


@functools.lru_cache(maxsize=8)
def story_folders(article_paths: tuple[str, ...], article_excludes: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    """The starts of the names of the files under each folder of ARTICLE_PATHS and ARTICLE_EXCLUDES
    ("" for the content folder itself; an empty exclude excludes nothing)."""
    def start(folder: str) -> str:
        folder = posixpath.normpath(folder) if folder else "."
        return "" if folder == "." else folder.rstrip("/") + "/"

    return tuple(start(f) for f in article_paths), tuple(start(f) for f in article_excludes if f)


def article_datetime(value: str, zone_of_lang: tzinfo) -> datetime:
    """A Date as the build reads it (ISO 8601 at once, else Pelican's parser); without an offset, in
    the edition's zone."""
    try:
        moment = datetime.fromisoformat(value.strip())
    except ValueError:
        moment = get_date(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=zone_of_lang)


class Reading(NamedTuple):
    """What one story file is to the status, wherever it lies: the fields of its version (`lang`
    None: it is none) and the problems found in it, as (field, message)."""

    lang: str | None
    key: str | None
    title: str
    date: datetime | None
    status: str
    digest: str
    record: tuple[str, str] | None
    problems: tuple[tuple[str, str], ...]


def read_story(article: StoredArticle, settings: StatusSettings) -> Reading:
    """What a file is to the status under `settings` (its languages and their zones, its key field)."""
    meta = article.metadata
    lang = meta.get("lang", "").strip()
    if not lang:
        return Reading(None, None, "", None, "", "", None, (("Lang", "missing: a story says which language it is in"),))
    if lang not in settings.languages:
        return Reading(None, None, "", None, "", "", None, (("Lang", f"{one_line(lang)!r} is not a site language "
                                                                     f"({', '.join(settings.languages)})"),))
    problems = []
    date = None
    if not meta.get("date", "").strip():
        problems.append(("Date", "missing"))
    else:
        try:
            date = article_datetime(meta["date"], settings.timezones[lang])
        except Exception:  # noqa: BLE001 - dateutil raises more than ValueError on odd input (OverflowError…)
            problems.append(("Date", f"{one_line(meta['date'])!r} is not a date"))
    record = None
    if TRANSLATION_OF_FIELD.lower() in meta:
        try:
            record = parse_record(meta[TRANSLATION_OF_FIELD.lower()])
        except RecordError as error:
            problems.append((TRANSLATION_OF_FIELD, one_line(str(error))))
        else:
            if record[0] == lang:
                problems.append((TRANSLATION_OF_FIELD, f"names the file's own language ({lang}); "
                                                       "it must name the original's"))
                record = None
    return Reading(
        lang=lang,
        key=story_key(meta, settings.key_field),
        title=one_line(meta.get("title", "")),
        date=date,
        status=(meta.get("status") or "published").strip().lower(),
        digest=article_text_hash(article),
        record=record,
        problems=tuple(problems),
    )


def reading_settings(settings: StatusSettings) -> str:
    """The settings a Reading depends on, as text: Readings kept under other ones are not used."""
    return repr((settings.languages, [(code, str(settings.timezones[code])) for code in settings.languages],
                 settings.key_field))


# A file is trusted unread from the next run on only if its change time is this much older than the
# run: a later change then gives it a later change time, whatever the file system's time resolution.
SETTLED_NS = 10 * 10**9


def file_identity(entry: os.DirEntry) -> tuple[int, ...] | None:
    """(device, inode, size, modification and change times in ns) of a regular file; None for
    anything else (a link, a folder…), which is read every time."""
    try:
        found = entry.stat(follow_symlinks=False)
    except OSError:
        return None
    if not stat.S_ISREG(found.st_mode):
        return None
    return (found.st_dev, found.st_ino, found.st_size, found.st_mtime_ns, found.st_ctime_ns)


class ReadingCache:
    """The Readings of the story files, by path inside the content folder: (the file's identity when
    it can be trusted, else None; the SHA-256 of its bytes; its Reading). A file with the same
    identity is not read again, one with the same bytes not parsed again (wherever it now is).

    The change time (ctime) is set by the system at every write, rename or chmod, never by programs
    (touch, tar and rsync set the modification time only). `earlier` is a previous run's `current`,
    under the same reading_settings(). `started`: the run's moment in ns (by default the clock's now,
    before any file is looked at)."""

    def __init__(self, settings: StatusSettings, earlier: Mapping[str, tuple] | None = None,
                 started: int | None = None):
        self.settings = settings
        self.started = time.time_ns() if started is None else started
        self.earlier = earlier or {}
        self.by_bytes = {digest: reading for _, digest, reading in self.earlier.values()}
        self.current: dict[str, tuple] = {}
        self.read = self.parsed = 0

    def reading(self, name: str, entry: os.DirEntry) -> Reading:
        """The Reading of one file; ValueError when it cannot be read."""
        identity = file_identity(entry)
        earlier = self.earlier.get(name)
        if identity is not None and earlier is not None and earlier[0] == identity:
            self.current[name] = earlier
            return earlier[2]
        path = Path(entry.path)
        data = read_article_bytes(path, self.settings.content)
        self.read += 1
        digest = hashlib.sha256(data).digest()
        reading = self.by_bytes.get(digest)
        if reading is None:
            reading = read_story(parse_article(path, decode_article(data)), self.settings)
            self.by_bytes[digest] = reading
            self.parsed += 1
        settled = identity is not None and identity[4] < self.started - SETTLED_NS
        self.current[name] = (identity if settled else None, digest, reading)
        return reading


def content_name(path: Path, content: Path) -> str:
    """A file's path inside the content folder, with / separators."""
    return path.relative_to(content).as_posix()


def story_versions(settings: StatusSettings,
                   cache: ReadingCache | None = None) -> tuple[list[Version], list[Problem]]:
    """Every story file of the content folder as a version, and the problems found reading them.
    `cache`: what was read of the files before (a build's, plugins/translation_status); without it
    every file is read."""
    content = settings.content
    versions, problems = [], []
    for name, entry in markdown_entries(content):
        if not is_story(name, settings):
            continue
        try:
            if cache is not None:
                reading = cache.reading(name, entry)
            else:
                path = Path(entry.path)
                reading = read_story(parse_article(path, decode_article(read_article_bytes(path, content))), settings)
        except ValueError as error:
            problems.append(Problem(Path(entry.path), None, f"cannot read: {error}"))
            continue
        version = None
        if reading.lang is not None:
            version = Version(content, name, reading.key, reading.lang, reading.title, reading.date, reading.status,
                              reading.digest, reading.record)
            versions.append(version)
        if reading.problems:
            path = version.path if version is not None else Path(entry.path)
            problems += [Problem(path, field_name, message) for field_name, message in reading.problems]
    return versions, problems


def story_key(article_metadata: Mapping[str, str], key_field: str) -> str | None:
    """The translation key as the build reads it: an empty value is no key."""
    value = article_metadata.get(key_field, "").strip()
    return value or None


def group_stories(versions: list[Version], settings: StatusSettings) -> list[Story]:
    """Versions sharing a key are one story; a version without a key is a story of its own."""
    rank = {code: i for i, code in enumerate(settings.languages)}
    groups: dict[str, list[Version]] = defaultdict(list)
    stories = []
    for version in versions:
        if version.key is None:
            stories.append(Story(None, [version]))
        else:
            groups[version.key].append(version)
    stories += [Story(key, sorted(members, key=lambda v: (rank[v.lang], v.name))) for key, members in groups.items()]
    return stories


def judge(story: Story, settings: StatusSettings, now: datetime) -> None:
    """Set the roles and flags of a story and of its versions."""
    languages = list(dict.fromkeys(v.lang for v in story.versions))
    story.conflict = [lang for lang in languages if len(story.versions_in(lang)) > 1]
    for lang in story.conflict:
        same = story.versions_in(lang)
        story.notes.append(Note("conflict", same[0].path, f"{len(same)} {lang} versions share "
                                                          f"{settings.key_field.title()} {story.key!r} "
                                                          f"({', '.join(v.name for v in same)}); the site links "
                                                          "only the first"))
    named = set()
    for version in story.versions:
        if version.record is None:
            continue
        version.role = "translation"
        lang, recorded = version.record
        originals = story.versions_in(lang)
        if story.key is None:
            version.flags.append("orphan")
            story.notes.append(Note("orphan", version.path, f"{TRANSLATION_OF_FIELD} names {lang}, but the file has "
                                                            f"no {settings.key_field.title()} to find its original by"))
        elif not originals:
            version.flags.append("orphan")
            story.notes.append(Note("orphan", version.path, f"{TRANSLATION_OF_FIELD} names {lang}, but no {lang} "
                                                            f"version has {settings.key_field.title()} {story.key!r} "
                                                            "(was it removed?)"))
        else:
            named.add(lang)
            version.original = originals[0]  # as the build links it: the first by path
            if not records_match(recorded, version.original.digest):
                version.flags.append("stale")
                story.notes.append(Note("stale", version.path, f"translated from {lang}@{recorded}; the {lang} "
                                                               f"version ({version.original.name}) is now "
                                                               f"{record_value(lang, version.original.digest)}"))
    for version in story.versions:
        if version.record is None:
            version.role = "original" if version.lang in named else ("unrecorded" if len(languages) > 1 else "only")
    published = [v for v in story.versions if v.published]
    first = story.first_date
    if published and first is not None and now - first > settings.missing_after:
        story.missing = [code for code in settings.languages if code not in languages]
    if story.missing:
        story.notes.insert(0, Note("missing", earliest_version(story).path, f"no {', '.join(story.missing)} version, "
                                                                          f"{age_text(now - first)} after its Date"))
    found = {flag for version in story.versions for flag in version.flags}
    found |= {"missing"} if story.missing else set()
    found |= {"conflict"} if story.conflict else set()
    story.flags = [flag for flag in FLAGS if flag in found]


def status_report(settings: StatusSettings, now: datetime | None = None,
                  cache: ReadingCache | None = None) -> StatusReport:
    """Read every story of the content folder and judge it; newest story first (`cache`: see story_versions)."""
    now = now or datetime.now(timezone.utc)
    versions, problems = story_versions(settings, cache)
    stories = group_stories(versions, settings)
    for story in stories:
        judge(story, settings, now)
    stories.sort(key=lambda s: s.ident)
    stories.sort(key=lambda s: s.first_date or EARLIEST, reverse=True)
    return StatusReport(settings, now, stories, sorted(problems, key=lambda p: (str(p.path), p.field or "")))


# ---- the JSON layout (documented in README.md, "Translation status") ---------------------------

def report_json(report: StatusReport, shown: Callable[[Path], str]) -> dict:
    """The report as `newsroom status --json` prints it; `shown` writes a file's path."""
    def version_json(v: Version) -> dict:
        return {
            "file": shown(v.path),
            "lang": v.lang,
            "title": v.title,
            "date": v.date.isoformat() if v.date else None,
            "status": v.status,
            "role": v.role,
            "text_sha256": v.digest,
            "translation_of": {"lang": v.record[0], "sha256": v.record[1]} if v.record else None,
            "original": shown(v.original.path) if v.original else None,
            "flags": v.flags,
        }

    return {
        "languages": list(report.settings.languages),
        "missing_after_hours": report.settings.missing_after.total_seconds() / 3600,
        "checked_at": report.now.isoformat(timespec="seconds"),
        "summary": {"stories": len(report.stories), **{flag: report.count(flag) for flag in FLAGS},
                    "unrecorded": report.unrecorded, "problems": len(report.problems)},
        "stories": [
            {
                "key": story.key,
                "flags": story.flags,
                "languages": list(dict.fromkeys(v.lang for v in story.versions)),
                "missing": story.missing,
                "conflict": story.conflict,
                "first_date": story.first_date.isoformat() if story.first_date else None,
                "versions": [version_json(v) for v in story.versions],
                "notes": [{"flag": n.flag, "file": shown(n.path), "message": n.message} for n in story.notes],
            }
            for story in report.stories
        ],
        "problems": [{"file": shown(p.path), "field": p.field, "message": p.message} for p in report.problems],
    }


# ---- the terminal table ----------------------------------------------------------------------

ROLE_WORDS = {"original": "original", "translation": "ok", "unrecorded": "unrecorded", "only": "only"}
LANGUAGE_COLUMN = 10


def version_state(version: Version) -> str:
    """One word for a version: orphan, stale, ok (an up-to-date translation), original, unrecorded, only."""
    return next((flag for flag in ("orphan", "stale") if flag in version.flags), ROLE_WORDS[version.role])


def cell(versions: list[Version]) -> str:
    """What a story's row shows under one language (* marks a draft)."""
    if not versions:
        return "-"
    if len(versions) > 1:
        return f"{len(versions)} files"
    return version_state(versions[0]) + ("*" if versions[0].status == "draft" else "")


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[:max(width - 1, 0)] + "…"


def status_table(report: StatusReport, width: int = 80, only_flagged: bool = False) -> list[str]:
    """Aligned rows: the story (key, or file without one), a column per language, its flags."""
    codes = report.settings.languages
    stories = [s for s in report.stories if s.flags or not only_flagged]
    flags_width = max([len("flags")] + [len(",".join(s.flags)) for s in stories])
    room = width - len(codes) * (LANGUAGE_COLUMN + 2) - flags_width - 2
    story_width = max(12, min(room, max([len("story")] + [len(s.ident) for s in stories])))

    def row(first: str, cells: list[str], last: str) -> str:
        columns = [shorten(first, story_width).ljust(story_width)] + [c.ljust(LANGUAGE_COLUMN) for c in cells]
        return ("  ".join(columns) + "  " + last).rstrip()

    lines = [row("story", list(codes), "flags")]
    lines += [row(s.ident, [cell(s.versions_in(code)) for code in codes], ",".join(s.flags)) for s in stories]
    return lines


# ---- `newsroom translated` ---------------------------------------------------------------------

@dataclass(frozen=True)
class Mark:
    """What `newsroom translated` writes: the file's new text and the original it was checked against."""

    text: str
    changed: bool
    value: str
    original: Version


def mark_translated(path: Path, settings: StatusSettings, from_lang: str | None = None) -> Mark:
    """The translation at `path` marked done against its original's current text (MarkRefused: why not)."""
    content = settings.content.resolve()
    if not is_inside(path, content):
        raise MarkRefused(None, f"is not inside the content folder {settings.content}")
    try:
        article = read_article(path, settings.content)
    except ValueError as error:
        raise MarkRefused(None, f"cannot read: {error}") from None
    if not is_story(content_name(path.resolve(), content), settings):
        raise MarkRefused(None, "is not a story (outside ARTICLE_PATHS, or in ARTICLE_EXCLUDES such as pages/)")
    lang = article.metadata.get("lang", "").strip()
    if lang not in settings.languages:
        raise MarkRefused("Lang", f"{one_line(lang)!r} is not a site language ({', '.join(settings.languages)})"
                          if lang else "missing: the file must say which language it is in")
    key_name = settings.key_field.title()
    key = story_key(article.metadata, settings.key_field)
    if key is None:
        raise MarkRefused(key_name, "missing: give the translation its original's key first "
                                    "(`newsroom pair`, or by hand)")
    original_lang = from_lang or recorded_language(article)
    versions, _ = story_versions(settings)
    others = [v for v in versions if v.key == key and v.path.resolve() != path.resolve()]
    if original_lang is None:
        languages = sorted({v.lang for v in others if v.lang != lang}, key=settings.languages.index)
        if not languages:
            raise MarkRefused(key_name, f"no original: no other story has {key_name} {key!r}")
        if len(languages) > 1:
            raise MarkRefused(TRANSLATION_OF_FIELD, f"ambiguous: {key_name} {key!r} has {' and '.join(languages)} "
                                                    f"versions; name the original with --from {languages[0]}")
        original_lang = languages[0]
    if original_lang == lang:
        raise MarkRefused(TRANSLATION_OF_FIELD, f"the original cannot be in the file's own language ({lang})")
    candidates = [v for v in others if v.lang == original_lang]
    if not candidates:
        raise MarkRefused(TRANSLATION_OF_FIELD, f"no original: no {original_lang} story has {key_name} {key!r}")
    if len(candidates) > 1:
        names = ", ".join(v.name for v in candidates)
        raise MarkRefused(key_name, f"{len(candidates)} {original_lang} stories share {key_name} {key!r} "
                                    f"({names}); keep one before marking the translation")
    original = candidates[0]
    if original.record and original.record[0] == lang:
        raise MarkRefused(TRANSLATION_OF_FIELD, f"{original.name} records {TRANSLATION_OF_FIELD} {lang}: this file "
                                                f"is its original; mark {original.name} instead")
    value = record_value(original_lang, original.digest)
    raw = path.read_bytes().decode("utf-8")  # read_article proved it is UTF-8; BOM and line ends kept
    try:
        text = with_record(raw, value, settings.key_field)
    except RecordError as error:
        raise MarkRefused(TRANSLATION_OF_FIELD, str(error)) from None
    return Mark(text, text != raw, value, original)


def recorded_language(article: StoredArticle) -> str | None:
    """The original's language a file already records (a valid Translation_Of), else None."""
    try:
        return parse_record(article.metadata.get(TRANSLATION_OF_FIELD.lower(), ""))[0]
    except RecordError:
        return None
