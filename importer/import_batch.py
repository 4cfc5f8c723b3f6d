"""Import a batch of source files into content/, then pair the translations of what is there.

Nothing is written before the whole batch is planned; with dry_run nothing is written at all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Callable, Iterable

from .anchors import extract_anchors
from .content_store import StoredArticle, add_field, render_article, scan_content, write_atomic
from .dates import parse_dateline
from .detection import Detection, DetectionError, LanguageDetector, language_detector
from .headlines import derive_headline, looks_like_headline, make_slug, unescape_markdown
from .pairing import Ambiguity, Match, PairingItem, PairingRules, propose_pairs
from .site_settings import SiteSettings
from .sources import FORMATS, Source, SourceError, read_source

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

    def text(self) -> str:
        return render_article(list(self.fields.items()), self.paragraphs)


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

    def count(self, status: str) -> int:
        return sum(1 for outcome in self.outcomes if outcome.status == status)

    @property
    def failed(self) -> bool:
        return self.count("failed") > 0


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
        return datetime.fromisoformat(value.strip()).replace(tzinfo=None)
    except ValueError:
        return parse_dateline(value, locales)


class Importer:
    def __init__(self, settings: SiteSettings, options: ImportOptions, today: date | None = None):
        self.settings = settings
        self.options = options
        self.today = today or date.today()
        self.locales = tuple(settings.locale(code) for code in settings.codes)
        self.existing = scan_content(settings.content)
        self.by_source = {a.metadata["source_sha256"]: a for a in self.existing if "source_sha256" in a.metadata}
        self.taken = {code: set() for code in settings.codes}
        for article in self.existing:
            lang = article.metadata.get("lang")
            self.taken.setdefault(lang, set()).update({article.metadata.get("slug", ""), article.path.stem})

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

    def plan(self, path: Path, source: Source, outcome: Outcome, detection: Detection | None) -> Planned:
        lang = self.declared_language(source) or detection.lang
        outcome.lang, outcome.confidence = lang, detection.confidence if detection else None
        paragraphs = list(source.paragraphs)

        found_date = article_date(source.metadata.get("date"), self.locales)
        # A dateline before or after the headline, or closing the text, is metadata, not body.
        for index in sorted({0, 1, len(paragraphs) - 1} & set(range(len(paragraphs))), reverse=True):
            dateline = parse_dateline(unescape_markdown(paragraphs[index]), self.locales)
            if dateline and len(paragraphs) > 1:
                found_date = found_date or dateline
                paragraphs.pop(index)

        title, needs_review = source.title, False
        if title is None and len(paragraphs) > 1 and looks_like_headline(unescape_markdown(paragraphs[0])):
            title = unescape_markdown(paragraphs.pop(0))
        if title is None:
            title, needs_review = derive_headline(unescape_markdown(paragraphs[0])), True
            outcome.warnings.append("no headline found: title derived from the lede, marked Needs_Review")

        previous = self.by_source.get(source.sha256)
        if self.options.date:
            when = datetime.combine(self.options.date, datetime.min.time())
        elif found_date:
            when = found_date
        elif previous and article_date(previous.metadata.get("date"), self.locales):
            when = article_date(previous.metadata["date"], self.locales)  # re-import: keep the first date
        else:
            when = datetime.combine(self.today, datetime.min.time())
            outcome.warnings.append(f"no date in the file: dated today ({self.today}); use --date")

        meta = source.metadata
        slug = (previous.metadata.get("slug") if previous else None) or meta.get("slug") or make_slug(
            title, self.settings.slug_substitutions, self.taken.setdefault(lang, set()))
        self.taken[lang].add(slug)
        fields = {
            "Title": title,
            "Date": f"{when:%Y-%m-%d %H:%M}",
            "Lang": lang,
            "Slug": slug,
            "Translation_Key": meta.get("translation_key") or (previous.metadata.get("translation_key") if previous else None),
            "Category": self.options.category or meta.get("category"),
            "Tags": self.options.tags or meta.get("tags"),
            "Author": meta.get("author"),
            "Summary": meta.get("summary") or " ".join(paragraphs[0].split()),
            "Needs_Review": "title" if needs_review else None,
            "Source": path.name,
            "Source_Sha256": source.sha256,
        }
        target = previous.path if previous else self.settings.content / lang / f"{slug}.md"
        outcome.target = str(target)
        return Planned(target, fields, paragraphs, outcome)

    def run(self, paths: list[Path], progress: Callable[[Iterable], Iterable] = lambda files: files) -> Report:
        report = Report()
        readable: dict[str, tuple[Path, Source, Outcome]] = {}  # by hash: a file twice in a batch is one article
        for path in progress(collect_files(paths, report)):
            outcome = Outcome(str(path), "imported")
            report.outcomes.append(outcome)
            try:
                source = read_source(path, self.settings.max_bytes)
                if source.sha256 in readable:
                    outcome.status, outcome.reason = "unchanged", f"same content as {readable[source.sha256][0]}"
                else:
                    self.declared_language(source)  # a Lang field the site doesn't have fails here
                    readable[source.sha256] = (path, source, outcome)
            except SourceError as error:
                outcome.status, outcome.reason = "failed", str(error)
            except OSError as error:
                outcome.status, outcome.reason = "failed", f"cannot read: {error.strerror}"
        detections = self._detect([source for _, source, _ in readable.values()])
        planned = []
        for path, source, outcome in readable.values():
            detection = detections.get(source.sha256)
            if isinstance(detection, DetectionError):
                outcome.status, outcome.reason = "failed", str(detection)
                continue
            planned.append(self.plan(path, source, outcome, detection))
        writes = self._decide(planned)
        fresh = [p for p in planned if p.outcome.status in ("imported", "updated")]
        pair_articles(self.settings, self.existing, fresh, report, writes)
        if not self.options.dry_run:
            for path, text in writes.items():
                write_atomic(path, text)
        return report

    def _detect(self, sources: list[Source]) -> dict[str, Detection | DetectionError]:
        """Language of every source that declares none, detected in one parallel batch."""
        undeclared = [source for source in sources if self.declared_language(source) is None]
        if not undeclared:
            return {}
        results = self.detector.detect_many([unescape_markdown(s.text) for s in undeclared])
        return {source.sha256: result for source, result in zip(undeclared, results)}

    def _decide(self, planned: Iterable[Planned]) -> dict[Path, str]:
        """Which planned articles are written: unchanged ones are not, edited ones only with --force."""
        writes = {}
        for item in planned:
            text, outcome = item.text(), item.outcome
            previous = self.by_source.get(item.fields["Source_Sha256"])
            on_disk = previous or (self._stored(item.path) if item.path.exists() else None)
            if on_disk is None:
                writes[item.path] = text
            elif on_disk.text == text:
                outcome.status = "unchanged"
            elif on_disk.edited and not self.options.force:
                outcome.status = "skipped"
                outcome.reason = f"{item.path} was edited after import; use --force to overwrite it"
            else:
                outcome.status = "updated"
                writes[item.path] = text
        return writes

    def _stored(self, path: Path) -> StoredArticle | None:
        return next((a for a in self.existing if a.path == path), None)


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


def pair_articles(settings: SiteSettings, existing: list[StoredArticle], planned: list[Planned],
                  report: Report, writes: dict[Path, str]) -> None:
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
    for match in matches:
        first, second = by_ident[match.first], by_ident[match.second]
        key = first.key or second.key or assigned.get(first.ident) or assigned.get(second.ident)
        if key is None:
            slug = fresh[first.ident].fields["Slug"] if first.ident in fresh else stored[first.ident].metadata.get("slug", Path(first.ident).stem)
            key = new_key(first.date, slug, keys_taken)
        for item in (first, second):
            if not item.key:
                assigned[item.ident] = key
        report.pairs.append(PairResult(match.first, match.second, match.score, key))
    for ident, key in assigned.items():
        if ident in fresh:
            fresh[ident].fields["Translation_Key"] = key
            fresh[ident].outcome.reason = f"paired, key {key}"
            writes[fresh[ident].path] = fresh[ident].text()
        else:
            writes[stored[ident].path] = add_field(stored[ident], "Translation_Key", key)
            report.keyed_files.append(ident)
