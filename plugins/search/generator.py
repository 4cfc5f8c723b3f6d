"""Write each edition's term-partitioned search index (partitions.py) and copy the browser's stemmers."""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import multiprocessing
import os
import shutil
import traceback
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from babel.dates import format_date
from pelican.generators import Generator

from atomic_output import PUBLICATION
from atomic_output.publication import same_bytes

from .analyzer import UnsupportedLanguage, analyzer_config, analyzer_for
from .kept_work import load_work, save_work
from .lunr_index import SearchDocument, plain_paragraphs, plain_text, short_summary
from .partitions import language_files, story_numbers

logger = logging.getLogger(__name__)

# In the build's settings from the generator's output step until the index is written (wait_for_index).
BUILDING = "_search_building"

# Browser assets from npm (package.json / package-lock.json), copied into output/search/vendor.<hash>/.
# (lunr.js itself is not shipped: engine.js reproduces its scoring over the partitions.)
STEMMER_FILES = {"portuguese": "pt.js", "indonesian": "id.js", "english": "en.js"}


def search_document(article, locale: str, languages: set[str], key_field: str, texts=None) -> SearchDocument:
    """`texts`: plugins/incremental's TextMemo, which keeps the plain text of each body and summary
    from the last build (~2 s of CPU per edition at 10,000 pairs)."""
    terms = [getattr(article, "category", None), *getattr(article, "tags", [])]
    # The body as read (with what plugins placed in it): Pelican's `content` is it with {filename}
    # links resolved inside tags, which plain text leaves out, at the cost of a pass over every
    # body of the archive (~0.25 s of the index's worker at 10,000 pairs)
    html = article._content if getattr(article, "_content", None) is not None else article.content
    text = texts.apply("search-paragraphs", plain_paragraphs, html) if texts else plain_paragraphs(html)
    summary = texts.apply("search-text", plain_text, article.summary) if texts else plain_text(article.summary)
    return SearchDocument(
        title=article.title,
        url=article.url,
        date=article.date.isoformat(),
        shown_date=long_date(article.date.date(), locale),
        summary=short_summary(summary),
        body=" ".join([text, *(term.name for term in terms if term)]),
        category=article.category.name if getattr(article, "category", None) else "",
        key=getattr(article, key_field, None),
        translations={t.lang: t.url for t in article.translations if t.lang in languages},
        text=text,
    )


@lru_cache(maxsize=None)
def long_date(day: date, locale: str) -> str:
    """The date as a result shows it (Babel's "long" format; a news archive has a few stories a day)."""
    return format_date(day, "long", locale=locale)


def by_date(articles: list) -> list:
    """An edition's articles in document id order: oldest first (partitions.ordered)."""
    return sorted(articles, key=lambda a: (a.date.isoformat(), a.url))


@dataclass
class Edition:
    """What one language's index is built from (its worker reads it: forked, it needs no copying)
    and where it is written."""

    lang: str
    folder: Path  # <output>/search/<lang>
    analyzer_json: dict
    locale: str
    articles: list  # Pelican articles, by_date
    stories: list[int]  # story number of each
    languages: set[str]
    key_field: str
    partition_gzip: int
    categories: dict[str, list]
    live: Path | None = None  # the published site's copy of `folder`, when the build writes aside
    # plugins/incremental's state folder and build key: what the last build wrote, for an edition
    # whose documents did not change (None: builds are not incremental)
    state: tuple[Path, str] | None = None
    texts: object = None  # the plain texts kept from the last build (use_texts), or None

    def write(self) -> list[str]:
        """Builds and writes the edition's index files; returns those the live site already has
        with the same bytes, which are not written (names relative to `folder`)."""
        documents = [search_document(a, self.locale, self.languages, self.key_field, self.texts) for a in self.articles]
        digests = [document.digest() for document in documents] if self.state is not None else None
        previous = PreviousIndex(self.state[0] / f"search-{self.lang}.json", self.inputs(digests), self.live) \
            if self.state is not None and self.live is not None else None
        if previous is not None and previous.still_live():
            return list(previous.files)  # a correction in one edition leaves the others' indexes as they are
        work = load_work(self.work_path(), self.state[1]) if self.state is not None else None
        files = language_files(self.lang, self.analyzer_json, documents, self.stories, analyzer_for(self.lang),
                               self.partition_gzip, self.categories, work, digests,
                               previous.live_as_written if previous is not None else None)
        kept = write_files(self.folder, files, self.live)
        try:
            if previous is not None:
                previous.remember(files, set(kept), self.folder, self.live)
            if work is not None:
                save_work(self.work_path(), self.state[1], work)
        except OSError:  # an unwritable state folder, which plugins/incremental warns of: the next build builds it again
            pass
        return kept

    def work_path(self) -> Path:
        """Where the work of building this edition's index is kept for the next build (kept_work.py)."""
        return self.state[0] / f"search-{self.lang}-work.pickle"

    def inputs(self, digests: list[bytes]) -> str:
        """A digest of everything the edition's files are made from (the code and settings through
        the build key; the documents by their digests)."""
        digest = hashlib.sha256(json.dumps(
            [self.state[1], self.lang, self.analyzer_json, self.partition_gzip, self.stories, self.categories],
            sort_keys=True).encode())
        digest.update(b"".join(digests))
        return digest.hexdigest()


class PreviousIndex:
    """What the last build wrote as one edition's index, and from what: {inputs, files: {name:
    [inode, size, mtime]}}. The index is the live files only while each is still the very file
    that build wrote (as plugins/incremental holds its pages)."""

    def __init__(self, path: Path, inputs: str, live: Path):
        self.path, self.inputs, self.live = path, inputs, live
        self.written: dict[str, list] = {}  # what the last build published, whatever its inputs
        self.files: dict[str, list] = {}  # the same when its inputs were these
        self.verified: set[str] = set()  # names live_as_written found still as written, in this build
        try:
            saved = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return
        if isinstance(saved, dict) and isinstance(saved.get("files"), dict):
            self.written = saved["files"]
            if saved.get("inputs") == inputs:
                self.files = self.written

    def still_live(self) -> bool:
        return bool(self.files) and all(map(self.live_as_written, self.files))

    def live_as_written(self, name: str) -> bool:
        """The live site's file `name` is still the one the last build published."""
        from incremental.state import file_identity  # loaded: self.state comes from that plugin

        try:
            same = name in self.written and file_identity(self.live / name) == self.written[name]
        except OSError:
            return False
        if same:
            self.verified.add(name)
        return same

    def remember(self, files: dict[str, bytes], kept: set[str], written: Path, live: Path) -> None:
        """The files as they will be published: kept ones where they are, written ones moved
        there with their inode and time (publishing renames)."""
        from incremental.state import file_identity, replace_file

        # a kept file found as written moments ago keeps its identity: ~10,000 status calls spared
        # after a correction (the unchanged display blocks)
        identities = {name: self.written[name] if name in kept and name in self.verified
                      else file_identity((live if name in kept else written) / name) for name in files}
        replace_file(self.path, json.dumps({"inputs": self.inputs, "files": identities}).encode())


class SearchIndexGenerator(Generator):
    """Orders each edition's stories once they have their URLs and builds and writes every
    edition's index in a worker process while the pages are being written (Pelican has cleaned the
    output folder before generate_context). The build waits for them once every generator has
    written its pages (`finish`, at Pelican's `finalized`, before the output checks)."""

    def generate_context(self) -> None:
        languages = self.settings.get("LANGUAGES") or {}
        partition_gzip = self.settings.get("SEARCH_PARTITION_GZIP_BYTES", 12_000)
        key_field = self.settings.get("TRANSLATION_KEY_FIELD", "translation_key")
        self.stemmers, editions = set(), []
        self.publication = self.settings.get(PUBLICATION)  # plugins/atomic_output: the build writes aside
        live = self.publication and self.publication.target
        categories = sections(self.context.get("articles", []), key_field)
        state = incremental_state(self.settings)
        for code, language in languages.items():
            try:
                config = analyzer_config(code)
            except UnsupportedLanguage as error:
                logger.error("LANGUAGES[%r]: %s; its stories are not searchable", code, error)
                continue
            self.stemmers.add(config.stemmer)
            articles = by_date([a for a in self.context.get("articles", []) if a.lang == code])
            editions.append(Edition(code, Path(self.output_path) / "search" / code, config.as_json(),
                                    language["locale"], articles, [], set(languages), key_field, partition_gzip,
                                    categories.get(code, {}), live and live / "search" / code, state))
        numbers = story_numbers([[getattr(a, key_field, None) for a in edition.articles] for edition in editions])
        for edition, stories in zip(editions, numbers):
            edition.stories = stories
        self.built = IndexBuilds(editions, plain_texts(self.settings))
        self.vendor_files = self._vendor_files()
        # The vendor folder is named by its content, so hosts can cache it forever; the search
        # page (written before this generator's output) finds it through SEARCH_VENDOR.
        self.vendor = f"search/vendor.{vendor_digest(self.vendor_files)}/"
        self.context["SEARCH_VENDOR"] = self.vendor

    def generate_output(self, writer) -> None:
        self._copy_assets(Path(self.output_path) / self.vendor)
        self.settings[BUILDING] = self  # the generators after this one write while the worker works

    def finish(self) -> None:
        """Wait for the worker; the index files it left as the live site has them are published so."""
        for edition, kept in zip(self.built.editions, self.built.wait()):
            for name in kept:
                self.publication.keep_live(f"search/{edition.lang}/{name}")

    def _vendor_files(self) -> dict[str, Path]:
        """{path inside the vendor folder: file in node_modules} for the Snowball stemmers."""
        modules = Path(self.settings.get("NODE_MODULES", "node_modules"))
        wanted = {}
        for algorithm in sorted(self.stemmers):
            wanted[f"stemmers/{algorithm}.js"] = modules / "@orama" / "stemmers" / "dist" / STEMMER_FILES[algorithm]
        for source in wanted.values():
            if not source.is_file():
                logger.error("search: %s is missing; run `npm ci` (make html and make test do)", source)
        return {name: source for name, source in wanted.items() if source.is_file()}

    def _copy_assets(self, vendor: Path) -> None:
        for name, source in self.vendor_files.items():
            (vendor / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, vendor / name)


def incremental_build(settings):
    """plugins/incremental's record of this build, or None when builds are not incremental."""
    try:  # that plugin is loaded after this one (PLUGINS order), and only when it is enabled
        from incremental.state import STATE
    except ImportError:
        return None
    return settings.get(STATE)


def incremental_state(settings) -> tuple[Path, str] | None:
    """plugins/incremental's state folder and build key for this build; None when builds are not incremental."""
    build = incremental_build(settings)
    return (build.folder, build.keys.build_key) if build is not None else None


def plain_texts(settings) -> tuple[Path, bool] | None:
    """Where the stories' plain texts are kept in plugins/incremental's state folder (a file of its
    own: the worker process extracts them, and the build saves only its own memo), and whether the
    last build's may be used (the same build key); None when builds are not incremental."""
    build = incremental_build(settings)
    return None if build is None else (build.folder / "search-texts.pickle", build.previous.same_build)


def vendor_digest(files: dict[str, Path]) -> str:
    combined = hashlib.sha256()
    for name, source in sorted(files.items()):
        combined.update(name.encode() + b"\0" + source.read_bytes())
    return combined.hexdigest()[:10]


WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_CLOEXEC


def write_files(folder: Path, files: dict[str, bytes | None], live: Path | None = None) -> list[str]:
    """Writes {relative name: content} into `folder` (tens of thousands of small files: each
    subfolder is made and opened once, and files are written through it without Python file objects).
    A file `live` (the published copy of `folder`) already has with the same bytes is not written,
    nor one whose content is None (known to be live: language_files): the names of those are
    returned. After a correction most of an archive's files are unchanged, and leaving them in
    place spares writing, publishing and deleting tens of thousands of files."""
    subfolders = {}
    kept = []
    try:
        for subfolder in sorted({os.path.dirname(name) for name in files}):
            (folder / subfolder).mkdir(parents=True, exist_ok=True)
            subfolders[subfolder] = os.open(folder / subfolder, os.O_RDONLY | os.O_DIRECTORY)
        for name, data in files.items():
            if data is None or live is not None and same_bytes(live / name, data):
                kept.append(name)
                continue
            subfolder, base = os.path.split(name)
            file = os.open(base, WRITE_FLAGS, 0o666, dir_fd=subfolders[subfolder])
            try:
                written = os.write(file, data)
                while written < len(data):  # a regular file takes it whole but for a signal or a full disk
                    written += os.write(file, data[written:])
            finally:
                os.close(file)
    finally:
        for descriptor in subfolders.values():
            os.close(descriptor)
    return kept


def sections(articles: list, key_field: str) -> dict[str, dict[str, list]]:
    """{lang: {category name: [its key "<lang>/<slug>", [keys of its counterparts]]}}. A category's
    counterpart in another edition is the category the translations of its stories carry most
    often, when that holds both ways (pt "Economia" and id "Ekonomi"): one mis-filed translation
    does not merge two sections, and a key never changes as stories arrive (links keep working)."""
    keys: dict[tuple, str] = {}
    versions: dict[str, list[tuple]] = defaultdict(list)
    for article in articles:
        category = getattr(article, "category", None)
        if category is None:
            continue
        node = (article.lang, category.name)
        keys[node] = f"{article.lang}/{category.slug}"
        if getattr(article, key_field, None) is not None:
            versions[getattr(article, key_field)].append(node)
    together = Counter((a, b) for nodes in versions.values() for a in nodes for b in nodes if a[0] != b[0])
    best: dict[tuple, tuple] = {}  # (category, other language) -> its most frequent counterpart there
    for (a, b), _ in sorted(together.items(), key=lambda item: (-item[1], item[0])):
        best.setdefault((a, b[0]), b)
    linked: dict[tuple, list[str]] = defaultdict(list)
    for (a, _), b in best.items():
        if best.get((b, a[0])) == a:
            linked[a].append(keys[b])
    result: dict[str, dict[str, list]] = {}
    for node, key in keys.items():
        result.setdefault(node[0], {})[node[1]] = [key, sorted(linked[node])]
    return result


PARALLEL_MIN_DOCUMENTS = 400  # below it, starting worker processes costs more than it saves


class IndexBuilds:
    """Every edition's index files, built and written; for a large archive in one forked worker
    process that builds the editions in turn while the build writes its pages. A forked worker
    shares the build's memory (its articles are not copied) and writes its files itself: only each
    edition's outcome comes back. One worker, not one per edition: with the build's own process
    that is two processes for two cores, and one edition's index in memory at a time (two workers
    at once put the 10,000-pair build's peak at 1.6 GiB, ~570 MiB each)."""

    def __init__(self, editions: list[Edition], texts: tuple[Path, bool] | None = None):
        """`texts`: where the stories' plain texts are kept, and whether the last build's may be
        read (plain_texts); loaded by the process that builds the editions."""
        self.editions = editions
        self.texts = texts
        self.worker = None
        if (os.cpu_count() or 1) >= 2 and sum(len(edition.articles) for edition in editions) >= PARALLEL_MIN_DOCUMENTS:
            context = multiprocessing.get_context("fork")
            gc.freeze()  # the worker's garbage collector leaves the build's objects alone (no copy-on-write)
            try:
                self.receiver, sender = context.Pipe(duplex=False)
                self.worker = context.Process(target=write_editions, args=(editions, sender, texts), daemon=True)
                self.worker.start()
                sender.close()
            finally:
                gc.unfreeze()

    def wait(self) -> list[list[str]]:
        """Returns once every edition's files are written (raises the error that stopped one): for
        each edition, the files the live site already has (Edition.write)."""
        if self.worker is None:
            texts = use_texts(self.editions, self.texts)
            kept = [edition.write() for edition in self.editions]
            save_texts(texts)
            return kept
        kept = []
        try:
            for edition in self.editions:
                try:
                    built, result = self.receiver.recv()
                except EOFError:
                    self.worker.join()
                    built, result = False, f"the worker stopped (exit code {self.worker.exitcode})"
                if not built:
                    if isinstance(result, OSError):
                        raise result
                    raise RuntimeError(f"search index of {edition.lang!r}: {result}")
                kept.append(result)
        finally:
            self.receiver.close()
            self.worker.join()
        return kept


def use_texts(editions: list[Edition], kept: tuple[Path, bool] | None):
    """The editions' TextMemo of plain texts (plugins/incremental's memo.py), or None."""
    if kept is None:
        return None
    from incremental.memo import TextMemo  # loaded: `kept` comes from that plugin (plain_texts)

    texts = TextMemo(*kept)
    for edition in editions:
        edition.texts = texts
    return texts


def save_texts(texts) -> None:
    if texts is not None:
        try:
            texts.save()
        except OSError:  # an unwritable state folder, which plugins/incremental warns of: the next build extracts them again
            pass


def write_editions(editions: list[Edition], sender, kept_texts: tuple[Path, bool] | None = None) -> None:
    """The worker's work: every edition's files written, then, for each edition, the names of those
    left live (or the error that stopped it) sent to the build. Sent at the end, not edition by
    edition: the build reads them only once its pages are written, and a list of kept names larger
    than the pipe's buffer (a rebuild keeps ~10,000 display fragments per edition) would hold the
    worker in send() until then, with the other editions not yet built."""
    gc.disable()  # a short-lived process building large lists: collections would only cost time
    outcomes = []
    try:
        texts = use_texts(editions, kept_texts)
        for number, edition in enumerate(editions):
            if number:  # (not after the last edition: the process ends)
                gc.collect()  # the previous edition's index is garbage now: its memory goes to this one
            try:
                outcomes.append((True, edition.write()))
            except OSError as error:  # the machine's (a full disk…): the build reports it in one line
                outcomes.append((False, error))
                return
            except BaseException:
                outcomes.append((False, traceback.format_exc()))
                return
        save_texts(texts)  # (this process's copy holds what the editions used)
    finally:
        try:
            for outcome in outcomes:
                sender.send(outcome)
        finally:
            sender.close()
