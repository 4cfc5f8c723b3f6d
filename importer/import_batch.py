"""Import a batch of source files into content/, then pair the translations of what is there.

Nothing is written before the whole batch is planned (`prepare`); then all its files are written
together (`commit`), each proven to stay inside content/ right before it is written. With dry_run
nothing is written at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable

from .anchors import extract_anchors
from .content_store import (StoredArticle, UnsafeTarget, add_field, check_inside, language_folder, one_line,
                            parse_article, read_content, render_article, write_inside)
from .dates import parse_dateline
from .detection import Detection, DetectionError, LanguageDetector, language_detector
from .headlines import derive_headline, looks_like_headline, make_slug, safe_slug, unescape_markdown
from .markup import MarkdownPolicy, describe, plain_text
from .pairing import Ambiguity, PairingItem, PairingRules, propose_pairs
from .site_settings import SiteSettings
from .sources import FORMATS, Source, SourceError, read_source
from .translation_record import TRANSLATION_OF_FIELD, article_text_hash, record_value, text_hash

STATUSES = ("imported", "updated", "unchanged", "skipped", "failed")


@dataclass
class Outcome:
    source: str
    status: str
    reason: str = ""
    target: str | None = None
    lang: str | None = None
    confidence: float | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class Planned:
    """An article to write (new or replacing an earlier import of the same source)."""

    path: Path
    fields: dict[str, str]
    paragraphs: list[str]
    outcome: Outcome
    folder: Path  # the write must stay inside it: content/<lang>/, or content/ for an earlier import

    def text(self) -> str:
        return render_article(list(self.fields.items()), self.paragraphs)

    def write(self) -> Write:
        return Write(self.path, self.text(), self.folder, self.outcome)


@dataclass
class Write:
    """One file of the batch: its text, the folder it must stay inside, the import it belongs to."""

    path: Path
    text: str
    folder: Path
    outcome: Outcome | None = None  # None: a stored article that receives a Translation_Key


@dataclass(frozen=True)
class Holder:
    """The file that holds a slug in a language, and the source it was imported from."""

    file: Path
    source: str | None  # a stored article's Source field; the source's full path when planned in this batch
    in_batch: bool = False

    def same_source(self, path: Path) -> bool:
        return self.source == (str(path) if self.in_batch else one_line(path.name))


@dataclass
class PairResult:
    first: str
    second: str
    score: float
    key: str


@dataclass
class Report:
    outcomes: list[Outcome] = field(default_factory=list)
    pairs: list[PairResult] = field(default_factory=list)
    ambiguous: list[Ambiguity] = field(default_factory=list)
    keyed_files: list[str] = field(default_factory=list)  # existing files that received a key
    interrupted: bool = False  # Ctrl-C arrived while the batch was being written (it was completed)

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0


@dataclass
class Batch:
    """What a run decided (the report) and the files it will write."""

    report: Report
    writes: dict[Path, Write] = field(default_factory=dict)


@dataclass(frozen=True)
class ImportOptions:
    lang: str | None = None
    date: date | None = None
    category: str | None = None
    tags: str | None = None
    dry_run: bool = False
    force: bool = False


def collect_files(paths: Iterable[Path], report: Report) -> list[Path]:
    """Files named directly, and the supported files inside named folders (hidden ones skipped)."""
    files = []
    for path in paths:
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                hidden = any(part.startswith(".") for part in found.relative_to(path).parts)
                if not found.is_file() or hidden:
                    continue
                if found.suffix.lower() in FORMATS:
                    files.append(found)
                else:
                    report.outcomes.append(Outcome(str(found), "skipped", f"unsupported file type {found.suffix!r}"))
        elif path.is_file():
            files.append(path)
        else:
            report.outcomes.append(Outcome(str(path), "failed", "no such file or folder"))
    return files


def article_date(value: str | None, locales: tuple[str, ...]) -> datetime | None:
    """A metadata date: ISO with optional time (Pelican's format) or a written-out date."""
    if not value:
        return None
    try:
        found = datetime.fromisoformat(value.strip()).replace(tzinfo=None)
    except ValueError:
        found = parse_dateline(value, locales)
    # Years before 1000 are written with fewer than four digits, which no reader takes back as a date.
    return found if found and found.year >= 1000 else None


def unexpected(error: Exception) -> str:
    """The reason shown for a failure the importer did not foresee: still one line naming the file."""
    return one_line(f"unexpected error ({type(error).__name__}: {error}); please report it")


class Importer:
    def __init__(self, settings: SiteSettings, options: ImportOptions, today: date | None = None):
        self.settings = settings
        self.options = options
        self.today = today  # None: an undated file is dated now, on its edition's clock
        self.locales = tuple(settings.locale(code) for code in settings.codes)
        scan = read_content(settings.content)
        self.existing, self.unreadable = scan.articles, scan.unreadable
        self.by_source = {a.metadata["source_sha256"]: a for a in self.existing if "source_sha256" in a.metadata}
        self.by_path = {a.path: a for a in self.existing}
        self.taken: dict[str, set[str]] = {code: set() for code in settings.codes}
        self.holders: dict[tuple[str, str], Holder] = {}
        for article in self.existing:
            holder = Holder(article.path, article.metadata.get("source"))
            for name in (article.metadata.get("slug", ""), article.path.stem):
                self.claim(article.metadata.get("lang"), name, holder)
        for problem in self.unreadable:  # its language and slug are unknown: its name is taken in every language
            for code in settings.codes:
                self.claim(code, problem.path.stem, Holder(problem.path, None))
        self._markdown: MarkdownPolicy | None = None

    def claim(self, lang: str | None, slug: str, holder: Holder) -> None:
        if slug:
            self.taken.setdefault(lang, set()).add(slug)
            self.holders.setdefault((lang, slug), holder)

    @property
    def markdown(self) -> MarkdownPolicy:
        """The build's markdown rendering with the allow-list (made on first use: plain text never needs it)."""
        if self._markdown is None:
            self._markdown = MarkdownPolicy(self.settings.markdown)
        return self._markdown

    @property
    def detector(self) -> LanguageDetector:
        return language_detector(tuple(self.settings.codes), self.settings.min_language_confidence)

    def declared_language(self, source: Source) -> str | None:
        """--lang, else the file's own Lang field; None when the text must be detected."""
        if self.options.lang:
            return self.options.lang
        declared = source.metadata.get("lang")
        if declared and declared not in self.settings.codes:
            raise SourceError(f"Lang {declared!r} is not a site language ({', '.join(self.settings.codes)})")
        return declared or None

    def sanitize(self, source: Source, outcome: Outcome) -> None:
        """Keep a markdown body within the news-markup allow-list; warn about what was removed."""
        if source.format != "markdown":  # plain text and HTML paragraphs are escaped text already
            return
        source.paragraphs, warnings = self.markdown.sanitize_blocks(source.paragraphs)
        outcome.warnings.extend(warnings)
        if not source.paragraphs:
            raise SourceError("no article text left once the markup the site does not allow is removed")

    def plain_field(self, name: str, value: str | None, outcome: Outcome) -> str | None:
        """A metadata value as plain text on one line; a warning names the field when markup was removed."""
        if not value:
            return None
        text = plain_text(value)
        if text != one_line(value):
            outcome.warnings.append(f"{name}: markup removed, written as plain text: {text!r}")
        return text or None

    def metadata_date(self, source: Source, outcome: Outcome) -> datetime | None:
        """The file's Date field, when it is a date; a warning names the field when it is not."""
        value = source.metadata.get("date")
        found = article_date(value, self.locales)
        if value and found is None:
            outcome.warnings.append(f"Date {value!r} is not a date (YYYY-MM-DD [HH:MM]); ignored")
        return found

    def headline(self, path: Path, source: Source, paragraphs: list[str], outcome: Outcome) -> tuple[str, bool]:
        """(title, needs_review): the file's title, a first line that looks like one, or one cut from the lede."""
        title = self.plain_field("Title", source.title, outcome)
        if title:
            return title, False
        if source.title:
            outcome.warnings.append(f"Title {source.title!r} has no text once markup is removed")
        if len(paragraphs) > 1:
            first = plain_text(unescape_markdown(paragraphs[0]))
            if looks_like_headline(first):
                paragraphs.pop(0)
                return first, False
        outcome.warnings.append("no headline found: title derived from the lede, marked Needs_Review")
        derived = derive_headline(plain_text(unescape_markdown(paragraphs[0])))
        return derived or plain_text(path.stem) or "Untitled", True

    def summary(self, source: Source, paragraphs: list[str], outcome: Outcome) -> str | None:
        """The Summary field: the file's own or the lede, as one line of text that renders as written."""
        if source.format != "markdown":  # an escaped plain-text lede: no markup can be in it
            return one_line(paragraphs[0])
        declared = source.metadata.get("summary")
        text, removed = self.markdown.summary(declared or paragraphs[0])
        if declared and removed:
            outcome.warnings.append(f"Summary: {describe(removed)}; written as plain text")
        return text or None

    def choose_slug(self, path: Path, source: Source, previous: StoredArticle | None, title: str, lang: str,
                    outcome: Outcome) -> str:
        """The earlier import's slug, else the file's Slug field, made safe; else one made from the title."""
        declared = (previous.metadata.get("slug") if previous else None) or source.metadata.get("slug")
        if declared:
            slug = safe_slug(declared, self.settings.slug_substitutions)
            if not slug:
                outcome.warnings.append(f"Slug {declared!r} has no letters or digits: slug made from the title")
            else:
                if slug != declared:
                    outcome.warnings.append(f"Slug {declared!r} is not a safe URL name: written as {slug!r}")
                holder = self.holders.get((lang, slug))
                if previous is None and holder and not holder.same_source(path):
                    raise SourceError(f"Slug {slug!r} is already used by {holder.file}; give this article "
                                      "another Slug")
                return slug
        return make_slug(title, self.settings.slug_substitutions, self.taken.setdefault(lang, set()))

    def plan(self, path: Path, source: Source, outcome: Outcome, detection: Detection | None) -> Planned:
        lang = self.declared_language(source) or detection.lang
        outcome.lang, outcome.confidence = lang, detection.confidence if detection else None
        paragraphs = list(source.paragraphs)

        found_date = self.metadata_date(source, outcome)
        # A dateline before or after the headline, or closing the text, is metadata, not body.
        for index in sorted({0, 1, len(paragraphs) - 1} & set(range(len(paragraphs))), reverse=True):
            dateline = parse_dateline(unescape_markdown(paragraphs[index]), self.locales)
            if dateline and len(paragraphs) > 1:
                found_date = found_date or dateline
                paragraphs.pop(index)

        title, needs_review = self.headline(path, source, paragraphs, outcome)
        previous = self.by_source.get(source.sha256)
        if self.options.date:
            when = datetime.combine(self.options.date, datetime.min.time())
        elif found_date:
            when = found_date
        elif previous and article_date(previous.metadata.get("date"), self.locales):
            when = article_date(previous.metadata["date"], self.locales)  # re-import: keep the first date
        else:
            # Now on the edition's clock, not midnight of the machine's date: midnight of the UTC
            # date is hours in the future in Brazil, and the build would hold the story back.
            when = (datetime.combine(self.today, datetime.min.time()) if self.today
                    else datetime.now(self.settings.zone(lang)).replace(second=0, microsecond=0, tzinfo=None))
            outcome.warnings.append(f"no date in the file: dated today ({when:%Y-%m-%d %H:%M}); use --date")

        meta = source.metadata
        slug = self.choose_slug(path, source, previous, title, lang, outcome)
        if previous:  # rewritten in place, wherever in content/ it is
            target, folder = previous.path, self.settings.content.resolve()
        else:
            target, folder = self.settings.content / lang / f"{slug}.md", language_folder(self.settings.content, lang)
        check_inside(target, folder)
        self.claim(lang, slug, Holder(target, str(path), in_batch=True))
        key = meta.get("translation_key") or (previous.metadata.get("translation_key") if previous else None)
        # what the translation was made from (importer/translation_record.py), kept as the key is
        record = meta.get("translation_of") or (previous.metadata.get("translation_of") if previous else None)
        fields = {
            "Title": title,
            "Date": f"{when:%Y-%m-%d %H:%M}",
            "Lang": lang,
            "Slug": slug,
            "Translation_Key": self.plain_field("Translation_Key", key, outcome),
            TRANSLATION_OF_FIELD: self.plain_field(TRANSLATION_OF_FIELD, record, outcome),
            "Category": self.plain_field("Category", self.options.category or meta.get("category"), outcome),
            "Tags": self.plain_field("Tags", self.options.tags or meta.get("tags"), outcome),
            "Author": self.plain_field("Author", meta.get("author"), outcome),
            "Summary": self.summary(source, paragraphs, outcome),
            "Needs_Review": "title" if needs_review else None,
            "Source": one_line(path.name),
            "Source_Sha256": source.sha256,
        }
        outcome.target = str(target)
        return Planned(target, fields, paragraphs, outcome, folder)

    def prepare(self, paths: list[Path], progress: Callable[[Iterable], Iterable] = lambda files: files) -> Batch:
        """Read, detect, plan and pair the whole batch; nothing is written."""
        report = Report([Outcome(str(problem.path), "failed", problem.reason) for problem in self.unreadable])
        readable = self.read_sources(collect_files(paths, report), report, progress)
        detections = self._detect([source for _, source, _ in readable.values()])
        planned = []
        for path, source, outcome in readable.values():
            detection = detections.get(source.sha256)
            if isinstance(detection, DetectionError):
                outcome.status, outcome.reason = "failed", str(detection)
                continue
            try:
                planned.append(self.plan(path, source, outcome, detection))
            except (SourceError, UnsafeTarget) as error:
                outcome.status, outcome.reason = "failed", str(error)
            except Exception as error:  # a bug must cost one file, named, not the batch
                outcome.status, outcome.reason = "failed", unexpected(error)
        writes = self._decide(planned)
        fresh = [p for p in planned if p.outcome.status in ("imported", "updated")]
        pair_articles(self.settings, self.existing, fresh, report, writes)
        return Batch(report, writes)

    def read_sources(self, files: list[Path], report: Report,
                     progress: Callable[[Iterable], Iterable]) -> dict[str, tuple[Path, Source, Outcome]]:
        """Every readable source by content hash (a file twice in a batch is one article); the rest fail."""
        readable: dict[str, tuple[Path, Source, Outcome]] = {}
        for path in progress(files):
            outcome = Outcome(str(path), "imported")
            report.outcomes.append(outcome)
            try:
                source = read_source(path, self.settings.max_bytes)
                if source.sha256 in readable:
                    outcome.status, outcome.reason = "unchanged", f"same content as {readable[source.sha256][0]}"
                else:
                    self.declared_language(source)  # a Lang field the site doesn't have fails here
                    self.sanitize(source, outcome)
                    readable[source.sha256] = (path, source, outcome)
            except SourceError as error:
                outcome.status, outcome.reason = "failed", str(error)
            except OSError as error:
                outcome.status, outcome.reason = "failed", f"cannot read: {(error.strerror or str(error)).lower()}"
            except Exception as error:  # a bug must cost one file, named, not the batch
                outcome.status, outcome.reason = "failed", unexpected(error)
        return readable

    def _detect(self, sources: list[Source]) -> dict[str, Detection | DetectionError]:
        """Language of every source that declares none, detected in one parallel batch."""
        undeclared = [source for source in sources if self.declared_language(source) is None]
        if not undeclared:
            return {}
        results = self.detector.detect_many([unescape_markdown(s.text) for s in undeclared])
        return {source.sha256: result for source, result in zip(undeclared, results)}

    def _decide(self, planned: Iterable[Planned]) -> dict[Path, Write]:
        """Which planned articles are written: unchanged ones are not, edited ones only with --force, and
        a file that is there but could not be read never."""
        writes = {}
        for item in planned:
            write, outcome = item.write(), item.outcome
            previous = self.by_source.get(item.fields["Source_Sha256"])
            on_disk = previous or self.by_path.get(item.path)
            if on_disk is None and (item.path.exists() or item.path.is_symlink()):
                outcome.status = "failed"
                outcome.reason = f"{item.path} is there but could not be read as an article; not overwritten"
            elif on_disk is None:
                writes[item.path] = write
            elif on_disk.text == write.text:
                outcome.status = "unchanged"
            elif on_disk.edited and not self.options.force:
                outcome.status = "skipped"
                outcome.reason = f"{item.path} was edited after import; use --force to overwrite it"
            else:
                outcome.status = "updated"
                writes[item.path] = write
        return writes


def pairing_item(ident: str, metadata: dict, text: str, locales: tuple[str, ...]) -> PairingItem:
    return PairingItem(
        ident=ident,
        lang=metadata.get("lang", ""),
        date=article_date(metadata.get("date"), locales),
        key=metadata.get("translation_key") or None,
        anchors=extract_anchors(f"{metadata.get('title', '')}\n{text}", locales),
    )


def new_key(article_date: datetime | None, slug: str, taken: set[str]) -> str:
    base = f"{article_date:%Y-%m}-{slug}"[:48].rstrip("-") if article_date else slug[:48]
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    taken.add(key)
    return key


def original_first(item: PairingItem, codes: list[str]) -> tuple:
    """Sort key putting the original of a new pair first: the older Date, then the site's first language."""
    return (item.date or datetime.max, codes.index(item.lang) if item.lang in codes else len(codes))


def current_text_hash(ident: str, fresh: dict[str, Planned], stored: dict[str, StoredArticle]) -> str:
    """The text hash (importer/translation_record.py) of a planned or a stored article, as written."""
    if ident in fresh:
        planned = fresh[ident]
        return text_hash(planned.fields["Title"], planned.fields.get("Summary"), "\n\n".join(planned.paragraphs))
    return article_text_hash(stored[ident])


def pair_articles(settings: SiteSettings, existing: list[StoredArticle], planned: list[Planned],
                  report: Report, writes: dict[Path, Write]) -> None:
    """Propose pairs among stored and planned articles; give each pair a shared key in `writes`."""
    locales = tuple(settings.locale(code) for code in settings.codes)
    replaced = {p.path for p in planned}
    stored = {str(a.path): a for a in existing if a.path not in replaced and a.metadata.get("lang") in settings.codes}
    fresh = {str(p.path): p for p in planned}
    items = [pairing_item(i, {k.lower(): v for k, v in a.metadata.items()}, a.body, locales) for i, a in stored.items()]
    items += [pairing_item(i, {k.lower(): v for k, v in p.fields.items() if v}, "\n\n".join(p.paragraphs), locales)
              for i, p in fresh.items()]
    rules = PairingRules(settings.pairing_min_score, settings.pairing_margin, settings.pairing_date_window_days)
    matches, report.ambiguous = propose_pairs(items, settings.codes, rules)
    by_ident = {item.ident: item for item in items}
    keys_taken = {item.key for item in items if item.key}
    assigned: dict[str, str] = {}
    records: dict[str, str] = {}  # ident -> Translation_Of, for the translation of each newly keyed pair
    for match in matches:
        first, second = by_ident[match.first], by_ident[match.second]
        key = first.key or second.key or assigned.get(first.ident) or assigned.get(second.ident)
        if key is None:
            slug = fresh[first.ident].fields["Slug"] if first.ident in fresh else stored[first.ident].metadata.get("slug", Path(first.ident).stem)
            key = new_key(first.date, slug, keys_taken)
            original, translation = sorted((first, second), key=lambda item: original_first(item, settings.codes))
            records[translation.ident] = record_value(original.lang, current_text_hash(original.ident, fresh, stored))
        for item in (first, second):
            if not item.key:
                assigned[item.ident] = key
        report.pairs.append(PairResult(match.first, match.second, match.score, key))
    for ident, key in assigned.items():
        if ident in fresh:
            fresh[ident].fields["Translation_Key"] = key
            if ident in records and not fresh[ident].fields.get(TRANSLATION_OF_FIELD):
                fresh[ident].fields[TRANSLATION_OF_FIELD] = records[ident]
            fresh[ident].outcome.reason = f"paired, key {key}"
            writes[fresh[ident].path] = fresh[ident].write()
        else:
            article = stored[ident]
            text = add_field(article, "Translation_Key", key)
            if ident in records and TRANSLATION_OF_FIELD.lower() not in article.metadata:
                text = add_field(parse_article(article.path, text), TRANSLATION_OF_FIELD, records[ident],
                                 after="Translation_Key")
            # Rewritten in place: a stored article may be anywhere in content/ (its Lang is what counts).
            writes[article.path] = Write(article.path, text, settings.content.resolve())
            report.keyed_files.append(ident)


def pair_content(settings: SiteSettings) -> Batch:
    """`newsroom pair`: keys for the pairs among the articles of content/; unreadable files are failures."""
    scan = read_content(settings.content)
    report = Report([Outcome(str(problem.path), "failed", problem.reason) for problem in scan.unreadable])
    batch = Batch(report)
    pair_articles(settings, scan.articles, [], report, batch.writes)
    return batch


def commit(writes: Iterable[Write], report: Report) -> list[Path]:
    """Write the batch's files, each proven to stay inside its folder, and return those written; a file
    that can't be written is a failure in the report (naming it), and the others are still written."""
    written = []
    for write in writes:
        try:
            write_inside(write.folder, write.path, write.text)
            written.append(write.path)
            continue
        except UnsafeTarget as error:
            reason = str(error)
        except OSError as error:
            reason = f"cannot write {write.path}: {(error.strerror or str(error)).lower()}"
        if write.outcome is not None:
            write.outcome.status, write.outcome.reason = "failed", reason
        else:
            report.outcomes.append(Outcome(str(write.path), "failed", reason))
    return written
