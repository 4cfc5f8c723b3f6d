"""Write each edition's term-partitioned search index (partitions.py) and copy the browser's stemmers."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import shutil
from collections import Counter, defaultdict
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from babel.dates import format_date
from pelican.generators import Generator

from .analyzer import UnsupportedLanguage, analyzer_config, analyzer_for
from .lunr_index import SearchDocument, plain_paragraphs, plain_text, short_summary
from .partitions import language_files, ordered, story_numbers

logger = logging.getLogger(__name__)

# Browser assets from npm (package.json / package-lock.json), copied into output/search/vendor.<hash>/.
# (lunr.js itself is not shipped: engine.js reproduces its scoring over the partitions.)
STEMMER_FILES = {"portuguese": "pt.js", "indonesian": "id.js", "english": "en.js"}


def search_document(article, locale: str, languages: set[str], key_field: str) -> SearchDocument:
    terms = [getattr(article, "category", None), *getattr(article, "tags", [])]
    text = plain_paragraphs(article.content)
    return SearchDocument(
        title=article.title,
        url=article.url,
        date=article.date.isoformat(),
        shown_date=format_date(article.date, "long", locale=locale),
        summary=short_summary(plain_text(article.summary)),
        body=" ".join([text, *(term.name for term in terms if term)]),
        category=article.category.name if getattr(article, "category", None) else "",
        key=getattr(article, key_field, None),
        translations={t.lang: t.url for t in article.translations if t.lang in languages},
        text=text,
    )


class SearchIndexGenerator(Generator):
    """Orders each edition's stories once they have their URLs, builds every edition's index in a
    worker process while the pages are being written, and writes the files at the end."""

    def generate_context(self) -> None:
        languages = self.settings.get("LANGUAGES") or {}
        partition_gzip = self.settings.get("SEARCH_PARTITION_GZIP_BYTES", 12_000)
        key_field = self.settings.get("TRANSLATION_KEY_FIELD", "translation_key")
        self.stemmers, editions = set(), []
        categories = sections(self.context.get("articles", []), key_field)
        for code, language in languages.items():
            try:
                config = analyzer_config(code)
            except UnsupportedLanguage as error:
                logger.error("LANGUAGES[%r]: %s; its stories are not searchable", code, error)
                continue
            self.stemmers.add(config.stemmer)
            articles = [a for a in self.context.get("articles", []) if a.lang == code]
            documents = [search_document(a, language["locale"], set(languages), key_field) for a in articles]
            editions.append((code, config, ordered(documents)))
        stories = story_numbers([documents for _, _, documents in editions])
        self.codes = [code for code, _, _ in editions]
        self.built = IndexBuilds([(code, config.as_json(), documents, numbers, partition_gzip, categories.get(code, {}))
                                  for (code, config, documents), numbers in zip(editions, stories)])
        self.vendor_files = self._vendor_files()
        # The vendor folder is named by its content, so hosts can cache it forever; the search
        # page (written before this generator's output) finds it through SEARCH_VENDOR.
        self.vendor = f"search/vendor.{vendor_digest(self.vendor_files)}/"
        self.context["SEARCH_VENDOR"] = self.vendor

    def generate_output(self, writer) -> None:
        output = Path(self.output_path) / "search"
        for code, files in zip(self.codes, self.built.results()):
            for name, data in files.items():
                (output / code / name).parent.mkdir(parents=True, exist_ok=True)
                (output / code / name).write_bytes(data)
        self._copy_assets(Path(self.output_path) / self.vendor)

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


def vendor_digest(files: dict[str, Path]) -> str:
    combined = hashlib.sha256()
    for name, source in sorted(files.items()):
        combined.update(name.encode() + b"\0" + source.read_bytes())
    return combined.hexdigest()[:10]


PARALLEL_MIN_DOCUMENTS = 400  # below it, starting worker processes costs more than it saves


def build_language_files(job: tuple) -> dict[str, bytes]:
    lang, analyzer_json, documents, stories, partition_gzip, categories = job
    return language_files(lang, analyzer_json, documents, stories, analyzer_for(lang), partition_gzip, categories)


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


class IndexBuilds:
    """Every edition's index files; for a large archive built in worker processes, started at once."""

    def __init__(self, jobs: list[tuple]):
        self.jobs = jobs
        self.pool = self.futures = None
        workers = min(len(jobs), os.cpu_count() or 1)
        if workers >= 2 and sum(len(job[2]) for job in jobs) >= PARALLEL_MIN_DOCUMENTS:
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            self.futures = [self.pool.submit(build_language_files, job) for job in jobs]

    def results(self) -> list[dict[str, bytes]]:
        if self.pool is None:
            return [build_language_files(job) for job in self.jobs]
        with self.pool:
            return [future.result() for future in self.futures]
