"""Write each edition's term-partitioned search index (partitions.py) and copy the browser's stemmers."""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import shutil
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from babel.dates import format_date
from pelican.generators import Generator

from .analyzer import UnsupportedLanguage, analyzer_config, analyzer_for
from .lunr_index import SearchDocument, plain_text, short_summary
from .partitions import language_files, ordered, story_numbers

logger = logging.getLogger(__name__)

# Browser assets from npm (package.json / package-lock.json), copied into output/search/vendor.<hash>/.
# (lunr.js itself is not shipped: engine.js reproduces its scoring over the partitions.)
STEMMER_FILES = {"portuguese": "pt.js", "indonesian": "id.js", "english": "en.js"}


def search_document(article, locale: str, languages: set[str], key_field: str) -> SearchDocument:
    terms = [getattr(article, "category", None), *getattr(article, "tags", [])]
    body = plain_text(article.content)
    return SearchDocument(
        title=article.title,
        url=article.url,
        date=article.date.isoformat(),
        shown_date=format_date(article.date, "long", locale=locale),
        summary=short_summary(plain_text(article.summary)),
        body=" ".join([body, *(term.name for term in terms if term)]),
        category=article.category.name if getattr(article, "category", None) else "",
        key=getattr(article, key_field, None),
        translations={t.lang: t.url for t in article.translations if t.lang in languages},
        text=body,
    )


class SearchIndexGenerator(Generator):
    """Orders each edition's stories once they have their URLs, builds every edition's index in a
    worker process while the pages are being written, and writes the files at the end."""

    def generate_context(self) -> None:
        languages = self.settings.get("LANGUAGES") or {}
        partition_gzip = self.settings.get("SEARCH_PARTITION_GZIP_BYTES", 12_000)
        key_field = self.settings.get("TRANSLATION_KEY_FIELD", "translation_key")
        self.stemmers, editions = set(), []
        sections = section_keys(self.context.get("articles", []), key_field)
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
        self.built = IndexBuilds([(code, config.as_json(), documents, numbers, partition_gzip, sections.get(code, {}))
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
    lang, analyzer_json, documents, stories, partition_gzip, sections = job
    return language_files(lang, analyzer_json, documents, stories, analyzer_for(lang), partition_gzip, sections)


def section_keys(articles: list, key_field: str) -> dict[str, dict[str, str]]:
    """{lang: {category name: section key}}: the categories the versions of one story carry in the
    editions are one section (pt "Economia" and id "Ekonomi"), so a search in all languages lists
    it once. A section's key is "<lang>/<slug>" of its member that sorts first: stable and unique."""
    parent: dict[tuple, tuple] = {}

    def root(node: tuple) -> tuple:
        while parent.setdefault(node, node) != node:
            node = parent[node] = parent[parent[node]]
        return node

    by_story: dict[str, list[tuple]] = {}
    for article in articles:
        category = getattr(article, "category", None)
        if category is None:
            continue
        node = (article.lang, category.name, category.slug)
        root(node)
        key = getattr(article, key_field, None)
        if key is not None:
            by_story.setdefault(key, []).append(node)
    for nodes in by_story.values():
        for node in nodes[1:]:
            parent[root(node)] = root(nodes[0])
    groups: dict[tuple, list[tuple]] = {}
    for node in parent:
        groups.setdefault(root(node), []).append(node)
    keys: dict[str, dict[str, str]] = {}
    for nodes in groups.values():
        lang, _, slug = min(nodes)
        key = f"{lang}/{slug}"
        for member, name, _ in nodes:
            keys.setdefault(member, {})[name] = key
    return keys


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
